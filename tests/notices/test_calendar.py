"""The official working-day calendar and deadline arithmetic; no database."""

from datetime import date, timedelta

import pytest

from archive.ingest.records import Period
from notices.calendar import (
    CalendarNotCovered,
    WorkCalendar,
    add_months_window_end,
    compute_deadline,
)

CALENDAR = WorkCalendar()
# No holiday data will exist for this year for a long time; an editor must add it.
UNCOVERED = 2099
ISSUE = date(2026, 2, 3)


def _period(days: int, kind: str = "working", start: str = "publication") -> Period:
    return Period(text=f"{days} {kind}", days=days, kind=kind, start=start)


def _deadline(period, printed=None, *, issue=ISSUE, signed=None, calendar=CALENDAR):
    return compute_deadline(
        period,
        printed,
        issue_date=issue,
        signed_on=signed,
        calendar=calendar,
        type_key="eia",
    )


def test_package_covers_2026_but_not_the_year_after_its_data():
    assert CALENDAR.covers(date(2026, 12, 31))
    assert not CALENDAR.covers(date(max(CALENDAR.years) + 1, 1, 1))
    assert not CALENDAR.covers(date(UNCOVERED, 6, 1))


def test_spring_festival_2026_holidays_and_make_up_saturdays():
    assert CALENDAR.is_workday(date(2026, 2, 13))
    assert CALENDAR.is_workday(date(2026, 2, 14))  # Saturday, worked
    assert CALENDAR.is_makeup_workday(date(2026, 2, 14))
    for day in range(15, 24):
        assert not CALENDAR.is_workday(date(2026, 2, day))
    assert CALENDAR.is_workday(date(2026, 2, 24))
    assert CALENDAR.is_workday(date(2026, 2, 28))  # Saturday, worked
    assert not CALENDAR.is_workday(date(2026, 3, 1))


def test_national_day_2026_holidays_and_make_up_days():
    assert CALENDAR.is_workday(date(2026, 9, 20))  # Sunday, worked
    assert not CALENDAR.is_workday(date(2026, 9, 25))  # Mid-Autumn, a Friday
    for day in range(1, 8):
        assert not CALENDAR.is_workday(date(2026, 10, day))
    assert CALENDAR.is_workday(date(2026, 10, 8))
    assert CALENDAR.is_workday(date(2026, 10, 10))  # Saturday, worked
    assert not CALENDAR.is_workday(date(2026, 10, 11))


def test_ten_working_days_from_feb_3_end_on_the_make_up_saturday():
    end = CALENDAR.add_working_days(ISSUE, 10, start_counts=True)
    assert end == date(2026, 2, 14)
    # A Monday-Friday count would run past the holiday week instead.
    assert CALENDAR.add_working_days(ISSUE, 11, start_counts=True) == date(2026, 2, 24)


def test_add_working_days_without_counting_the_start_day():
    assert CALENDAR.add_working_days(ISSUE, 10, start_counts=False) == date(2026, 2, 24)
    assert CALENDAR.add_working_days(ISSUE, 1, start_counts=False) == date(2026, 2, 4)


def test_add_working_days_from_a_holiday_starts_at_the_next_working_day():
    assert CALENDAR.add_working_days(date(2026, 2, 16), 1, start_counts=True) == date(
        2026, 2, 24
    )
    assert CALENDAR.add_working_days(date(2026, 2, 13), 3, start_counts=True) == date(
        2026, 2, 24
    )


def test_add_working_days_across_national_day_2026():
    start = date(2026, 9, 28)
    assert CALENDAR.add_working_days(start, 5, start_counts=True) == date(2026, 10, 9)
    assert CALENDAR.add_working_days(start, 6, start_counts=True) == date(2026, 10, 10)
    assert CALENDAR.add_working_days(start, 7, start_counts=True) == date(2026, 10, 12)


def test_working_days_between_is_inclusive_and_counts_make_up_days():
    assert CALENDAR.working_days_between(date(2026, 1, 29), date(2026, 2, 11)) == 10
    assert CALENDAR.working_days_between(ISSUE, date(2026, 2, 14)) == 10
    assert CALENDAR.working_days_between(ISSUE, date(2026, 2, 13)) == 9
    assert CALENDAR.working_days_between(date(2026, 2, 14), date(2026, 2, 28)) == 6
    # 9/20 (Sunday) … 10/10 (Saturday): 21 days, two make-up days, 8 days off.
    assert CALENDAR.working_days_between(date(2026, 9, 20), date(2026, 10, 10)) == 11
    assert CALENDAR.working_days_between(ISSUE, ISSUE) == 1


