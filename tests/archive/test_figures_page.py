"""The figures dataset page: filters, the indicator chart, links to sources."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from archive.figures import as_of_date
from archive.models import Item, Place
from tests.factories import (
    FigureFactory,
    IssueFactory,
    ItemFactory,
    PageFactory,
    programme,
)

FALLBACK = datetime.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年6月末", datetime.date(2025, 6, 30)),
        ("2024年末", datetime.date(2024, 12, 31)),
        ("2025年底", datetime.date(2025, 12, 31)),
        ("2025年2月", datetime.date(2025, 2, 28)),
        ("2025年3月15日", datetime.date(2025, 3, 15)),
        ("2025年一季度末", datetime.date(2025, 3, 31)),
        ("2025年上半年", datetime.date(2025, 6, 30)),
        ("2025年13月末", FALLBACK),
        ("目前", FALLBACK),
        ("", FALLBACK),
    ],
)
def test_as_of_phrases_become_days(text, expected):
    assert as_of_date(text, FALLBACK) == expected


def _figure(place: str, day: datetime.date, value: int, as_of: str, **kwargs):
    item = ItemFactory(
        page=PageFactory(issue=IssueFactory(date=day)), date=day, **kwargs
    )
    item.places.add(Place.objects.get(name=place))
    item.programmes.add(programme("inclusive"))
    return FigureFactory(item=item, position=1, value=value, as_of=as_of)


@pytest.mark.django_db
def test_chart_draws_one_line_per_city_with_points_linked_to_sources(client):
    a = _figure("通辽市", datetime.date(2025, 2, 1), 25000000000, "2024年末")
    b = _figure("通辽市", datetime.date(2025, 8, 1), 28942000000, "2025年6月末")
    c = _figure("翁牛特旗", datetime.date(2025, 8, 2), 3000000000, "2025年6月末")
    _figure("赤峰市", datetime.date(2025, 8, 3), 1, "", status=Item.Status.DRAFT)

    body = client.get(
        reverse("archive:figure-list"), {"indicator": "普惠小微贷款余额"}
    ).content.decode()

    assert "<svg" in body and "<script" not in body
    assert "亿元" in body
    assert body.count("<polyline") == 1  # 通辽 has two points; 赤峰 one
    for figure in (a, b, c):
        assert f'href="{figure.item.get_absolute_url()}#figure-1"' in body
    assert "赤峰市（1 个点）" in body  # 翁牛特旗 counts under its city
    assert "通辽市（2 个点）" in body
    assert "全市普惠小微贷款余额已达289.42亿元" in body  # the sentence
    assert body.count("#figure-1") == 6  # three points, three table rows


@pytest.mark.django_db
def test_figures_are_filtered_by_place_programme_unit_and_year(client):
    a = _figure("通辽市", datetime.date(2025, 2, 1), 1, "")
    b = _figure("赤峰市", datetime.date(2026, 2, 1), 2, "")
    FigureFactory(item=b.item, position=2, unit="%", value=5, text="增长5%")
    url = reverse("archive:figure-list")

    def titles(**params) -> int:
        return client.get(url, params).content.decode().count("#figure-")

    assert titles() == 3
    assert titles(place=Place.objects.get(name="通辽市").code) == 1
    assert titles(year=2026) == 2
    assert titles(unit="%") == 1
    assert titles(programme="green") == 0
    assert "筛选条件无效" in client.get(url, {"year": "x"}).content.decode()
    assert a.item.title in client.get(url).content.decode()


@pytest.mark.django_db
def test_item_page_anchors_each_figure(client):
    figure = FigureFactory(position=3)
    body = client.get(figure.item.get_absolute_url()).content.decode()
    assert 'id="figure-3"' in body
