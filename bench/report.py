"""Summaries, the targets the issue sets, and the terminal table."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from archive.ingest.loaders import GIN_INDEX

from .engines import Engine
from .queries import BenchQuery

GIB = 1024**3


def engine_summary(
    engine: Engine,
    queries: list[BenchQuery],
    timings: dict[str, dict[int, dict[str, Any]]],
    checked: dict[int, dict[str, Any]],
    index_bytes: int,
    build_seconds: float | None,
) -> dict[str, Any]:
    from .run import percentiles

    mine = timings[engine.name]
    by_label: dict[str, list[float]] = defaultdict(list)
    for query in queries:
        if query.number in mine:
            by_label[query.label].append(mine[query.number]["ms"])
    summary: dict[str, Any] = {
        "description": engine.description,
        "timed_queries": len(mine),
        "sampled": len(mine) < len(queries),
        "latency_ms": percentiles([t["ms"] for t in mine.values()]),
        "by_class_ms": {label: percentiles(v) for label, v in sorted(by_label.items())},
        "result_counts": _counts([t["total"] for t in mine.values()]),
        "index_bytes": index_bytes,
        "build_seconds": build_seconds,
    }
    if summary["sampled"]:
        summary["note"] = (
            f"timed on {len(mine)} of {len(queries)} queries (a seeded sample spread "
            "over the classes, cut off when the time budget ran out); recall is "
            "checked on every query"
        )
    mine_checked = [e for e in checked.values() if engine.name in e]
    if mine_checked:
        recalls = [entry[engine.name]["recall"] for entry in mine_checked]
        precisions = [entry[engine.name]["precision"] for entry in mine_checked]
        truth = sum(entry["truth"] for entry in mine_checked)
        correct = sum(entry[engine.name]["correct"] for entry in mine_checked)
        summary["recall"] = {
            "min": min(recalls),
            "mean": sum(recalls) / len(recalls),
            "overall": correct / truth if truth else 1.0,
            "queries_below_100_percent": sum(r < 1 for r in recalls),
            "queries": len(recalls),
        }
        summary["precision"] = {
            "min": min(precisions),
            "mean": sum(precisions) / len(precisions),
            "queries_below_100_percent": sum(p < 1 for p in precisions),
        }
    return summary


def _counts(totals: list[int]) -> dict[str, Any]:
    if not totals:
        return {}
    ordered = sorted(totals)
    return {
        "min": ordered[0],
        "median": ordered[len(ordered) // 2],
        "max": ordered[-1],
        "zero": sum(t == 0 for t in ordered),
    }


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    items = result["items"]
    engines = result["engines"]
    ratios = result["ratios"]
    ingest = result["corpus"].get("ingest", {})
    sizes = result["sizes"]
    out = []
    if "icontains" in ratios:
        value = ratios["icontains"]["peer_p95_over_us_p95"]
        out.append(
            _target(
                "search page p95: icontains p95 / our p95", value, ">= 50", value >= 50
            )
        )
    if "tantivy" in ratios:
        value = ratios["tantivy"]["us_p95_over_peer_p95"]
        out.append(
            _target("search page p95: our p95 / tantivy p95", value, "<= 2", value <= 2)
        )
    recall = engines.get("us", {}).get("recall")
    if recall:
        out.append(
            _target(
                "search recall against substring truth (worst query)",
                recall["min"],
                "1.0 on every query",
                recall["min"] == 1.0,
            )
        )
    if ingest:
        out.append(
            _target(
                "ingest items/s end to end (import_pages)",
                ingest["items_per_second"],
                ">= 1000",
                ingest["items_per_second"] >= 1000,
            )
        )
        peak = ingest["peak_rss_tree_bytes"]
        out.append(
            _target(
                "importer peak RSS, all its processes (bytes)",
                peak,
                "< 1 GiB",
                peak < GIB,
            )
        )
    out.append(
        _target(
            "bigram GIN index size (bytes)",
            sizes["indexes"].get(GIN_INDEX, 0),
            "reported",
            True,
        )
    )
    out.append(
        _target(
            "on-disk size per million items (bytes, database without peer indexes)",
            sizes["per_million_items_bytes"],
            "reported",
            True,
        )
    )
    for entry in out:
        entry["items"] = items
    return out


def _target(name: str, value: Any, target: str, holds: bool) -> dict[str, Any]:
    return {"name": name, "value": value, "target": target, "holds": bool(holds)}


def _mib(value: float | None) -> str:
    return "—" if not value else f"{value / 2**20:,.0f} MiB"


def table(result: dict[str, Any]) -> str:
    lines = []
    machine = result["machine"]
    lines.append(
        f"{result['items']:,} items · {machine['cores']} cores · "
        f"{machine['memory_bytes'] / GIB:.0f} GiB · {machine['postgres_version']}"
    )
    ingest = result["corpus"].get("ingest", {})
    if ingest:
        reused = " (built earlier, reused)" if result["corpus"].get("reused") else ""
        lines.append(
            f"ingest{reused}: {ingest['items_per_second']:,.0f} items/s, "
            f"{ingest['chars_per_second'] / 1e6:,.2f} M chars/s, "
            f"peak RSS {_mib(ingest['peak_rss_tree_bytes'])} "
            f"(PSS {_mib(ingest.get('peak_pss_tree_bytes'))}) "
            f"({ingest['workers']} parsing workers), {ingest['seconds']:,.0f} s"
        )
        if ingest.get("cpu_ms_per_item_total"):
            per = ingest["cpu_ms_per_item"]
            lines.append(
                f"  CPU per item {ingest['cpu_ms_per_item_total']:.2f} ms (parsing "
                f"workers {per['importer_workers'] or 0:.2f}, importer main "
                f"{per['importer_main'] or 0:.2f}, "
                f"PostgreSQL {per['postgres'] or 0:.2f})"
                f" → {ingest['cpu_bound_items_per_second_on_all_cores']:,.0f} items/s "
                "if every core were free"
            )
    header = (
        f"{'engine':<10} {'timed':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'recall':>7} {'min rec':>7} {'index':>10} {'build s':>8}"
    )
    if result["engines"]:
        lines += [header, "-" * len(header)]
    for name, summary in result["engines"].items():
        latency = summary["latency_ms"]
        recall = summary.get("recall", {})
        build = summary.get("build_seconds")
        lines.append(
            f"{name:<10} {summary['timed_queries']:>5} "
            f"{latency.get('p50', 0):>8,.1f} {latency.get('p95', 0):>8,.1f} "
            f"{latency.get('p99', 0):>8,.1f} {latency.get('max', 0):>8,.1f} "
            f"{recall.get('overall', float('nan')):>7.2%} "
            f"{recall.get('min', float('nan')):>7.2%} "
            f"{_mib(summary['index_bytes']):>10} "
            f"{(f'{build:,.0f}' if build else '—'):>8}"
        )
    lines.append("")
    for name, ratio in result["ratios"].items():
        lines.append(
            f"{name:<10} on its {ratio['queries']} timed queries: "
            f"p95 {ratio['peer_p95_ms']:,.1f} ms vs ours {ratio['us_p95_ms']:,.1f} ms "
            f"→ peer/us {ratio['peer_p95_over_us_p95']:,.2f}×"
        )
    sizes = result["sizes"]
    lines.append(
        f"database {_mib(sizes['database_bytes'])} (without peer indexes "
        f"{_mib(sizes['database_bytes_without_peer_indexes'])}); per million items "
        f"{sizes['per_million_items_bytes'] / GIB:,.2f} GiB"
    )
    lines.append("")
    for entry in result["targets"]:
        mark = "HOLDS" if entry["holds"] else "MISSES"
        value = entry["value"]
        shown = f"{value:,.4g}" if isinstance(value, float) else f"{value:,}"
        lines.append(f"[{mark:>6}] {entry['name']}: {shown} (target {entry['target']})")
    return "\n".join(lines)
