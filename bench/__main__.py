"""Benchmark ingest and search against the alternatives, on a corpus of N items.

    python -m bench --items 20000          # quick (a few minutes)
    python -m bench --items 1000000        # the headline run (about 70 min on 2 cores)

The archive lives in its own embedded PostgreSQL data folder,
`.benchdata/<items>/pgdata` (or the database BENCH_DATABASE_URL names), built from
the page generator by `import_pages` and reused when run again at the same size.
Prints a table and writes every figure to bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--items", type=int, default=20_000, help="corpus size")
    parser.add_argument("--queries", type=int, default=320, help="queries in the mix")
    parser.add_argument("--name", help="result name (default: items-N)")
    parser.add_argument("--out", type=Path, help="JSON file (default bench/results/)")
    parser.add_argument(
        "--data", type=Path, default=ROOT / ".benchdata", help="where corpora live"
    )
    parser.add_argument("--workers", type=int, help="import_pages --workers")
    parser.add_argument(
        "--keep-pages", action="store_true", help="keep the generated page files"
    )
    parser.add_argument(
        "--slow-queries",
        type=int,
        default=64,
        help="above 100,000 items, slow peers (icontains, pg_trgm) time this many",
    )
    parser.add_argument(
        "--slow-budget",
        type=float,
        default=1200,
        help="seconds each slow peer may spend timing before it stops",
    )
    parser.add_argument(
        "--no-recall", action="store_true", help="skip the recall check"
    )
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="build the corpus and report ingest only (no search timing)",
    )
    args = parser.parse_args(argv)
    args.name = args.name or f"items-{args.items}"
    args.out = args.out or ROOT / "bench" / "results" / f"{args.name}.json"
    return args


def configure(args: argparse.Namespace) -> Path:
    """Point Django at the benchmark database before it is set up."""
    folder = args.data / str(args.items)
    folder.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["ARCHIVE_PGDATA"] = str(folder / "pgdata")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"  # no query log: it would grow for hours
    sys.path.insert(0, str(ROOT))
    return folder


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    folder = configure(args)
    import django

    django.setup()
    from .report import table
    from .run import run

    result = run(args, folder)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n"
    )
    print(table(result))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
