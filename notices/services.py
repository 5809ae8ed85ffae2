"""Reads and writes for the notices app that touch the database."""

from __future__ import annotations

from .calendar import WorkCalendar
from .models import CalendarDay, CalendarYear


def work_calendar() -> WorkCalendar:
    """The official calendar plus the days and years editors have entered."""
    return WorkCalendar(
        extra_days=dict(CalendarDay.objects.values_list("date", "is_workday")),
        extra_years=CalendarYear.objects.values_list("year", flat=True),
    )
