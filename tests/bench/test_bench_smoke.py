"""`python -m bench` end to end at 2,000 items, so the benchmark cannot rot.

It builds its corpus in a database of its own on the test server, imports it with
the real command, times a small query mix on us and every peer, checks recall,
and writes the JSON whose shape is asserted here. Figures are not asserted:
speed targets belong to the benchmark's own report, not to the test suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from archive.ingest.loaders import GIN_INDEX

ROOT = Path(__file__).resolve().parents[2]
ENGINES = {"us", "floor", "tantivy", "pg_trgm", "icontains"}


@pytest.fixture
def bench_database_url():
    settings = connection.settings_dict
    host = settings["HOST"] or settings.get("OPTIONS", {}).get("host", "")
    port = settings["PORT"] or 5432
    admin = {"host": host, "port": port, "user": settings["USER"] or "postgres"}
    name = f"bench_smoke_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{admin['user']}@/{name}?host={host}&port={port}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_benchmark_runs_end_to_end_and_writes_every_figure(
    bench_database_url, tmp_path
):
    out = tmp_path / "smoke.json"
    command = [sys.executable, "-m", "bench", "--items", "2000", "--queries", "21"]
    command += ["--data", str(tmp_path / "data"), "--out", str(out), "--name", "smoke"]
    env = {**os.environ, "BENCH_DATABASE_URL": bench_database_url}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "search page p95" in done.stdout  # the terminal table

    result = json.loads(out.read_text())
    assert result["items"] >= 1900
    machine = result["machine"]
    assert machine["cores"] and machine["memory_bytes"]
    assert machine["postgres_version"].startswith("PostgreSQL")

    ingest = result["corpus"]["ingest"]
    for key in ("items_per_second", "chars_per_second", "peak_rss_tree_bytes"):
        assert ingest[key] > 0, key
    assert ingest["workers"] >= 1
    assert ingest["profile"]["stage_ms_per_item"]["places"] > 0

    assert set(result["engines"]) == ENGINES
    assert result["queries"]["count"] == len(result["per_query"]) == 21
    for name, engine in result["engines"].items():
        latency = engine["latency_ms"]
        assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]
        recall = engine["recall"]
        assert 0 <= recall["min"] <= recall["overall"] <= 1, name
        assert recall["queries"] == 21
    # Ours and the exact peers match the substring truth; naive icontains on the
    # printed text misses Traditional pages and Traditional input.
    for exact in ("us", "tantivy", "pg_trgm"):
        assert result["engines"][exact]["recall"]["min"] == 1.0, exact
        assert result["engines"][exact]["precision"]["min"] == 1.0, exact
    assert result["engines"]["icontains"]["recall"]["min"] < 1.0
    assert any(row["truth"] > 0 for row in result["per_query"])

    assert set(result["ratios"]) == ENGINES - {"us"}
    sizes = result["sizes"]
    assert sizes["indexes"][GIN_INDEX] > 0
    assert sizes["tantivy_bytes"] > 0 and sizes["per_million_items_bytes"] > 0
    names = [t["name"] for t in result["targets"]]
    assert len(names) == 7 and all(
        {"value", "target", "holds"} <= set(t) for t in result["targets"]
    )
