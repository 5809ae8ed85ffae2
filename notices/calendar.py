"""Official Chinese working-day calendar and legal deadlines placed on it.

Pure Python, no Django import. Holiday data comes from the `chinesecalendar`
package (import name `chinese_calendar`), which covers whole years from 2004 up
to the last year the State Council has announced; editors add later years (or
corrections) as `extra_days` and declare a year complete with `extra_years`.

Counting rules, taken from the sample pages and their expected files:
- windows count the publication day as day 1 (the pages' own printed windows
  do: 2026年2月3日至2026年2月14日 is "共10个工作日");
- a service by publication (`自公告之日起30日内…视为送达`) is deemed served the
  day after its N-day window ends, i.e. publication + N days: 2026-02-03 →
  2026-03-05, which is also what 民法典 art. 201 gives by not counting the
  first day;
- a month period ends the day before the same-numbered day N months later, or on
  the last day of that month when it has no such day (relativedelta-like);
- a calendar-day or month period whose last day is a rest day (weekend or public
  holiday, make-up working days excepted) ends on the next working day
  (民法典 art. 203); the deemed-served date moves the same way.
A day the data does not cover is never guessed from the weekday: what depends on
it is left out or marked not verified.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType

import chinese_calendar

from archive.ingest.records import Deadline, Period

# Bounds every walk over the calendar: no legal period in a notice runs longer.
MAX_PERIOD_DAYS = 3660

_EMPTY: Mapping[date, bool] = MappingProxyType({})
_WEEKEND_NAMES = ("星期六", "星期日")


class CalendarNotCovered(LookupError):
    """The holiday data does not cover this day, so its status is unknown."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.year = day.year
        super().__init__(f"节假日数据未覆盖 {day.year} 年（{day.isoformat()}）")


def _package_data() -> tuple[dict[date, bool], frozenset[int]]:
    """Read the package's holiday and make-up-day tables once."""
    overrides: dict[date, bool] = {}
    for day in chinese_calendar.holidays:
        overrides[day] = False
    # A make-up working day always wins over the holiday table.
    for day in chinese_calendar.workdays:
        overrides[day] = True
    years = frozenset(
        range(
            min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1
        )
    )
    return overrides, years


_PACKAGE_OVERRIDES, _PACKAGE_YEARS = _package_data()


class WorkCalendar:
    """Answer whether a day is an official working day, never by guessing."""

    __slots__ = ("_overrides", "_years")

    def __init__(
        self,
        extra_days: Mapping[date, bool] = _EMPTY,
        extra_years: Iterable[int] = (),
    ) -> None:
        self._overrides = {**_PACKAGE_OVERRIDES, **extra_days}
        self._years = _PACKAGE_YEARS | frozenset(int(year) for year in extra_years)

    @property
    def years(self) -> frozenset[int]:
        """Return the years known completely (package data or declared by editors)."""
        return self._years

    def covers(self, day: date) -> bool:
        """Return whether the day's status is known."""
        # An editor's single entry settles that day even in an incomplete year.
        return day.year in self._years or day in self._overrides

    def is_workday(self, day: date) -> bool:
        """Return whether the day is worked; raise CalendarNotCovered if unknown."""
        known = self._overrides.get(day)
        if known is not None:
            return known
        if day.year not in self._years:
            raise CalendarNotCovered(day)
        return day.weekday() < 5

    def is_makeup_workday(self, day: date) -> bool:
        """Return whether the day is a weekend day officially worked (调休上班)."""
        return day.weekday() >= 5 and self.is_workday(day)

    def add_working_days(self, start: date, n: int, *, start_counts: bool) -> date:
        """Return the n-th working day, counting `start` as day 1 if it qualifies."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day = start if start_counts else start + timedelta(days=1)
        counted = 0
        for _ in range(MAX_PERIOD_DAYS):
            if self.is_workday(day):
                counted += 1
                if counted == n:
                    return day
            day += timedelta(days=1)
        raise ValueError(
            f"{n} working days from {start} run past {MAX_PERIOD_DAYS} days"
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days from start to end, both included."""
        if end < start:
            raise ValueError(f"end {end} is before start {start}")
        if (end - start).days > MAX_PERIOD_DAYS:
            raise ValueError(f"{start}–{end} is longer than {MAX_PERIOD_DAYS} days")
        return sum(
            self.is_workday(start + timedelta(days=offset))
            for offset in range((end - start).days + 1)
        )

    def add_calendar_days(self, start: date, n: int, *, start_counts: bool) -> date:
        """Return the n-th calendar day, counting `start` as day 1 if start_counts."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        return start + timedelta(days=n - 1 if start_counts else n)

    def first_uncovered(self, start: date, end: date) -> date | None:
        """Return the first day from start to end the data does not cover."""
        year = start.year
        while year <= end.year:
            if year not in self._years:
                first = max(start, date(year, 1, 1))
                last = min(end, date(year, 12, 31))
                day = first
                while day <= last:
                    if day not in self._overrides:
                        return day
                    day += timedelta(days=1)
            year += 1
        return None


def add_months_window_end(start: date, months: int) -> date:
    """Return the last day of an N-month window counting `start` as day 1."""
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    if start.day <= last_day:
        return date(year, month, start.day) - timedelta(days=1)
    # No same-numbered day (31 Jan + 1 month): the window ends with the month.
    return date(year, month, last_day)


def _cn(day: date) -> str:
    """Write a date the Chinese way, without zero padding: 2026年2月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def not_covered_note(year: int) -> str:
    """Return the editor-facing note for a year without holiday data."""
    return f"节假日数据未覆盖 {year} 年，未核验"


