"""Windows closing in the next N days, per place and type."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import Place
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def _notice(days: int, place: str, **kwargs):
    today = timezone.localdate()
    notice = NoticeFactory(window_end=today + datetime.timedelta(days=days), **kwargs)
    notice.item.places.add(Place.objects.get(name=place))
    return notice


def test_closing_page_counts_per_city_and_type_and_lists_soonest_first(client):
    first = _notice(1, "翁牛特旗", item__title="送达一")
    second = _notice(5, "赤峰市", item__title="送达二")
    eia = _notice(
        3,
        "通辽市",
        item__title="环评三",
        notice_type="eia",
        notice_type_label="环境影响评价公示",
    )
    _notice(20, "赤峰市", item__title="远期四")

    body = client.get(reverse("notices:closing-soon")).content.decode()

    assert body.index(first.item.title) < body.index(eia.item.title)
    assert body.index(eia.item.title) < body.index(second.item.title)
    assert "远期四" not in body
    chifeng = Place.objects.get(name="赤峰市")
    assert f"place={chifeng.code}" in body
    assert '<td class="num">2</td>' in body  # two 送达 notices under 赤峰市

    wider = client.get(reverse("notices:closing-soon"), {"days": 30})
    assert "远期四" in wider.content.decode()
    only_eia = client.get(reverse("notices:closing-soon"), {"type": "eia"})
    assert "送达一" not in only_eia.content.decode()
    in_tongliao = client.get(
        reverse("notices:closing-soon"),
        {"place": Place.objects.get(name="通辽市").code},
    ).content.decode()
    assert "环评三" in in_tongliao and "送达一" not in in_tongliao
