"""Writes and multi-step workflows for the archive app."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F

from .models import Item, ItemCorrection, Place
from .places import LEVELS, PLACES_CSV, read_place_records
from .reference import EDITORS_GROUP, ensure_groups, ensure_programmes

# Each level's own ancestor column points at itself, so a GROUP BY on city_id
# counts an item tagged with a city and one tagged with a county under it alike.
_SELF_COLUMN = {"province": "province_id", "city": "city_id", "county": "county_id"}


@dataclass(frozen=True)
class PlaceLoadResult:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@transaction.atomic
def places_load(*, path: Path = PLACES_CSV) -> PlaceLoadResult:
    """Upsert the division list by code, parents first, in one transaction."""
    records = read_place_records(path)
    ids: dict[str, int] = {}
    ancestors: dict[str, dict[str, int | None]] = {}
    for level in LEVELS:
        rows = []
        for record in (r for r in records if r.level == level):
            parent_id = ids.get(record.parent_code or "")
            inherited = ancestors.get(record.parent_code or "", {})
            rows.append(
                Place(
                    code=record.code,
                    name=record.name,
                    short_name=record.short_name,
                    level=record.level,
                    parent_id=parent_id,
                    province_id=inherited.get("province_id"),
                    city_id=inherited.get("city_id"),
                    county_id=inherited.get("county_id"),
                )
            )
        saved = Place.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=[
                "name",
                "short_name",
                "level",
                "parent",
                "province",
                "city",
                "county",
            ],
        )
        self_column = _SELF_COLUMN.get(level)
        if self_column:
            Place.objects.filter(level=level).update(**{self_column: F("pk")})
        for place in saved:
            ids[place.code] = place.pk
            own = {self_column: place.pk} if self_column else {}
            ancestors[place.code] = {
                "province_id": place.province_id,
                "city_id": place.city_id,
                "county_id": place.county_id,
                **own,
            }
    # Statistics left from an empty table (a fresh database, or a test flush)
    # made the planner nest-loop 41 k places against 41 k places: minutes for
    # the home page's city list. ANALYZE sees this transaction's rows.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_place")
    return PlaceLoadResult(counts=dict(Counter(r.level for r in records)))


@dataclass(frozen=True)
class EditorAccount:
    user: AbstractUser
    # Set only when the account was created now: the one time it can be shown.
    password: str | None


@transaction.atomic
def editor_ensure(*, username: str = "editor") -> EditorAccount:
    """Create the first editor account with a random password, or find it."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User(username=username, is_staff=True)
        user.set_password(password)
        user.full_clean()
        user.save()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return EditorAccount(user=user, password=password)


def reference_data_ensure() -> None:
    """Recreate the staff groups and programmes if missing (never overwrites edits)."""
    from django.apps import apps

    ensure_groups(apps)
    ensure_programmes(apps)


@transaction.atomic
def item_correct(
    *, item: Item, field: str, value: Any, username: str
) -> ItemCorrection:
    """Store an editor's fix as a correction (it outlives reparse) and apply it."""
    from .ingest.loaders import CORRECTABLE_FIELDS, apply_correction

    if field not in CORRECTABLE_FIELDS:
        raise ValidationError({"field": f"不能更正字段 {field}"})
    correction, _ = ItemCorrection.objects.update_or_create(
        page=item.page,
        position=item.position,
        field=field,
        defaults={"value": value, "username": username, "parsed_title": item.title},
    )
    apply_correction(item, field, value)
    return correction