def _dates_note(calendar: WorkCalendar, start: date, end: date) -> str:
    """Describe the weekend working days and weekday holidays inside a window."""
    makeup: list[str] = []
    holidays: list[date] = []
    day = start
    while day <= end:
        if calendar.covers(day):
            workday = calendar.is_workday(day)
            if day.weekday() >= 5 and workday:
                name = _WEEKEND_NAMES[day.weekday() - 5]
                makeup.append(f"{_cn(day)}（{name}）为法定调休上班日")
            elif day.weekday() < 5 and not workday:
                holidays.append(day)
        day += timedelta(days=1)
    if holidays:
        first, last = _cn(holidays[0]), _cn(holidays[-1])
        span = first if first == last else f"{first}至{last}"
        makeup.append(f"扣除逢周一至周五的法定节假日{len(holidays)}天（{span}）")
    return "；".join(makeup)


def _join(*parts: str) -> str:
    return "；".join(dict.fromkeys(part.rstrip(".。；") for part in parts if part))


def compute_deadline(
    period: Period | None,
    printed_window: tuple[date, date] | None,
    *,
    issue_date: date | None,
    signed_on: date | None,
    calendar: WorkCalendar,
    type_key: str,
) -> Deadline | None:
    """Place a notice's period or printed window on the official calendar."""
    if printed_window is not None:
        return _printed_deadline(
            period, printed_window, issue_date=issue_date, calendar=calendar
        )
    if period is None:
        return None
    return _period_deadline(
        period,
        issue_date=issue_date,
        signed_on=signed_on,
        calendar=calendar,
        type_key=type_key,
    )


