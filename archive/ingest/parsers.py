"""Raw page bytes → a PageRecord: decode, repair, segment, read fields, enrich.

Pure Python and deterministic: the same bytes, issue date and context always give
the same record, which is what makes re-import idempotent and reparse meaningful.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from notices.calendar import WorkCalendar
from notices.parsers import notice_title, parse_notice

from .articles import split_article, strip_marks
from .decoding import decode_page
from .figures import extract_figures
from .normalize import to_simplified
from .placematch import PlaceIndex
from .programmes import tag_programmes
from .records import ItemRecord, PageRecord
from .repair import repair_page_breaks
from .segment import Segment, printed_issue_date, segment_page

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ParseContext:
    """What parsing needs from outside the page: reference data and limits."""

    places: PlaceIndex
    programmes: Mapping[str, Sequence[str]]  # name → signal terms, display order
    calendar: WorkCalendar
    home_region: str | None = None  # a Place code giving short names context
    max_bytes: int = DEFAULT_MAX_BYTES
    extra: Mapping[str, object] = field(default_factory=dict)


def parse_page(
    raw: bytes, *, filename: str, issue_date: date | None, context: ParseContext
) -> PageRecord:
    """Parse one page; raises PageRejected for files that cannot be a page."""
    decoded = decode_page(raw, filename=filename, max_bytes=context.max_bytes)
    repaired = repair_page_breaks(decoded.text)
    # An editor's date wins; a masthead the page prints is the next best source.
    issue_date = issue_date or printed_issue_date(repaired.text)
    items = tuple(
        _item(segment, position, issue_date=issue_date, context=context)
        for position, segment in enumerate(segment_page(repaired.text), start=1)
    )
    return PageRecord(
        file=filename,
        encoding=decoded.encoding,
        text=decoded.text,
        working_text=repaired.text,
        repairs=repaired.repairs,
        issue_date=issue_date,
        proposed_issue_date=None if issue_date else _propose_issue_date(items),
        items=items,
    )


def parse_item(
    kind: str,
    lines: Sequence[str],
    *,
    position: int,
    first_line: int,
    issue_date: date | None,
    context: ParseContext,
) -> ItemRecord:
    """Parse lines as one item of `kind`: an editor's split, merge or kind change."""
    segment = Segment(kind, first_line, tuple(lines))
    return _item(segment, position, issue_date=issue_date, context=context)


def _propose_issue_date(items: Sequence[ItemRecord]) -> date | None:
    # A notice cannot be printed before it was signed: the latest signature is
    # the earliest plausible issue date, for an editor to confirm.
    signed = [i.notice.signed_on for i in items if i.notice and i.notice.signed_on]
    return max(signed) if signed else None


def _item(
    segment: Segment, position: int, *, issue_date: date | None, context: ParseContext
) -> ItemRecord:
    if segment.kind == "notice":
        fields = parse_notice(
            segment.lines, issue_date=issue_date, calendar=context.calendar
        )
        title = notice_title(segment.lines) or "（无标题公告）"
        body = [line.strip() for line in segment.lines if line.strip()]
        text = "\n".join(body)
        simplified = to_simplified(text)
        return ItemRecord(
            kind="notice",
            position=position,
            title=title,
            text=text,
            first_line=segment.first_line,
            notice=fields,
            places=context.places.resolve_places(
                simplified, home_region=context.home_region, title=title
            ),
            programmes=(),
            figures=(),
        )
    parts = split_article(segment.lines, trailing_column=segment.trailing_column)
    text = "\n".join(strip_marks(line) for line in segment.lines)
    simplified = to_simplified(text)
    body = to_simplified("\n".join(parts.body))
    return ItemRecord(
        kind="article",
        position=position,
        title=parts.title,
        text=text,
        first_line=segment.first_line,
        article=parts.fields,
        places=context.places.resolve_places(
            simplified, home_region=context.home_region, title=parts.title
        ),
        programmes=tag_programmes(
            title=to_simplified(parts.title),
            section_heads=[to_simplified(h) for h in parts.fields.section_heads],
            body=body,
            programmes=context.programmes,
        ),
        figures=extract_figures(simplified),
    )
