"""The notices desk: windows that are open, closing soon or closed."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from archive.models import Item, Place

from .models import Notice

STATUSES = {
    "open": "期限未届满",
    "closing": "7日内到期",
    "closed": "已届满",
    "all": "全部",
}
CLOSING_DAYS = 7


def notice_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    visible = Item.objects.visible_to(request.user).values("pk")
    notices = Notice.objects.filter(item__in=visible).with_deadline()
    if status == "open":
        notices = notices.open_on(today).order_by("deadline", "item__date")
    elif status == "closing":
        notices = notices.closing_within(today, CLOSING_DAYS).order_by("deadline")
    elif status == "closed":
        notices = notices.closed_on(today).order_by("-deadline")
    else:
        notices = notices.order_by("-item__date")
    notice_type = request.GET.get("type", "")
    if notice_type:
        notices = notices.filter(notice_type=notice_type)
    issuer = request.GET.get("issuer", "")[:200]
    if issuer:
        notices = notices.filter(issuer__icontains=issuer)
    place = Place.objects.filter(code=request.GET.get("place", "")).first()
    if place is not None:
        notices = notices.filter(item__in=Item.objects.about_place(place).values("pk"))
    types = (
        Notice.objects.filter(item__in=visible)
        .values_list("notice_type", "notice_type_label")
        .distinct()
        .order_by("notice_type_label")
    )
    page = Paginator(
        notices.select_related("item__page__issue__publication"), 30
    ).get_page(request.GET.get("page", 1))
    context = {
        "page_obj": page,
        "status": status,
        "statuses": STATUSES,
        "types": types,
        "notice_type": notice_type,
        "issuer": issuer,
        "place": place,
        "today": today,
    }
    return render(request, "notices/notice_list.html", context)


MAX_CLOSING_ROWS = 1000


def closing_soon(request: HttpRequest) -> HttpResponse:
    """Windows closing in the next N days, counted per city and type, and listed."""
    from collections import Counter

    from .filters import NoticeListForm, filtered_notices

    today = timezone.localdate()
    form = NoticeListForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    days = data.get("days")
    days = CLOSING_DAYS if days is None else days
    visible = Item.objects.visible_to(request.user)
    notices = list(
        filtered_notices(
            {**data, "status": "closing", "days": days}, today, items=visible
        )
        .select_related("item__page__issue__publication")
        .prefetch_related("item__places__city")
        .order_by("deadline", "item__date", "item_id")[:MAX_CLOSING_ROWS]
    )
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for notice in notices:
        cities = {
            (p.city or p) for p in notice.item.places.all() if p.level != "province"
        }
        for city in cities or {None}:
            counts[
                (
                    city.code if city else "",
                    city.name if city else "（未标地区）",
                    notice.notice_type,
                    notice.notice_type_label or notice.notice_type,
                )
            ] += 1
    place = Place.objects.filter(code=data.get("place") or "").first()
    types = (
        Notice.objects.filter(item__in=visible.values("pk"))
        .values_list("notice_type", "notice_type_label")
        .distinct()
        .order_by("notice_type_label")
    )
    context = {
        "notices": notices,
        "truncated": len(notices) == MAX_CLOSING_ROWS,
        "counts": sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])),
        "days": days,
        "form_errors": form.errors,
        "place": place,
        "notice_type": data.get("type") or "",
        "types": types,
        "today": today,
        "until": today + datetime.timedelta(days=days),
        "feed_query": request.GET.urlencode(),
    }
    return render(request, "notices/closing_soon.html", context)
