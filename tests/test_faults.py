"""Faults, small: an importer killed with SIGKILL, two imports of the same files.

`bench/faults.py` runs the same drills at 500 pages, plus a database restart
under a running gunicorn; these keep the property in `make test`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count

from archive.ingest.loaders import FAILED, build_context, import_source, read_source
from archive.models import Page
from bench.faults import audit_pages

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent


def _generate(folder: Path, pages: int, seed: int) -> None:
    call_command(
        "generate_pages",
        "--pages",
        str(pages),
        "--seed",
        str(seed),
        "--out",
        str(folder),
        stdout=StringIO(),
    )


def _test_database_url() -> str:
    db = connection.settings_dict
    query = f"host={quote(db['HOST'], safe='/')}"
    if db.get("PORT"):
        query += f"&port={db['PORT']}"
    return f"postgres://{db['USER']}@/{db['NAME']}?{query}"


def test_an_importer_killed_mid_run_leaves_whole_pages_and_a_rerun_completes(
    tmp_path, places
):
    _generate(tmp_path, 40, seed=7)
    env = dict(os.environ, DATABASE_URL=_test_database_url(), PYTHONPATH=str(ROOT))
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    process = subprocess.Popen(
        # Small batches, so that the kill lands between two of them (a batch is
        # one transaction: it is stored whole or not at all).
        [sys.executable, "manage.py", "import_pages", str(tmp_path), "--batch", "4"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while Page.objects.count() < 8 and process.poll() is None:
        assert time.monotonic() < deadline, "the import stored nothing in 120 s"
        time.sleep(0.02)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = Page.objects.count()
    assert 8 <= stored < 40
    assert audit_pages() == {"whole": stored, "partial": 0}
    call_command("import_pages", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert audit_pages() == {"whole": 40, "partial": 0}


def test_two_imports_of_the_same_files_at_once_store_each_page_once(tmp_path, places):
    _generate(tmp_path, 20, seed=8)
    paths = sorted(tmp_path.glob("*.txt"))
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def run() -> None:
        from archive.management.commands.import_pages import Command

        try:
            start.wait()
            context = build_context()
            for path in paths:
                given = Command()._given(
                    path,
                    {
                        "publication": None,
                        "publication_name": None,
                        "date": None,
                        "page": None,
                        "section": None,
                    },
                )
                source = read_source(path, max_bytes=5 * 1024 * 1024, **given)
                outcomes.append(import_source(source, context).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 40
    assert FAILED not in outcomes
    duplicated = Page.objects.values("issue", "number").annotate(n=Count("pk"))
    assert not duplicated.filter(n__gt=1).exists()
    assert Page.objects.count() == 20
    assert audit_pages() == {"whole": 20, "partial": 0}
