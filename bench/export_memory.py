"""Export the whole archive (100 k items by default) in each format and print the
export's time, size and the process's peak memory, to show exports stream in
constant memory.

    ARCHIVE_PGDATA=/tmp/apidata nice .venv/bin/python -m bench.export_memory

Uses its own data folder (never the dev one) and builds it as
bench/search_latency.py does (2,000 generated pages imported, then items copied
up to `--items`). Each export runs in a fresh child process through the real view
(archive.exports.export_items, streamed response consumed chunk by chunk), so
its peak RSS is the export's alone; the child's RSS before the export is
printed beside it. `--items` defaults to 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("ARCHIVE_PGDATA", "/tmp/archive-bench-pgdata")


CHILD = [sys.executable, "-m", "bench.export_memory"]


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def child(fmt: str, query: str) -> None:
    """Run one export in this process and print its figures as JSON."""
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from archive.exports import export_items
    from archive.models import Item

    Item.objects.exists()  # connect first: the baseline includes the connection
    before = _rss_mb()
    request = RequestFactory().get(
        f"/export/items.{fmt}?{query}", HTTP_HOST="localhost"
    )
    request.user = AnonymousUser()
    started = time.perf_counter()
    response = export_items(request, fmt)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "format": fmt,
                "seconds": round(elapsed, 1),
                "mb": round(size / 2**20, 1),
                "lines": lines,
                "rss_before_mb": round(before, 1),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


def build(items: int) -> None:
    """Import 2,000 generated pages once, then copy their items up to `items`.

    Shared with bench/search_latency.py: realistic text at any size, quickly.
    """
    import tempfile

    from django.core.management import call_command
    from django.db import connection

    from archive.models import Item, Page

    call_command("setup_archive", "--demo-pages", "0", verbosity=0)
    if not Page.objects.exists():
        with tempfile.TemporaryDirectory() as folder:
            call_command(
                "generate_pages", "--pages", "2000", "--seed", "7", "--out", folder
            )
            call_command("import_pages", folder, "--publish", verbosity=0)
    copies = 0
    while Item.objects.count() < items:
        copies += 1
        offset = copies * 1000
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO archive_item (kind, page_id, position, title, text,
                    normalized_text, search_title, search_bigrams, source_line,
                    parsed_digest, date, status, published_at, created_at, updated_at)
                SELECT kind, page_id, position + %s, title, text, normalized_text,
                    search_title, search_bigrams, source_line, '', date, status,
                    published_at, now(), now()
                FROM archive_item WHERE position < 1000
                ON CONFLICT DO NOTHING
                """,
                [offset],
            )
            for table, column in [
                ("archive_item_places", "place_id"),
                ("archive_item_programmes", "programme_id"),
            ]:
                cursor.execute(
                    f"""
                    INSERT INTO {table} (item_id, {column})
                    SELECT copy.id, link.{column}
                    FROM archive_item copy
                    JOIN archive_item original
                      ON original.page_id = copy.page_id
                     AND original.position = copy.position - %s
                    JOIN {table} link ON link.item_id = original.id
                    WHERE copy.position >= %s AND copy.position < %s
                    ON CONFLICT DO NOTHING
                    """,
                    [offset, offset, offset + 1000],
                )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE archive_item")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,jsonl,xlsx")
    parser.add_argument("--query", default="", help="search parameters, e.g. q=贷款")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.query)
        return
    import django

    django.setup()
    from archive.models import Item

    build(args.items)
    published = Item.objects.published().count()
    print(f"exporting {published:,} published items, query {args.query!r}")
    for fmt in args.formats.split(","):
        result = subprocess.run(
            [*CHILD, "--child", fmt, "--query", args.query],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{fmt:>5}: {figures['seconds']:6.1f} s  {figures['mb']:7.1f} MB"
            f"  {figures['lines']:>8,} lines  RSS before {figures['rss_before_mb']:.0f}"
            f" MB, peak {figures['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
