"""Notices by window status, type, issuer, place and paper: the API, the feed and
the closing-soon page share this selection."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet

from archive.models import Item, Place

from .models import CLOSING_DAYS, Notice

STATUSES = ("open", "closing", "closed", "all")
MAX_DAYS = 366


class NoticeListForm(forms.Form):
    status = forms.ChoiceField(
        label="open：未届满（含即将到期）；closing：days 日内到期；closed：已届满；all",
        choices=[(key, key) for key in STATUSES],
        required=False,
    )
    days = forms.IntegerField(
        label=f"closing 的天数（0–{MAX_DAYS}），默认 {CLOSING_DAYS}",
        min_value=0,
        max_value=MAX_DAYS,
        required=False,
    )
    type = forms.CharField(
        label="公告类型（notice_type）", required=False, max_length=40
    )
    issuer = forms.CharField(label="发布机构（包含）", required=False, max_length=200)
    place = forms.CharField(label="地区代码（含下级）", required=False, max_length=24)
    publication = forms.CharField(label="报纸标识", required=False, max_length=64)


def filtered_notices(
    data: dict[str, Any], today: datetime.date, *, items: QuerySet[Item]
) -> QuerySet[Notice]:
    """Notices of `items` selected by a valid NoticeListForm's cleaned data."""
    status = data.get("status") or "open"
    days = data.get("days")
    days = CLOSING_DAYS if days is None else days
    notices = Notice.objects.filter(item__in=items.values("pk")).with_deadline()
    if status == "open":
        notices = notices.open_on(today)
    elif status == "closing":
        notices = notices.closing_within(today, days)
    elif status == "closed":
        notices = notices.closed_on(today)
    if data.get("type"):
        notices = notices.filter(notice_type=data["type"])
    if data.get("issuer"):
        notices = notices.filter(issuer__icontains=data["issuer"])
    if data.get("publication"):
        notices = notices.filter(
            item__page__issue__publication__slug=data["publication"]
        )
    if data.get("place"):
        place = Place.objects.filter(code=data["place"]).first()
        if place is None:
            return notices.none()
        notices = notices.filter(item__in=Item.objects.about_place(place).values("pk"))
    return notices
