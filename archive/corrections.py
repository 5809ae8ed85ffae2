"""Editors' standing corrections that change a page's items, re-applied on every write.

Field corrections (ItemCorrection) are applied after items are written, by
`loaders.apply_corrections`. Structural ones (StructureCorrection: split, merge,
change of kind) change which items there are, so they are applied to the
parser's records before the write; issuer names (notices.IssuerName) map printed
names to canonical ones after it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from django.db.models import OuterRef, Subquery

from archive.ingest.parsers import ParseContext, parse_item
from archive.ingest.records import ItemRecord
from archive.models import Page, StructureCorrection
from notices.models import IssuerName, Notice


def apply_structure(
    page: Page, records: Sequence[ItemRecord], issue_date: date
) -> tuple[ItemRecord, ...]:
    """The parser's records with the page's splits, merges and kind changes."""
    if page.pk is None:
        return tuple(records)
    ops = list(page.structure_corrections.order_by("pk"))
    if not ops:
        return tuple(records)
    context = _context(page)
    items = list(records)
    for op in ops:
        index = next((i for i, r in enumerate(items) if r.first_line == op.line), None)
        if index is None:
            continue  # the page changed under the correction: nothing to anchor
        record = items[index]
        lines = record.text.split("\n")
        if op.op == StructureCorrection.Op.SPLIT:
            at = int(op.value.get("at", 0))
            if not 0 < at < len(lines):
                continue
            first = _parse(
                record.kind, lines[:at], record.first_line, issue_date, context
            )
            second = _parse(
                record.kind, lines[at:], record.first_line + at, issue_date, context
            )
            items[index : index + 1] = [first, second]
        elif op.op == StructureCorrection.Op.MERGE and index > 0:
            previous = items[index - 1]
            merged = previous.text.split("\n") + lines
            items[index - 1 : index + 1] = [
                _parse(previous.kind, merged, previous.first_line, issue_date, context)
            ]
        elif op.op == StructureCorrection.Op.KIND:
            kind = op.value.get("kind")
            if kind in ("article", "notice") and kind != record.kind:
                items[index] = _parse(
                    kind, lines, record.first_line, issue_date, context
                )
    return tuple(
        dataclasses.replace(record, position=number)
        for number, record in enumerate(items, start=1)
    )


def _parse(
    kind: str, lines: list[str], first_line: int, issue_date: date, context
) -> ItemRecord:
    return parse_item(
        kind,
        lines,
        position=0,  # renumbered once every correction is applied
        first_line=first_line,
        issue_date=issue_date,
        context=context,
    )


def _context(page: Page) -> ParseContext:
    from archive.ingest.loaders import build_context

    return build_context(publication=page.issue.publication)


def apply_issuer_names(page: Page) -> None:
    """Replace issuer names editors mapped to a canonical name, on one page."""
    apply_issuer_names_to_pages([page.pk])


def apply_issuer_names_to_pages(page_ids: Sequence[int]) -> None:
    """The same for many pages at once (the importer's batched path)."""
    mapped = IssuerName.objects.exclude(canonical="")
    Notice.objects.filter(
        item__page_id__in=page_ids, issuer__in=mapped.values("name")
    ).update(
        issuer=Subquery(mapped.filter(name=OuterRef("issuer")).values("canonical")[:1])
    )
