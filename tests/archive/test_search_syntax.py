"""Search syntax, hostile input, highlighting and the samples' must_find strings."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Item
from archive.search import parse_query
from tests.factories import ArticleFactory, ItemFactory, NoticeFactory

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "pages"


def _ids(raw: str) -> set[int]:
    return set(Item.objects.search(parse_query(raw)).values_list("pk", flat=True))


@pytest.mark.django_db
def test_query_syntax_and_or_not_phrase_and_scopes():
    # As imported, an item's text carries its byline and a notice's its issuer.
    a = ArticleFactory(
        item__title="绿色贷款助力赤峰",
        item__text="本报记者 贺向军\n赤峰绿色贷款余额增长。",
    )
    b = ArticleFactory(
        item__title="普惠小微在通辽", item__text="本报记者 贺向军\n通辽市普惠小微贷款。"
    )
    n = NoticeFactory(item__text="公告送达。\n通辽市自然资源局")
    ids = _ids

    assert ids("贷款 通辽") == {b.item.pk}
    assert ids("赤峰 OR 通辽") == {a.item.pk, b.item.pk, n.item.pk}
    assert ids("通辽 -普惠") == {n.item.pk}
    assert ids('"绿色贷款余额"') == {a.item.pk}
    assert ids("title:赤峰") == {a.item.pk}
    assert ids("author:贺向军") == {a.item.pk, b.item.pk}
    assert ids("issuer:自然资源局") == {n.item.pk}
    assert ids("赤峰 -赤峰") == set()


def test_parse_query_tolerates_hostile_input():
    assert parse_query("").is_empty
    assert parse_query("OR").is_empty
    assert parse_query("-").is_empty
    assert parse_query("-赤峰").is_empty
    assert parse_query("-赤峰").notices
    assert not parse_query('"未闭合的短语').is_empty
    assert parse_query("字" * 1000).notices
    assert parse_query("a OR OR b").clauses


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"""',
        "OR",
        "- - -",
        "title:",
        'issuer:"',
        "'; DROP TABLE archive_item; --",
        "%_%",
        "\\",
        "<script>alert(1)</script>",
        "字" * 1000,
        "a" * 5000,
        "\x00",
    ],
)
def test_hostile_queries_get_a_page_not_an_error(client, hostile):
    ItemFactory(title="正常条目", text="普惠金融")
    response = client.get(reverse("archive:search"), {"q": hostile, "page": "x"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert Item.objects.exists()


@pytest.mark.django_db
def test_bad_filter_values_are_reported_not_crashed(client):
    response = client.get(
        reverse("archive:search"), {"q": "金融", "year": "二〇二六", "date_from": "x"}
    )
    assert response.status_code == 200
    assert "部分筛选条件无效" in response.content.decode()


@pytest.mark.django_db
def test_results_are_highlighted_in_the_printed_text(client):
    ItemFactory(title="測試", text="內蒙古普惠金融發展報告：ＥＳＧ貸款")
    body = client.get(reverse("archive:search"), {"q": "普惠金融 esg"}).content.decode()
    assert "<mark>普惠金融</mark>" in body
    assert "<mark>ＥＳＧ</mark>" in body  # the printed full-width form, highlighted


@pytest.mark.django_db
def test_search_command_prints_total_facets_and_hits():
    ItemFactory(title="信易贷平台", text="信易贷平台撮合融资")
    out = StringIO()
    call_command("search", "信易贷", stdout=out)
    assert "共 1 条" in out.getvalue()
    assert "【信易贷】" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.skipif(
    not SAMPLES.exists(), reason=f"shared samples not found at {SAMPLES}"
)
def test_the_samples_must_find_and_must_not_find_strings(places):
    for number, name in enumerate(["000_2b0df0ff8dae3a36", "002_88f823f1af9da45b"]):
        call_command(
            "import_pages",
            str(SAMPLES / f"{name}.txt"),
            "--publication",
            f"sample-{number}",
            "--date",
            "2026-02-03",
            "--page",
            "1",
            "--publish",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    for number, name in enumerate(["000_2b0df0ff8dae3a36", "002_88f823f1af9da45b"]):
        expected = json.loads((SAMPLES / f"{name}.expected.json").read_text())
        items = list(
            Item.objects.filter(page__issue__publication__slug=f"sample-{number}")
            .order_by("position")
            .values_list("pk", flat=True)
        )
        for pk, want in zip(items, expected["items"], strict=True):
            for needle in want.get("must_find", []):
                found = Item.objects.search(parse_query(needle)).values_list(
                    "pk", flat=True
                )
                assert pk in set(found), needle
            for needle in want.get("must_not_find", []):
                found = Item.objects.search(parse_query(needle)).values_list(
                    "pk", flat=True
                )
                assert pk not in set(found), needle


@pytest.mark.django_db
def test_the_item_page_highlights_the_query_in_its_text(client):
    item = ItemFactory(title="报道", text="第一段。\n赤峰市普惠金融发展迅速。")
    body = client.get(item.get_absolute_url(), {"q": "普惠金融"}).content.decode()
    assert "<mark>普惠金融</mark>" in body


@pytest.mark.django_db
def test_results_over_time_are_drawn_as_svg_bars(client):
    import datetime

    from tests.factories import IssueFactory, PageFactory

    for year in (2024, 2025, 2025):
        issue = IssueFactory(date=datetime.date(year, 3, 1 + Item.objects.count()))
        ItemFactory(page=PageFactory(issue=issue), text="绿色金融")
    body = client.get(reverse("archive:search"), {"q": "绿色金融"}).content.decode()
    assert "<svg" in body
    assert "2024：1 条" in body and "2025：2 条" in body


@pytest.mark.django_db
def test_facet_and_page_links_keep_the_query(client, places):
    from archive.models import Place

    for number in range(25):
        item = ItemFactory(title=f"赤峰报道{number}", text="赤峰市绿色金融")
        item.places.add(Place.objects.get(name="赤峰市"))
    body = client.get(reverse("archive:search"), {"q": "绿色金融"}).content.decode()
    assert 'href="?q=%E7%BB%BF%E8%89%B2%E9%87%91%E8%9E%8D&amp;place=' in body
    assert 'href="?q=%E7%BB%BF%E8%89%B2%E9%87%91%E8%9E%8D&amp;page=2"' in body


@pytest.mark.django_db
def test_relevance_puts_title_hits_then_more_occurrences_first():
    from django.contrib.auth.models import AnonymousUser

    from archive.filters import search_results

    once = ItemFactory(title="甲", text="普惠一次。")
    thrice = ItemFactory(title="乙", text="普惠，普惠，普惠。")
    in_title = ItemFactory(title="普惠金融", text="正文没有。")
    results = search_results({"q": "普惠"}, user=AnonymousUser())
    assert [hit.item.pk for hit in results.hits] == [in_title.pk, thrice.pk, once.pk]
    newest = search_results({"q": "普惠", "sort": "newest"}, user=AnonymousUser())
    assert newest.hits[0].item.date >= newest.hits[-1].item.date


@pytest.mark.django_db
def test_a_whole_word_in_the_title_ranks_above_a_part_of_a_word():
    from django.contrib.auth.models import AnonymousUser

    from archive.filters import search_results

    word = ItemFactory(title="数字金融发展", text="正文")
    part = ItemFactory(title="金融街的早晨", text="正文")  # newer: wins without jieba
    assert part.date > word.date
    results = search_results({"q": "金融"}, user=AnonymousUser())
    assert [hit.item.pk for hit in results.hits] == [word.pk, part.pk]


@pytest.mark.django_db(transaction=True)
def test_cached_counts_are_dropped_when_items_are_written(tmp_path):
    from django.contrib.auth.models import AnonymousUser

    from archive.filters import search_results
    from archive.services import reference_data_ensure

    reference_data_ensure()
    first = ItemFactory(title="第一篇绿色金融", text="绿色金融")
    assert search_results({"q": "绿色金融"}, user=AnonymousUser()).total == 1
    # A write that bypasses the ORM is not seen: the counts are cached.
    Item.objects.filter(pk=first.pk).update(status=Item.Status.DRAFT)
    assert search_results({"q": "绿色金融"}, user=AnonymousUser()).total == 1
    first.refresh_from_db()
    first.save()  # any ORM save (admin, editors' desk) drops cached counts
    assert search_results({"q": "绿色金融"}, user=AnonymousUser()).total == 0
    first.status = Item.Status.PUBLISHED
    first.save()
    ItemFactory(title="第二篇绿色金融", text="绿色金融")
    assert search_results({"q": "绿色金融"}, user=AnonymousUser()).total == 2
    page = tmp_path / "p.txt"
    page.write_text(
        "# 绿色金融第三篇\n\n本报记者 张三\n\n绿色金融正文。\n", encoding="utf-8"
    )
    call_command(
        "import_pages",
        str(page),
        "--publication",
        "p",
        "--date",
        "2026-01-05",
        "--page",
        "1",
        "--publish",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert search_results({"q": "绿色金融"}, user=AnonymousUser()).total == 3
