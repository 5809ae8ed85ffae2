"""Parsed pages → the database: validate everything, then write each page whole.

A failure leaves no trace of its page (its transaction rolls back) except the
error the caller records on its ImportRun. The same bytes again change nothing;
new bytes for the same publication/date/版次 keep the old raw file as a
PageRevision, rebuild the derived items in place (ids stay stable where print
positions do) and re-apply the editors' corrections.

Many files at once (`import_sources`, what `import_pages` uses) are parsed by
worker processes and written in batches: one transaction and a handful of COPY
statements for up to BATCH_PAGES new pages. A batch that fails for any reason is
rolled back and its pages are stored one by one through `store_page`, so one bad
page is reported by name and never costs the others.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

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
from .parallel import ItemFields, Parsed, parse_in_order
from .parsers import ParseContext, parse_page
from .placematch import PlaceIndex
from .records import ItemRecord, PageRecord, PageRejected
from .sources import PageSource, parse_source

__all__ = [
    "FAILED",
    "NEW",
    "UNCHANGED",
    "UPDATED",
    "PageOutcome",
    "PageSource",
    "build_context",
    "import_source",
    "import_sources",
    "parse_source",
    "read_source",
    "reparse_page",
    "store_page",
    "store_pages",
    "write_items",
]

logger = logging.getLogger(__name__)

NEW, UNCHANGED, UPDATED, FAILED = "new", "unchanged", "updated", "failed"
# New pages written per transaction by import_sources: large enough that the
# commit and the statements per batch vanish per page (~430 items), small enough
# that a failed batch retried page by page costs little.
BATCH_PAGES = 100
# The search index on Item.search_bigrams (its name lives in Item.Meta.indexes).
GIN_INDEX = next(
    index.name
    for index in Item._meta.indexes
    if isinstance(index, GinIndex) and "search_bigrams" in index.fields
)


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
    return _store_page(source, record, publish=publish)


def _store_page(
    source: PageSource, record: PageRecord, *, publish: bool
) -> PageOutcome:
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
    return PageOutcome(
        source.name,
        status,
        record,
        page.pk,
        message=_proposed_message(issue_date) if proposed else "",
        changed_items=changed,
        counts=_kind_counts(record.items),
    )


def _proposed_message(issue_date: date) -> str:
    return (
        f"未提供出版日期，推测为 {issue_date:%Y-%m-%d}（版面上最晚的落款日期），"
        "条目已存为草稿，请编辑确认日期后发布"
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


# --------------------------------------------------------------------------
# Many files: parse on every core, write new pages in batches.


def import_sources(
    tasks: Iterable[tuple[PageSource, ParseContext] | PageOutcome],
    *,
    publish: bool = False,
    store: bool = True,
    workers: int | None = None,
    batch_pages: int = BATCH_PAGES,
) -> Iterator[PageOutcome]:
    """Import many files; yield one outcome per task, in task order.

    A task is a (source, context) pair, or an outcome already known (a file that
    could not be read), which is passed through in its place. Parsing runs in
    `workers` processes (default: one per core); new pages are written up to
    `batch_pages` per transaction (see `store_pages`). With `store=False` nothing
    is written: outcomes carry the parsed record (a dry run). Never raises for a
    bad file or a failed write; a bug while storing fails only its page.
    """
    writer = _BatchWriter(publish=publish)
    waiting: list[PageOutcome | tuple[PageSource, Parsed]] = []
    storable = 0
    parsed = parse_in_order(tasks, workers=workers, ahead=2 * batch_pages + 64)
    for task, result in parsed:
        if not isinstance(result, Parsed):
            waiting.append(result)
        elif result.record is None:
            if result.internal_error:
                logger.error(
                    "import of %s failed\n%s", task[0].name, result.internal_error
                )
            waiting.append(
                PageOutcome(
                    task[0].name, FAILED, message=result.message, line=result.line
                )
            )
        elif not store:
            counts = _kind_counts(result.record.items)
            waiting.append(PageOutcome(task[0].name, NEW, result.record, counts=counts))
        else:
            waiting.append((task[0], result))
            storable += 1
        if storable >= batch_pages or (not storable and waiting):
            yield from writer.flush(waiting)
            waiting, storable = [], 0
    yield from writer.flush(waiting)
    writer.finish()


def store_pages(
    batch: list[tuple[PageSource, Parsed]], *, publish: bool
) -> list[PageOutcome]:
    """Write parsed pages, as many as possible in one transaction; never raises.

    New pages and their items go in with COPY (ids drawn from the sequences first,
    so the rows can refer to each other); a page already stored (same slot) takes
    the one-page path inside the same transaction, so updates, revisions and
    corrections behave exactly as in `store_page`. If anything fails, the batch
    rolls back and each page is stored on its own, so only the bad page fails.
    """
    return _BatchWriter(publish=publish).store(batch)


class _BatchWriter:
    def __init__(self, *, publish: bool) -> None:
        self.publish = publish
        self._publications: dict[tuple[str, str], Publication] = {}
        self._place_ids: dict[str, int] | None = None
        self.written = False

    def finish(self) -> None:
        """Merge the index entries batches left pending, so searches stay fast."""
        if not self.written:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [GIN_INDEX])

    def flush(
        self, waiting: list[PageOutcome | tuple[PageSource, Parsed]]
    ) -> Iterator[PageOutcome]:
        batch = [entry for entry in waiting if not isinstance(entry, PageOutcome)]
        stored = iter(self.store(batch) if batch else [])
        for entry in waiting:
            yield entry if isinstance(entry, PageOutcome) else next(stored)

    def store(self, batch: list[tuple[PageSource, Parsed]]) -> list[PageOutcome]:
        if len(batch) > 1:
            try:
                return self._store_batch(batch)
            except Exception as error:  # any failure: retry page by page
                logger.info(
                    "a batch of %d pages failed (%s); storing them one by one",
                    len(batch),
                    error,
                )
                self._publications.clear()  # may name rows that were rolled back
        return [self._store_one(source, parsed) for source, parsed in batch]

    def _store_one(self, source: PageSource, parsed: Parsed) -> PageOutcome:
        assert parsed.record is not None
        try:
            return store_page(source, parsed.record, publish=self.publish)
        except (DatabaseError, ValidationError) as error:
            return PageOutcome(
                source.name, FAILED, message=f"{source.name}: 无法写入（{error}）"
            )
        except Exception as error:  # a bug must not stop the other pages
            logger.exception("import of %s failed", source.name)
            return PageOutcome(
                source.name, FAILED, message=f"{source.name}: 内部错误（{error}）"
            )

    def _publication(self, source: PageSource) -> Publication:
        key = (source.publication, source.publication_name)
        found = self._publications.get(key)
        if found is None:
            found = self._publications[key] = _publication(source)
        return found

    def _place_id(self, code: str) -> int | None:
        if self._place_ids is None:
            self._place_ids = dict(Place.objects.values_list("code", "pk"))
        return self._place_ids.get(code)

    @transaction.atomic(durable=True)
    def _store_batch(self, batch: list[tuple[PageSource, Parsed]]) -> list[PageOutcome]:
        with connection.cursor() as cursor:
            # Each item adds ~460 tokens to the bigram GIN index, which is most of
            # the server's work: a longer pending list, merged with more memory,
            # costs less per token (import_sources flushes it at the end).
            cursor.execute(
                "SET LOCAL work_mem = '64MB'; SET LOCAL gin_pending_list_limit = '16MB'"
            )
        self.written = True
        records = [parsed.record for _, parsed in batch]
        assert all(record is not None for record in records)
        days = [r.issue_date or r.proposed_issue_date for r in records]  # type: ignore[union-attr]
        publications = [self._publication(source) for source, _ in batch]
        wanted: dict[tuple[int, date], bool] = {}
        for publication, record, day in zip(publications, records, days, strict=True):
            wanted.setdefault((publication.pk, day), record.issue_date is None)  # type: ignore[union-attr]
        issues = _issues_get_or_create(wanted)
        slots = [
            (issues[(publication.pk, day)][0], source.page_number)
            for publication, day, (source, _) in zip(
                publications, days, batch, strict=True
            )
        ]
        stored = _lock_pages(slots)

        outcomes: list[PageOutcome | None] = [None] * len(batch)
        one_by_one: list[int] = []
        new: list[tuple[int, Page]] = []
        now = timezone.now()
        taken: set[tuple[int, int]] = set()
        for index, ((source, parsed), slot) in enumerate(
            zip(batch, slots, strict=True)
        ):
            record = parsed.record
            assert record is not None
            sha256 = hashlib.sha256(source.raw).hexdigest()
            if slot in stored and slot not in taken and stored[slot][1] == sha256:
                outcomes[index] = PageOutcome(
                    source.name, UNCHANGED, record, stored[slot][0]
                )
                continue
            if slot in stored or slot in taken or not _valid_page_number(source):
                one_by_one.append(index)  # an update, or a second file for one slot
                continue
            page = Page(
                issue_id=slot[0],
                number=source.page_number,
                section=source.section,
                raw=source.raw,
                text=record.text,
                encoding=record.encoding,
                sha256=sha256,
                source_filename=source.name[-255:],
                created_at=now,
                updated_at=now,
            )
            try:
                page.full_clean(
                    exclude=["issue"], validate_unique=False, validate_constraints=False
                )
            except ValidationError:
                one_by_one.append(index)  # reported by the one-page path
                continue
            taken.add(slot)
            new.append((index, page))

        if new:
            self._write_new_pages(batch, new, issues, publications, days, now)
            for index, page in new:
                source, parsed = batch[index]
                record = parsed.record
                assert record is not None
                outcomes[index] = PageOutcome(
                    source.name,
                    NEW,
                    record,
                    page.pk,
                    message=_proposed_message(days[index])
                    if record.issue_date is None
                    else "",
                    changed_items=len(record.items),
                    counts=_kind_counts(record.items),
                )
            transaction.on_commit(bump_content_version)
        for index in one_by_one:
            source, parsed = batch[index]
            assert parsed.record is not None
            outcomes[index] = _store_page(source, parsed.record, publish=self.publish)
        return [outcome for outcome in outcomes if outcome is not None]

    def _write_new_pages(
        self,
        batch: list[tuple[PageSource, Parsed]],
        new: list[tuple[int, Page]],
        issues: dict[tuple[int, date], tuple[int, str]],
        publications: list[Publication],
        days: list[date],
        now: Any,
    ) -> None:
        for page, page_id in zip(
            (page for _, page in new), _next_ids(Page, len(new)), strict=True
        ):
            page.pk = page_id
        count = sum(len(batch[index][1].fields) for index, _ in new)
        item_ids = iter(_next_ids(Item, count))
        programme_ids = dict(Programme.objects.values_list("name", "pk"))
        items, articles, notices, figures, places, programmes = [], [], [], [], [], []
        for index, page in new:
            parsed = batch[index][1]
            record = parsed.record
            assert record is not None
            issue_status = issues[(publications[index].pk, days[index])][1]
            draft_only = (
                record.issue_date is None or issue_status == Issue.DateStatus.PROPOSED
            )
            status = (
                Item.Status.PUBLISHED
                if self.publish and not draft_only
                else Item.Status.DRAFT
            )
            for item, fields in zip(record.items, parsed.fields, strict=True):
                item_id = next(item_ids)
                items.append(
                    _item_row(item_id, page.pk, item, fields, days[index], status, now)
                )
                if item.article is not None:
                    articles.append({"item": item_id, **article_defaults(item)})
                if item.notice is not None:
                    notices.append({"item": item_id, **notice_defaults(item)})
                figures.extend(
                    (
                        item_id,
                        number,
                        f.text[:200],
                        f.value,
                        f.unit,
                        f.as_of[:64],
                        f.context,
                    )
                    for number, f in enumerate(item.figures, start=1)
                )
                place_ids = (self._place_id(p.code) for p in item.places)
                places.extend(
                    (item_id, place_id)
                    for place_id in dict.fromkeys(place_ids)
                    if place_id is not None
                )
                programmes.extend(
                    (item_id, programme_ids[name])
                    for name in dict.fromkeys(item.programmes)
                    if name in programme_ids
                )
        with connection.cursor() as cursor:
            copy = _Copier(cursor.cursor)
            copy.rows(Page, PAGE_COLUMNS, (_page_row(page) for _, page in new))
            copy.rows(Item, ITEM_COLUMNS, items)
            copy.models(Article, articles)
            copy.models(Notice, notices)
            copy.rows(Figure, FIGURE_COLUMNS, figures)
            through = Item.places.through
            copy.rows(through, ["item_id", "place_id"], places)
            through = Item.programmes.through
            copy.rows(through, ["item_id", "programme_id"], programmes)
        from archive.corrections import apply_issuer_names_to_pages  # imports this

        # As apply_corrections does on the one-page path: mapped issuer names.
        apply_issuer_names_to_pages([page.pk for _, page in new])


PAGE_COLUMNS = [
    "id",
    "issue_id",
    "number",
    "section",
    "raw",
    "text",
    "encoding",
    "sha256",
    "source_filename",
    "created_at",
    "updated_at",
]
ITEM_COLUMNS = [
    "id",
    "kind",
    "page_id",
    "position",
    "title",
    "text",
    "normalized_text",
    "search_title",
    "search_bigrams",
    "source_line",
    "parsed_digest",
    "date",
    "status",
    "published_at",
    "created_at",
    "updated_at",
]
FIGURE_COLUMNS = ["item_id", "position", "text", "value", "unit", "as_of", "context"]


def _page_row(page: Page) -> tuple:
    return tuple(getattr(page, column) for column in PAGE_COLUMNS)


def _item_row(
    item_id: int,
    page_id: int,
    item: ItemRecord,
    fields: ItemFields,
    day: date,
    status: str,
    now: Any,
) -> tuple:
    return (
        item_id,
        item.kind,
        page_id,
        item.position,
        item.title[:500],
        item.text,
        fields.normalized_text,
        fields.search_title,
        fields.search_bigrams,
        item.first_line,
        fields.digest,
        day,
        status,
        now if status == Item.Status.PUBLISHED else None,  # published_at
        now,
        now,
    )


def _valid_page_number(source: PageSource) -> bool:
    # The page_number_positive constraint; the one-page path reports a breach.
    return source.page_number is not None and 1 <= source.page_number <= 32767


class _Copier:
    """COPY rows into a table over the transaction's own connection."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def rows(
        self, model: type[models.Model], columns: list[str], rows: Iterable[tuple]
    ) -> None:
        rows = list(rows)
        if not rows:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(column) for column in columns)
        sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
        with self.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def models(self, model: type[models.Model], values: list[dict[str, Any]]) -> None:
        """Rows given by field name; fields left out take their defaults."""
        fields = model._meta.concrete_fields
        json_fields = {f.name for f in fields if isinstance(f, models.JSONField)}
        rows = []
        for row in values:
            out = []
            for f in fields:
                value = row[f.name] if f.name in row else f.get_default()
                out.append(Jsonb(value) if f.name in json_fields else value)
            rows.append(tuple(out))
        self.rows(model, [f.column for f in fields], rows)


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """Draw `count` ids from the table's sequence, in order."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
            "FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _issues_get_or_create(
    wanted: dict[tuple[int, date], bool],
) -> dict[tuple[int, date], tuple[int, str]]:
    """Issue.objects.get_or_create for many (publication, date) keys at once.

    `wanted` maps each key to whether its date is only proposed; an issue that
    exists keeps its status. Returns key → (issue id, date status).
    """
    publications = [key[0] for key in wanted]
    days = [key[1] for key in wanted]
    statuses = [
        Issue.DateStatus.PROPOSED if proposed else Issue.DateStatus.CONFIRMED
        for proposed in wanted.values()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_issue (publication_id, date, number, date_status) "
            "SELECT p, d, '', s FROM unnest(%s::bigint[], %s::date[], %s::varchar[]) "
            "AS t(p, d, s) ON CONFLICT (publication_id, date) DO NOTHING",
            [publications, days, [str(s) for s in statuses]],
        )
        cursor.execute(
            "SELECT i.publication_id, i.date, i.id, i.date_status FROM archive_issue i "
            "JOIN unnest(%s::bigint[], %s::date[]) AS t(p, d) "
            "ON i.publication_id = t.p AND i.date = t.d",
            [publications, days],
        )
        return {(p, d): (pk, status) for p, d, pk, status in cursor.fetchall()}


def _lock_pages(
    slots: list[tuple[int, int | None]],
) -> dict[tuple[int, int], tuple[int, str]]:
    """Stored pages in these (issue, 版次) slots, locked: slot → (id, sha256)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT issue_id, number, id, sha256 FROM archive_page "
            "WHERE (issue_id, number) IN "
            "(SELECT * FROM unnest(%s::bigint[], %s::int[])) FOR UPDATE",
            [[slot[0] for slot in slots], [slot[1] for slot in slots]],
        )
        return {(i, n): (pk, sha) for i, n, pk, sha in cursor.fetchall()}


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
