"""What the page parser returns: frozen, Django-free records.

The loader validates these and writes them in one transaction; `import_pages
--dry-run --json` prints them with `as_json()`, using the same keys as the sample
pages' `*.expected.json` files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


class PageRejected(ValueError):
    """A file that cannot become a page; the message names the file (and line)."""

    def __init__(self, filename: str, message: str, line: int | None = None) -> None:
        self.filename, self.line, self.reason = filename, line, message
        where = f"{filename}:{line}" if line else filename
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class DecodedPage:
    """Bytes turned into text: newlines normalised to \\n, BOM removed."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be"


@dataclass(frozen=True, slots=True)
class Repair:
    """One page-break join: `joined` is the repaired string as it now reads."""

    line: int  # 1-based line in the decoded text where the first part ends
    joined: str


@dataclass(frozen=True, slots=True)
class RepairedText:
    text: str
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A resolved place, by full names down the hierarchy, plus its code."""

    code: str
    province: str
    city: str | None = None
    county: str | None = None
    town: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "town": self.town,
        }


@dataclass(frozen=True, slots=True)
class FigureRecord:
    text: str  # the phrase as printed: "普惠小微贷款余额已达289.42亿元"
    value: Decimal  # normalised: 28942000000
    unit: str  # "元", "%", "户", "笔", "家", "人" …
    context: str  # the sentence it stands in
    as_of: str = ""  # "2025年6月末" when the sentence states it

    def as_json(self) -> dict[str, Any]:
        value = (
            int(self.value)
            if self.value == self.value.to_integral()
            else float(self.value)
        )
        data: dict[str, Any] = {"text": self.text, "value": value, "unit": self.unit}
        if self.as_of:
            data["as_of"] = self.as_of
        return data


@dataclass(frozen=True, slots=True)
class ArticleFields:
    column: str = ""
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    affiliation: str = ""
    section_heads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    """A legal period as printed and as understood."""

    text: str  # "自公告之日起30日内", "本公示发布之日起十个工作日内"
    days: int | None  # 30, 10; months are converted by the deadline code
    kind: str  # "calendar" | "working" | "month"
    start: str  # "publication" | "signature" | "receipt"


@dataclass(frozen=True, slots=True)
class Deadline:
    """The period placed on the real calendar."""

    window_start: date | None = None
    window_end: date | None = None
    deemed_on: date | None = None  # 视为送达 date for service by publication
    working_days: int | None = None  # working days the window spans, by the calendar
    verified: bool = True  # False when the holiday calendar lacks a year used
    note: str = ""  # how it was computed, in one sentence
    flags: tuple[str, ...] = ()  # disagreements an editor should look at


@dataclass(frozen=True, slots=True)
class Contacts:
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NoticeFields:
    notice_type: str  # the Chinese label from the vocabulary, e.g. 行政执法文书送达公告
    type_key: str  # stable key, e.g. "service", "eia_participation", "other"
    round: int | None = None  # 环评 公示 round (1, 2) when stated
    issuer: str = ""
    addressees: tuple[str, ...] = ()
    document_numbers: tuple[str, ...] = ()
    document_title: str = ""
    cited_law: str = ""
    mailed_on: date | None = None
    signed_on: date | None = None
    period: Period | None = None
    window_printed: str = ""  # "公示起止日期：2026年1月29日至2月11日" as printed
    printed_window: tuple[date, date] | None = None
    deadline: Deadline | None = None
    contacts: Contacts = field(default_factory=Contacts)
    links: tuple[str, ...] = ()
    project: str = ""
    location: str = ""


@dataclass(frozen=True, slots=True)
class ItemRecord:
    kind: str  # "article" | "notice"
    position: int  # 1-based print order on the page
    title: str  # headline for articles, title for notices
    text: str  # the item's working text (page breaks repaired), as printed otherwise
    first_line: int  # 1-based line of the decoded page where the item starts
    article: ArticleFields | None = None
    notice: NoticeFields | None = None
    places: tuple[PlaceRef, ...] = ()
    programmes: tuple[str, ...] = ()  # programme names, e.g. "普惠金融"
    figures: tuple[FigureRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class PageRecord:
    file: str
    encoding: str
    text: str  # decoded, newlines normalised; the raw bytes are kept apart
    working_text: str  # page breaks repaired
    repairs: tuple[Repair, ...]
    issue_date: date | None  # as given by the editor (option or sidecar)
    proposed_issue_date: date | None  # when not given: a guess to confirm
    items: tuple[ItemRecord, ...]
