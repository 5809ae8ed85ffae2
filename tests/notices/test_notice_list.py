"""The notices desk lists windows by status, soonest deadline first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def _notice(days_from_today: int, title: str):
    today = timezone.localdate()
    return NoticeFactory(
        item__title=title,
        window_end=today + datetime.timedelta(days=days_from_today),
    )


def test_open_closing_and_closed_windows_are_told_apart(client):
    _notice(3, "三天后到期")
    _notice(30, "一个月后到期")
    _notice(-2, "前天已届满")
    url = reverse("notices:notice-list")
    open_body = client.get(url).content.decode()
    assert open_body.index("三天后到期") < open_body.index("一个月后到期")
    assert "前天已届满" not in open_body
    closing = client.get(url, {"status": "closing"}).content.decode()
    assert "三天后到期" in closing and "一个月后到期" not in closing
    closed = client.get(url, {"status": "closed"}).content.decode()
    assert "前天已届满" in closed and "三天后到期" not in closed


def test_filters_by_type_and_issuer_and_survives_bad_values(client):
    _notice(3, "自然资源局的公告")
    url = reverse("notices:notice-list")
    assert (
        "自然资源局的公告" in client.get(url, {"issuer": "自然资源"}).content.decode()
    )
    assert (
        "自然资源局的公告" not in client.get(url, {"type": "auction"}).content.decode()
    )
    response = client.get(url, {"status": "<x>", "page": "-1", "place": "'"})
    assert response.status_code == 200


def test_the_item_page_offers_a_gbt_7714_citation(client):
    from tests.factories import ArticleFactory

    article = ArticleFactory(item__title="从“五篇大文章”到“最后一公里”")
    item = article.item
    body = client.get(item.get_absolute_url()).content.decode()
    expected = (
        f"贺向军, 杨春章. 从“五篇大文章”到“最后一公里”[N]. "
        f"{item.page.issue.publication.name}, {item.date:%Y-%m-%d}({item.page.number})."
    )
    assert item.citation() == expected
    assert "[N]" in body
