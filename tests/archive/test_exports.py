"""Complete exports: the whole result set, streamed, in the API's columns."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from archive import exports
from archive.api.records import FIGURE_COLUMNS, ITEM_COLUMNS
from archive.models import Item, Place
from tests.factories import (
    ArticleFactory,
    FigureFactory,
    IssueFactory,
    ItemFactory,
    PageFactory,
    programme,
)

pytestmark = pytest.mark.django_db

MAX_API_PAGE = 100


def _body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def _url(kind: str, fmt: str) -> str:
    return reverse(f"archive:export-{kind}", kwargs={"fmt": fmt})


@pytest.fixture
def many_items(monkeypatch):
    """More items than any page (API 100, web 20) and several cursor chunks."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 40)
    issue = IssueFactory()
    page = PageFactory(issue=issue)
    items = ItemFactory.create_batch(130, page=page, title="普惠金融专题")
    ItemFactory(title="草稿专题", page=page, status=Item.Status.DRAFT)
    return items


def test_csv_export_has_every_matching_item_with_a_bom(client, many_items):
    ItemFactory(title="无关的报道", text="绿色")
    response = client.get(_url("items", "csv"), {"q": "普惠"})
    raw = _body(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(ITEM_COLUMNS)
    ids = {int(row[0]) for row in rows[1:]}
    assert len(rows) - 1 == len(ids) == 130 > MAX_API_PAGE
    assert ids == {item.pk for item in many_items}  # no draft, no non-match


def test_jsonl_export_rows_equal_the_api_rows(client):
    article = ArticleFactory()
    article.item.places.add(Place.objects.get(name="通辽市"))
    article.item.programmes.add(programme("inclusive"))
    raw = _body(client.get(_url("items", "jsonl")))
    exported = [json.loads(line) for line in raw.decode().splitlines()]
    api = client.get(reverse("api:item-list")).json()["results"]
    assert exported == api
    assert exported[0]["places"] == ["通辽市"]


def test_xlsx_export_opens_with_typed_cells(client, many_items):
    response = client.get(_url("items", "xlsx"))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(ITEM_COLUMNS)
    assert len(rows) - 1 == 130
    date_cell = rows[1][ITEM_COLUMNS.index("date")]
    assert date_cell.date() == many_items[0].date
    assert isinstance(rows[1][0], int | float)


def test_browse_exports_follow_the_page_they_are_offered_on(client):
    chifeng = Place.objects.get(name="赤峰市")
    inside = ItemFactory()
    inside.places.add(Place.objects.get(name="翁牛特旗"))
    ItemFactory()
    page = client.get(chifeng.get_absolute_url()).content.decode()
    link = _url("items", "csv") + f"?place={chifeng.code}"
    assert link in page
    rows = list(csv.reader(io.StringIO(_body(client.get(link)).decode("utf-8-sig"))))
    assert [int(r[0]) for r in rows[1:]] == [inside.pk]


def test_search_page_offers_every_export_format_and_the_feed(client):
    ItemFactory()
    body = client.get(reverse("archive:search"), {"q": "普惠", "year": 2026}).content
    text = body.decode()
    for fmt in ("csv", "xlsx", "jsonl"):
        assert f"{_url('items', fmt)}?q=%E6%99%AE%E6%83%A0&amp;year=2026" in text
    assert reverse("archive:search-feed") in text


def test_spreadsheet_formulas_in_text_stay_text(client):
    ItemFactory(title="=HYPERLINK(1)")
    rows = list(
        csv.reader(io.StringIO(_body(client.get(_url("items", "csv"))).decode()))
    )
    assert rows[1][ITEM_COLUMNS.index("title")] == "'=HYPERLINK(1)"


def test_figures_export_has_one_row_per_figure_with_its_context(client):
    item = ItemFactory()
    item.places.add(Place.objects.get(name="通辽市"))
    item.programmes.add(programme("inclusive"))
    FigureFactory(item=item, position=1)
    FigureFactory(item=item, position=2, text="同比增长19.51%", value="19.51", unit="%")
    raw = _body(client.get(_url("figures", "csv"), {"programme": "inclusive"}))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(FIGURE_COLUMNS)
    assert [(r["value"], r["unit"]) for r in rows] == [
        ("28942000000", "元"),
        ("19.51", "%"),
    ]
    assert {r["places"] for r in rows} == {"通辽市"}
    assert {r["programmes"] for r in rows} == {"普惠金融"}
    assert {r["date"] for r in rows} == {item.date.isoformat()}
    assert rows[0]["url"].endswith(f"{item.get_absolute_url()}#figure-1")


def test_invalid_export_parameters_and_formats_are_refused(client):
    response = client.get(_url("items", "csv"), {"year": "abc"})
    assert response.status_code == 400
    assert "year" in response.content.decode()
    assert client.get(_url("items", "pdf")).status_code == 404
    assert client.get(_url("figures", "csv"), {"unit": "x" * 40}).status_code == 400
