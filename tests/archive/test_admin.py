"""Every admin list and form opens for an editor, with real rows in it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from archive.models import ItemCorrection, PageRevision
from tests.factories import ArticleFactory, FigureFactory, NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    article = ArticleFactory()
    NoticeFactory()
    FigureFactory(item=article.item)
    page = article.item.page
    PageRevision.objects.create(
        page=page,
        raw=b"old",
        text="old",
        encoding="utf-8",
        sha256="0" * 64,
        source_filename="old.txt",
        imported_at=page.updated_at,
    )
    ItemCorrection.objects.create(page=page, position=1, field="title", value="新标题")


def test_every_registered_changelist_opens(admin_client, content):
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_a_page_shows_its_raw_text_read_only(admin_client, content):
    article_page = PageRevision.objects.get().page
    url = reverse("admin:archive_page_change", args=[article_page.pk])
    body = admin_client.get(url).content.decode()
    assert "raw-text" in body
    assert 'name="text"' not in body
