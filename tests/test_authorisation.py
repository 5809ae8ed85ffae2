"""Every URL the resolver knows, tried as an anonymous visitor and as a 读者.

The URL list comes from the resolver, so a new write path is covered the day it
is added: anything outside the public namespaces is treated as a write path and
must turn anonymous visitors to the login page and 读者 staff away (403), and
no unsafe request from either may change the database.
"""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from archive.desk.models import CorrectionEvent, StagedUpload
from archive.models import ImportRun, Issue, Item, ItemCorrection, Page, Publication
from notices.models import Notice
from tests.factories import ArticleFactory, NoticeFactory

pytestmark = pytest.mark.django_db

# Namespaces readers browse without signing in; their unsafe methods still
# may not change anything.
PUBLIC_NAMESPACES = {"archive", "notices", "api"}
# Admin pages that are about signing in, not about content.
ACCOUNT_PAGES = {
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "archive:signup",
}
UNSAFE = ("post", "put", "patch", "delete")


def _patterns(resolver: URLResolver | None = None, namespace: str = ""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


@pytest.fixture
def world(places):
    item = ArticleFactory(item__status=Item.Status.DRAFT).item
    notice = NoticeFactory().item
    run = ImportRun.objects.create(
        username="x",
        files=["a.txt"],
        errors=[{"file": "a.txt", "line": 1, "message": "m"}],
    )
    upload = StagedUpload.objects.create(
        token="t" * 43, username="x", publication="p", publication_name="P"
    )
    event = CorrectionEvent.objects.create(
        page_id=item.page_id,
        position=item.position,
        action="status",
        before={"status": "draft"},
        after={"status": "published"},
        username="x",
    )
    user = User.objects.create_user("someone-else", password="pw")
    return {
        "user": user,
        "item": item,
        "notice": notice,
        "run": run,
        "upload": upload,
        "event": event,
    }


def _kwargs(name: str, pattern: URLPattern, world) -> dict:
    item, run, upload = world["item"], world["run"], world["upload"]
    samples = {
        "token": upload.token,
        "index": 0,
        "year": item.date.year,
        "month": item.date.month,
        "code": "150500000000",
        "slug": "green",
        "app_label": "archive",
        "uidb64": "MQ",
        "fmt": "csv",
        "publication": item.page.issue.publication.slug,
        "date": item.date.isoformat(),
        "page": item.page.number,
        "position": item.position,
    }
    if name.startswith("desk:run"):
        samples["pk"] = run.pk
    elif name.startswith("desk:issue") or name == "archive:issue-detail":
        samples["pk"] = item.page.issue_id
    elif name == "desk:event-revert":
        samples["pk"] = world["event"].pk
    else:
        samples["pk"] = item.pk
    if name == "archive:publication-detail":
        samples["slug"] = item.page.issue.publication.slug
    if name.startswith("admin:") and "object_id" in pattern.pattern.regex.groupindex:
        model = _admin_model(name)
        obj = model.objects.first() if model else None
        samples["object_id"] = str(obj.pk) if obj else "1"
    samples["content_type_id"] = 1
    samples["object_id"] = samples.get("object_id", str(item.pk))
    samples["url"] = "x"
    samples["id"] = str(world["user"].pk)
    return {k: samples[k] for k in pattern.pattern.regex.groupindex}


def _admin_model(name: str):
    from django.contrib import admin

    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model
    return None


def _urls(world):
    urls = []
    for name, pattern in _patterns():
        try:
            url = reverse(name, kwargs=_kwargs(name, pattern, world))
        except Exception as error:  # pragma: no cover - a pattern we cannot fill
            raise AssertionError(f"cannot build a URL for {name}: {error}") from error
        urls.append((name, url))
    return urls


def _fingerprint() -> str:
    rows = [
        Item.objects.count(),
        Page.objects.count(),
        Issue.objects.count(),
        Publication.objects.count(),
        Notice.objects.count(),
        ItemCorrection.objects.count(),
        CorrectionEvent.objects.count(),
        ImportRun.objects.count(),
        StagedUpload.objects.count(),
        list(Item.objects.order_by("pk").values_list("pk", "status", "title", "kind")),
        list(StagedUpload.objects.values_list("state")),
        list(Issue.objects.values_list("date", "date_status")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _is_public(name: str) -> bool:
    return name.split(":")[0] in PUBLIC_NAMESPACES


def test_the_resolver_knows_the_desk_and_the_admin(world):
    names = {name for name, _ in _urls(world)}
    assert {"desk:upload", "desk:item-fields", "desk:issue-status"} <= names
    assert "admin:archive_item_change" in names


def test_anonymous_visitors_are_sent_to_sign_in_from_every_write_path(world):
    client = Client(enforce_csrf_checks=True)
    before = _fingerprint()
    checked = 0
    for name, url in _urls(world):
        if _is_public(name) or name in ACCOUNT_PAGES:
            continue
        for method in ("get", *UNSAFE):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 403), (
                name,
                method,
                response.status_code,
            )
            if response.status_code == 302:
                assert "/login/" in response["Location"], (name, method)
            checked += 1
    assert _fingerprint() == before
    assert checked > 100


def test_anonymous_unsafe_requests_to_public_pages_change_nothing(world):
    client = Client(enforce_csrf_checks=True)
    before = _fingerprint()
    for name, url in _urls(world):
        if not _is_public(name) or name in ACCOUNT_PAGES:
            continue
        for method in UNSAFE:
            response = getattr(client, method)(
                url, {"title": "篡改", "status": "published"}
            )
            # Saved searches send anonymous visitors to sign in first.
            assert response.status_code in (302, 401, 403, 404, 405), (name, method)
            if response.status_code == 302:
                assert "/login/" in response["Location"], (name, method)
    assert _fingerprint() == before


@pytest.fixture
def reader_with_csrf(reader):
    client = Client()
    client.force_login(reader)
    return client


def test_readers_get_403_from_every_desk_page(world, reader_with_csrf):
    before = _fingerprint()
    for name, url in _urls(world):
        if not name.startswith("desk:"):
            continue
        for method in ("get", "post"):
            response = getattr(reader_with_csrf, method)(url, {"status": "published"})
            assert response.status_code == 403, (name, method, response.status_code)
    assert _fingerprint() == before


def test_readers_cannot_change_anything_through_the_admin(world, reader_with_csrf):
    before = _fingerprint()
    for name, url in _urls(world):
        if not name.startswith("admin:") or name in ACCOUNT_PAGES:
            continue
        response = reader_with_csrf.post(
            url,
            {
                "title": "篡改",
                "status": "published",
                "action": "publish",
                "_selected_action": [world["item"].pk],
                "post": "yes",
            },
        )
        # Add, change and delete views answer 403; list pages ignore an action
        # the user may not run (302 back, or the list again).
        assert response.status_code in (200, 302, 403, 404, 405), (
            name,
            response.status_code,
        )
        if name.endswith(("_add", "_change", "_delete")):
            assert response.status_code == 403, (name, response.status_code)
    assert _fingerprint() == before


def test_every_desk_form_needs_a_csrf_token(world, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = _fingerprint()
    for name, url in _urls(world):
        if not name.startswith("desk:"):
            continue
        response = client.post(url, {"status": "published", "title": "篡改"})
        if response.status_code == 405:
            continue  # GET-only page
        assert response.status_code == 403, (name, response.status_code)
        assert "CSRF" in response.content.decode(), name
    assert _fingerprint() == before


def test_editors_reach_every_desk_page(world, editor_client):
    for name, url in _urls(world):
        if not name.startswith("desk:"):
            continue
        response = editor_client.get(url)
        assert response.status_code in (200, 302, 405), (name, response.status_code)


def test_a_reader_group_member_is_not_an_editor(reader):
    assert not reader.has_perm("archive.change_item")
    assert Group.objects.get(name="读者") in reader.groups.all()
    assert User.objects.filter(pk=reader.pk, is_staff=True).exists()