def test_add_calendar_days_with_and_without_the_start_day():
    assert CALENDAR.add_calendar_days(ISSUE, 30, start_counts=False) == date(2026, 3, 5)
    assert CALENDAR.add_calendar_days(ISSUE, 30, start_counts=True) == date(2026, 3, 4)
    assert CALENDAR.add_calendar_days(ISSUE, 1, start_counts=True) == ISSUE


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(ISSUE, 0, start_counts=True)
    with pytest.raises(ValueError):
        CALENDAR.add_calendar_days(ISSUE, -1, start_counts=True)
    with pytest.raises(ValueError):
        CALENDAR.working_days_between(ISSUE, ISSUE - timedelta(days=1))


def test_uncovered_day_raises_instead_of_guessing_from_the_weekday():
    monday = date(UNCOVERED, 1, 5)
    assert not CALENDAR.covers(monday)
    with pytest.raises(CalendarNotCovered) as raised:
        CALENDAR.is_workday(monday)
    assert raised.value.year == UNCOVERED


def test_working_day_walk_into_an_uncovered_year_raises():
    last = max(CALENDAR.years)
    with pytest.raises(CalendarNotCovered):
        CALENDAR.add_working_days(date(last, 12, 28), 10, start_counts=True)
    with pytest.raises(CalendarNotCovered):
        CALENDAR.working_days_between(date(last, 12, 30), date(last + 1, 1, 2))


def test_editor_days_and_declared_year_make_an_uncovered_year_covered():
    extra = {date(UNCOVERED, 1, 1): False, date(UNCOVERED, 1, 3): True}
    partial = WorkCalendar(extra_days=extra)
    assert partial.covers(date(UNCOVERED, 1, 1))  # an editor's entry is known
    assert not partial.covers(date(UNCOVERED, 1, 2))  # the rest of the year is not
    with pytest.raises(CalendarNotCovered):
        partial.is_workday(date(UNCOVERED, 1, 2))

    complete = WorkCalendar(extra_days=extra, extra_years=[UNCOVERED])
    assert complete.covers(date(UNCOVERED, 7, 1))
    assert not complete.is_workday(date(UNCOVERED, 1, 1))  # Thursday, a holiday
    assert complete.is_workday(date(UNCOVERED, 1, 2))  # Friday
    assert complete.is_workday(date(UNCOVERED, 1, 3))  # Saturday, worked
    assert not complete.is_workday(date(UNCOVERED, 1, 4))  # Sunday
    assert complete.add_working_days(
        date(UNCOVERED, 1, 1), 3, start_counts=True
    ) == date(UNCOVERED, 1, 5)


def test_editor_days_override_the_package_data():
    corrected = WorkCalendar(extra_days={date(2026, 2, 14): False})
    assert not corrected.is_workday(date(2026, 2, 14))
    assert CALENDAR.is_workday(date(2026, 2, 14))


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 2, 3), 3, date(2026, 5, 2)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 1), 1, date(2026, 3, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 12, 15), 12, date(2027, 12, 14)),
    ],
)
def test_month_windows_handle_month_ends(start, months, end):
    assert add_months_window_end(start, months) == end


def test_deadline_for_service_by_publication_is_publication_plus_30_days():
    deadline = compute_deadline(
        _period(30, "calendar"),
        None,
        issue_date=ISSUE,
        signed_on=ISSUE,
        calendar=CALENDAR,
        type_key="service",
    )
    assert deadline is not None
    assert deadline.deemed_on == date(2026, 3, 5)
    assert (deadline.window_start, deadline.window_end) == (ISSUE, date(2026, 3, 4))
    assert deadline.verified
    assert deadline.note.startswith("自2026年2月3日见报之日起30日（自然日）")
    assert "至2026年3月4日届满" in deadline.note
    assert "次日即2026年3月5日视为送达" in deadline.note
    assert "《民法典》第二百零一条" in deadline.note


