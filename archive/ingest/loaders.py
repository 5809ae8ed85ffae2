"""Parsed pages → the database: validate everything, then one transaction per page.

A failure leaves no trace of its page (the transaction rolls back) except the
error the caller records on its ImportRun. The same bytes again change nothing;
new bytes for the same publication/date/版次 keep the old raw file as a
PageRevision, rebuild the derived items in place (ids stay stable where print
positions do) and re-apply the editors' corrections.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from archive.filters import bump_content_version
from archive.models import (
    Article,
    Figure,
    Issue,
    Item,
    Page,
    PageRevision,
    Place,
    Programme,
    Publication,
)
from notices.models import Notice
from notices.services import work_calendar

from .jsonout import item_digest
from .parsers import ParseContext, parse_page
from .placematch import PlaceIndex
from .records import ItemRecord, PageRecord, PageRejected

NEW, UNCHANGED, UPDATED, FAILED = "new", "unchanged", "updated", "failed"


@dataclass(frozen=True)
class PageSource:
    """One file to import, with what the editor said about it."""

    name: str
    raw: bytes
    publication: str = ""  # slug
    publication_name: str = ""
    issue_date: date | None = None
    page_number: int | None = None
    section: str = ""
    home_region: str = ""  # a Place code; names the paper's region when it is new


@dataclass(frozen=True)
class PageOutcome:
    source: str
    status: str
    record: PageRecord | None = None
    page_id: int | None = None
    message: str = ""
    line: int | None = None
    changed_items: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)


def build_context(
    *,
    publication: Publication | None = None,
    home_region: str = "",
    **limits: Any,
) -> ParseContext:
    """Collect the reference data parsing needs from the database."""
    programmes = {
        programme.name: tuple(programme.signal_terms)
        for programme in Programme.objects.order_by("position", "name")
    }
    calendar = work_calendar()
    if publication is not None and publication.home_region_id:
        home_region = publication.home_region.code
    return ParseContext(
        places=PlaceIndex.default(),
        programmes=programmes,
        calendar=calendar,
        home_region=home_region or None,
        **limits,
    )


def parse_source(source: PageSource, context: ParseContext) -> PageRecord:
    """Parse and validate one file; raises PageRejected with file and line."""
    record = parse_page(
        source.raw, filename=source.name, issue_date=source.issue_date, context=context
    )
    if source.page_number is None:
        raise PageRejected(
            source.name, "缺少版次：请用 --page 或旁注 JSON 的 page 提供"
        )
    if not source.publication:
        raise PageRejected(source.name, "缺少报纸：请用 --publication 或旁注 JSON 提供")
    if record.issue_date is None and record.proposed_issue_date is None:
        raise PageRejected(
            source.name,
            "版面未印出版日期，也无法推测：请用 --date 或旁注 JSON 的 date 提供",
        )
    if not record.items:
        raise PageRejected(source.name, "版面中没有识别出任何条目（文章或公告）")
    return record


def import_source(
    source: PageSource, context: ParseContext, *, publish: bool = False
) -> PageOutcome:
    """Parse, validate and store one page; never raises for a bad file."""
    try:
        record = parse_source(source, context)
    except PageRejected as rejected:
        return PageOutcome(
            source.name, FAILED, message=str(rejected), line=rejected.line
        )
    try:
        try:
            return store_page(source, record, publish=publish)
        except IntegrityError:
            # Another import stored the same page (or paper) a moment ago and
            # won the unique key: once more, and this one finds it there.
            return store_page(source, record, publish=publish)
    except (DatabaseError, ValidationError) as error:
        # The page's transaction rolled back; report it like any bad file.
        return PageOutcome(
            source.name, FAILED, message=f"{source.name}: 无法写入（{error}）"
        )


@transaction.atomic(durable=True)
def store_page(source: PageSource, record: PageRecord, *, publish: bool) -> PageOutcome:
    """Write one parsed page and its items in a single transaction."""
    proposed = record.issue_date is None
    issue_date = record.issue_date or record.proposed_issue_date
    publication = _publication(source)
    sha256 = hashlib.sha256(source.raw).hexdigest()
    if proposed:
        # An editor may have confirmed another date: the same bytes are there.
        stored = Page.objects.filter(
            issue__publication=publication, number=source.page_number, sha256=sha256
        ).first()
        if stored is not None:
            return PageOutcome(source.name, UNCHANGED, record, stored.pk)
    issue, _ = Issue.objects.get_or_create(
        publication=publication,
        date=issue_date,
        defaults={
            "date_status": Issue.DateStatus.PROPOSED
            if proposed
            else Issue.DateStatus.CONFIRMED
        },
    )
    page = (
        Page.objects.select_for_update()
        .filter(issue=issue, number=source.page_number)
        .first()
    )
    if page is not None and page.sha256 == sha256:
        return PageOutcome(source.name, UNCHANGED, record, page.pk)

    status = NEW
    if page is None:
        page = Page(issue=issue, number=source.page_number)
    else:
        status = UPDATED
        PageRevision.objects.create(
            page=page,
            raw=page.raw,
            text=page.text,
            encoding=page.encoding,
            sha256=page.sha256,
            source_filename=page.source_filename,
            imported_at=page.updated_at,
        )
    page.section = source.section or page.section
    page.raw = source.raw
    page.text = record.text
    page.encoding = record.encoding
    page.sha256 = sha256
    page.source_filename = source.name[-255:]
    page.full_clean(exclude=["issue"])
    page.save()

    draft_only = proposed or issue.date_status == Issue.DateStatus.PROPOSED
    changed = write_items(
        page, record.items, issue_date, publish=publish and not draft_only
    )
    message = ""
    if proposed:
        message = (
            f"未提供出版日期，推测为 {issue_date:%Y-%m-%d}（版面上最晚的落款日期），"
            "条目已存为草稿，请编辑确认日期后发布"
        )
    return PageOutcome(
        source.name,
        status,
        record,
        page.pk,
        message=message,
        changed_items=changed,
        counts=_kind_counts(record.items),
    )


def _publication(source: PageSource) -> Publication:
    """Find the paper by slug (or by its name under another slug), else create it."""
    name = source.publication_name or source.publication
    found = (
        Publication.objects.filter(slug=source.publication).first()
        or Publication.objects.filter(name=name).first()
    )
    if found is not None:
        return found
    return Publication.objects.create(
        slug=source.publication,
        name=name,
        home_region=Place.objects.filter(code=source.home_region).first(),
    )


def _kind_counts(items: Iterable[ItemRecord]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


def write_items(
    page: Page, records: tuple[ItemRecord, ...], issue_date: date, *, publish: bool
) -> int:
    """Upsert items by print position; return how many differ from before.

    Rows are matched by position and updated in place, so an item keeps its id
    (and its permalink) across re-import and reparse; only changed items are
    rewritten, and all rows of a kind are written with one statement.
    """
    from archive.corrections import apply_structure  # imports this module

    records = apply_structure(page, records, issue_date)
    existing = {item.position: item for item in page.items.all()}
    to_write: list[tuple[Item, ItemRecord]] = []
    for record in records:
        digest = item_digest(record)
        item = existing.pop(record.position, None)
        if (
            item is not None
            and item.parsed_digest == digest
            and item.date == issue_date
        ):
            continue
        if item is None:
            status = Item.Status.PUBLISHED if publish else Item.Status.DRAFT
            item = Item(page=page, position=record.position, status=status)
            item.published_at = timezone.now() if publish else None
        item.kind = record.kind
        item.title = record.title[:500]
        item.text = record.text
        item.refresh_search_fields()
        item.date = issue_date
        item.source_line = record.first_line
        item.parsed_digest = digest
        to_write.append((item, record))
    stale = [item.pk for item in existing.values()]
    Item.objects.filter(pk__in=stale).delete()
    if to_write:
        _write_rows(to_write)
    apply_corrections(page)
    if to_write or stale:
        transaction.on_commit(bump_content_version)
    return len(to_write) + len(stale)


def _write_rows(rows: list[tuple[Item, ItemRecord]]) -> None:
    old = [item for item, _ in rows if item.pk is not None]
    new = [item for item, _ in rows if item.pk is None]
    now = timezone.now()
    for item in old:
        item.updated_at = now  # bulk_update skips auto_now
    fields = ["kind", "title", "text", "normalized_text", "search_bigrams", "date"]
    fields.append("source_line")
    Item.objects.bulk_update(old, [*fields, "parsed_digest", "updated_at"])
    Item.objects.bulk_create(new)
    ids = [item.pk for item, _ in rows]
    # Derived rows are rebuilt from scratch: cheaper and simpler than diffing.
    Article.objects.filter(item_id__in=ids).delete()
    Notice.objects.filter(item_id__in=ids).delete()
    Figure.objects.filter(item_id__in=ids).delete()
    Item.places.through.objects.filter(item_id__in=ids).delete()
    Item.programmes.through.objects.filter(item_id__in=ids).delete()

    place_ids = dict(
        Place.objects.filter(
            code__in={p.code for _, r in rows for p in r.places}
        ).values_list("code", "pk")
    )
    programme_ids = dict(Programme.objects.values_list("name", "pk"))
    Article.objects.bulk_create(
        Article(item=item, **article_defaults(record))
        for item, record in rows
        if record.article is not None
    )
    Notice.objects.bulk_create(
        Notice(item=item, **notice_defaults(record))
        for item, record in rows
        if record.notice is not None
    )
    Item.places.through.objects.bulk_create(
        Item.places.through(item_id=item.pk, place_id=place_ids[place.code])
        for item, record in rows
        for place in dict.fromkeys(record.places)
        if place.code in place_ids
    )
    Item.programmes.through.objects.bulk_create(
        Item.programmes.through(item_id=item.pk, programme_id=programme_ids[name])
        for item, record in rows
        for name in dict.fromkeys(record.programmes)
        if name in programme_ids
    )
    Figure.objects.bulk_create(
        Figure(
            item=item,
            position=number,
            text=figure.text[:200],
            value=figure.value,
            unit=figure.unit,
            as_of=figure.as_of[:64],
            context=figure.context,
        )
        for item, record in rows
        for number, figure in enumerate(record.figures, start=1)
    )


def article_defaults(record: ItemRecord) -> dict[str, Any]:
    a = record.article
    assert a is not None
    return {
        "column": a.column[:100],
        "kicker": a.kicker[:200],
        "subtitle": a.subtitle[:200],
        "byline": a.byline[:200],
        "authors": list(a.authors),
        "affiliation": a.affiliation[:200],
        "section_heads": [head[:200] for head in a.section_heads],
    }


def notice_defaults(record: ItemRecord) -> dict[str, Any]:
    n = record.notice
    assert n is not None
    deadline = n.deadline
    basis = Notice.DeadlineBasis.NONE
    if n.period is not None:
        basis = (
            Notice.DeadlineBasis.WORKING_DAYS
            if n.period.kind == "working"
            else Notice.DeadlineBasis.CALENDAR_DAYS
        )
    elif n.printed_window is not None:
        basis = Notice.DeadlineBasis.PRINTED
    return {
        "notice_type": n.type_key[:40],
        "notice_type_label": n.notice_type[:60],
        "round": n.round,
        "issuer": n.issuer[:200],
        "addressees": [a[:200] for a in n.addressees],
        "document_numbers": [d[:100] for d in n.document_numbers],
        "document_title": n.document_title[:200],
        "cited_law": n.cited_law[:300],
        "mailed_on": n.mailed_on,
        "signed_on": n.signed_on,
        "period_text": (n.period.text if n.period else "")[:500],
        "window_printed": n.window_printed[:200],
        "window_start": deadline.window_start if deadline else None,
        "window_end": deadline.window_end if deadline else None,
        "working_days": deadline.working_days if deadline else None,
        "deemed_served_on": deadline.deemed_on if deadline else None,
        "deadline_note": (deadline.note if deadline else "")[:500],
        "flags": [flag[:300] for flag in deadline.flags] if deadline else [],
        "deadline_basis": basis,
        "calendar_verified": bool(deadline and deadline.verified),
        "contacts": {
            "phones": list(n.contacts.phones),
            "emails": list(n.contacts.emails),
            "people": list(n.contacts.people),
        },
        "links": [link[:500] for link in n.links],
        "project": n.project[:300],
        "location": n.location[:300],
    }


# Which model holds each correctable field.
ITEM_FIELDS = {"title", "text"}
ARTICLE_FIELDS = {f.name for f in Article._meta.concrete_fields} - {"item"}
NOTICE_FIELDS = {f.name for f in Notice._meta.concrete_fields} - {"item"}
RELATION_FIELDS = {"places", "programmes"}
CORRECTABLE_FIELDS = ITEM_FIELDS | ARTICLE_FIELDS | NOTICE_FIELDS | RELATION_FIELDS


def apply_corrections(page: Page) -> None:
    """Re-apply every standing correction of a page to its current items."""
    items = {item.position: item for item in page.items.all()}
    for correction in page.corrections.all():
        item = items.get(correction.position)
        if item is not None:
            apply_correction(item, correction.field, correction.value)
    from archive.corrections import apply_issuer_names

    apply_issuer_names(page)


def apply_correction(item: Item, field_name: str, value: Any) -> None:
    transaction.on_commit(bump_content_version)
    if field_name in ITEM_FIELDS:
        setattr(item, field_name, value)
        item.refresh_search_fields()
        item.save()
    elif field_name == "places":
        item.places.set(Place.objects.filter(code__in=value))
    elif field_name == "programmes":
        item.programmes.set(Programme.objects.filter(slug__in=value))
    elif field_name in ARTICLE_FIELDS and item.kind == Item.Kind.ARTICLE:
        Article.objects.filter(item=item).update(**{field_name: value})
    elif field_name in NOTICE_FIELDS and item.kind == Item.Kind.NOTICE:
        Notice.objects.filter(item=item).update(**{field_name: value})


def read_source(path: Path, *, max_bytes: int, **given: Any) -> PageSource:
    """Read a page file (never more than the size limit) into a PageSource."""
    name = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise PageRejected(name, f"文件过大（{size:,} 字节，上限 {max_bytes:,} 字节）")
    return PageSource(name=name, raw=path.read_bytes(), **given)


@transaction.atomic(durable=True)
def reparse_page(page: Page, context: ParseContext) -> int:
    """Re-derive a stored page's items from its raw bytes; return items changed."""
    issue = page.issue
    record = parse_page(
        bytes(page.raw),
        filename=page.source_filename,
        issue_date=issue.date,
        context=context,
    )
    return write_items(page, record.items, issue.date, publish=False)
