"""Editors extend the holiday calendar in the database, without a release."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Item
from notices.models import CalendarDay, CalendarYear, Notice

pytestmark = pytest.mark.django_db

NOTICE_2027 = """■广告

某某项目环境影响评价第二次信息公示

根据《环境影响评价公众参与办法》，现进行第二次公示。公众可在本公示发布之日起10个工作日内提出意见。

联系电话：13800000000

内蒙古某某有限公司
2027年1月4日
"""


def _import(tmp_path) -> Notice:
    path = tmp_path / "p.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    call_command(
        "import_pages",
        str(path),
        "--publication",
        "p",
        "--date",
        "2027-01-05",
        "--page",
        "1",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return Notice.objects.get(item__kind=Item.Kind.NOTICE)


def test_a_year_without_holiday_data_is_marked_not_verified(tmp_path, places):
    notice = _import(tmp_path)
    assert notice.calendar_verified is False
    assert notice.window_end is None  # no silent weekday guess
    assert "2027" in notice.deadline_note


def test_editor_entered_days_make_the_year_verifiable_after_reparse(tmp_path, places):
    notice = _import(tmp_path)
    for day in range(1, 32):
        date = datetime.date(2027, 1, day)
        CalendarDay.objects.create(date=date, is_workday=date.weekday() < 5)
    CalendarYear.objects.create(year=2027, note="测试：编辑录入")
    call_command("reparse_pages", stdout=StringIO())
    notice.refresh_from_db()
    assert notice.calendar_verified is True
    # 10 working days counting 2027-01-05 (Tuesday) as day 1.
    assert notice.window_end == datetime.date(2027, 1, 18)


def test_the_item_page_names_holidays_and_make_up_days_in_the_window(client, places):
    from tests.factories import NoticeFactory

    notice = NoticeFactory(
        window_start=datetime.date(2026, 2, 3),
        window_end=datetime.date(2026, 3, 4),
        deadline_basis="calendar_days",
        calendar_verified=True,
    )
    body = client.get(notice.item.get_absolute_url()).content.decode()
    assert "2026年2月14日（星期六）调休上班" in body
    assert "2026年2月15日至2026年2月23日休息（春节）" in body
    assert "2026年2月7日至2026年2月8日" not in body  # a plain weekend is not news
