"""`python -m bench`: build (or reuse) a benchmark archive, time ingest and search
against the alternatives on the same queries in the same run, write the figures.

Runs with Django already set up on the benchmark's own database (see __main__).
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import math
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from array import array
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import psutil
from django.core.management import call_command
from django.db import connection

from archive.ingest.loaders import GIN_INDEX
from archive.models import Item, Page, Place

from .engines import Engine, Floor, Icontains, ItemRow, Tantivy, Trigram, Us, item_rows
from .queries import CITIES, BenchQuery, query_mix

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024**3
ARCHIVE_TABLES = (
    "archive_item",
    "archive_page",
    "archive_item_places",
    "archive_item_programmes",
    "archive_article",
    "notices_notice",
    "archive_figure",
    "archive_issue",
    "archive_pagerevision",
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Machine and database facts.


def machine_facts() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
        settings = {}
        for name in (
            "shared_buffers",
            "work_mem",
            "maintenance_work_mem",
            "effective_cache_size",
            "max_parallel_workers_per_gather",
            "jit",
            "max_wal_size",
            "synchronous_commit",
        ):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory_bytes": psutil.virtual_memory().total,
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "postgres_version": version,
        "postgres_settings": settings,
        "packages": _versions("Django", "psycopg", "tantivy", "jieba", "OpenCC"),
    }


def _versions(*names: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def _postgres_cpu() -> float | None:
    """CPU seconds used so far by the embedded server and its exited backends."""
    pgdata = os.environ.get("ARCHIVE_PGDATA")
    if not pgdata or os.environ.get("DATABASE_URL"):
        return None
    try:
        pid = int((Path(pgdata) / "postmaster.pid").read_text().split()[0])
        server = psutil.Process(pid)
        times = server.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in server.children():
            with_times = child.cpu_times()
            total += with_times.user + with_times.system
        return total
    except (OSError, ValueError, psutil.Error):
        return None


def database_sizes(items: int) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        database = cursor.fetchone()[0]
        tables = {}
        for table in ARCHIVE_TABLES:
            cursor.execute(
                "SELECT pg_total_relation_size(%s), pg_relation_size(%s),"
                " pg_indexes_size(%s)",
                [table, table, table],
            )
            total, heap, indexes = cursor.fetchone()
            tables[table] = {
                "total_bytes": total,
                "heap_bytes": heap,
                "toast_bytes": total - heap - indexes,
                "indexes_bytes": indexes,
            }
        cursor.execute(
            "SELECT c.relname, pg_relation_size(c.oid) FROM pg_index x"
            " JOIN pg_class c ON c.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relname = ANY(%s) ORDER BY 2 DESC",
            [list(ARCHIVE_TABLES)],
        )
        indexes = dict(cursor.fetchall())
    peer_only = indexes.get(Trigram.index, 0)
    ours = database - peer_only
    return {
        "database_bytes": database,
        "database_bytes_without_peer_indexes": ours,
        "per_million_items_bytes": round(ours * 1_000_000 / max(items, 1)),
        "tables": tables,
        "indexes": indexes,
    }


# --------------------------------------------------------------------------
# The corpus: generated pages, imported by the real command.


def build_corpus(
    items: int, folder: Path, *, workers: int | None, keep_pages: bool
) -> dict[str, Any]:
    marker = folder / "corpus.json"
    with open(os.devnull, "w") as quiet:
        call_command("setup_archive", "--demo-pages", "0", stdout=quiet)
    stored = Item.objects.count()
    if marker.exists() and stored:
        facts = json.loads(marker.read_text())
        facts["reused"] = True
        if facts.get("ingest"):
            derive_ingest(facts["ingest"])
        log(f"reusing the archive in {folder}: {stored:,} items")
        return facts
    if stored or Page.objects.exists():
        log("an earlier build did not finish: emptying the archive")
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE archive_item, archive_page, archive_pagerevision,"
                " archive_issue, archive_publication, archive_itemcorrection,"
                " archive_importrun CASCADE"
            )
    pages = folder / "pages"
    generated = _generate(items, pages)
    ingest = _import(pages, workers=workers, log_file=folder / "import.log")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), coalesce(sum(length(text)), 0) FROM archive_item"
        )
        ingest["items"], ingest["item_chars"] = cursor.fetchone()
        cursor.execute(
            "SELECT count(*), coalesce(sum(length(text)), 0) FROM archive_page"
        )
        ingest["pages"], ingest["page_chars"] = cursor.fetchone()
    derive_ingest(ingest)
    seconds = ingest["seconds"]
    log(
        f"imported {ingest['items']:,} items in {seconds:,.0f} s: "
        f"{ingest['items_per_second']:,.0f} items/s, peak RSS "
        f"{ingest['peak_rss_tree_bytes'] / 2**20:,.0f} MiB"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    ingest["vacuum_analyze_seconds"] = time.perf_counter() - started
    ingest["profile"] = parse_profile(
        pages, sample=min(300, max(50, generated["pages"] // 4))
    )
    facts = {"generated": generated, "ingest": ingest, "reused": False}
    marker.write_text(json.dumps(facts, ensure_ascii=False, indent=1, default=str))
    if not keep_pages:
        shutil.rmtree(pages, ignore_errors=True)
    return facts


def derive_ingest(ingest: dict[str, Any]) -> dict[str, Any]:
    """Rates from the measured totals (recomputed whenever a result is written)."""
    seconds, items = ingest["seconds"], ingest["items"]
    ingest["items_per_second"] = items / seconds
    ingest["chars_per_second"] = ingest["page_chars"] / seconds
    ingest["pages_per_second"] = ingest["pages"] / seconds
    cpu = ingest["cpu_seconds"]
    ingest["cpu_ms_per_item"] = {
        k: (v * 1000 / items if v is not None else None) for k, v in cpu.items()
    }
    # What the CPU time allows when every core works on the import and nothing
    # else runs: the measured rate is lower on a shared machine.
    total = cpu["importer_total"] + (cpu["postgres"] or 0)
    ingest["cpu_ms_per_item_total"] = total * 1000 / items
    ingest["cpu_bound_items_per_second_on_all_cores"] = (
        items * (os.cpu_count() or 1) / total if total else None
    )
    return ingest


def _generate(items: int, pages: Path) -> dict[str, Any]:
    from archive.ingest.generator import SLOTS, generate_pages

    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    started = time.perf_counter()
    count = written = size = 0
    for page in generate_pages(pages=SLOTS, seed=2026):  # stops below
        path = pages / page.filename
        path.write_bytes(page.data)
        sidecar = json.dumps(page.sidecar, ensure_ascii=False)
        path.with_suffix(".json").write_text(sidecar, encoding="utf-8")
        written += page.item_count
        size += len(page.data)
        count += 1
        if written >= items:
            break
    seconds = time.perf_counter() - started
    log(f"generated {count:,} pages ({written:,} items, {size / 1e6:,.0f} MB)")
    return {"pages": count, "items_planned": written, "bytes": size, "seconds": seconds}


def _import(pages: Path, *, workers: int | None, log_file: Path) -> dict[str, Any]:
    """Run `manage.py import_pages` as its own process, watching its memory."""
    command = [sys.executable, str(ROOT / "manage.py"), "import_pages", str(pages)]
    command.append("--publish")
    if workers is not None:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    postgres_before = _postgres_cpu()
    log(f"importing: {' '.join(command[1:])}")
    started = time.perf_counter()
    with open(log_file, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=out)
        watch = _MemoryWatch(process.pid)
        watch.start()
        code = process.wait()
        watch.stop()
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"import_pages failed ({code}); see {log_file}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    postgres_after = _postgres_cpu()
    importer = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "command": " ".join(command[1:]),
        "workers": workers or len(os.sched_getaffinity(0)),
        "seconds": seconds,
        "peak_rss_tree_bytes": watch.peak_tree,
        "peak_pss_tree_bytes": watch.peak_pss,
        "peak_rss_main_bytes": watch.peak_main,
        "peak_rss_largest_child_bytes": after.ru_maxrss * 1024,
        "cpu_seconds": {
            "importer_main": watch.main_cpu,
            "importer_workers": importer - watch.main_cpu if watch.main_cpu else None,
            "importer_total": importer,
            "postgres": (
                postgres_after - postgres_before
                if postgres_after is not None and postgres_before is not None
                else None
            ),
        },
    }


class _MemoryWatch(threading.Thread):
    """Samples the RSS of a process and all its children (the parsing workers)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak_tree = self.peak_main = self.peak_pss = 0
        self.main_cpu = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self._stop_event.wait(0.25):
            samples += 1
            try:
                main = self.process.memory_info().rss
                times = self.process.cpu_times()
                self.main_cpu = times.user + times.system
                tree = main
                children = self.process.children(recursive=True)
                for child in children:
                    with contextlib.suppress(psutil.Error):
                        tree += child.memory_info().rss
                if samples % 8 == 1:  # PSS reads /proc/*/smaps: every 2 s
                    self.peak_pss = max(self.peak_pss, self._pss(children))
            except psutil.Error:
                return
            self.peak_main = max(self.peak_main, main)
            self.peak_tree = max(self.peak_tree, tree)

    def _pss(self, children: list[psutil.Process]) -> int:
        """Proportional set size of the tree: pages the forked workers share
        with the main process are counted once, split between them."""
        total = 0
        for process in [self.process, *children]:
            with contextlib.suppress(psutil.Error, AttributeError):
                total += process.memory_full_info().pss
        return total

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def parse_profile(pages: Path, sample: int = 300) -> dict[str, Any]:
    """Where parsing time goes, per stage, from cProfile over a sample of pages.

    Profiling slows pure-Python code unevenly; shares are scaled to the sample's
    unprofiled time, so read them as a breakdown, not exact figures.
    """
    from archive.ingest.loaders import PageSource, build_context
    from archive.ingest.parallel import parse_one

    files = sorted(pages.glob("*.txt"))[:sample]
    if not files:
        return {}
    context = build_context(home_region="150000000000")
    sources = []
    for path in files:
        sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        sources.append(
            PageSource(
                name=str(path),
                raw=path.read_bytes(),
                publication=sidecar["publication"],
                issue_date=date.fromisoformat(sidecar["date"]),
                page_number=sidecar["page"],
            )
        )
    started = time.process_time()
    parsed = [parse_one(source, context) for source in sources]
    plain = time.process_time() - started
    items = sum(len(p.fields) for p in parsed) or 1
    profile = cProfile.Profile()
    profile.enable()
    for source in sources:
        parse_one(source, context)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    stages = {
        "decoding": ("archive/ingest/decoding.py", "decode_page"),
        "page-break repair": ("archive/ingest/repair.py", "repair_page_breaks"),
        "segmentation": ("archive/ingest/segment.py", "segment_page"),
        "notice fields": ("notices/parsers.py", "parse_notice"),
        "notice titles": ("notices/parsers.py", "notice_title"),
        "article fields": ("archive/ingest/articles.py", "split_article"),
        "places": ("archive/ingest/placematch.py", "resolve_places"),
        "programmes": ("archive/ingest/programmes.py", "tag_programmes"),
        "figures": ("archive/ingest/figures.py", "extract_figures"),
        "search fields (normalise, bigram tsvector)": (
            "archive/search.py",
            "search_fields",
        ),
        "parse digest": ("archive/ingest/jsonout.py", "item_digest"),
    }
    total = sum(v[3] for k, v in stats.items() if k[2] == "parse_one")
    breakdown = {}
    for label, (suffix, function) in stages.items():
        seconds = sum(
            v[3] for k, v in stats.items() if k[0].endswith(suffix) and k[2] == function
        )
        breakdown[label] = round(seconds / total * plain * 1000 / items, 4)
    breakdown["other"] = round(plain * 1000 / items - sum(breakdown.values()), 4)
    return {
        "pages": len(sources),
        "items": items,
        "parse_cpu_ms_per_item": plain * 1000 / items,
        "stage_ms_per_item": breakdown,
        "note": "one process, no database; cProfile shares scaled to unprofiled time",
    }


