"""Uploads: stage files (or a zip) safely, preview them, import them in batches.

Nothing is written to the archive before the editor confirms. The raw bytes
wait in StagedFile rows; names are reduced to a base name, zip members are read
with size, count and ratio limits (a zip bomb or a path-traversal member is
refused with a message), and every file is parsed for the preview with the same
code as `import_pages`. Work is done a time-boxed batch per request, so a
large upload shows its progress without JavaScript.
"""

from __future__ import annotations

import io
import json
import re
import secrets
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from archive.ingest.jsonout import page_as_json
from archive.ingest.loaders import (
    FAILED,
    PageSource,
    build_context,
    import_source,
    parse_source,
)
from archive.ingest.records import PageRejected
from archive.models import ImportRun, Publication

from .models import StagedFile, StagedUpload

MAX_ZIP_MEMBERS = 2000
# Deflate reaches ~1000:1 only on degenerate input; real text pages stay < 20:1.
MAX_ZIP_RATIO = 100
PAGE_SUFFIXES = (".txt", ".text")
BATCH_SECONDS = 2.0

_PAGE_IN_NAME = (
    re.compile(r"第\s*0*([1-9][0-9]{0,2})\s*版"),
    re.compile(r"(?:^|[^A-Za-z])[pP]0*([1-9][0-9]{0,2})(?![0-9])"),
    re.compile(r"^0*([1-9][0-9]{0,2})[_\-. ]"),
    re.compile(r"[_\-]0*([1-9][0-9]{0,2})\.[A-Za-z]+$"),
)


@dataclass
class Incoming:
    """A file as received: its name as given and a way to read its bytes."""

    name: str
    size: int
    data: bytes | None  # None when refused before reading
    refusal: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


def base_name(name: str) -> tuple[str, str]:
    """(safe base name, refusal): a name with a path in it is refused."""
    cleaned = name.replace("\\", "/")
    parts = [p for p in cleaned.split("/") if p not in ("", ".")]
    if cleaned.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", cleaned):
        return (parts[-1] if parts else name)[-255:], (
            f"{name}: 文件名含路径（{name}），为安全起见已拒收"
        )
    if not parts:
        return name or "（无名文件）", f"{name or '（无名文件）'}: 文件名无效"
    return parts[-1][-255:], ""


def _too_big(name: str, size: int, limit: int) -> str:
    return f"{name}: 文件过大（{size:,} 字节，上限 {limit:,} 字节）"


def page_from_name(name: str) -> int | None:
    for pattern in _PAGE_IN_NAME:
        match = pattern.search(name)
        if match:
            return int(match.group(1))
    return None