def _printed_deadline(
    period: Period | None,
    window: tuple[date, date],
    *,
    issue_date: date | None,
    calendar: WorkCalendar,
) -> Deadline:
    start, end = window
    flags: list[str] = []
    printed = f"载明期间{_cn(start)}至{_cn(end)}"
    if issue_date is not None and start < issue_date:
        flags.append(
            f"公示起始日早于见报日（印刷为{_cn(start)}，见报{_cn(issue_date)}）"
        )
    if end < start:
        flags.append(f"公示截止日早于起始日（印刷为{_cn(start)}至{_cn(end)}）")
        # No window is better than a reversed one: the printed dates stay in
        # NoticeFields.printed_window for the editor.
        return Deadline(
            verified=False,
            note=f"{printed}：起止日期颠倒，未计算",
            flags=tuple(flags),
        )
    if issue_date is not None and end < issue_date:
        flags.append(f"公示截止日早于见报日（印刷为{_cn(end)}，见报{_cn(issue_date)}）")
    needs_working = period is not None and period.kind == "working"
    uncovered = calendar.first_uncovered(start, end)
    if uncovered is not None:
        return Deadline(
            window_start=start,
            window_end=end,
            verified=not needs_working,
            note=_join(printed, not_covered_note(uncovered.year)),
            flags=tuple(flags),
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        return Deadline(
            window_start=start,
            window_end=end,
            verified=False,
            note=f"{printed}：超过{MAX_PERIOD_DAYS}日，未计算",
            flags=tuple(flags),
        )
    working = calendar.working_days_between(start, end)
    calendar_note = _dates_note(calendar, start, end)
    if needs_working and period is not None and period.days is not None:
        if period.days != working:
            flags.append(
                f"{printed}实为{working}个工作日，与文中所载{period.days}个工作日不符"
                + (f"：{calendar_note}" if calendar_note else "")
            )
    elif period is not None and period.kind == "calendar" and period.days is not None:
        length = (end - start).days + 1
        if length != period.days:
            flags.append(f"文中载明{period.days}日，但所载期间实为{length}日（自然日）")
    note = _join(f"{printed}：按法定工作日历共{working}个工作日", calendar_note)
    return Deadline(
        window_start=start,
        window_end=end,
        working_days=working,
        verified=True,
        note=note,
        flags=tuple(flags),
    )


def _period_deadline(
    period: Period,
    *,
    issue_date: date | None,
    signed_on: date | None,
    calendar: WorkCalendar,
    type_key: str,
) -> Deadline:
    if period.days is None or period.days < 1:
        return Deadline(verified=False, note="期限长度无法识别")
    if period.start == "receipt":
        return Deadline(
            verified=False,
            note="期限自收到之日起算，版面未载明收到日期",
        )
    if period.start == "signature":
        start, origin = signed_on, "落款日"
        if start is None:
            return Deadline(verified=False, note="缺少落款日期，无法计算")
    else:
        start, origin = issue_date, "见报日"
        if start is None:
            return Deadline(
                verified=False,
                note="缺少见报日期：期限自见报之日起算，无法计算",
            )
    flags: list[str] = []
    signed_note = ""
    if period.start == "publication" and signed_on is not None and issue_date:
        if signed_on > issue_date:
            flags.append(
                f"落款日期晚于见报日（落款{_cn(signed_on)}，见报{_cn(issue_date)}）"
            )
        elif signed_on < issue_date:
            signed_note = f"落款日期（{_cn(signed_on)}）早于见报日，期限自见报之日起算"
    n = period.days
    if period.kind == "working":
        return _working_deadline(start, n, origin, signed_note, flags, calendar)
    if period.kind == "month":
        last = add_months_window_end(start, n)
        end, end_note, end_checked = _roll_forward(calendar, last)
        note = f"自{origin}起算：以{_cn(start)}为第1日，{n}个月至{_cn(last)}届满"
        return Deadline(
            window_start=start,
            window_end=end,
            verified=end_checked,
            note=_join(note, end_note, signed_note),
            flags=tuple(flags),
        )
    last = calendar.add_calendar_days(start, n, start_counts=True)
    end, end_note, end_checked = _roll_forward(calendar, last)
    if type_key == "service":
        served = calendar.add_calendar_days(start, n, start_counts=False)
        deemed, deemed_note, deemed_checked = _roll_forward(calendar, served)
        note = (
            f"自{_cn(start)}见报之日起{n}日（自然日）：以{_cn(start)}为第1日，"
            f"{n}日期间至{_cn(last)}届满；次日即{_cn(served)}视为送达"
            f"（即见报日加{n}日，与《民法典》第二百零一条开始当日不计入的算法一致）"
        )
        return Deadline(
            window_start=start,
            window_end=end,
            deemed_on=deemed,
            verified=end_checked and deemed_checked,
            note=_join(note, end_note, deemed_note, signed_note),
            flags=tuple(flags),
        )
    note = f"自{origin}起算：以{_cn(start)}为第1日，{n}日（自然日）至{_cn(last)}届满"
    return Deadline(
        window_start=start,
        window_end=end,
        verified=end_checked,
        note=_join(note, end_note, signed_note),
        flags=tuple(flags),
    )


def _roll_forward(calendar: WorkCalendar, day: date) -> tuple[date, str, bool]:
    """Move a period's last day off a rest day: (day, note, whether checked)."""
    # 民法典 art. 203: a period whose last day is a holiday (weekends included)
    # ends on the first working day after it.
    moved = day
    for _ in range(MAX_PERIOD_DAYS):
        if not calendar.covers(moved):
            return (
                day,
                _join(
                    not_covered_note(moved.year),
                    f"无法确定{_cn(day)}是否为休息日（如是，期限应顺延）",
                ),
                False,
            )
        if calendar.is_workday(moved):
            break
        moved += timedelta(days=1)
    if moved == day:
        return day, "", True
    return (
        moved,
        (
            f"{_cn(day)}为休息日，期限顺延至其后第一个工作日{_cn(moved)}"
            f"（《民法典》第二百零三条）"
        ),
        True,
    )


def _working_deadline(
    start: date,
    n: int,
    origin: str,
    signed_note: str,
    flags: list[str],
    calendar: WorkCalendar,
) -> Deadline:
    try:
        end = calendar.add_working_days(start, n, start_counts=True)
    except CalendarNotCovered as exc:
        return Deadline(
            window_start=start,
            verified=False,
            note=_join(
                f"自{origin}（{_cn(start)}）起算{n}个工作日",
                not_covered_note(exc.year),
            ),
            flags=tuple(flags),
        )
    except ValueError:
        # The English message is for programmers; the editor reads this one.
        return Deadline(
            window_start=start,
            verified=False,
            note=f"自{origin}起算：{n}个工作日超出{MAX_PERIOD_DAYS}日，未计算",
        )
    day_one = (
        _cn(start) if calendar.is_workday(start) else f"{_cn(start)}后第一个工作日"
    )
    note = f"自{origin}起算：以{day_one}为第1日，第{n}个工作日为{_cn(end)}"
    return Deadline(
        window_start=start,
        window_end=end,
        working_days=n,
        note=_join(note, _dates_note(calendar, start, end), signed_note),
        flags=tuple(flags),
    )


def explain_window(start: date, end: date, calendar: WorkCalendar) -> list[str]:
    """Name the public holidays and make-up working days inside a window."""
    if end < start or (end - start).days > 400:
        return []
    lines: list[str] = []
    rest_run: list[date] = []

    def flush() -> None:
        names = {_holiday_name(day) for day in rest_run} - {""}
        if names:  # ordinary weekends go without saying
            label = "、".join(sorted(names))
            span = (
                _cn(rest_run[0])
                if len(rest_run) == 1
                else (f"{_cn(rest_run[0])}至{_cn(rest_run[-1])}")
            )
            lines.append(f"{span}休息（{label}）")
        rest_run.clear()

    day = start
    while day <= end:
        if not calendar.covers(day):
            flush()
            lines.append(not_covered_note(day.year))
            break
        if calendar.is_workday(day):
            flush()
            if calendar.is_makeup_workday(day):
                lines.append(f"{_cn(day)}（{_WEEKDAYS[day.weekday()]}）调休上班")
        else:
            rest_run.append(day)
        day += timedelta(days=1)
    flush()
    return lines


def _holiday_name(day: date) -> str:
    try:
        is_holiday, holiday = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return ""
    if not is_holiday or holiday is None:
        return ""
    name = getattr(holiday, "value", holiday)  # a str or an enum, by version
    return _HOLIDAY_NAMES.get(str(name), "")


_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}