# --------------------------------------------------------------------------
# Timing and recall.


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    return {
        "n": len(ordered),
        "p50": rank(50),
        "p95": rank(95),
        "p99": rank(99),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


def slow_sample(queries: list[BenchQuery], items: int, size: int) -> set[int]:
    """Which queries slow peers run: all on small corpora, else a seeded spread."""
    if items <= 100_000 or size >= len(queries):
        return {q.number for q in queries}
    rng = random.Random(7)
    by_label: dict[str, list[BenchQuery]] = defaultdict(list)
    for query in queries:
        by_label[query.label].append(query)
    chosen: set[int] = set()
    for group in by_label.values():
        share = max(1, round(size * len(group) / len(queries)))
        chosen.update(q.number for q in rng.sample(group, min(share, len(group))))
    return chosen


def time_queries(
    engines: list[Engine],
    queries: list[BenchQuery],
    places: dict[str, str],
    *,
    sample: set[int],
    budget: float,
) -> dict[str, dict[int, dict[str, Any]]]:
    timings: dict[str, dict[int, dict[str, Any]]] = {e.name: {} for e in engines}
    spent: dict[str, float] = defaultdict(float)
    warm = queries[: min(10, len(queries))]
    log(f"warming up on {len(warm)} queries")
    for engine in engines:
        for query in warm:
            if not engine.slow or query.number in sample:
                engine.run(query.data(places))
    log(f"timing {len(queries)} queries")
    for position, query in enumerate(queries, 1):
        data = query.data(places)
        for engine in engines:
            if engine.slow and (
                query.number not in sample or spent[engine.name] > budget
            ):
                continue
            started = time.perf_counter()
            total, shown = engine.run(data)
            elapsed = time.perf_counter() - started
            spent[engine.name] += elapsed
            timings[engine.name][query.number] = {
                "ms": elapsed * 1000,
                "total": total,
                "shown": len(shown),
            }
        if position % 25 == 0:
            log(f"  {position}/{len(queries)} queries timed")
    return timings


class _TruthTest:
    """One query as a plain-Python predicate on a streamed item row: substring
    tests on the normalised text and title, written independently of the app's
    filters (the timing path never touches this)."""

    def __init__(self, query: BenchQuery, places: dict[str, str]) -> None:
        from archive.search import parse_query

        self.clauses = [
            (
                clause[0].negated,
                tuple((term.scope == "title", term.text) for term in clause),
            )
            for clause in parse_query(query.q).clauses
        ]
        data = query.data(places)
        self.kind = data.get("kind")
        self.year = int(data["year"]) if "year" in data else None
        self.programme = data.get("programme")
        self.publication = data.get("publication")
        self.notice_type = data.get("notice_type")
        self.place = data.get("place")

    def __call__(self, item: ItemRow) -> bool:
        if not self.clauses:
            return False
        if self.kind and item.kind != self.kind:
            return False
        if self.year and item.day.year != self.year:
            return False
        if self.publication and item.publication != self.publication:
            return False
        if self.notice_type and item.notice_type != self.notice_type:
            return False
        if self.programme and self.programme not in item.programmes:
            return False
        if self.place and self.place not in item.places:
            return False
        for negated, terms in self.clauses:
            found = any(
                text in (item.search_title if in_title else item.normalised)
                for in_title, text in terms
            )
            if found == negated:
                return False
        return True


def substring_truth(
    queries: list[BenchQuery], places: dict[str, str]
) -> dict[int, array]:
    """Per query, the sorted ids of the published items a substring scan finds.

    One pass over the items for all queries (a scan per query took 18 s at
    1 M items); ids are kept as 8-byte arrays, not sets.
    """
    tests = [(query.number, _TruthTest(query, places)) for query in queries]
    found: dict[int, array] = {number: array("q") for number, _ in tests}
    seen = 0
    for row in item_rows():
        seen += 1
        if seen % 100_000 == 0:
            log(f"  truth: {seen:,} items scanned")
        if row.status != "published":
            continue
        for number, test in tests:
            if test(row):
                found[number].append(row.id)
    for ids in found.values():  # the stream is in no particular order
        ids[:] = array("q", sorted(ids))
    return found


def recall(
    engines: list[Engine],
    queries: list[BenchQuery],
    places: dict[str, str],
    *,
    slow_sample: set[int],
) -> dict[int, dict[str, Any]]:
    """Per query: the truth count, and per engine matched / matched-and-true.

    Slow peers are checked on the queries they were timed on (`slow_sample`):
    their matched set is another full scan of the table.
    """
    log(f"substring truth for {len(queries)} queries (one scan)")
    truth = substring_truth(queries, places)
    found: dict[int, dict[str, Any]] = {}
    log(f"checking recall of {len(engines)} engines on {len(queries)} queries")
    for position, query in enumerate(queries, 1):
        data = query.data(places)
        true = set(truth[query.number])
        entry: dict[str, Any] = {"truth": len(true)}
        for engine in engines:
            if engine.slow and query.number not in slow_sample:
                continue
            matched = engine.matched_ids(data)
            correct = len(true.intersection(matched))
            entry[engine.name] = {
                "matched": len(matched),
                "correct": correct,
                "recall": correct / len(true) if true else 1.0,
                "precision": correct / len(matched) if matched else 1.0,
            }
        found[query.number] = entry
        if position % 25 == 0:
            log(f"  {position}/{len(queries)} checked")
    return found


# --------------------------------------------------------------------------
# The run.


def place_codes() -> dict[str, str]:
    return dict(
        Place.objects.filter(name__in=CITIES, level=Place.Level.CITY).values_list(
            "name", "code"
        )
    )


def run(args: Any, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    machine = machine_facts()
    corpus = build_corpus(
        args.items, folder, workers=args.workers, keep_pages=args.keep_pages
    )
    items = Item.objects.count()
    if args.ingest_only:
        return ingest_result(args, machine, corpus, items)
    places = place_codes()
    queries = query_mix(args.queries)
    engines: list[Engine] = [
        Us(),
        Floor(),
        Tantivy(folder / "tantivy"),
        Trigram(),
        Icontains(),
    ]
    setups = {}
    for engine in engines:
        log(f"setting up {engine.name}")
        setups[engine.name] = engine.setup()
    previous = folder / "peers.json"
    built = json.loads(previous.read_text()) if previous.exists() else {}
    for name, facts in setups.items():
        if facts.get("reused") and name in built:
            setups[name] = {**built[name], **facts}
    previous.write_text(json.dumps(setups, indent=1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_item")
    sizes = database_sizes(items)
    sample = slow_sample(queries, items, args.slow_queries)
    timings = time_queries(
        engines, queries, places, sample=sample, budget=args.slow_budget
    )
    checked = (
        recall(engines, queries, places, slow_sample=sample)
        if not args.no_recall
        else {}
    )
    result = assemble(
        args, machine, corpus, items, queries, engines, setups, sizes, timings, checked
    )
    result["machine"]["load_average_at_end"] = os.getloadavg()
    return result


def assemble(
    args, machine, corpus, items, queries, engines, setups, sizes, timings, checked
) -> dict[str, Any]:
    from .report import engine_summary, targets

    index_bytes = {
        "us": sizes["indexes"].get(GIN_INDEX, 0),
        "floor": sizes["indexes"].get(GIN_INDEX, 0),
        "pg_trgm": sizes["indexes"].get(Trigram.index, 0),
        "tantivy": setups.get("tantivy", {}).get("size_bytes", 0),
        "icontains": 0,
    }
    ingest = corpus.get("ingest", {})
    build = {
        "us": ingest.get("seconds"),
        "floor": ingest.get("seconds"),
        "pg_trgm": setups.get("pg_trgm", {}).get("build_seconds"),
        "tantivy": setups.get("tantivy", {}).get("build_seconds"),
        "icontains": 0,
    }
    summaries = {
        engine.name: engine_summary(
            engine,
            queries,
            timings,
            checked,
            index_bytes[engine.name],
            build[engine.name],
        )
        for engine in engines
    }
    per_query = []
    for query in queries:
        row: dict[str, Any] = {
            "number": query.number,
            "q": query.q,
            "label": query.label,
            "filters": query.filters,
        }
        if query.number in checked:
            row["truth"] = checked[query.number]["truth"]
        for engine in engines:
            timing = timings[engine.name].get(query.number)
            entry = dict(timing) if timing else {}
            check = checked.get(query.number, {}).get(engine.name)
            if check:
                entry["recall"] = check["recall"]
                entry["precision"] = check["precision"]
            row[engine.name] = entry
        per_query.append(row)
    result = {
        "name": args.name,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "items_requested": args.items,
        "items": items,
        "machine": machine,
        "corpus": corpus,
        "queries": {
            "count": len(queries),
            "seed": 5,
            "classes": dict(sorted(_count_labels(queries).items())),
            "slow_peer_budget_seconds": args.slow_budget,
        },
        "engines": summaries,
        "sizes": {**sizes, "tantivy_bytes": index_bytes["tantivy"]},
        "per_query": per_query,
    }
    result["ratios"] = ratios(summaries, timings)
    result["targets"] = targets(result)
    return result


def ingest_result(args, machine, corpus, items) -> dict[str, Any]:
    from .report import targets

    result = {
        "name": args.name,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "items_requested": args.items,
        "items": items,
        "machine": machine,
        "corpus": corpus,
        "engines": {},
        "ratios": {},
        "sizes": database_sizes(items),
    }
    result["machine"]["load_average_at_end"] = os.getloadavg()
    result["targets"] = targets(result)
    return result


def _count_labels(queries: list[BenchQuery]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for query in queries:
        counts[query.label] += 1
    return counts


def ratios(summaries, timings) -> dict[str, Any]:
    """us against each peer, on exactly the queries both timed."""
    out = {}
    ours = timings["us"]
    for name in summaries:
        if name == "us":
            continue
        shared = [n for n in timings[name] if n in ours]
        if not shared:
            continue
        us = percentiles([ours[n]["ms"] for n in shared])
        peer = percentiles([timings[name][n]["ms"] for n in shared])
        out[name] = {
            "queries": len(shared),
            "peer_p50_over_us_p50": peer["p50"] / us["p50"],
            "peer_p95_over_us_p95": peer["p95"] / us["p95"],
            "us_p50_over_peer_p50": us["p50"] / peer["p50"],
            "us_p95_over_peer_p95": us["p95"] / peer["p95"],
            "us_p95_ms": us["p95"],
            "peer_p95_ms": peer["p95"],
        }
    return out
