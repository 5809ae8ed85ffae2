"""One file to import and its parse, checked: pure Python, no Django import.

`loaders` re-exports both names; they live here so parsing workers (`parallel`)
can run them without loading Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .parsers import ParseContext, parse_page
from .records import PageRecord, PageRejected


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
