"""The notices feed (Atom): new notices and their deadlines, newest first."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from archive.feeds import item_moment
from archive.models import Item

from .filters import NoticeListForm, filtered_notices
from .models import Notice

FEED_SIZE = 50
STATUS_LABELS = {
    "open": "期限未届满",
    "closing": "即将到期",
    "closed": "已届满",
    "none": "无期限",
}


class NoticeFeed(Feed):
    """Published notices, filtered like /api/v1/notices/ (status defaults to all)."""

    feed_type = Atom1Feed
    title = "地方金融档案：公告与期限"
    subtitle = "新见报的公告，附计算出的期限。"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        self.request = request
        self.today = timezone.localdate()
        form = NoticeListForm(request.GET)
        data = form.cleaned_data if form.is_valid() else {"status": "none"}
        return {**data, "status": data.get("status") or "all"}

    def link(self, data: dict) -> str:
        return reverse("notices:notice-list")

    def feed_url(self, data: dict) -> str:
        return self.request.get_full_path()

    def items(self, data: dict):
        if data["status"] == "none":  # invalid parameters: an empty feed
            return []
        notices = filtered_notices(data, self.today, items=Item.objects.published())
        return notices.select_related("item__page__issue__publication").order_by(
            "-item__date", "-item__published_at", "-item_id"
        )[:FEED_SIZE]

    def item_title(self, notice: Notice) -> str:
        label = notice.notice_type_label or "公告"
        return f"【{label}】{notice.item.title}"

    def item_description(self, notice: Notice) -> str:
        deadline = notice.deadline_date
        status = STATUS_LABELS[notice.status_on(self.today)]
        item = notice.item
        parts = [
            f"发布机构：{notice.issuer or '—'}",
            f"见报：{item.page.issue.publication.name} {item.date:%Y-%m-%d}",
            f"期限：{deadline:%Y-%m-%d}（{status}）" if deadline else "期限：—",
        ]
        if notice.deadline_note:
            parts.append(notice.deadline_note)
        return "；".join(parts)

    def item_link(self, notice: Notice) -> str:
        return notice.item.get_absolute_url()

    def item_guid(self, notice: Notice) -> str:
        return self.request.build_absolute_uri(notice.item.permalink())

    item_guid_is_permalink = True

    def item_pubdate(self, notice: Notice) -> datetime.datetime:
        return item_moment(notice.item)

    def item_updateddate(self, notice: Notice) -> datetime.datetime:
        return max(notice.item.updated_at, item_moment(notice.item))

    def item_author_name(self, notice: Notice) -> str:
        return notice.issuer or notice.item.page.issue.publication.name
