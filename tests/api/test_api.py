"""The read-only JSON API: search, detail, tree, notices, errors, CORS, throttling."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from archive.api.records import ITEM_COLUMNS
from archive.models import Item, Place
from tests.factories import (
    ArticleFactory,
    FigureFactory,
    IssueFactory,
    ItemFactory,
    NoticeFactory,
    PageFactory,
    programme,
)

pytestmark = pytest.mark.django_db

ITEMS = reverse("api:item-list")


def _get(client, url, **params):
    response = client.get(url, params)
    return response, response.json()


def test_item_search_uses_the_search_syntax_and_returns_facets(client):
    chifeng = Place.objects.get(name="赤峰市")
    green = ArticleFactory(
        item__title="绿色贷款助力赤峰", item__text="绿色贷款余额增长"
    )
    green.item.places.add(chifeng)
    green.item.programmes.add(programme("green"))
    ItemFactory(title="普惠小微在通辽", text="普惠小微贷款")
    ItemFactory(title="绿色信贷", text="绿色信贷，与赤峰无关的另一件事")

    response, body = _get(client, ITEMS, q="绿色 -信贷")

    assert response.status_code == 200
    assert [row["id"] for row in body["results"]] == [green.item.pk]
    assert body["count"] == 1
    assert body["sort"] == "relevance"
    assert {"key": chifeng.code, "label": "赤峰市", "count": 1} in body["facets"][
        "place"
    ]
    assert body["facets"]["programme"] == [
        {"key": "green", "label": "绿色金融", "count": 1}
    ]
    row = body["results"][0]
    assert row["authors"] == ["贺向军", "杨春章"]
    assert row["places"] == ["赤峰市"] and row["place_codes"] == [chifeng.code]
    assert row["permalink"].endswith(green.item.permalink())


def test_item_rows_have_exactly_the_export_columns(client):
    ItemFactory()
    _, body = _get(client, ITEMS)
    assert list(body["results"][0]) == list(ITEM_COLUMNS)


def test_item_filters_combine_like_the_search_page(client):
    notice = NoticeFactory(item__date=datetime.date(2026, 2, 3))
    ItemFactory(date=datetime.date(2025, 5, 1))
    _, body = _get(client, ITEMS, kind="notice", year=2026, issuer="通辽市自然资源局")
    assert [row["id"] for row in body["results"]] == [notice.item.pk]
    assert body["results"][0]["notice_type"] == "service"


def test_drafts_never_appear_in_the_api(client, editor):
    draft = ItemFactory(title="草稿条目", status=Item.Status.DRAFT)
    published = ItemFactory(title="已发布条目")
    client.force_login(editor)  # even a signed-in editor: the API is anonymous

    _, body = _get(client, ITEMS)
    assert [row["id"] for row in body["results"]] == [published.pk]
    assert body["count"] == 1
    detail = client.get(reverse("api:item-detail", kwargs={"pk": draft.pk}))
    assert detail.status_code == 404
    page = client.get(reverse("api:page-detail", kwargs={"pk": draft.page_id}))
    assert page.status_code == 404


def test_cursor_pages_cover_every_item_once_even_when_items_are_inserted(client):
    issue = IssueFactory(date=datetime.date(2026, 3, 1))
    first_batch = [
        ItemFactory(page=PageFactory(issue=issue), date=issue.date) for _ in range(7)
    ]
    seen: list[int] = []
    _, body = _get(client, ITEMS, page_size=3)
    seen += [row["id"] for row in body["results"]]
    # Newer and same-day items arrive while the client is paging.
    ItemFactory(page=PageFactory(issue=issue), date=issue.date)
    ItemFactory(date=datetime.date(2026, 4, 1))
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [row["id"] for row in body["results"]]

    assert len(seen) == len(set(seen))
    assert set(seen) >= {item.pk for item in first_batch}
    dates_ids = [(Item.objects.get(pk=pk).date, pk) for pk in seen]
    assert dates_ids == sorted(dates_ids, reverse=True)


def test_sort_oldest_and_relevance_page_in_their_order(client):
    old = ItemFactory(title="普惠在前", date=datetime.date(2025, 1, 1))
    new = ItemFactory(
        title="另一篇", text="正文提到普惠", date=datetime.date(2026, 1, 1)
    )
    _, oldest = _get(client, ITEMS, sort="oldest")
    assert [r["id"] for r in oldest["results"]] == [old.pk, new.pk]
    _, ranked = _get(client, ITEMS, q="普惠", sort="relevance", page_size=1)
    assert ranked["results"][0]["id"] == old.pk  # the title hit first
    second = client.get(ranked["next"]).json()
    assert [r["id"] for r in second["results"]] == [new.pk]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": "99999"}, "year"),
        ({"month": "13"}, "month"),
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"kind": "poem"}, "kind"),
        ({"sort": "random"}, "sort"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "WyJ4Il0"}, "cursor"),  # ["x"]: wrong shape for this sort
    ],
)
def test_invalid_parameters_get_a_400_naming_the_parameter(client, params, field):
    response, body = _get(client, ITEMS, **params)
    assert response.status_code == 400
    assert body["error"]["status"] == 400
    assert body["error"]["code"] == "invalid_parameters"
    assert body["error"]["message"] == "请求参数无效。"
    assert list(body["error"]["fields"]) == [field]


def test_unknown_paths_and_missing_objects_answer_with_the_same_error_body(client):
    for url in [
        "/api/v1/nothing-here/",
        "/api/v1/publications/a%0Ab/",
        reverse("api:item-detail", kwargs={"pk": 9}),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_api_is_read_only(client):
    response = client.post(ITEMS, {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


def test_item_detail_has_every_extracted_field(client):
    article = ArticleFactory(
        section_heads=["一、背景"], affiliation="通辽市财政局", subtitle="副题"
    )
    item = article.item
    wudan = Place.objects.get(name="乌丹镇")
    item.places.add(wudan)
    item.programmes.add(programme("inclusive"))
    FigureFactory(item=item, position=1, value=28942000000)

    body = client.get(reverse("api:item-detail", kwargs={"pk": item.pk})).json()

    assert body["article"]["section_heads"] == ["一、背景"]
    assert body["article"]["affiliation"] == "通辽市财政局"
    assert body["figures"][0]["value"] == "28942000000"
    assert body["figures"][0]["as_of"] == "2025年6月末"
    hierarchy = body["place_hierarchy"][0]
    assert hierarchy["name"] == "乌丹镇"
    assert [a["name"] for a in hierarchy["ancestors"]] == [
        "内蒙古自治区",
        "赤峰市",
        "翁牛特旗",
    ]
    assert body["programmes"] == ["普惠金融"]
    assert body["citation"]["gbt7714"] == item.citation()
    assert body["citation"]["ris_url"].endswith(f"/items/{item.pk}/cite.ris")
    assert body["notice"] is None


def test_notice_detail_explains_its_computed_deadline(client):
    notice = NoticeFactory(
        item__date=datetime.date(2026, 2, 3),
        period_text="自公告之日起30日内",
        deemed_served_on=datetime.date(2026, 3, 5),
        deadline_basis="calendar_days",
        deadline_note="见报日 2026-02-03 起算 30 日",
        calendar_verified=True,
    )
    body = client.get(reverse("api:item-detail", kwargs={"pk": notice.item.pk})).json()
    facts = body["notice"]
    assert facts["deadline"] == "2026-03-05"
    assert facts["deadline_basis"] == "calendar_days"
    assert facts["deadline_basis_label"] == "自然日"
    assert facts["deadline_note"] == "见报日 2026-02-03 起算 30 日"
    assert facts["calendar_verified"] is True
    assert any("春节" in line for line in facts["calendar_lines"])
    assert facts["addressees"] == ["高士发"]


def test_notices_endpoint_filters_by_window_status(client):
    today = timezone.localdate()
    closing = NoticeFactory(window_end=today + datetime.timedelta(days=3))
    later = NoticeFactory(window_end=today + datetime.timedelta(days=40))
    closed = NoticeFactory(deemed_served_on=today - datetime.timedelta(days=1))
    url = reverse("api:notice-list")

    def ids(**params):
        return [row["id"] for row in client.get(url, params).json()["results"]]

    assert ids() == [closing.item.pk, later.item.pk]  # open: soonest first
    assert ids(status="closing") == [closing.item.pk]
    assert ids(status="closing", days=60) == [closing.item.pk, later.item.pk]
    assert ids(status="closed") == [closed.item.pk]
    rows = client.get(url, {"status": "all"}).json()["results"]
    assert {row["deadline_status"] for row in rows} == {"closing", "open", "closed"}
    bad = client.get(url, {"status": "soon"})
    assert bad.status_code == 400
    assert list(bad.json()["error"]["fields"]) == ["status"]


def test_places_tree_goes_down_one_level_at_a_time(client):
    chifeng = Place.objects.get(name="赤峰市")
    body = client.get(reverse("api:place-detail", kwargs={"code": chifeng.code})).json()
    assert body["parent"] == chifeng.parent.code
    assert [a["name"] for a in body["ancestors"]] == ["内蒙古自治区"]
    assert "翁牛特旗" in [c["name"] for c in body["children"]]
    children = client.get(body["children_url"]).json()
    assert {row["parent"] for row in children["results"]} == {chifeng.code}
    provinces = client.get(reverse("api:place-list"), {"level": "province"}).json()
    assert provinces["results"][0]["level"] == "province"
    assert provinces["next"]


def test_programmes_publications_issues_and_pages(client):
    item = ItemFactory()
    item.programmes.add(programme("green"))
    ItemFactory(page=item.page, position=99, status=Item.Status.DRAFT)
    green = client.get(reverse("api:programme-detail", kwargs={"slug": "green"}))
    assert green.json()["item_count"] == 1
    assert len(client.get(reverse("api:programme-list")).json()) == 5
    publication = item.page.issue.publication
    issues = client.get(reverse("api:issue-list"), {"publication": publication.slug})
    issue_row = issues.json()["results"][0]
    assert issue_row["id"] == item.page.issue_id
    page = client.get(issue_row["pages"][0]["api_url"]).json()
    assert [row["id"] for row in page["items"]] == [item.pk]
    assert page["text"] is None  # a draft shares the page: its words stay hidden
    pubs = client.get(reverse("api:publication-list")).json()
    assert publication.slug in [p["slug"] for p in pubs]


def test_cors_allows_any_origin_to_read(client):
    ItemFactory()
    response = client.get(ITEMS, headers={"Origin": "https://newsroom.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        ITEMS,
        headers={
            "Origin": "https://newsroom.example",
            "Access-Control-Request-Method": "GET",
        },
    )
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]
    html = client.get(reverse("archive:home"), headers={"Origin": "https://x.example"})
    assert "Access-Control-Allow-Origin" not in html.headers


def test_anonymous_clients_are_throttled_with_a_clear_429(client, settings):
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    with override_settings(REST_FRAMEWORK=rest):
        codes = [client.get(reverse("api:root")).status_code for _ in range(4)]
        response = client.get(reverse("api:root"))
    assert codes == [200, 200, 200, 429]
    assert response.status_code == 429
    body = response.json()["error"]
    assert body["code"] == "throttled"
    assert "请在" in body["message"] and "秒后重试" in body["message"]
    assert int(response.headers["Retry-After"]) > 0


def test_schema_and_docs_pages_are_served_without_a_cdn(client):
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/items/" in paths and "/api/v1/notices/" in paths
    docs = client.get(reverse("api:docs")).content.decode()
    assert "/api/v1/items/" in docs and "<script" not in docs
    swagger = client.get(reverse("api:swagger")).content.decode()
    assert "cdn" not in swagger.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in swagger
    assert "<script>" not in swagger  # the init script is a separate file (CSP)
