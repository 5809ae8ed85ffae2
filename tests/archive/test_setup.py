"""`setup_archive` (what `make run` calls) is safe to run again and again."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from archive.models import Item, Page, Place, Programme

pytestmark = pytest.mark.django_db


def _setup() -> str:
    out = StringIO()
    call_command("setup_archive", "--demo-pages", "0", stdout=out, verbosity=0)
    return out.getvalue()


def test_the_editor_password_is_printed_once_and_works(places):
    first = _setup()
    assert "已创建编辑账号 editor，密码：" in first
    password = first.split("密码：")[1].split()[0]
    editor = User.objects.get(username="editor")
    assert editor.check_password(password)
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name="编辑").exists()

    second = _setup()
    assert "密码" not in second
    assert "编辑账号 editor 已存在" in second
    assert User.objects.filter(username="editor").count() == 1


def test_setup_keeps_places_and_programmes_that_editors_changed(places):
    green = Programme.objects.get(slug="green")
    green.signal_terms = ["绿色金融", "碳中和"]
    green.save()
    places_before = Place.objects.count()
    _setup()
    green.refresh_from_db()
    assert green.signal_terms == ["绿色金融", "碳中和"]
    assert Programme.objects.count() == 5
    assert Place.objects.count() == places_before


def test_an_empty_archive_gets_demo_pages_once(places):
    out = StringIO()
    call_command("setup_archive", "--demo-pages", "12", stdout=out, verbosity=0)
    pages = Page.objects.count()
    assert pages == 12
    assert Item.objects.published().exists()
    assert Item.objects.filter(kind="notice").exists()
    call_command("setup_archive", "--demo-pages", "12", stdout=StringIO(), verbosity=0)
    assert Page.objects.count() == pages
