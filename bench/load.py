"""Load test: N concurrent clients against gunicorn on loopback, p95 and errors.

    pip install -r bench/requirements-load.txt
    .venv/bin/python -m bench.load [--users 50] [--minutes 5] [--pages 2000]

Builds its own archive once (ARCHIVE_PGDATA, default /tmp/archive-load-pgdata:
generated pages, published), starts gunicorn with the production settings on
127.0.0.1 (plain HTTP), and runs locust headless from a second process with a
mix of search (4), browse (3), item pages (3) and exports (1, when the export
URL exists). Prints requests, failures and p50/p95/p99 per request type.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import PYTHON, ROOT, prod_env, setup_django

QUERIES = [
    "贷款",
    "金融",
    "普惠",
    "绿色",
    "公告",
    "赤峰",
    "通辽",
    "信易贷",
    "普惠小微",
    "创业担保贷款",
    "行政执法文书",
    "个人养老金",
    "数字人民币",
    "送达 自然资源局",
    "绿色贷款 赤峰",
    "养老 OR 银发",
    "title:金融",
    "的",
]
EXPORT_PATH = "/export/items.csv"


def build(pages: int) -> dict:
    from django.core.management import call_command
    from django.db.models.functions import ExtractMonth, ExtractYear

    from archive.models import Issue, Item, Page, Place, Programme

    call_command("setup_archive", "--demo-pages", "0", verbosity=0)
    if Page.objects.count() < pages:
        with tempfile.TemporaryDirectory() as folder:
            call_command(
                "generate_pages",
                "--pages",
                str(pages),
                "--seed",
                "5",
                "--out",
                folder,
                verbosity=0,
            )
            call_command("import_pages", folder, "--publish", verbosity=0)
    items = list(Item.objects.published().values_list("pk", flat=True)[:20000])
    months = sorted(
        set(
            Issue.objects.annotate(
                y=ExtractYear("date"), m=ExtractMonth("date")
            ).values_list("y", "m")
        )
    )
    return {
        "items": items,
        "issues": list(Issue.objects.values_list("pk", flat=True)),
        "months": months,
        "places": list(
            Place.objects.filter(items__isnull=False, level="city")
            .values_list("code", flat=True)
            .distinct()[:50]
        )
        or ["150000000000"],
        "programmes": list(Programme.objects.values_list("slug", flat=True)),
        "queries": QUERIES,
        "export_path": EXPORT_PATH,
        "archive": {"pages": Page.objects.count(), "items": Item.objects.count()},
    }


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}")


def has_export(base: str) -> bool:
    try:
        url = f"{base}{EXPORT_PATH}?q={urllib.parse.quote('金融')}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status == 200
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--think", default="1,4", help="seconds between a client's requests: min,max"
    )
    # Sync workers (gunicorn's default): a response closes its connection, so
    # no keep-alive race resets a client's next request; requests queue in the
    # listen backlog while every worker is busy.
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    setup_django(os.environ.get("ARCHIVE_PGDATA", "/tmp/archive-load-pgdata"))
    fixture = build(args.pages)
    env = prod_env()
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="load-") as folder:
        fixture_path = Path(folder) / "fixture.json"
        fixture_path.write_text(json.dumps(fixture), encoding="utf-8")
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(base + "/")
            export = has_export(base)
            stats = Path(folder) / "stats"
            started = time.monotonic()
            subprocess.run(
                [
                    PYTHON,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(max(args.users // 10, 1)),
                    "--run-time",
                    f"{int(args.minutes * 60)}s",
                    "--host",
                    base,
                    "--csv",
                    str(stats),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=env
                | {
                    "LOAD_FIXTURE": str(fixture_path),
                    "LOAD_EXPORT": "1" if export else "0",
                },
                cwd=ROOT,
                check=False,
            )
            elapsed = time.monotonic() - started
            alive = server.poll() is None
        finally:
            server.terminate()
            server.wait()
        with open(f"{stats}_stats.csv", encoding="utf-8") as table:
            rows = list(csv.DictReader(table))
    print(
        f"== load: {args.users} clients, {elapsed / 60:.1f} min, gunicorn "
        f"{args.workers} workers x {args.threads} threads, think {args.think} s, "
        "archive "
        f"{fixture['archive']['pages']} pages / {fixture['archive']['items']} items =="
    )
    if not export:
        print("(no export URL on this branch: exports left out of the mix)")
    columns = ("count", "fail", "rps", "p50", "p95", "p99")
    print(f"{'request':24} " + " ".join(f"{c:>7}" for c in columns) + "  (ms)")
    for row in rows:
        values = (
            row["Request Count"],
            row["Failure Count"],
            f"{float(row['Requests/s']):.1f}",
            row["50%"],
            row["95%"],
            row["99%"],
        )
        print(f"{row['Name'][:24]:24} " + " ".join(f"{v:>7}" for v in values))
    print(f"gunicorn still running at the end: {alive}")


if __name__ == "__main__":
    main()
