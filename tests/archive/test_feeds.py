"""Atom feeds: any search URL, and the notices feed; valid Atom, newest first."""

from __future__ import annotations

import datetime

import feedparser
import pytest
from django.urls import reverse

from archive.models import Item
from tests.factories import ItemFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def _parse(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_search_feed_is_valid_atom_with_the_search_results_newest_first(client):
    old = ItemFactory(title="普惠旧闻", date=datetime.date(2025, 3, 1))
    new = ItemFactory(title="普惠新闻", date=datetime.date(2026, 3, 1))
    ItemFactory(title="绿色金融", text="另一回事", date=datetime.date(2026, 4, 1))
    ItemFactory(title="普惠草稿", status=Item.Status.DRAFT)

    feed = _parse(client, reverse("archive:search-feed"), q="普惠", sort="oldest")

    assert [e.title for e in feed.entries] == ["普惠新闻", "普惠旧闻"]
    assert feed.feed.title == "地方金融档案：普惠"
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{new.get_absolute_url()}"
    assert entry.id == f"http://testserver{new.permalink()}"
    # Never published through the importer: the paper's date, Beijing time.
    assert entry.published == "2026-03-01T00:00:00+08:00"
    assert "普惠" in entry.summary
    assert old.title in [e.title for e in feed.entries]


def test_search_feed_takes_the_same_filters_and_ignores_invalid_ones(client):
    ItemFactory(title="二〇二五", date=datetime.date(2025, 3, 1))
    ItemFactory(title="二〇二六", date=datetime.date(2026, 3, 1))
    feed = _parse(client, reverse("archive:search-feed"), year=2025)
    assert [e.title for e in feed.entries] == ["二〇二五"]
    assert _parse(client, reverse("archive:search-feed"), year="x").entries == []


def test_search_page_advertises_its_feed(client):
    body = client.get(reverse("archive:search"), {"q": "普惠"}).content.decode()
    assert 'type="application/atom+xml"' in body
    assert f"{reverse('archive:search-feed')}?q=%E6%99%AE%E6%83%A0" in body


def test_notices_feed_lists_notices_with_their_deadlines(client):
    NoticeFactory(
        item__title="送达公告甲",
        item__date=datetime.date(2026, 2, 3),
        deemed_served_on=datetime.date(2026, 3, 5),
    )
    NoticeFactory(
        item__title="环评公示乙",
        item__date=datetime.date(2026, 2, 4),
        notice_type="eia",
        notice_type_label="环境影响评价公示",
    )
    feed = _parse(client, reverse("notices:notice-feed"))
    assert [e.title for e in feed.entries] == [
        "【环境影响评价公示】环评公示乙",
        "【行政执法文书送达公告】送达公告甲",
    ]
    assert "期限：2026-03-05" in feed.entries[1].summary
    only_eia = _parse(client, reverse("notices:notice-feed"), type="eia")
    assert [e.title for e in only_eia.entries] == ["【环境影响评价公示】环评公示乙"]
