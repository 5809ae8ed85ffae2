"""Keyset ("cursor") pagination: stable under inserts, fast at any depth.

The cursor holds the sort values of the last row served; the next page is the
rows strictly after it in the view's order, whose last key is the primary key,
so ties never repeat or skip a row and new rows do not shift the pages. DRF's
own CursorPagination keys on a single field plus an offset, which shifts when
rows with the same date are inserted.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from .errors import InvalidParameters

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Key:
    """One sort key: a field or annotation, its direction and value type."""

    field: str
    descending: bool = False
    kind: type = int  # int, str or datetime.date
    attr: str | None = None  # attribute on the row when it differs from field

    def read(self, row: Any) -> Any:
        value = row
        for part in (self.attr or self.field).split("__"):
            value = getattr(value, part)
        return value


def _encode(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime.date) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, keys: Sequence[Key]) -> list[Any]:
    """The cursor's values, typed as the keys say; InvalidParameters otherwise."""
    invalid = InvalidParameters(
        {"cursor": ["游标无效：请使用上一页响应中的 next 链接。"]}
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise invalid from error
    if not isinstance(values, list) or len(values) != len(keys):
        raise invalid
    typed = []
    for key, value in zip(keys, values, strict=True):
        try:
            if key.kind is datetime.date:
                typed.append(datetime.date.fromisoformat(value))
            elif key.kind is int:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError(value)
                if not -(2**63) <= value < 2**63:
                    raise ValueError(value)
                typed.append(value)
            elif isinstance(value, str) and "\x00" not in value:
                typed.append(value)
            else:
                raise TypeError(value)
        except (TypeError, ValueError) as error:
            raise invalid from error
    return typed


def _after(keys: Sequence[Key], values: Sequence[Any]) -> Q:
    """Rows strictly after `values` in the order `keys` describe."""
    condition = Q()
    for index, key in enumerate(keys):
        lookup = "lt" if key.descending else "gt"
        step = Q(**{f"{key.field}__{lookup}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.field: value})
        condition |= step
    return condition


def order_by(keys: Sequence[Key]) -> list[str]:
    return [("-" if key.descending else "") + key.field for key in keys]


def page_size(request: Request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise InvalidParameters(
            {"page_size": [f"每页条数须为 1 到 {MAX_PAGE_SIZE} 之间的整数。"]}
        )
    return size


class KeysetPagination(BasePagination):
    """Pages of `page_size` rows in the order of the view's `keys`."""

    def paginate(
        self,
        queryset: QuerySet,
        request: Request,
        keys: Sequence[Key],
        *,
        prepare: Callable[[QuerySet], QuerySet] | None = None,
    ) -> list[Any]:
        size = page_size(request)
        cursor = request.query_params.get("cursor")
        ordered = queryset.order_by(*order_by(keys))
        if cursor:
            ordered = ordered.filter(_after(keys, _decode(cursor, keys)))
        if prepare is not None:
            ordered = prepare(ordered)
        rows = list(ordered[: size + 1])
        self.next_url = None
        if len(rows) > size:
            rows = rows[:size]
            last = [key.read(rows[-1]) for key in keys]
            self.next_url = replace_query_param(
                request.build_absolute_uri(), "cursor", _encode(last)
            )
        return rows
