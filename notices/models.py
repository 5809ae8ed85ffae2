"""Notice-only fields: the legal facts a paid administrative notice carries."""

from __future__ import annotations

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from archive.models import Item

# A window ending within this many days (today included) is "closing".
CLOSING_DAYS = 7


class NoticeQuerySet(models.QuerySet["Notice"]):
    def with_deadline(self) -> NoticeQuerySet:
        """Annotate `deadline`: the window's end, else the deemed-served date."""
        return self.annotate(deadline=Coalesce("window_end", "deemed_served_on"))

    def open_on(self, day: datetime.date) -> NoticeQuerySet:
        return self.with_deadline().filter(deadline__gte=day)

    def closing_within(self, day: datetime.date, days: int) -> NoticeQuerySet:
        end = day + datetime.timedelta(days=days)
        return self.with_deadline().filter(deadline__gte=day, deadline__lte=end)

    def closed_on(self, day: datetime.date) -> NoticeQuerySet:
        return self.with_deadline().filter(deadline__lt=day)


class Notice(models.Model):
    """A notice's facts, beside the Item that holds its title and text."""

    class DeadlineBasis(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", "自然日"
        WORKING_DAYS = "working_days", "工作日（含调休）"
        PRINTED = "printed", "按印刷起止日期"
        NONE = "none", "无期限"

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, primary_key=True, related_name="notice"
    )
    # The vocabulary grows in notices/parsers.py without a migration: the key is
    # free text and the label as printed is kept beside it.
    notice_type = models.CharField("公告类型", max_length=40, default="other")
    notice_type_label = models.CharField("公告类型名称", max_length=60, blank=True)
    round = models.PositiveSmallIntegerField("公示轮次", null=True, blank=True)
    document_title = models.CharField("送达文书", max_length=200, blank=True)
    cited_law = models.CharField("引用法条", max_length=300, blank=True)
    mailed_on = models.DateField("邮寄日期", null=True, blank=True)
    issuer = models.CharField("发布机构", max_length=200, blank=True)
    addressees = ArrayField(
        models.CharField(max_length=200),
        verbose_name="受送达人",
        default=list,
        blank=True,
    )
    document_numbers = ArrayField(
        models.CharField(max_length=100),
        verbose_name="文书编号",
        default=list,
        blank=True,
    )
    signed_on = models.DateField("落款日期", null=True, blank=True)
    period_text = models.CharField("期限原文", max_length=500, blank=True)
    window_start = models.DateField("期限起", null=True, blank=True)
    window_end = models.DateField("期限止", null=True, blank=True)
    window_printed = models.CharField("印刷的起止日期", max_length=200, blank=True)
    working_days = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    deemed_served_on = models.DateField("视为送达日期", null=True, blank=True)
    deadline_note = models.CharField("期限计算说明", max_length=500, blank=True)
    # Disagreements for editors: printed window vs calendar, window before issue …
    flags = ArrayField(
        models.CharField(max_length=300),
        verbose_name="待核问题",
        default=list,
        blank=True,
    )
    deadline_basis = models.CharField(
        "计算依据",
        max_length=16,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.NONE,
    )
    # False when the holiday calendar does not cover the dates: shown as "未核验".
    calendar_verified = models.BooleanField("已按节假日历核验", default=False)
    # {"phones": [...], "emails": [...], "people": [...]}.
    contacts = models.JSONField("联系方式", default=dict, blank=True)
    links = ArrayField(
        models.URLField(max_length=500), verbose_name="链接", default=list, blank=True
    )
    project = models.CharField("项目", max_length=300, blank=True)
    location = models.CharField("地点", max_length=300, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "公告"
        verbose_name_plural = "公告"
        constraints = [
            models.CheckConstraint(
                condition=Q(window_start__isnull=True)
                | Q(window_end__isnull=True)
                | Q(window_start__lte=models.F("window_end")),
                name="notice_window_ordered",
            ),
        ]
        indexes = [
            # "Windows closing in the next N days" lists.
            models.Index(fields=["deemed_served_on"], name="notice_deemed_idx"),
            models.Index(fields=["window_end"], name="notice_window_end_idx"),
            models.Index(fields=["notice_type"], name="notice_type_idx"),
        ]

    def __str__(self) -> str:
        return self.item.title

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()

    @property
    def deadline_date(self) -> datetime.date | None:
        """The window's end, else the deemed-served date (as `with_deadline`)."""
        return self.window_end or self.deemed_served_on

    def status_on(self, day: datetime.date, closing_days: int = CLOSING_DAYS) -> str:
        """ "open", "closing" (ends within `closing_days`), "closed" or "none"."""
        deadline = self.deadline_date
        if deadline is None:
            return "none"
        if deadline < day:
            return "closed"
        if deadline <= day + datetime.timedelta(days=closing_days):
            return "closing"
        return "open"


class CalendarDay(models.Model):
    """An editor's entry for the working-day calendar (a year the package lacks)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        verbose_name = "节假日历条目"
        verbose_name_plural = "节假日历条目"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'上班' if self.is_workday else '放假'}"

    def get_absolute_url(self) -> str:
        return reverse("admin:notices_calendarday_change", args=[self.pk])


class CalendarYear(models.Model):
    """A year whose holidays and make-up days editors have entered completely."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    note = models.CharField("依据（国务院办公厅通知）", max_length=200, blank=True)

    class Meta:
        verbose_name = "已录入的节假日年份"
        verbose_name_plural = "已录入的节假日年份"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("admin:notices_calendaryear_change", args=[self.pk])
