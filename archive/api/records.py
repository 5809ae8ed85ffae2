"""Plain-dict records of items and figures: the API's rows and the export columns.

One function per record so the JSON API, CSV, XLSX and JSON Lines exports can
never disagree about a column. No DRF import: exports use these directly, which
is several times faster than a serializer over 100 k rows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from archive.models import Figure, Item

# The columns of an item row, in export order. The API's item list returns
# exactly these keys (a test holds them together).
ITEM_COLUMNS = (
    "id",
    "kind",
    "title",
    "date",
    "publication",
    "publication_name",
    "page",
    "section",
    "position",
    "authors",
    "notice_type",
    "issuer",
    "deadline",
    "places",
    "place_codes",
    "programmes",
    "programme_slugs",
    "url",
    "permalink",
    "api_url",
    "text",
)

FIGURE_COLUMNS = (
    "figure_id",
    "item_id",
    "item_title",
    "date",
    "publication",
    "publication_name",
    "places",
    "place_codes",
    "programmes",
    "programme_slugs",
    "position",
    "text",
    "value",
    "unit",
    "as_of",
    "context",
    "url",
)


def decimal_text(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 28942000000, 19.51."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def row_queryset(items: QuerySet[Item]) -> QuerySet[Item]:
    """What item_record reads, fetched in a fixed number of queries."""
    return (
        items.select_related("page__issue__publication", "article", "notice")
        .prefetch_related("places", "programmes")
        .defer(
            "normalized_text",
            "search_title",
            "search_bigrams",
            "parsed_digest",
            # The page's raw bytes and text would ride along with every item.
            "page__raw",
            "page__text",
        )
    )


def _authors(item: Item) -> list[str]:
    details = item.details
    if item.kind == Item.Kind.ARTICLE and details is not None:
        return list(details.authors)
    return []


def _notice(item: Item):
    return item.details if item.kind == Item.Kind.NOTICE else None


def item_record(item: Item, *, base_url: str) -> dict[str, Any]:
    """One item as the API lists it and the exports write it."""
    issue = item.page.issue
    notice = _notice(item)
    places = list(item.places.all())
    programmes = list(item.programmes.all())
    deadline: datetime.date | None = notice.deadline_date if notice else None
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "date": item.date.isoformat(),
        "publication": issue.publication.slug,
        "publication_name": issue.publication.name,
        "page": item.page.number,
        "section": item.page.section,
        "position": item.position,
        "authors": _authors(item),
        "notice_type": notice.notice_type if notice else "",
        "issuer": notice.issuer if notice else "",
        "deadline": deadline.isoformat() if deadline else None,
        "places": [p.name for p in places],
        "place_codes": [p.code for p in places],
        "programmes": [p.name for p in programmes],
        "programme_slugs": [p.slug for p in programmes],
        "url": base_url + item.get_absolute_url(),
        "permalink": base_url + item.permalink(),
        "api_url": base_url + reverse("api:item-detail", kwargs={"pk": item.pk}),
        "text": item.text,
    }


def figure_queryset(figures: QuerySet[Figure]) -> QuerySet[Figure]:
    return (
        figures.select_related("item__page__issue__publication")
        .prefetch_related("item__places", "item__programmes")
        .defer(
            "item__normalized_text",
            "item__search_title",
            "item__search_bigrams",
            "item__text",
            "item__parsed_digest",
        )
    )


def figure_record(figure: Figure, *, base_url: str) -> dict[str, Any]:
    """One figure with the item, places, programmes and date it comes from."""
    item = figure.item
    publication = item.page.issue.publication
    places = list(item.places.all())
    programmes = list(item.programmes.all())
    return {
        "figure_id": figure.pk,
        "item_id": item.pk,
        "item_title": item.title,
        "date": item.date.isoformat(),
        "publication": publication.slug,
        "publication_name": publication.name,
        "places": [p.name for p in places],
        "place_codes": [p.code for p in places],
        "programmes": [p.name for p in programmes],
        "programme_slugs": [p.slug for p in programmes],
        "position": figure.position,
        "text": figure.text,
        "value": decimal_text(figure.value),
        "unit": figure.unit,
        "as_of": figure.as_of,
        "context": figure.context,
        "url": f"{base_url}{item.get_absolute_url()}#figure-{figure.position}",
    }
