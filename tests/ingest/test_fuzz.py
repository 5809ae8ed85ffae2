"""Fuzzing the parser and the importer: never an unhandled exception, never half a page.

A few thousand generated files per `make test` (FUZZ_EXAMPLES scales it);
`bench/fuzz_ingest.py` runs the same properties on 100 k and more.
"""

from __future__ import annotations

import itertools
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest.jsonout import item_digest
from archive.ingest.loaders import FAILED, PageSource, build_context, import_source
from archive.ingest.parsers import parse_page
from archive.ingest.records import PageRejected
from archive.models import Item, Page
from tests.ingest.strategies import page_bytes, page_text, parse_context

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
ISSUE_DAY = date(2026, 2, 3)


def check_parse(raw: bytes, issue_date: date | None = ISSUE_DAY) -> str:
    """Parse one file; return "page" or "refused", raise on any other outcome."""
    try:
        record = parse_page(
            raw, filename="fuzz.txt", issue_date=issue_date, context=parse_context()
        )
    except PageRejected as rejected:
        assert str(rejected).startswith("fuzz.txt"), rejected
        assert rejected.reason
        return "refused"
    assert [i.position for i in record.items] == list(range(1, len(record.items) + 1))
    for item in record.items:
        assert item.kind in ("article", "notice")
        assert (item.article is None) != (item.notice is None)
        item_digest(item)  # every record serialises
    return "page"


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=page_bytes())
def test_the_parser_returns_a_page_or_refuses_the_file_with_a_message(raw):
    check_parse(raw)


@settings(max_examples=max(EXAMPLES // 3, 50), deadline=None)
@given(text=page_text(), day=st.sampled_from([None, ISSUE_DAY, date(2099, 1, 1)]))
def test_the_parser_survives_any_utf8_text_and_any_date(text, day):
    check_parse(text.encode("utf-8", errors="surrogatepass"), day)


_numbers = itertools.count(1)


def check_import(raw: bytes, issue_date: date | None, context) -> str:
    """Import one file; it is stored whole or not at all, never an exception."""
    number = next(_numbers)
    source = PageSource(
        name=f"fuzz-{number}.txt",
        raw=raw,
        publication="fuzz-daily",
        publication_name="模糊测试报",
        issue_date=issue_date,
        page_number=number,
    )
    outcome = import_source(source, context)
    pages = Page.objects.filter(issue__publication__slug="fuzz-daily", number=number)
    if outcome.status == FAILED:
        assert outcome.message.startswith(source.name), outcome.message
        assert not pages.exists()
        return "refused"
    page = pages.get()
    assert bytes(page.raw) == raw
    items = list(page.items.select_related("article", "notice").order_by("position"))
    assert len(items) == len(outcome.record.items)
    for item in items:
        details = item.article if item.kind == Item.Kind.ARTICLE else item.notice
        assert details is not None
    return "page"


@pytest.mark.django_db
@settings(
    max_examples=max(EXAMPLES // 5, 30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=page_bytes(), day=st.sampled_from([None, ISSUE_DAY]))
def test_the_importer_stores_a_whole_page_or_refuses_it(places, raw, day):
    check_import(raw, day, build_context())


@pytest.mark.parametrize("unit", ["a", "1", "0", "a@", "1,", "金\n", "x.y"])
def test_long_runs_parse_in_linear_time(unit):
    # Found by the fuzzer: the e-mail and figure patterns retried every offset
    # of a Latin or digit run (200 k letters took 44 s, 10 k digits 12 s).
    check_parse((unit * (200_000 // len(unit))).encode())