def test_deadline_for_working_days_counts_the_issue_day_and_make_up_saturday():
    deadline = _deadline(_period(10), signed=date(2026, 1, 23))
    assert (deadline.window_start, deadline.window_end) == (ISSUE, date(2026, 2, 14))
    assert deadline.working_days == 10
    assert deadline.verified
    assert deadline.note.startswith(
        "自见报日起算：以2026年2月3日为第1日，第10个工作日为2026年2月14日"
    )
    assert "2026年2月14日（星期六）为法定调休上班日" in deadline.note
    assert "落款日期（2026年1月23日）早于见报日，期限自见报之日起算" in deadline.note
    assert deadline.flags == ()


def test_deadline_across_national_day_skips_the_holiday_week():
    deadline = _deadline(_period(10), issue=date(2026, 9, 24))
    assert deadline.window_end == date(2026, 10, 14)
    assert "2026年10月10日（星期六）为法定调休上班日" in deadline.note
    assert "扣除逢周一至周五的法定节假日" in deadline.note


def test_printed_window_before_the_issue_date_is_flagged():
    printed = (date(2026, 1, 29), date(2026, 2, 11))
    deadline = _deadline(_period(10), printed)
    assert (deadline.window_start, deadline.window_end) == printed
    assert deadline.working_days == 10
    assert deadline.flags == (
        "公示起始日早于见报日（印刷为2026年1月29日，见报2026年2月3日）",
    )


def test_printed_count_that_disagrees_with_the_calendar_keeps_both_and_flags():
    deadline = _deadline(_period(10), (ISSUE, date(2026, 2, 13)))
    assert deadline.working_days == 9
    assert len(deadline.flags) == 1
    assert deadline.flags == (
        "载明期间2026年2月3日至2026年2月13日实为9个工作日，与文中所载10个工作日不符",
    )


def test_printed_count_that_misses_a_make_up_day_names_it():
    # Labour Day 2026: 05-01..05-05 off, Saturday 05-09 worked.
    deadline = _deadline(_period(10), (date(2026, 4, 28), date(2026, 5, 14)))
    assert deadline.working_days == 11
    assert deadline.flags == (
        "载明期间2026年4月28日至2026年5月14日实为11个工作日，"
        "与文中所载10个工作日不符：2026年5月9日（星期六）为法定调休上班日；"
        "扣除逢周一至周五的法定节假日3天（2026年5月1日至2026年5月5日）",
    )


def test_printed_count_that_matches_only_with_the_make_up_day_is_not_flagged():
    deadline = _deadline(_period(10), (ISSUE, date(2026, 2, 14)))
    assert deadline.working_days == 10
    assert deadline.flags == ()
    assert "2026年2月14日" in deadline.note


def test_working_days_in_an_uncovered_year_are_not_verified_nor_guessed():
    issue = date(UNCOVERED, 3, 2)
    deadline = _deadline(_period(10), issue=issue)
    assert not deadline.verified
    assert deadline.window_start == issue
    assert deadline.window_end is None
    assert deadline.working_days is None
    assert f"节假日数据未覆盖 {UNCOVERED} 年，未核验" in deadline.note


def test_working_days_running_into_an_uncovered_year_name_that_year():
    last = max(CALENDAR.years)
    deadline = _deadline(_period(10), issue=date(last, 12, 24))
    assert not deadline.verified
    assert deadline.window_end is None
    assert f"节假日数据未覆盖 {last + 1} 年，未核验" in deadline.note


def test_printed_window_in_an_uncovered_year_is_kept_but_not_verified():
    printed = (date(UNCOVERED, 3, 2), date(UNCOVERED, 3, 13))
    deadline = _deadline(_period(10), printed, issue=date(UNCOVERED, 3, 2))
    assert (deadline.window_start, deadline.window_end) == printed
    assert deadline.working_days is None
    assert not deadline.verified
    assert f"节假日数据未覆盖 {UNCOVERED} 年" in deadline.note


def test_calendar_day_periods_in_an_uncovered_year_are_computed_not_verified():
    issue = date(UNCOVERED, 3, 2)
    deadline = compute_deadline(
        _period(30, "calendar"),
        None,
        issue_date=issue,
        signed_on=None,
        calendar=CALENDAR,
        type_key="service",
    )
    assert deadline.deemed_on == date(UNCOVERED, 4, 1)
    assert deadline.window_end == date(UNCOVERED, 3, 31)
    # Whether the last day is a rest day (which would move it) is unknown.
    assert not deadline.verified
    assert f"节假日数据未覆盖 {UNCOVERED} 年，未核验" in deadline.note
    assert _deadline(_period(3, "month"), issue=issue).window_end == date(
        UNCOVERED, 6, 1
    )
    completed = WorkCalendar(extra_years=[UNCOVERED])
    assert _deadline(_period(30, "calendar"), issue=issue, calendar=completed).verified


