"""Parse many page files on several cores, in order, with bounded memory.

Pure Python, no Django import. The importer's main process reads files and writes
the database; worker processes do the CPU work that needs no database: decoding,
page-break repair, segmentation, field parsing, place/programme/figure matching,
and each item's search fields (normalised copy, bigram tsvector) and parse digest.
Results come back in the order the files were given, and only a few chunks are in
flight at a time, so memory stays flat however many files a run has.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from archive.search import search_fields

from .jsonout import item_digest
from .parsers import ParseContext
from .placematch import PlaceIndex
from .records import PageRecord, PageRejected
from .sources import PageSource, parse_source

PR_SET_PDEATHSIG = 1  # linux/prctl.h

CHUNK_PAGES = 16  # pages per task sent to a worker: amortises the pipe round trip
AHEAD_PAGES = 256  # pages parsed ahead of the consumer: workers keep busy while it
# writes a batch, and memory stays bounded (~25 KB per parsed page)


@dataclass(frozen=True, slots=True)
class ItemFields:
    """What the database stores beside a parsed item, computed off the main process."""

    normalized_text: str
    search_title: str
    search_bigrams: str  # a tsvector literal
    digest: str  # item_digest(record): reparse compares it


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file after parsing: its record and item fields, or why it was refused."""

    record: PageRecord | None = None
    fields: tuple[ItemFields, ...] = ()
    message: str = ""  # the refusal, naming the file (and line)
    line: int | None = None
    internal_error: str = ""  # a bug, not a bad file: the traceback


def parse_one(source: PageSource, context: ParseContext) -> Parsed:
    """Parse one file and compute its items' stored fields; never raises."""
    try:
        record = parse_source(source, context)
        fields = tuple(
            ItemFields(*search_fields(item.title[:500], item.text), item_digest(item))
            for item in record.items
        )
    except PageRejected as rejected:
        return Parsed(message=str(rejected), line=rejected.line)
    except Exception as error:  # a parser bug must not stop the other pages
        return Parsed(
            message=f"{source.name}: 内部错误（{error}）",
            internal_error=traceback.format_exc(),
        )
    return Parsed(record, fields)


def default_workers() -> int:
    """One parsing worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_in_order(
    tasks: Iterable[Any], *, workers: int | None = None, ahead: int = AHEAD_PAGES
) -> Iterator[tuple[Any, Any]]:
    """Yield (task, result) in task order.

    A task is a (PageSource, ParseContext) pair, whose result is a `Parsed`; any
    other task (an outcome already known, such as an unreadable file) passes
    through as its own result, in its place. At most about `ahead` tasks are
    parsed before the consumer asks for them. With `workers` ≤ 1 everything runs
    in this process.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        for task in tasks:
            yield task, _run_here(task)
        return
    in_flight = max(2 * workers, -(-ahead // CHUNK_PAGES))  # chunks
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_mp_context(),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    pending: deque[tuple[list[Any], Future | list[Any]]] = deque()
    contexts = _ContextKeys()
    chunk: list[Any] = []
    try:
        for task in tasks:
            if _is_parse_task(task) and contexts.shippable(task[1]):
                chunk.append(task)
                if len(chunk) < CHUNK_PAGES:
                    continue
            else:  # passes through, or parses here (a context workers cannot get)
                if chunk:
                    pending.append((chunk, _submit(pool, chunk, contexts)))
                    chunk = []
                pending.append(([task], [_run_here(task)]))
            if chunk:
                pending.append((chunk, _submit(pool, chunk, contexts)))
                chunk = []
            while len(pending) > in_flight:
                yield from _drain(pending.popleft())
        if chunk:
            pending.append((chunk, _submit(pool, chunk, contexts)))
        while pending:
            yield from _drain(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """Stop a worker when the importer dies, however it dies.

    A forked worker inherits the importer's database socket. After a kill -9 of
    the importer, a worker left waiting for work kept that socket open, so the
    server never saw the importer go: its open batch transaction kept its page
    locks and the next import waited on them for ever.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: fall back to the check below
        pass
    if os.getppid() != parent:  # the importer died before prctl took effect
        os._exit(1)


def _mp_context() -> Any:
    # fork: workers inherit the place index already built (41,751 names), and
    # start in milliseconds; elsewhere each worker builds it once.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _is_parse_task(task: Any) -> bool:
    return (
        isinstance(task, tuple)
        and len(task) == 2
        and isinstance(task[0], PageSource)
        and isinstance(task[1], ParseContext)
    )


def _run_here(task: Any) -> Any:
    return parse_one(*task) if _is_parse_task(task) else task


def _drain(entry: tuple[list[Any], Future | list[Any]]) -> Iterator[tuple[Any, Any]]:
    tasks, results = entry
    if isinstance(results, Future):
        results = results.result()
    yield from zip(tasks, results, strict=True)


class _ContextKeys:
    """Numbers each context once; workers rebuild it around their own place index."""

    def __init__(self) -> None:
        self._keys: dict[int, tuple[int, ParseContext, ParseContext]] = {}

    def shippable(self, context: ParseContext) -> bool:
        # The place index (an Aho-Corasick automaton) cannot be pickled; workers
        # have the shipped one, so only contexts that use it can be sent.
        return context.places is PlaceIndex.default()

    def key(self, context: ParseContext) -> tuple[int, ParseContext]:
        found = self._keys.get(id(context))
        if found is None or found[1] is not context:
            found = (len(self._keys), context, replace(context, places=None))
            self._keys[id(context)] = found
        return found[0], found[2]


def _submit(
    pool: ProcessPoolExecutor, chunk: list[Any], contexts: _ContextKeys
) -> Future:
    keyed = [(source, *contexts.key(context)) for source, context in chunk]
    light = {key: context for _, key, context in keyed}
    return pool.submit(_parse_chunk, light, [(s, k) for s, k, _ in keyed])


_WORKER_CONTEXTS: dict[int, ParseContext] = {}


def _parse_chunk(
    light: dict[int, ParseContext], tasks: list[tuple[PageSource, int]]
) -> list[Parsed]:
    """In a worker: parse a chunk of files with contexts completed here."""
    for key, context in light.items():
        if key not in _WORKER_CONTEXTS:
            _WORKER_CONTEXTS[key] = replace(context, places=PlaceIndex.default())
    return [parse_one(source, _WORKER_CONTEXTS[key]) for source, key in tasks]
