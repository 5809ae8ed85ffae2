"""Import raw newspaper pages: files, folders and globs.

Pages are parsed on every core (`--workers`) and new pages are written many to a
transaction (`--batch`); a batch that fails is retried page by page, so a bad
file is reported (file and line), nothing of it is stored, and the run goes on.
Facts the page does not print come from the options or from a sidecar
`NAME.json` beside each file (`{"publication": "chifeng-daily",
"publication_name": "赤峰日报", "date": "2026-02-03", "page": 3, "section":
"金融", "home_region": "150000000000"}`, the last a Place code giving short
place names their context); an option given on the command line wins over the
sidecar. Every run leaves an ImportRun record.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archive.ingest.jsonout import page_as_json
from archive.ingest.loaders import (
    BATCH_PAGES,
    FAILED,
    NEW,
    UNCHANGED,
    UPDATED,
    PageOutcome,
    PageSource,
    build_context,
    import_sources,
    read_source,
)
from archive.ingest.parallel import CHUNK_PAGES
from archive.ingest.parsers import ParseContext
from archive.ingest.records import PageRejected
from archive.models import ImportRun, Publication

logger = logging.getLogger(__name__)
STATUS_LABELS = {NEW: "新增", UNCHANGED: "未变", UPDATED: "更新", FAILED: "失败"}
KIND_LABELS = {"article": "文章", "notice": "公告"}
PAGE_SUFFIXES = {".txt", ".text"}


def expand_paths(patterns: list[str]) -> tuple[list[str], list[str]]:
    """Files from files, folders (recursively) and globs; plus what matched nothing.

    Files are named by strings, not Path objects: a run over a folder of 200,000
    pages holds them all (100 MB less as strings), and the parsing workers fork
    with this process's memory.
    """
    found: list[str] = []
    missing: list[str] = []
    for pattern in patterns:
        matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]
        if not matches:
            missing.append(pattern)
        for match in matches:
            if match.is_dir():
                names = (str(p) for p in match.rglob("*") if p.suffix in PAGE_SUFFIXES)
                found.extend(sorted(names, key=_path_order))
            else:
                found.append(str(match))
    unique = list(dict.fromkeys(found))
    return unique, missing


def _path_order(name: str) -> list[str]:
    return name.split(os.sep)  # the order Path objects sort in: part by part


class _Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: Any) -> None:
        self.total, self.stream = total, stream
        self.enabled = total > 1 and stream.isatty()

    def step(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * done // self.total
        bar = "#" * filled + "·" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {Path(name).name[:40]:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Import raw page files into the archive (see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="page files, folders or globs")
        parser.add_argument(
            "--publication", help="publication slug, e.g. chifeng-daily"
        )
        parser.add_argument(
            "--publication-name", help="publication name, e.g. 赤峰日报"
        )
        parser.add_argument(
            "--date", type=date.fromisoformat, help="issue date, YYYY-MM-DD"
        )
        parser.add_argument("--page", type=int, help="版次 (page number)")
        parser.add_argument("--section", help="版名 (page name)")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and show, store nothing"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="with --dry-run: print one JSON document",
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish new items at once"
        )
        parser.add_argument("--user", default="", help="who runs the import (audit)")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="parsing processes (default: one per core; 1: no extra process)",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH_PAGES,
            help=f"new pages written per transaction (default {BATCH_PAGES})",
        )

    def handle(self, *args, **options):
        paths, missing = expand_paths(options["paths"])
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json 只能与 --dry-run 一起使用")
        if not paths:
            raise CommandError(f"没有找到页面文件：{'、'.join(missing)}")
        max_bytes = settings.ARCHIVE_MAX_PAGE_BYTES
        run = ImportRun.objects.create(
            username=options["user"],
            dry_run=options["dry_run"],
            files=paths,
        )
        errors = [
            {"file": m, "line": None, "message": "没有匹配的文件"} for m in missing
        ]
        statuses: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        pages_json = []
        progress = _Progress(len(paths), sys.stderr)
        tasks = self._tasks(paths, options, max_bytes)
        outcomes = import_sources(
            tasks,
            publish=options["publish"],
            store=not options["dry_run"],
            workers=self._workers(options["workers"], len(paths)),
            batch_pages=max(1, options["batch"]),
        )
        for done, (path, outcome) in enumerate(zip(paths, outcomes, strict=True), 1):
            progress.step(done, str(path))
            statuses[outcome.status] += 1
            kinds.update(outcome.counts)
            if outcome.status == FAILED:
                errors.append(
                    {
                        "file": str(path),
                        "line": outcome.line,
                        "message": outcome.message,
                    }
                )
                self.stderr.write(self.style.ERROR(outcome.message))
            elif options["json"] and outcome.record is not None:
                pages_json.append(page_as_json(outcome.record))
            elif options["dry_run"] and outcome.record is not None:
                self._show(outcome)
            elif outcome.message:
                self.stderr.write(self.style.WARNING(f"{path}: {outcome.message}"))
        progress.close()

        run.finished_at = timezone.now()
        run.counts = {"pages": dict(statuses), "items": dict(kinds)}
        run.errors = errors
        run.status = (
            ImportRun.Status.FAILED
            if statuses[FAILED] == len(paths)
            else ImportRun.Status.PARTIAL
            if errors
            else ImportRun.Status.SUCCEEDED
        )
        run.save()

        if options["json"]:
            self.stdout.write(
                json.dumps({"pages": pages_json}, ensure_ascii=False, indent=1)
            )
        summary = self._summary(statuses, kinds, dry_run=options["dry_run"])
        (self.stderr if options["json"] else self.stdout).write(summary)
        if errors:
            raise CommandError(
                f"{len(errors)} 个文件未能导入（详见导入记录 #{run.pk}）"
            )

    def _tasks(
        self, paths: list[str], options: dict, max_bytes: int
    ) -> Iterator[tuple[PageSource, ParseContext] | PageOutcome]:
        """Each file as a (source, context) pair, or the outcome of reading it."""
        contexts: dict[str, ParseContext] = {}
        for name in paths:
            path = Path(name)
            try:
                given = self._given(path, options)
                source = read_source(path, max_bytes=max_bytes, **given)
            except PageRejected as rejected:
                yield PageOutcome(
                    str(path), FAILED, message=str(rejected), line=rejected.line
                )
                continue
            except (OSError, ValueError) as error:
                yield PageOutcome(str(path), FAILED, message=f"{path}: {error}")
                continue
            context = contexts.get(source.publication)
            if context is None:
                publication = Publication.objects.filter(
                    slug=source.publication
                ).first()
                context = build_context(
                    publication=publication,
                    home_region=source.home_region,
                    max_bytes=max_bytes,
                )
                contexts[source.publication] = context
            yield source, context

    @staticmethod
    def _workers(asked: int | None, files: int) -> int | None:
        # Starting processes costs more than it saves for a handful of files.
        if asked is None and files < 2 * CHUNK_PAGES:
            return 1
        return asked

    def _given(self, path: Path, options: dict) -> dict[str, Any]:
        """Merge the sidecar NAME.json with the command-line options."""
        sidecar: dict[str, Any] = {}
        sidecar_path = path.with_suffix(".json")
        if sidecar_path.exists():
            try:
                sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                line = getattr(error, "lineno", None)
                raise PageRejected(
                    str(sidecar_path), f"旁注 JSON 无法读取（{error}）", line
                ) from error
        issue_date = options["date"]
        if issue_date is None and sidecar.get("date"):
            try:
                issue_date = date.fromisoformat(str(sidecar["date"]))
            except ValueError as error:
                raise PageRejected(
                    str(sidecar_path), f"日期格式应为 YYYY-MM-DD：{sidecar['date']!r}"
                ) from error
        page = options["page"] if options["page"] is not None else sidecar.get("page")
        try:
            page_number = int(page) if page is not None else None
        except (TypeError, ValueError) as error:
            raise PageRejected(str(sidecar_path), f"版次应为整数：{page!r}") from error
        if page_number is not None and page_number < 1:
            raise PageRejected(str(path), f"版次应为正整数：{page_number}")
        return {
            "publication": options["publication"] or sidecar.get("publication", ""),
            "publication_name": options["publication_name"]
            or sidecar.get("publication_name", ""),
            "issue_date": issue_date,
            "page_number": page_number,
            "section": options["section"] or sidecar.get("section", ""),
            "home_region": str(sidecar.get("home_region", "")),
        }

    def _show(self, outcome: PageOutcome) -> None:
        record = outcome.record
        assert record is not None
        day = record.issue_date or f"{record.proposed_issue_date}（推测）"
        self.stdout.write(f"{record.file}  编码 {record.encoding}  日期 {day}")
        for item in record.items:
            label = KIND_LABELS[item.kind]
            facts = ""
            if item.notice is not None:
                notice, deadline = item.notice, item.notice.deadline
                end = deadline and (deadline.deemed_on or deadline.window_end)
                facts = (
                    f"  [{notice.notice_type}] {notice.issuer} "
                    f"{notice.signed_on or ''} 期限 {end or '—'}"
                )
            elif item.article is not None and item.article.byline:
                facts = f"  {item.article.byline}"
            self.stdout.write(f"  {item.position:>2}. {label} {item.title}{facts}")

    def _summary(self, statuses: Counter, kinds: Counter, *, dry_run: bool) -> str:
        pages = "，".join(f"{STATUS_LABELS[s]} {statuses[s]}" for s in STATUS_LABELS)
        items = "，".join(f"{KIND_LABELS[k]} {kinds[k]}" for k in KIND_LABELS)
        prefix = "试运行（未写入）" if dry_run else "导入完成"
        return self.style.SUCCESS(f"{prefix}：版面 {pages}；条目 {items}")
