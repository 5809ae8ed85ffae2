"""Golden pages: the parser finds exactly what a careful reader finds.

Reads the shared sample pages (skipped, with the reason, when ../shared is absent)
and our own pages under tests/data/pages/. No database: parsing is pure.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from archive.ingest.jsonout import page_as_json
from archive.ingest.normalize import normalize_for_search
from archive.ingest.parsers import ParseContext, parse_page
from archive.ingest.placematch import PlaceIndex
from archive.reference import PROGRAMMES
from notices.calendar import WorkCalendar
from tests.ingest.golden import fields_compared, item_mismatches

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples" / "pages"
OURS = ROOT / "tests" / "data" / "pages"
INNER_MONGOLIA = "150000000000"


@cache
def context() -> ParseContext:
    return ParseContext(
        places=PlaceIndex.default(),
        programmes={name: terms for _, name, terms in PROGRAMMES},
        calendar=WorkCalendar(),
        home_region=INNER_MONGOLIA,
    )


def _golden_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.json")) if folder.exists() else []


def _parse(expected_path: Path) -> tuple[dict, dict]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    page_path = expected_path.with_name(expected["file"])
    issue_date = expected.get("issue_date") or expected.get("issue_date_for_tests")
    record = parse_page(
        page_path.read_bytes(),
        filename=page_path.name,
        issue_date=date.fromisoformat(issue_date) if issue_date else None,
        context=context(),
    )
    # must_find is what a reporter types: matched like search, on the normalised copy.
    texts = [normalize_for_search(item.text) for item in record.items]
    actual = page_as_json(record)
    for item, text in zip(actual["items"], texts, strict=True):
        item["_text"] = text
    return expected, actual


def _check(expected_path: Path) -> None:
    expected, actual = _parse(expected_path)
    problems = []
    if expected.get("encoding") and expected["encoding"] != actual["encoding"]:
        problems.append(f"encoding {actual['encoding']} != {expected['encoding']}")
    working = "\n".join(item["_text"] for item in actual["items"])
    problems += [
        f"repair missing: {repair}"
        for repair in expected.get("page_break_repairs", [])
        if repair not in working
    ]
    want, got = expected["items"], actual["items"]
    if [i["kind"] for i in want] != [i["kind"] for i in got]:
        kinds = [i["kind"] for i in want], [i["kind"] for i in got]
        problems.append(f"items: expected {kinds[0]}, got {kinds[1]}")
    for number, (w, g) in enumerate(zip(want, got, strict=False), start=1):
        problems += [f"item {number}: {p}" for p in item_mismatches(w, g, g["_text"])]
    assert not problems, "\n".join(problems)


def score(expected_path: Path) -> tuple[int, int]:
    """(fields matched, fields compared) for the closing note."""
    expected, actual = _parse(expected_path)
    total = matched = 0
    for w, g in zip(expected["items"], actual["items"], strict=False):
        compared = fields_compared(w)
        total += compared
        matched += compared - len(item_mismatches(w, g, g["_text"]))
    missing = expected["items"][len(actual["items"]) :]
    total += sum(fields_compared(w) for w in missing)
    return matched, total


@pytest.mark.skipif(
    not SAMPLES.exists(), reason=f"shared sample pages not found at {SAMPLES}"
)
@pytest.mark.parametrize("expected_path", _golden_files(SAMPLES), ids=lambda p: p.name)
def test_shared_sample_pages_match_their_expected_files(expected_path):
    _check(expected_path)


@pytest.mark.parametrize("expected_path", _golden_files(OURS), ids=lambda p: p.name)
def test_our_golden_pages_match_their_expected_files(expected_path):
    _check(expected_path)


def test_a_printed_masthead_gives_the_issue_date_when_none_is_given():
    page = OURS / "ulanqab_masthead_mixed.txt"
    record = parse_page(
        page.read_bytes(), filename=page.name, issue_date=None, context=context()
    )
    assert record.issue_date == date(2025, 12, 2)
    first = record.items[0]
    assert first.article is not None
    assert "乌兰察布日报" not in first.article.column  # furniture, not a column
