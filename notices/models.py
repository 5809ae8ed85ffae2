"""Notice-only fields: the legal facts a paid administrative notice carries."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from archive.models import Item


class NoticeType(models.TextChoices):
    SERVICE_BY_PUBLICATION = "service", "行政执法文书送达公告"
    EIA_PARTICIPATION = "eia", "环评公众参与公示"
    LOSS_STATEMENT = "loss", "遗失声明"
    DEREGISTRATION = "deregistration", "注销公告"
    CAPITAL_REDUCTION = "capital_reduction", "减资公告"
    AUCTION = "auction", "拍卖公告"
    HEARING = "hearing", "听证公告"
    OTHER = "other", "其他公告"


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
    notice_type = models.CharField(
        "公告类型", max_length=20, choices=NoticeType.choices, default=NoticeType.OTHER
    )
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
    deadline_basis = models.CharField(
        "计算依据",
        max_length=16,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.NONE,
    )
    # False when the holiday calendar does not cover the dates: shown as "未核验".
    calendar_verified = models.BooleanField("已按节假日历核验", default=False)
    # Each contact: {"name": ..., "phone": ..., "email": ..., "role": ...}.
    contacts = models.JSONField("联系方式", default=list, blank=True)
    links = ArrayField(
        models.URLField(max_length=500), verbose_name="链接", default=list, blank=True
    )
    project = models.CharField("项目", max_length=300, blank=True)
    location = models.CharField("地点", max_length=300, blank=True)

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
            models.Index(fields=["window_end"], name="notice_window_end_idx"),
            models.Index(fields=["notice_type"], name="notice_type_idx"),
        ]

    def __str__(self) -> str:
        return self.item.title

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()
