"""The reader-facing pages render what the models hold, in Chinese."""

import pytest
from django.urls import reverse

from archive.models import Item, Place
from tests.factories import (
    ArticleFactory,
    FigureFactory,
    ItemFactory,
    NoticeFactory,
    programme,
)

pytestmark = pytest.mark.django_db


def test_home_page_lists_latest_items_newest_first(
    client, django_assert_max_num_queries
):
    older = ItemFactory(title="较早的报道")
    newer = ItemFactory(title="较新的报道")
    ItemFactory.create_batch(5)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("archive:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in body
    assert body.index(newer.title) < body.index(older.title)


def test_empty_archive_home_page_says_so(client):
    body = client.get(reverse("archive:home")).content.decode()
    assert "档案中还没有已发布的条目" in body


def test_article_detail_shows_column_kicker_byline_figures_and_programmes(client):
    article = ArticleFactory(affiliation="通辽市财政局")
    item = article.item
    item.programmes.add(programme("inclusive"))
    FigureFactory(item=item)
    body = client.get(item.get_absolute_url()).content.decode()
    for expected in [
        "走一线 改文风",
        "春启“新”账本：",
        "本报记者 贺向军 杨春章",
        "普惠金融",
        "289.42亿元",
        "（作者单位：通辽市财政局）",
        f"第{item.page.number}版",
    ]:
        assert expected in body


def test_notice_detail_shows_its_legal_facts(client):
    notice = NoticeFactory()
    body = client.get(notice.item.get_absolute_url()).content.decode()
    for expected in [
        "行政执法文书送达公告",
        "通辽市自然资源局",
        "高士发",
        "通自然拆催字[2026]第9号",
        "2026年2月3日",
    ]:
        assert expected in body


def test_issue_page_lists_its_pages_and_items_in_print_order(client):
    first = ItemFactory(position=1, title="头条")
    ItemFactory(page=first.page, position=2, title="第二条")
    body = client.get(first.page.issue.get_absolute_url()).content.decode()
    assert body.index("头条") < body.index("第二条")
    assert f'id="page-{first.page.number}"' in body


def test_place_page_includes_items_about_places_below_it(client, places):
    item = ItemFactory(title="乌丹镇的雪")
    item.places.add(Place.objects.get(name="乌丹镇"))
    elsewhere = ItemFactory(title="库伦旗的事")
    elsewhere.places.add(Place.objects.get(name="库伦旗"))
    chifeng = Place.objects.get(name="赤峰市")
    body = client.get(chifeng.get_absolute_url()).content.decode()
    assert "乌丹镇的雪" in body
    assert "库伦旗的事" not in body
    assert "翁牛特旗" in body  # a child place to drill into


def test_programme_page_lists_tagged_items(client):
    tagged = ItemFactory(title="绿色贷款的故事")
    tagged.programmes.add(programme("green"))
    ItemFactory(title="无关报道")
    body = client.get(programme("green").get_absolute_url()).content.decode()
    assert "绿色贷款的故事" in body
    assert "无关报道" not in body


def test_search_needs_every_term(client):
    ItemFactory(title="通辽普惠小微", text="通辽市普惠小微贷款")
    ItemFactory(title="赤峰普惠小微", text="赤峰市普惠小微贷款")
    response = client.get(reverse("archive:search"), {"q": "普惠小微 通辽"})
    titles = [hit.item.title for hit in response.context["results"].hits]
    assert titles == ["通辽普惠小微"]


@pytest.mark.parametrize(
    "hostile", ["", "   ", "' OR 1=1 --", "<script>alert(1)</script>", "字" * 1000]
)
def test_search_never_fails_on_hostile_input(client, hostile):
    ItemFactory()
    response = client.get(reverse("archive:search"), {"q": hostile})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_objects_are_404(client):
    assert client.get(reverse("archive:item-detail", args=[999999])).status_code == 404
    assert (
        client.get(reverse("archive:place-detail", args=["000000"])).status_code == 404
    )
    assert (
        client.get(reverse("archive:programme-detail", args=["nope"])).status_code
        == 404
    )


def test_item_kinds_are_labelled_in_chinese():
    assert Item.Kind.ARTICLE.label == "文章"
    assert Item.Kind.NOTICE.label == "公告"


def test_browse_by_date_goes_year_month_calendar_issue(client):
    item = ItemFactory(title="日历里的报道")
    day = item.date
    years = client.get(reverse("archive:browse-dates")).content.decode()
    assert f"{day.year}年" in years
    months = client.get(
        reverse("archive:browse-year", args=[day.year])
    ).content.decode()
    assert reverse("archive:browse-month", args=[day.year, day.month]) in months
    calendar_page = client.get(
        reverse("archive:browse-month", args=[day.year, day.month])
    ).content.decode()
    assert item.page.issue.get_absolute_url() in calendar_page
    assert (
        client.get(reverse("archive:browse-month", args=[day.year, 13])).status_code
        == 404
    )


def test_programme_and_place_pages_show_a_timeline_and_counts_below(client, places):
    import datetime

    from tests.factories import IssueFactory, PageFactory

    wudan = Place.objects.get(name="乌丹镇")
    for year in (2024, 2025):
        issue = IssueFactory(date=datetime.date(year, 5, 1))
        item = ItemFactory(page=PageFactory(issue=issue), title=f"{year}年绿色金融")
        item.programmes.add(programme("green"))
        item.places.add(wudan)
    green = client.get(programme("green").get_absolute_url()).content.decode()
    assert "<svg" in green and "2024：1 条" in green
    assert "赤峰市" in green  # the cities its items are about, with counts
    chifeng = client.get(Place.objects.get(name="赤峰市").get_absolute_url())
    assert "翁牛特旗" in chifeng.content.decode()


@pytest.mark.parametrize(
    "value, shown",
    [
        ("28942000000", "289.42亿"),
        ("35000", "3.5万"),
        ("19.51", "19.51"),
        ("1234.5", "1,234.5"),
        ("-250000000", "-2.5亿"),
    ],
)
def test_figures_are_shown_in_the_magnitudes_papers_print(value, shown):
    from decimal import Decimal

    from archive.templatetags.archive_tags import readable_number

    assert readable_number(Decimal(value)) == shown
