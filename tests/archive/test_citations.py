"""Citations (GB/T 7714, RIS, BibTeX) and permalinks that outlive reparse."""

from __future__ import annotations

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.citations import bibtex, ris
from archive.models import Item, Page
from tests.factories import ArticleFactory, NoticeFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "pages"
NOTICE_PAGE = SAMPLES / "002_88f823f1af9da45b.txt"
needs_samples = pytest.mark.skipif(
    not NOTICE_PAGE.exists(), reason="shared sample pages not found"
)


def test_citation_follows_gbt_7714_newspaper_form():
    article = ArticleFactory(
        authors=["贺向军", "杨春章", "王五", "赵六"],
        item__title="春启新账本",
        item__page__issue__publication__name="通辽日报",
        item__page__issue__date=datetime.date(2026, 2, 3),
        item__page__number=3,
    )
    assert article.item.citation() == (
        "贺向军, 杨春章, 王五, 等. 春启新账本[N]. 通辽日报, 2026-02-03(3)."
    )
    notice = NoticeFactory(item__page=article.item.page, item__position=99)
    assert notice.item.citation() == (
        "通辽市自然资源局. 行政执法文书送达公告[N]. 通辽日报, 2026-02-03(3)."
    )


def test_ris_and_bibtex_downloads_carry_the_same_facts(client):
    article = ArticleFactory(
        item__title="R&D 贷款 {100%} 增长",
        item__page__issue__publication__name="赤峰日报",
        item__page__issue__date=datetime.date(2026, 2, 3),
        item__page__number=3,
    )
    item = article.item
    response = client.get(reverse("archive:item-ris", kwargs={"pk": item.pk}))
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    text = response.content.decode()
    assert text.startswith("TY  - NEWS\r\n")
    for line in [
        "AU  - 贺向军",
        "AU  - 杨春章",
        "T2  - 赤峰日报",
        "DA  - 2026/02/03/",
        "SP  - 3",
        f"UR  - http://testserver{item.permalink()}",
    ]:
        assert line + "\r\n" in text
    assert text.endswith("ER  - \r\n")

    bib = client.get(reverse("archive:item-bibtex", kwargs={"pk": item.pk}))
    text = bib.content.decode()
    assert text.startswith("@article{")
    assert "author = {贺向军 and 杨春章}" in text
    assert r"title = {{R\&D 贷款 \{100\%\} 增长}}" in text
    assert "journal = {赤峰日报}" in text and "date = {2026-02-03}" in text
    assert "attachment" in bib["Content-Disposition"]


def test_a_notice_is_cited_with_its_issuing_body_as_one_corporate_author():
    notice = NoticeFactory()
    text = bibtex(notice.item, permalink="http://x/p")
    assert "author = {{通辽市自然资源局}}" in text
    assert "AU  - 通辽市自然资源局\r\n" in ris(notice.item, permalink="http://x/p")


def test_drafts_have_no_public_citation_or_permalink(client):
    article = ArticleFactory(item__status=Item.Status.DRAFT)
    item = article.item
    assert (
        client.get(reverse("archive:item-ris", kwargs={"pk": item.pk})).status_code
        == 404
    )
    assert client.get(item.permalink()).status_code == 404


def test_item_page_shows_the_natural_key_permalink_and_downloads(client):
    item = ArticleFactory().item
    body = client.get(item.get_absolute_url()).content.decode()
    assert f"http://testserver{item.permalink()}" in body
    assert reverse("archive:item-ris", kwargs={"pk": item.pk}) in body
    assert reverse("archive:item-bibtex", kwargs={"pk": item.pk}) in body


def test_bad_permalink_dates_are_404(client):
    assert client.get("/p/some-paper/2026-02-30/1/1/").status_code == 404


@needs_samples
def test_permalinks_survive_reparse_reimport_and_rebuild(client, tmp_path, places):
    page_file = tmp_path / "p2.txt"
    shutil.copy(NOTICE_PAGE, page_file)
    args = [
        str(page_file),
        "--publication",
        "tongliao-daily",
        "--publication-name",
        "通辽日报",
        "--date",
        "2026-02-03",
        "--page",
        "2",
        "--publish",
    ]
    call_command("import_pages", *args, stdout=StringIO())
    before = {i.position: (i.pk, i.permalink(), i.title) for i in Item.objects.all()}

    def resolves(permalink: str) -> str:
        response = client.get(permalink)
        assert response.status_code == 302
        return response["Location"]

    targets = {pos: resolves(link) for pos, (_, link, _) in before.items()}

    # Reparse after a "parser change": every item is rewritten in place.
    Item.objects.update(parsed_digest="")
    call_command("reparse_pages", stdout=StringIO())
    after = {i.position: (i.pk, i.permalink(), i.title) for i in Item.objects.all()}
    assert after == before
    assert {pos: resolves(link) for pos, (_, link, _) in after.items()} == targets

    # New bytes for the same page: re-imported in place, same ids.
    page_file.write_bytes(
        page_file.read_bytes().replace("审贷周期".encode(), "审批周期".encode())
    )
    call_command("import_pages", *args, stdout=StringIO())
    assert {i.position: i.pk for i in Item.objects.all()} == {
        pos: pk for pos, (pk, _, _) in before.items()
    }

    # Rebuilt from the raw file: new ids, and the permalinks still find the items.
    Page.objects.all().delete()
    call_command("import_pages", *args, stdout=StringIO())
    for position, (old_pk, link, title) in before.items():
        item = Item.objects.get(position=position)
        assert item.pk != old_pk
        assert resolves(link) == item.get_absolute_url()
        assert item.title == title
