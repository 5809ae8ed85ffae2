"""Read the shipped division list (archive/data/places.csv) into checked records.

Pure Python, no Django: the service in services.py writes what this returns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PLACES_CSV = Path(__file__).resolve().parent / "data" / "places.csv"
LEVELS = ("province", "city", "county", "town")
COLUMNS = ("code", "parent_code", "level", "name", "short_name")


class PlaceFileError(ValueError):
    """The division file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    code: str
    parent_code: str | None
    level: str
    name: str
    short_name: str
    line: int


def read_place_records(path: Path = PLACES_CSV) -> list[PlaceRecord]:
    """Parse and validate the whole file, parents before children."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return _validated(path, _parse(path, csv.DictReader(handle)))
    except UnicodeDecodeError as error:
        raise PlaceFileError(f"{path}: not UTF-8 ({error.reason})") from error
    except OSError as error:
        raise PlaceFileError(f"{path}: cannot read ({error.strerror})") from error


def _parse(path: Path, reader: csv.DictReader) -> list[PlaceRecord]:
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise PlaceFileError(f"{path}:1: expected columns {','.join(COLUMNS)}")
    records = []
    for row in reader:
        line = reader.line_num
        level = (row["level"] or "").strip()
        if level not in LEVELS:
            raise PlaceFileError(f"{path}:{line}: unknown level {level!r}")
        code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
        if not code.isdigit() or not name:
            raise PlaceFileError(
                f"{path}:{line}: a place needs a numeric code and a name"
            )
        records.append(
            PlaceRecord(
                code=code,
                parent_code=(row["parent_code"] or "").strip() or None,
                level=level,
                name=name,
                short_name=(row["short_name"] or "").strip() or name,
                line=line,
            )
        )
    return records


def _may_sit_under(level: str, parent_level: str) -> bool:
    # 省直辖县级 units (济源, 仙桃, 石河子 …) have no prefecture above them.
    depth, parent_depth = LEVELS.index(level), LEVELS.index(parent_level)
    return parent_depth == depth - 1 or (level, parent_level) == ("county", "province")


def _validated(path: Path, records: Iterable[PlaceRecord]) -> list[PlaceRecord]:
    by_code: dict[str, PlaceRecord] = {}
    for record in records:
        if record.code in by_code:
            raise PlaceFileError(f"{path}:{record.line}: duplicate code {record.code}")
        by_code[record.code] = record
    for record in by_code.values():
        depth = LEVELS.index(record.level)
        parent = by_code.get(record.parent_code or "")
        if depth == 0 and record.parent_code is None:
            continue
        if parent is None:
            raise PlaceFileError(
                f"{path}:{record.line}: parent {record.parent_code!r} of "
                f"{record.name} is not in the file"
            )
        if not _may_sit_under(record.level, parent.level):
            raise PlaceFileError(
                f"{path}:{record.line}: {record.name} ({record.level}) cannot sit "
                f"under {parent.name} ({parent.level})"
            )
    return sorted(by_code.values(), key=lambda r: (LEVELS.index(r.level), r.code))
