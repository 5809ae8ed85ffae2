"""Atom feeds: any search URL as a feed (same parameters), newest first."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .filters import resolve_search
from .models import Item

FEED_SIZE = 50


def item_moment(item: Item) -> datetime.datetime:
    """When an item appeared: its publication in the archive, else its paper date."""
    if item.published_at:
        return item.published_at
    return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))


class SearchFeed(Feed):
    """The search page's result set as Atom; feed readers see published items only."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> QueryDict:
        self.request = request
        params = request.GET.copy()
        for key in ("page", "sort", "cursor"):
            params.pop(key, None)
        return params

    def title(self, params: QueryDict) -> str:
        q = params.get("q", "").strip()
        return f"地方金融档案：{q}" if q else "地方金融档案：最新条目"

    def subtitle(self, params: QueryDict) -> str:
        return "检索结果中的新条目，按见报日期由新到旧。"

    def link(self, params: QueryDict) -> str:
        encoded = params.urlencode()
        return reverse("archive:search") + (f"?{encoded}" if encoded else "")

    def feed_url(self, params: QueryDict) -> str:
        return self.request.get_full_path()

    def items(self, params: QueryDict):
        resolved = resolve_search(params, user=AnonymousUser())
        if not resolved.filterset.is_valid():
            return []
        return (
            resolved.items.with_source()
            .select_related("article", "notice")
            .prefetch_related("programmes")
            .order_by("-date", "-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        text = " ".join(item.text.split())
        return text[:300] + ("…" if len(text) > 300 else "")

    def item_link(self, item: Item) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Item) -> str:
        return self.request.build_absolute_uri(item.permalink())

    item_guid_is_permalink = True

    def item_pubdate(self, item: Item) -> datetime.datetime:
        return item_moment(item)

    def item_updateddate(self, item: Item) -> datetime.datetime:
        return max(item.updated_at, item_moment(item))

    def item_author_name(self, item: Item) -> str:
        details = item.details
        if item.kind == Item.Kind.ARTICLE and details is not None:
            return "、".join(details.authors) or item.page.issue.publication.name
        if item.kind == Item.Kind.NOTICE and details is not None and details.issuer:
            return details.issuer
        return item.page.issue.publication.name

    def item_categories(self, item: Item) -> list[str]:
        return [item.get_kind_display(), *(p.name for p in item.programmes.all())]
