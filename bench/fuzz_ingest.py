"""Fuzz the parser (100 k files by default) and the importer, and print the figures.

    .venv/bin/python -m bench.fuzz_ingest [--parser 100000] [--importer 5000] [--seed 1]

The same strategies and properties as tests/ingest/test_fuzz.py (real page
fragments, random Unicode, GBK and UTF-16 bytes, huge lines, NUL bytes, cut
files): the parser returns a page or refuses the file with a message naming
it; the importer stores the raw bytes with every item whole, or refuses the
file and stores nothing. Any other outcome is a crash, printed with its input.
The importer runs against its own embedded database (ARCHIVE_PGDATA, default
/tmp/archive-fuzz-pgdata). Examples are drawn, not shrunk, so a run is fast.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _draw(strategy, count: int, seed: int):
    """`count` examples from a strategy, reproducibly, without shrinking."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    examples = []

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @fixed_seed(seed)
    @given(strategy)
    def collect(value):
        examples.append(value)

    collect()
    return examples


def run(kind: str, count: int, seed: int, check, batch: int = 2000) -> None:
    from tests.ingest.strategies import page_bytes

    outcomes: Counter[str] = Counter()
    crashes: list[tuple[bytes, str]] = []
    biggest = 0
    started = time.monotonic()
    done = 0
    while done < count:
        size = min(batch, count - done)
        for raw in _draw(page_bytes(), size, seed + done):
            biggest = max(biggest, len(raw))
            try:
                outcomes[check(raw)] += 1
            except Exception:
                outcomes["crash"] += 1
                crashes.append((raw[:200], traceback.format_exc(limit=3)))
        done += size
    elapsed = time.monotonic() - started
    print(f"== {kind}: {done} generated files in {elapsed:.0f} s ==")
    print(
        f"stored/parsed {outcomes['page']}, refused with a message "
        f"{outcomes['refused']}, crashes {outcomes['crash']}, "
        f"largest input {biggest:,} bytes"
    )
    for raw, trace in crashes[:5]:
        print(f"--- crash on {raw!r}\n{trace}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", type=int, default=100_000)
    parser.add_argument("--importer", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from bench._common import setup_django

    setup_django(os.environ.get("ARCHIVE_PGDATA", "/tmp/archive-fuzz-pgdata"))
    from tests.ingest.test_fuzz import ISSUE_DAY, check_import, check_parse

    if args.parser:
        run("parser", args.parser, args.seed, check_parse)
    if args.importer:
        from django.core.management import call_command

        from archive.ingest.loaders import build_context
        from archive.models import Issue, Item, Page

        call_command("setup_archive", "--demo-pages", "0", verbosity=0)
        fuzzed = {"issue__publication__slug": "fuzz-daily"}
        Item.objects.filter(**{f"page__{k}": v for k, v in fuzzed.items()}).delete()
        Page.objects.filter(**fuzzed).delete()
        Issue.objects.filter(publication__slug="fuzz-daily").delete()
        context = build_context()

        days = itertools.cycle([ISSUE_DAY, ISSUE_DAY, None])

        def one(raw: bytes) -> str:
            return check_import(raw, next(days), context)

        run("importer", args.importer, args.seed + 7, one, batch=500)


if __name__ == "__main__":
    main()