def read_zip(data: bytes, zip_name: str, max_bytes: int) -> tuple[list[Incoming], str]:
    """The page files inside a zip, or a refusal of the whole zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        return [], f"{zip_name}: 压缩包无法读取（{error}）"
    if len(members) > MAX_ZIP_MEMBERS:
        return (
            [],
            f"{zip_name}: 压缩包内文件过多"
            f"（{len(members)} 个，上限 {MAX_ZIP_MEMBERS}）",
        )
    total = sum(m.file_size for m in members)
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    if total > limit:
        return [], (
            f"{zip_name}: 解压后共 {total:,} 字节，超过上限 {limit:,} 字节，"
            "疑似压缩炸弹，已拒收"
        )
    for member in members:
        if (
            member.compress_size
            and member.file_size / member.compress_size > MAX_ZIP_RATIO
        ) and member.file_size > 1024 * 1024:
            return [], (
                f"{zip_name}: {member.filename} 压缩比异常"
                f"（{member.file_size:,} 字节"
                f"压成 {member.compress_size:,} 字节），疑似压缩炸弹，已拒收"
            )
    sidecars: dict[str, dict[str, Any]] = {}
    incoming: list[Incoming] = []
    for member in members:
        if member.is_dir() or "__MACOSX" in member.filename:
            continue
        name, refusal = base_name(member.filename)
        shown = f"{zip_name}/{member.filename}"
        if name.startswith("."):
            continue
        if refusal:
            incoming.append(Incoming(shown, member.file_size, None, refusal=refusal))
            continue
        if name.lower().endswith(".json"):
            sidecars[PurePosixPath(name).stem] = _sidecar(archive, member)
            continue
        if member.file_size > max_bytes:
            incoming.append(
                Incoming(
                    shown,
                    member.file_size,
                    None,
                    refusal=_too_big(shown, member.file_size, max_bytes),
                )
            )
            continue
        try:
            with archive.open(member) as stream:
                # Never trust the header: read at most one byte past the limit.
                content = stream.read(max_bytes + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
            incoming.append(
                Incoming(
                    shown,
                    member.file_size,
                    None,
                    refusal=f"{shown}: 无法解压（{error}）",
                )
            )
            continue
        if len(content) > max_bytes:
            incoming.append(
                Incoming(
                    shown,
                    len(content),
                    None,
                    refusal=f"{shown}: 文件过大（解压后超过上限）",
                )
            )
            continue
        incoming.append(Incoming(name, len(content), content))
    for item in incoming:
        item.meta = sidecars.get(PurePosixPath(item.name).stem, {})
    return incoming, ""


def _sidecar(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> dict[str, Any]:
    if member.file_size > 64 * 1024:
        return {}
    try:
        data = json.loads(archive.read(member).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile):
        return {}
    return data if isinstance(data, dict) else {}


def _sidecar_date(meta: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(meta["date"])) if meta.get("date") else None
    except ValueError:
        return None


def _sidecar_page(meta: dict[str, Any]) -> int | None:
    try:
        page = int(meta["page"]) if meta.get("page") is not None else None
    except (TypeError, ValueError):
        return None
    return page if page and 0 < page < 32768 else None


@transaction.atomic
def upload_stage(
    *,
    files: list[Any],
    username: str,
    publication: str,
    publication_name: str,
    issue_date: date | None,
    page_number: int | None,
    section: str,
    publish: bool,
    home_region: str = "",
) -> StagedUpload:
    """Store the uploaded files (and zip members) for a preview; nothing imported."""
    max_bytes = settings.ARCHIVE_MAX_PAGE_BYTES
    upload = StagedUpload.objects.create(
        token=secrets.token_urlsafe(32),
        username=username,
        publication=publication,
        publication_name=publication_name,
        home_region=home_region,
        issue_date=issue_date,
        section=section,
        publish=publish,
    )
    incoming: list[Incoming] = []
    refusals: list[dict[str, Any]] = []
    for uploaded in files:
        name, refusal = base_name(uploaded.name or "")
        if refusal:
            incoming.append(
                Incoming(uploaded.name, uploaded.size, None, refusal=refusal)
            )
            continue
        head = uploaded.read(4) if uploaded.size else b""
        uploaded.seek(0)
        if name.lower().endswith(".zip") or head == b"PK\x03\x04":
            if uploaded.size > settings.ARCHIVE_MAX_UPLOAD_BYTES:
                refusals.append({"file": name, "message": f"{name}: 压缩包过大"})
                continue
            members, problem = read_zip(uploaded.read(), name, max_bytes)
            if problem:
                refusals.append({"file": name, "message": problem})
            incoming.extend(members)
            continue
        if uploaded.size > max_bytes:
            incoming.append(
                Incoming(
                    name,
                    uploaded.size,
                    None,
                    refusal=_too_big(name, uploaded.size, max_bytes),
                )
            )
            continue
        incoming.append(Incoming(name, uploaded.size, uploaded.read(max_bytes + 1)))

    single = len(incoming) == 1
    for position, item in enumerate(incoming, start=1):
        number = _sidecar_page(item.meta)
        if number is None and single and page_number:
            number = page_number
        number = number or page_from_name(item.name)
        if number is None and page_number:
            number = page_number + position - 1
        StagedFile.objects.create(
            upload=upload,
            position=position,
            name=item.name[-255:],
            raw=item.data or b"",
            size=item.size,
            page_number=number if number and number < 32768 else None,
            issue_date=_sidecar_date(item.meta) or issue_date,
            section=str(item.meta.get("section", ""))[:64] or section,
            state=StagedFile.State.REFUSED
            if item.refusal
            else StagedFile.State.PENDING,
            message=item.refusal,
        )
    upload.refusals = refusals
    upload.save(update_fields=["refusals"])
    return upload


def _source(upload: StagedUpload, staged: StagedFile) -> PageSource:
    return PageSource(
        name=staged.name,
        raw=bytes(staged.raw),
        publication=upload.publication,
        publication_name=upload.publication_name,
        issue_date=staged.issue_date,
        page_number=staged.page_number,
        section=staged.section,
        home_region=upload.home_region,
    )


def _context(upload: StagedUpload):
    publication = Publication.objects.filter(slug=upload.publication).first()
    return build_context(
        publication=publication,
        home_region=upload.home_region,
        max_bytes=settings.ARCHIVE_MAX_PAGE_BYTES,
    )


def preview_pending(upload: StagedUpload, *, seconds: float | None = None) -> int:
    """Parse pending files for the preview for at most `seconds`; return the rest."""
    pending = list(
        upload.files.filter(state=StagedFile.State.PENDING).order_by("position")
    )
    if not pending:
        return 0
    context = _context(upload)
    seconds = BATCH_SECONDS if seconds is None else seconds
    started = time.monotonic()
    for number, staged in enumerate(pending):
        if number and time.monotonic() - started > seconds:
            return len(pending) - number
        try:
            record = parse_source(_source(upload, staged), context)
        except PageRejected as rejected:
            staged.state, staged.message, staged.line = (
                StagedFile.State.REFUSED,
                str(rejected),
                rejected.line,
            )
        except Exception as error:  # a parser bug must not lose the upload
            staged.state = StagedFile.State.REFUSED
            staged.message = (
                f"{staged.name}: 内部错误（{type(error).__name__}: {error}）"
            )
        else:
            staged.state = StagedFile.State.PARSED
            staged.preview = preview_of(record)
        staged.save(update_fields=["state", "message", "line", "preview"])
    return 0


def preview_of(record) -> dict[str, Any]:
    data = page_as_json(record)
    repairs = [r.joined for r in record.repairs]
    for item, parsed in zip(data["items"], record.items, strict=True):
        item["title"] = parsed.title
        item["excerpt"] = parsed.text[:160]
        item["repairs"] = [r for r in repairs if r and r in parsed.text]
    return data


@transaction.atomic
def upload_confirm(upload: StagedUpload) -> ImportRun:
    """Start importing: an ImportRun lists every file; refused ones are its errors."""
    files = list(upload.files.order_by("position"))
    errors = [
        {"file": r["file"], "line": None, "message": r["message"]}
        for r in upload.refusals
    ]
    errors += [
        {"file": f.name, "line": f.line, "message": f.message}
        for f in files
        if f.state == StagedFile.State.REFUSED
    ]
    run = ImportRun.objects.create(
        username=upload.username,
        files=[f.name for f in files],
        errors=errors,
        counts={"pages": {FAILED: len(errors)} if errors else {}, "items": {}},
    )
    upload.files.filter(state=StagedFile.State.REFUSED).update(import_run_id=run.pk)
    upload.state = StagedUpload.State.IMPORTING
    upload.import_run_id = run.pk
    upload.save(update_fields=["state", "import_run_id"])
    return run


def import_pending(upload: StagedUpload, *, seconds: float | None = None) -> int:
    """Import parsed files (a transaction each) for `seconds`; return the rest."""
    run = ImportRun.objects.get(pk=upload.import_run_id)
    waiting = list(
        upload.files.filter(state=StagedFile.State.PARSED).order_by("position")
    )
    context = _context(upload) if waiting else None
    seconds = BATCH_SECONDS if seconds is None else seconds
    started = time.monotonic()
    done = 0
    for staged in waiting:
        if done and time.monotonic() - started > seconds:
            break
        outcome = import_source(
            _source(upload, staged), context, publish=upload.publish
        )
        _record(run, staged, outcome)
        done += 1
    remaining = len(waiting) - done
    if remaining == 0:
        _finish(run)
        upload.state = StagedUpload.State.DONE
        upload.save(update_fields=["state"])
    run.save()
    return remaining


def _record(run: ImportRun, staged: StagedFile, outcome) -> None:
    pages = Counter(run.counts.get("pages", {}))
    items = Counter(run.counts.get("items", {}))
    pages[outcome.status] += 1
    items.update(outcome.counts)
    run.counts = {"pages": dict(pages), "items": dict(items)}
    staged.state = outcome.status
    staged.message = outcome.message
    staged.line = outcome.line
    staged.page_id = outcome.page_id
    staged.import_run_id = run.pk
    fields = ["state", "message", "line", "page_id", "import_run_id"]
    if outcome.status == FAILED:
        run.errors = [
            *run.errors,
            {"file": staged.name, "line": outcome.line, "message": outcome.message},
        ]
    else:
        # The page keeps the bytes now; only a failed file waits here for a retry.
        staged.raw = b""
        fields.append("raw")
    staged.save(update_fields=fields)


def _finish(run: ImportRun) -> None:
    run.finished_at = timezone.now()
    total = len(run.files)
    failed = run.counts.get("pages", {}).get(FAILED, 0)
    run.status = (
        ImportRun.Status.FAILED
        if total and failed >= total
        else ImportRun.Status.PARTIAL
        if run.errors
        else ImportRun.Status.SUCCEEDED
    )


def file_retry(
    *,
    staged: StagedFile,
    username: str,
    raw: bytes | None = None,
    name: str = "",
    page_number: int | None = None,
    issue_date: date | None = None,
) -> tuple[ImportRun, Any]:
    """Import one failed file again, optionally fixed; a new run records it."""
    if raw is not None:
        staged.raw, staged.size = raw, len(raw)
        staged.name = name or staged.name
    if page_number:
        staged.page_number = page_number
    if issue_date:
        staged.issue_date = issue_date
    staged.save()
    upload = staged.upload
    run = ImportRun.objects.create(username=username, files=[staged.name])
    outcome = import_source(
        _source(upload, staged), _context(upload), publish=upload.publish
    )
    _record(run, staged, outcome)
    _finish(run)
    run.save()
    return run, outcome


def path_retry(
    *,
    path: str,
    username: str,
    publication: str,
    issue_date: date | None,
    page_number: int | None,
    section: str = "",
    publish: bool = False,
) -> tuple[ImportRun, Any]:
    """Import again a file a command-line run left on the server's disk."""
    from pathlib import Path

    from archive.ingest.loaders import PageOutcome, read_source

    run = ImportRun.objects.create(username=username, files=[path])
    try:
        source = read_source(
            Path(path),
            max_bytes=settings.ARCHIVE_MAX_PAGE_BYTES,
            publication=publication,
            issue_date=issue_date,
            page_number=page_number,
            section=section,
        )
    except (PageRejected, OSError) as error:
        outcome = PageOutcome(path, FAILED, message=f"{path}: {error}")
    else:
        publication_row = Publication.objects.filter(slug=publication).first()
        context = build_context(
            publication=publication_row, max_bytes=settings.ARCHIVE_MAX_PAGE_BYTES
        )
        outcome = import_source(source, context, publish=publish)
    pages = {outcome.status: 1}
    run.counts = {"pages": pages, "items": dict(outcome.counts)}
    if outcome.status == FAILED:
        run.errors = [{"file": path, "line": outcome.line, "message": outcome.message}]
    _finish(run)
    run.save()
    return run, outcome
