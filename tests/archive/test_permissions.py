"""Who may see and change what: anonymous readers, 读者 staff, 编辑 staff."""

import pytest
from django.urls import reverse

from archive.models import Item
from tests.factories import ArticleFactory, ItemFactory, NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(
        item__status=Item.Status.DRAFT, item__title="尚未发布的稿件"
    ).item


@pytest.fixture
def published():
    return ArticleFactory(item__title="已经发布的报道").item


def test_anonymous_users_see_only_published_items_on_the_home_page(
    client, draft, published
):
    body = client.get(reverse("archive:home")).content.decode()
    assert published.title in body
    assert draft.title not in body


def test_anonymous_users_get_404_for_a_draft_item(client, draft, published):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


def test_drafts_are_left_out_of_issue_place_and_search_pages(client, draft, published):
    issue_page = client.get(draft.page.issue.get_absolute_url()).content.decode()
    search = client.get(reverse("archive:search"), {"q": "稿件"}).content.decode()
    assert draft.title not in issue_page
    assert draft.title not in search


def test_home_counts_exclude_drafts_for_anonymous_users(client, draft, published):
    NoticeFactory()
    response = client.get(reverse("archive:home"))
    assert response.context["article_count"] == 1
    assert response.context["notice_count"] == 1


def test_staff_who_may_view_items_see_drafts_marked_as_such(reader_client, draft):
    response = reader_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "草稿，仅编辑可见" in response.content.decode()


@pytest.mark.parametrize(
    "group_client, expected", [("editor_client", 200), ("reader_client", 403)]
)
def test_only_editors_may_open_the_item_change_form(request, group_client, expected):
    item = ItemFactory()
    client = request.getfixturevalue(group_client)
    url = reverse("admin:archive_item_change", args=[item.pk])
    response = client.get(url)
    # Django's admin answers 200 with a read-only form to view-only staff.
    if expected == 403:
        assert response.status_code == 200
        assert 'name="title"' not in response.content.decode()
        post = client.post(url, {"title": "篡改"})
        assert post.status_code == 403
        item.refresh_from_db()
        assert item.title != "篡改"
    else:
        assert response.status_code == 200
        assert 'name="title"' in response.content.decode()


def test_editors_have_change_rights_and_readers_only_view_rights(editor, reader):
    for model in [
        "item",
        "article",
        "page",
        "issue",
        "publication",
        "figure",
        "programme",
    ]:
        assert editor.has_perm(f"archive.change_{model}")
        assert reader.has_perm(f"archive.view_{model}")
        assert not reader.has_perm(f"archive.change_{model}")
        assert not reader.has_perm(f"archive.delete_{model}")
    assert editor.has_perm("notices.change_notice")
    assert not reader.has_perm("notices.change_notice")
    # Nobody edits the import audit trail.
    assert editor.has_perm("archive.view_importrun")
    assert not editor.has_perm("archive.change_importrun")


@pytest.mark.parametrize(
    "url_name",
    ["admin:index", "admin:archive_item_changelist", "admin:archive_page_changelist"],
)
def test_anonymous_users_are_sent_to_the_login_page_from_the_admin(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_readers_cannot_publish_through_the_admin_action(reader_client, draft):
    response = reader_client.post(
        reverse("admin:archive_item_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Item.Status.DRAFT
    assert response.status_code in (200, 302, 403)


def test_editors_can_publish_through_the_admin_action(editor_client, draft):
    editor_client.post(
        reverse("admin:archive_item_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Item.Status.PUBLISHED