def test_editor_completed_year_gives_verified_working_day_deadlines():
    calendar = WorkCalendar(extra_years=[UNCOVERED])
    deadline = _deadline(_period(10), issue=date(UNCOVERED, 3, 2), calendar=calendar)
    assert deadline.verified
    assert deadline.window_end == date(UNCOVERED, 3, 13)


def test_month_period_from_publication_moves_off_the_labour_day_holiday():
    deadline = _deadline(_period(3, "month"))
    # Day 2026-05-02 ends three months counted from 02-03, but it is a holiday.
    assert (deadline.window_start, deadline.window_end) == (ISSUE, date(2026, 5, 6))
    assert "2026年5月2日为休息日" in deadline.note
    assert "顺延至其后第一个工作日2026年5月6日" in deadline.note
    assert deadline.verified
    plain = _deadline(_period(3, "month"), issue=date(2026, 3, 10))
    assert plain.window_end == date(2026, 6, 9)


def test_service_ending_in_national_day_moves_to_the_next_working_day():
    deadline = compute_deadline(
        _period(30, "calendar"),
        None,
        issue_date=date(2026, 9, 2),
        signed_on=None,
        calendar=CALENDAR,
        type_key="service",
    )
    # Day 30 is 10-01 and publication + 30 is 10-02: both in the holiday week.
    assert deadline.window_end == date(2026, 10, 8)
    assert deadline.deemed_on == date(2026, 10, 8)
    assert "《民法典》第二百零三条" in deadline.note
    assert deadline.verified


def test_calendar_period_ending_on_a_sunday_moves_to_monday():
    deadline = _deadline(_period(5, "calendar"), issue=date(2026, 3, 4))
    assert deadline.window_end == date(2026, 3, 9)


def test_calendar_day_period_counts_the_issue_day():
    deadline = _deadline(_period(45, "calendar"))
    assert deadline.window_end == date(2026, 3, 19)
    assert deadline.deemed_on is None


def test_without_an_issue_date_nothing_that_depends_on_it_is_computed():
    deadline = _deadline(_period(10), issue=None)
    assert deadline.window_start is None
    assert deadline.window_end is None
    assert not deadline.verified
    assert "缺少见报日期" in deadline.note
    # A printed window does not depend on the issue date.
    printed = _deadline(_period(10), (ISSUE, date(2026, 2, 14)), issue=None)
    assert printed.working_days == 10
    assert printed.flags == ()


def test_signature_and_receipt_periods():
    signed = date(2026, 2, 2)
    by_signature = _deadline(_period(15, "calendar", "signature"), signed=signed)
    assert by_signature.window_start == signed
    # 02-16 falls in the Spring Festival holiday: the period runs to 02-24.
    assert by_signature.window_end == date(2026, 2, 24)
    by_receipt = _deadline(_period(15, "calendar", "receipt"))
    assert by_receipt.window_end is None
    assert "自收到之日起算" in by_receipt.note


def test_signed_after_the_issue_date_is_flagged():
    deadline = _deadline(_period(10), signed=date(2026, 2, 5))
    assert deadline.flags == (
        "落款日期晚于见报日（落款2026年2月5日，见报2026年2月3日）",
    )


def test_window_over_before_the_issue_date_is_flagged():
    deadline = _deadline(None, (date(2026, 1, 20), date(2026, 1, 30)))
    assert deadline.flags == (
        "公示起始日早于见报日（印刷为2026年1月20日，见报2026年2月3日）",
        "公示截止日早于见报日（印刷为2026年1月30日，见报2026年2月3日）",
    )


def test_reversed_printed_window_is_flagged_not_counted():
    deadline = _deadline(None, (date(2026, 2, 11), date(2026, 1, 29)))
    assert (deadline.window_start, deadline.window_end) == (None, None)
    assert deadline.working_days is None
    assert not deadline.verified
    assert deadline.flags == (
        "公示截止日早于起始日（印刷为2026年2月11日至2026年1月29日）",
    )


def test_nothing_to_compute_gives_none():
    assert _deadline(None, None) is None
