"""Deployment settings, CSP, login lockout, hostile content and personal data."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from archive.models import Item
from archive.privacy import mask_text
from tests.factories import ArticleFactory, NoticeFactory

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

HOSTILE_TITLE = '<script>alert("xss")</script>标题'
HOSTILE_PAGE = """

# <script>alert("页面")</script>普惠金融新闻

本报记者 王晓东

点击<a href="javascript:alert(1)">这里</a>领取补贴，
或访问 javascript:alert(document.cookie) 。
<img src=x onerror=alert(1)>
'; DROP TABLE archive_item; --
截至2025年9月末，全市绿色贷款余额达412.36亿元，同比增长23.7%。

■广告

遗失声明

张三不慎遗失身份证，声明作废。<script>steal()</script>
联系电话：13812345678 邮箱 zhangsan@qq.com
张三
2026年2月1日
"""


def test_deploy_check_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example.org",
        # Never connected to: the deploy checks do not touch the database.
        "DATABASE_URL": "postgres://archive:secret@db.invalid:5432/archive",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_inline_script(client):
    response = client.get(reverse("archive:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_no_inline_script_style_or_handlers():
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert problems == []


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<form\b[^>]*method=\"post\"[^>]*>", text, re.I):
            end = text.find("</form>", match.end())
            if "{% csrf_token %}" not in text[match.end() : end]:
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    assert missing == []


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(client, editor):
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": editor.username, "password": "x"})
        assert response.status_code == 200  # the form again, with an error
    fifth = client.post(url, {"username": editor.username, "password": "x"})
    assert fifth.status_code == 429
    locked = client.post(url, {"username": editor.username, "password": "pw"})
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_password_still_works_before_the_limit(client, editor):
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": editor.username, "password": "x"})
    response = client.post(url, {"username": editor.username, "password": "pw"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# --- hostile content ---------------------------------------------------------


@pytest.fixture
def hostile_import(tmp_path, places):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_PAGE, encoding="utf-8")
    call_command(
        "import_pages",
        str(path),
        "--publication",
        "evil-daily",
        "--date",
        "2026-02-03",
        "--page",
        "1",
        "--publish",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return Item.objects.order_by("position")


def _assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<script>steal" not in html
    assert 'href="javascript:' not in html.lower()
    assert "<img src=x" not in html


@pytest.mark.django_db
def test_hostile_markup_in_an_imported_page_renders_as_text(client, hostile_import):
    items = list(hostile_import)
    assert len(items) == 2
    article = items[0]
    assert "<script>" in article.title  # stored as printed
    for url in [
        article.get_absolute_url(),
        items[1].get_absolute_url(),
        article.page.issue.get_absolute_url(),
        reverse("archive:home"),
        reverse("archive:search") + "?q=script",
        reverse("archive:search") + "?q=javascript",
        reverse("notices:notice-list") + "?status=all",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        _assert_inert(html)
    detail = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;页面&quot;)&lt;/script&gt;" in detail
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE archive_item; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "title:'); DELETE FROM archive_item; --",
        "%' OR '1'='1",
        "\\x00\\\\",
    ],
)
def test_hostile_queries_are_searched_as_text_and_render_inert(
    client, hostile_import, query
):
    before = Item.objects.count()
    response = client.get(reverse("archive:search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    _assert_inert(html)
    assert "<script>alert(1)</script>" not in html
    assert Item.objects.count() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_item")
        assert cursor.fetchone()[0] == before


@pytest.mark.django_db
def test_the_drop_table_fragment_is_found_as_printed_text(client, hostile_import):
    response = client.get(reverse("archive:search"), {"q": "DROP TABLE"})
    assert response.context["results"].total == 1


@pytest.mark.django_db
def test_a_javascript_link_is_never_rendered_as_a_link(client):
    notice = NoticeFactory(links=["javascript:alert(1)", "https://example.org/x"])
    html = client.get(notice.item.get_absolute_url()).content.decode()
    assert 'href="javascript:' not in html
    assert 'href="https://example.org/x"' in html


# --- personal data -----------------------------------------------------------


def test_masks_keep_length_and_hide_the_middle_of_mobile_numbers():
    text = "电话13812345678，座机0475-8221234，邮箱 zhang@qq.com 或 office@tl.gov.cn"
    masked = mask_text(text, everything=False)
    assert len(masked) == len(text)
    assert "138****5678" in masked
    assert "0475-8221234" in masked  # an office landline stays
    assert "z****@qq.com" in masked
    assert "office@tl.gov.cn" in masked
    everything = mask_text(text, everything=True)
    assert "0475-*****34" in everything
    assert "o*****@tl.gov.cn" in everything


@pytest.fixture
def personal_notice():
    return NoticeFactory(
        item__title="遗失声明",
        item__text="张三遗失身份证，声明作废。联系电话：0475-8221234 13812345678"
        " 邮箱 zhangsan@example.com",
        notice_type="loss",
        issuer="张三",
        contacts={
            "phones": ["0475-8221234", "13812345678"],
            "emails": ["zhangsan@example.com"],
            "people": [],
        },
    ).item


@pytest.fixture
def office_notice():
    return NoticeFactory(
        item__title="行政执法文书送达公告",
        item__text="请与我局联系。联系电话：0475-8221234，经办人手机13912345678。",
        issuer="通辽市自然资源局",
        contacts={"phones": ["0475-8221234", "13912345678"], "emails": []},
    ).item


@pytest.mark.django_db
def test_anonymous_readers_see_a_private_persons_contacts_masked(
    client, personal_notice
):
    html = client.get(personal_notice.get_absolute_url()).content.decode()
    assert "13812345678" not in html
    assert "0475-8221234" not in html
    assert "zhangsan@example.com" not in html
    assert "138****5678" in html
    assert "0475-*****34" in html


@pytest.mark.django_db
def test_an_offices_landline_stays_readable_but_mobiles_are_masked(
    client, office_notice
):
    html = client.get(office_notice.get_absolute_url()).content.decode()
    assert "0475-8221234" in html
    assert "13912345678" not in html
    assert "139****5678" in html


@pytest.mark.django_db
def test_staff_see_contacts_as_printed(reader_client, personal_notice):
    html = reader_client.get(personal_notice.get_absolute_url()).content.decode()
    assert "13812345678" in html
    assert "zhangsan@example.com" in html


@pytest.mark.django_db
def test_search_snippets_are_masked_for_anonymous_readers(client, personal_notice):
    response = client.get(reverse("archive:search"), {"q": "遗失身份证"})
    html = response.content.decode()
    assert response.context["results"].total == 1
    assert "13812345678" not in html
    assert "138****5678" in html


@pytest.mark.django_db
def test_anonymous_readers_cannot_look_a_person_up_by_number(
    reader_client, personal_notice
):
    response = Client().get(reverse("archive:search"), {"q": "13812345678"})
    assert "不能按电话号码或电子邮箱检索" in response.content.decode()
    # The number is dropped from the query: it narrows nothing.
    assert response.context["results"].query.is_empty
    staff = reader_client.get(reverse("archive:search"), {"q": "13812345678"})
    assert [h.item for h in staff.context["results"].hits] == [personal_notice]


@pytest.mark.django_db
def test_the_policy_is_configurable(client, office_notice):
    with override_settings(ARCHIVE_MASK_CONTACTS="all"):
        html = client.get(office_notice.get_absolute_url()).content.decode()
        assert "0475-8221234" not in html
    with override_settings(ARCHIVE_MASK_CONTACTS="none"):
        html = client.get(office_notice.get_absolute_url()).content.decode()
        assert "13912345678" in html


@pytest.mark.django_db
def test_articles_mask_mobile_numbers_for_anonymous_readers(client):
    item = ArticleFactory(item__text="记者热线13712345678，欢迎来电。").item
    html = client.get(item.get_absolute_url()).content.decode()
    assert "13712345678" not in html
    assert "137****5678" in html


@pytest.mark.django_db
def test_the_api_answers_hostile_content_as_json_and_hides_drafts(
    client, hostile_import
):
    from django.urls import NoReverseMatch

    try:
        url = reverse("api:item-list")
    except NoReverseMatch:
        pytest.skip("the API is not on this branch")
    draft = ArticleFactory(
        item__status=Item.Status.DRAFT, item__title="未发布的草稿标题"
    ).item
    response = client.get(url, {"q": "script"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert draft.title not in body
    assert "13812345678" not in client.get(url, {"q": "遗失"}).content.decode()
