"""Time the search page's code path (matching, ranking, first 20 with highlights,
every facet count) at a given archive size, and print p50/p95 per query class.

    ARCHIVE_PGDATA=/tmp/benchpg .venv/bin/python -m bench.search_latency --items 100000

Uses its own data folder (never the dev one): imports generated pages once, then
copies the imported items (with places and programmes) until the archive holds
`--items` rows, so the text distribution stays realistic. Prints one line per
query class and the machine facts. `make bench` is the full benchmark with peers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("ARCHIVE_PGDATA", "/tmp/archive-bench-pgdata")

QUERIES = {
    "2 chars": [
        "贷款",
        "金融",
        "赤峰",
        "通辽",
        "普惠",
        "养老",
        "公告",
        "绿色",
        "项目",
        "企业",
    ],
    "3 chars": [
        "信易贷",
        "乌丹镇",
        "涉农贷",
        "自然资",
        "工作日",
        "营业执",
        "合作社",
        "专精特",
    ],
    "4+ chars": [
        "普惠小微",
        "创业担保贷款",
        "绿色金融",
        "行政执法文书",
        "个人养老金",
        "数字人民币",
    ],
    "multi-term": ["普惠小微 通辽", "绿色贷款 赤峰", "送达 自然资源局", "养老 OR 银发"],
    "over half": ["的", "，"],
}


def measure(rounds: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.db import connection

    from archive.filters import search_results

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"machine: {os.cpu_count()} cores; {version}")
    for label, queries in QUERIES.items():
        timings, totals, next_pages = [], [], []
        for _ in range(rounds):
            for query in queries:
                cache.clear()  # cold: facet counts are cached per query
                started = time.perf_counter()
                results = search_results({"q": query}, user=AnonymousUser())
                timings.append((time.perf_counter() - started) * 1000)
                totals.append(results.total)
                started = time.perf_counter()
                search_results({"q": query}, user=AnonymousUser(), page_number=2)
                next_pages.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{label:>10}: p50 {statistics.median(timings):7.0f} ms  p95 {p95:7.0f} ms"
            f"  max {timings[-1]:7.0f} ms  hits {min(totals):,}–{max(totals):,}"
            f"  | page 2, counts cached: p50 {statistics.median(next_pages):5.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    from bench.export_memory import build  # the same corpus, one builder

    build(args.items)
    measure(args.rounds)


if __name__ == "__main__":
    main()
