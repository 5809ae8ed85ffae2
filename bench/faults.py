"""Fault drills: kill -9 mid-import, two imports at once, the database restarted.

    .venv/bin/python -m bench.faults [kill] [concurrent] [restart] [--pages 500]

Uses its own embedded database (ARCHIVE_PGDATA, default /tmp/archive-faults-pgdata)
and prints one block of figures per drill:

- kill: `import_pages` over N generated pages is killed with SIGKILL part-way;
  every stored page must be whole (its items, and each item's article or notice
  row, as the parser gives them) and the rest absent; a rerun completes.
- concurrent: two `import_pages` of the same files start together; each page
  must be stored exactly once, and neither run may report a failure.
- restart: gunicorn (production settings, 2 workers) serves search requests
  while PostgreSQL is restarted; requests during the restart get the error
  page, and the same gunicorn serves normally afterwards (CONN_HEALTH_CHECKS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import (
    PYTHON,
    ROOT,
    child_env,
    manage,
    prod_env,
    restart_database,
    setup_django,
)


def _generate(folder: Path, pages: int, seed: int) -> int:
    manage(
        "generate_pages",
        "--pages",
        str(pages),
        "--seed",
        str(seed),
        "--out",
        str(folder),
        check=True,
        capture_output=True,
    )
    keys = set()
    for sidecar in folder.glob("*.json"):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        keys.add((data["publication"], data.get("date"), data["page"]))
    return len(keys)


def _empty_archive() -> None:
    from archive.models import ImportRun, Issue, Item, Page, PageRevision

    Item.objects.all().delete()
    PageRevision.objects.all().delete()
    Page.objects.all().delete()
    Issue.objects.all().delete()
    ImportRun.objects.all().delete()


def audit_pages() -> dict[str, int]:
    """Re-parse every stored page and compare: whole, or a partial page."""
    from archive.ingest.loaders import build_context
    from archive.ingest.parsers import parse_page
    from archive.models import Page

    whole = partial = 0
    contexts: dict[int, object] = {}
    for page in Page.objects.select_related("issue__publication").iterator():
        publication = page.issue.publication
        if publication.pk not in contexts:
            contexts[publication.pk] = build_context(publication=publication)
        record = parse_page(
            bytes(page.raw),
            filename=page.source_filename,
            issue_date=page.issue.date,
            context=contexts[publication.pk],
        )
        items = list(page.items.select_related("article", "notice"))
        complete = len(items) == len(record.items) and all(
            (item.article if item.kind == "article" else item.notice) is not None
            for item in items
        )
        whole += complete
        partial += not complete
    return {"whole": whole, "partial": partial}


def drill_kill(pages: int, seed: int) -> None:
    from archive.models import ImportRun, Page

    _empty_archive()
    with tempfile.TemporaryDirectory(prefix="faults-kill-") as folder:
        expected = _generate(Path(folder), pages, seed)
        kill_after = random.Random(seed).randint(expected // 5, expected * 3 // 5)
        started = time.monotonic()
        process = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "import_pages", folder, "--publish"],
            env=child_env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while Page.objects.count() < kill_after and process.poll() is None:
            time.sleep(0.05)
        if process.poll() is not None:
            raise SystemExit(
                f"the import ended before the kill (exit {process.returncode})"
            )
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        at_kill = Page.objects.count()
        audit = audit_pages()
        stuck = ImportRun.objects.filter(status="running").count()
        rerun = manage(
            "import_pages", folder, "--publish", capture_output=True, text=True
        )
        final = Page.objects.count()
        after = audit_pages()
        elapsed = time.monotonic() - started
    print("== kill -9 in the middle of an import ==")
    print(f"pages generated (distinct paper/date/page): {expected}")
    print(f"killed after {at_kill} pages stored (target {kill_after})")
    print(
        f"after the kill: whole pages {audit['whole']}, "
        f"partial pages {audit['partial']}"
    )
    print(f"import runs left 'running' by the kill: {stuck}")
    print(
        f"rerun exit code {rerun.returncode}: {rerun.stdout.strip().splitlines()[-1]}"
    )
    print(
        f"after the rerun: pages {final} of {expected}, whole {after['whole']}, "
        f"partial {after['partial']}, lost {expected - final}"
    )
    print(f"drill time {elapsed:.1f} s")


def drill_concurrent(pages: int, seed: int) -> None:
    from django.db.models import Count

    from archive.models import Page

    _empty_archive()
    with tempfile.TemporaryDirectory(prefix="faults-conc-") as folder:
        expected = _generate(Path(folder), pages, seed)
        command = [PYTHON, str(ROOT / "manage.py"), "import_pages", folder]
        runs = [
            subprocess.Popen(
                command,
                env=child_env(),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate() for run in runs]
    duplicates = (
        Page.objects.values("issue", "number").annotate(n=Count("pk")).filter(n__gt=1)
    )
    audit = audit_pages()
    print("== two imports of the same files at once ==")
    print(f"files: {pages}, distinct pages: {expected}")
    for number, ((out, err), run) in enumerate(zip(outputs, runs, strict=True), 1):
        last = (out.strip().splitlines() or ["(no output)"])[-1]
        failures = sum(
            "无法写入" in line or "内部错误" in line for line in err.splitlines()
        )
        print(
            f"import {number}: exit {run.returncode}, {last}; write failures {failures}"
        )
    print(
        f"pages stored {Page.objects.count()} (expected {expected}), "
        f"duplicated {duplicates.count()}, whole {audit['whole']}, "
        f"partial {audit['partial']}"
    )


def drill_restart(port: int, seconds: float) -> None:
    manage("collectstatic", "--noinput", env=prod_env(), capture_output=True)
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=prod_env(),
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    statuses: list[tuple[float, int, bool]] = []
    stop = threading.Event()

    def hammer() -> None:
        queries = ["贷款", "普惠金融", "公告", "赤峰", "绿色"]
        n = 0
        while not stop.is_set():
            url = f"{base}/search/?q={urllib.parse.quote(queries[n % len(queries)])}"
            n += 1
            started = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    statuses.append((started, response.status, False))
            except urllib.error.HTTPError as error:
                body = error.read().decode("utf-8", "replace")
                statuses.append((started, error.code, "服务暂时出错" in body))
            except OSError:
                statuses.append((started, 0, False))

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        workers = [threading.Thread(target=hammer) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(seconds / 3)
        restart_at = time.monotonic()
        restart_database("fast")
        restarted_at = time.monotonic()
        time.sleep(seconds * 2 / 3)
        stop.set()
        for worker in workers:
            worker.join()
        same_server = server.poll() is None
    finally:
        server.terminate()
        server.wait()
    before = Counter(s for t, s, _ in statuses if t < restart_at)
    during = Counter(s for t, s, _ in statuses if restart_at <= t <= restarted_at)
    after = [s for t, s, _ in statuses if t > restarted_at]
    error_pages = sum(1 for _, s, page in statuses if s == 500 and page)
    first_ok = next(
        (t - restarted_at for t, s, _ in statuses if t > restarted_at and s == 200),
        None,
    )
    failures_after = [s for s in after[5:] if s != 200]
    print("== database restarted under load (gunicorn, 2 workers, 4 clients) ==")
    print(f"restart took {restarted_at - restart_at:.2f} s")
    print(f"before: {dict(before)}; during: {dict(during)}")
    print(
        f"after: {dict(Counter(after))} "
        f"(errors past the first 5: {len(failures_after)})"
    )
    print(f"500 responses showing the error page: {error_pages}")
    first = "never" if first_ok is None else f"{first_ok:.2f} s"
    print(f"first 200 after the restart: {first}")
    print(f"gunicorn still the same process: {same_server}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drills", nargs="*", default=["kill", "concurrent", "restart"])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seconds", type=float, default=12.0)
    args = parser.parse_args()
    setup_django(os.environ.get("ARCHIVE_PGDATA", "/tmp/archive-faults-pgdata"))
    from django.core.management import call_command

    call_command("setup_archive", "--demo-pages", "0", verbosity=0)
    if "kill" in args.drills:
        drill_kill(args.pages, args.seed)
    if "concurrent" in args.drills:
        drill_concurrent(max(args.pages // 2, 10), args.seed + 1)
    if "restart" in args.drills:
        if not __import__("archive.models").models.Page.objects.exists():
            drill_concurrent(50, args.seed + 2)
        drill_restart(args.port, args.seconds)


if __name__ == "__main__":
    main()
