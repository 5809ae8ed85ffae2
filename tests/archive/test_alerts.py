"""Saved searches, "new since last visit", the daily digest, reader accounts."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from archive.models import Item, SavedSearch
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_user(db) -> User:
    return User.objects.create_user("reporter", "reporter@example.org", "pw")


@pytest.fixture
def signed_in(client, reader_user):
    client.force_login(reader_user)
    return client


def _published(title: str, *, ago_minutes: int = 0, **kwargs) -> Item:
    item = ItemFactory(title=title, **kwargs)
    moment = timezone.now() - datetime.timedelta(minutes=ago_minutes)
    Item.objects.filter(pk=item.pk).update(published_at=moment)
    return item


def test_login_and_signup_pages_are_in_chinese(client):
    login = client.get(reverse("login")).content.decode()
    assert "<h1>登录</h1>" in login and "用户名" in login
    response = client.post(
        reverse("archive:signup"),
        {
            "username": "newreader",
            "email": "new@example.org",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newreader")
    assert user.email == "new@example.org" and not user.is_staff
    assert client.get(reverse("archive:saved-searches")).status_code == 200


def test_anonymous_readers_are_asked_to_sign_in(client):
    response = client.get(reverse("archive:saved-searches"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    body = client.get(reverse("archive:search"), {"q": "普惠"}).content.decode()
    assert "后可保存此检索" in body


def test_saving_a_search_keeps_its_canonical_parameters(signed_in, reader_user):
    page = signed_in.get(reverse("archive:search"), {"year": "2026", "q": "普惠"})
    assert "保存此检索" in page.content.decode()
    response = signed_in.post(
        reverse("archive:saved-search-create"),
        {"name": "普惠", "query_string": "year=2026&q=%E6%99%AE%E6%83%A0&page=3"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=reader_user)
    assert saved.query_string == "q=%E6%99%AE%E6%83%A0&year=2026"
    # The same search again is the same saved search.
    signed_in.post(
        reverse("archive:saved-search-create"),
        {"name": "普惠2026", "query_string": "q=%E6%99%AE%E6%83%A0&year=2026"},
    )
    assert SavedSearch.objects.get(user=reader_user).name == "普惠2026"


def test_new_since_last_visit_counts_and_opening_resets_them(signed_in, reader_user):
    saved = SavedSearch.objects.create(
        user=reader_user, name="普惠", query_string="q=%E6%99%AE%E6%83%A0"
    )
    SavedSearch.objects.filter(pk=saved.pk).update(
        last_seen_at=timezone.now() - datetime.timedelta(hours=1)
    )
    _published("普惠旧闻", ago_minutes=120)
    _published("普惠新闻一")
    _published("普惠新闻二")
    _published("绿色新闻", text="绿色贷款")
    draft = ItemFactory(title="普惠草稿", status=Item.Status.DRAFT)

    body = signed_in.get(reverse("archive:saved-searches")).content.decode()
    assert "<strong>2</strong> 条新" in body

    opened = signed_in.get(saved.get_absolute_url())
    assert opened["Location"] == reverse("archive:search") + "?q=%E6%99%AE%E6%83%A0"
    body = signed_in.get(reverse("archive:saved-searches")).content.decode()
    assert "条新" not in body

    # An editor publishes the draft later: it is new then.
    Item.objects.filter(pk=draft.pk).publish()
    body = signed_in.get(reverse("archive:saved-searches")).content.decode()
    assert "<strong>1</strong> 条新" in body


def test_readers_cannot_open_or_change_each_others_searches(signed_in):
    other = User.objects.create_user("other", "o@example.org", "pw")
    saved = SavedSearch.objects.create(user=other, name="x", query_string="q=x")
    assert signed_in.get(saved.get_absolute_url()).status_code == 404
    response = signed_in.post(
        reverse("archive:saved-search-update", kwargs={"pk": saved.pk}),
        {"action": "delete"},
    )
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_daily_digest_mails_new_matches_once(reader_user, settings):
    settings.ARCHIVE_SITE_URL = "https://archive.example.org"
    saved = SavedSearch.objects.create(
        user=reader_user, name="普惠", query_string="q=%E6%99%AE%E6%83%A0"
    )
    quiet = SavedSearch.objects.create(
        user=reader_user, name="关闭提醒", query_string="q=%E7%BB%BF", alert=False
    )
    SavedSearch.objects.update(last_alerted_at=timezone.now() - datetime.timedelta(1))
    new = _published("普惠新闻")
    _published("绿色新闻", text="绿色贷款")
    ItemFactory(title="普惠草稿", status=Item.Status.DRAFT)

    out = StringIO()
    call_command("send_search_alerts", stdout=out)

    assert "sent 1 digest(s) to 1 reader(s)" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reporter@example.org"]
    assert "1 条新结果" in message.subject
    assert "【普惠】新增 1 条" in message.body
    assert f"https://archive.example.org{new.get_absolute_url()}" in message.body
    assert "草稿" not in message.body and "绿色" not in message.body
    saved.refresh_from_db()
    quiet.refresh_from_db()
    assert saved.last_alerted_at > new.created_at
    assert quiet.last_alerted_at < new.created_at

    call_command("send_search_alerts", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing new: no second mail


def test_digest_dry_run_sends_nothing_and_changes_nothing(reader_user):
    saved = SavedSearch.objects.create(
        user=reader_user, name="普惠", query_string="q=%E6%99%AE%E6%83%A0"
    )
    SavedSearch.objects.update(last_alerted_at=timezone.now() - datetime.timedelta(1))
    before = SavedSearch.objects.get(pk=saved.pk).last_alerted_at
    _published("普惠新闻")
    out = StringIO()
    call_command("send_search_alerts", "--dry-run", stdout=out)
    assert "would send 1 digest(s)" in out.getvalue()
    assert mail.outbox == []
    assert SavedSearch.objects.get(pk=saved.pk).last_alerted_at == before
