"""PageRecord → the JSON shape of the samples' `*.expected.json` files.

Used by `import_pages --dry-run --json`, by the golden tests and by a digest that
tells reparse whether an item really changed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from .records import ItemRecord, NoticeFields, PageRecord


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    keep = {"kind", "places", "programmes"}
    return {k: v for k, v in data.items() if k in keep or v not in (None, "", [], {})}


def item_as_json(item: ItemRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": item.kind}
    if item.article is not None:
        article = item.article
        data |= {
            "column": article.column,
            "kicker": article.kicker,
            "headline": item.title,
            "subtitle": article.subtitle,
            "byline": article.byline,
            "authors": list(article.authors),
            "affiliation": article.affiliation,
            "section_heads": list(article.section_heads),
        }
    if item.notice is not None:
        data |= _notice_json(item.title, item.notice)
    data["places"] = [place.as_json() for place in item.places]
    data["programmes"] = list(item.programmes)
    data["figures"] = [figure.as_json() for figure in item.figures]
    data["position"] = item.position
    data["line"] = item.first_line
    return _drop_empty(data)


def _notice_json(title: str, notice: NoticeFields) -> dict[str, Any]:
    data: dict[str, Any] = {
        "notice_type": notice.notice_type,
        "type_key": notice.type_key,
        "round": notice.round,
        "title": title,
        "issuer": notice.issuer,
        "signed_on": _iso(notice.signed_on),
        "document_numbers": list(notice.document_numbers),
        "document_title": notice.document_title,
        "cited_law": notice.cited_law,
        "mailed_on": _iso(notice.mailed_on),
        "location": notice.location,
        "project": notice.project,
        "links": list(notice.links),
    }
    if len(notice.addressees) == 1:
        data["addressee"] = notice.addressees[0]
    elif notice.addressees:
        data["addressees"] = list(notice.addressees)
    if notice.period is not None:
        data["period_text"] = notice.period.text
        data["period"] = {
            "days": notice.period.days,
            "kind": notice.period.kind,
            "from": notice.period.start,
        }
    if notice.window_printed:
        data["window_printed"] = notice.window_printed
    contacts = {
        "phones": list(notice.contacts.phones),
        "emails": list(notice.contacts.emails),
    }
    data["contacts"] = {k: v for k, v in contacts.items() if v}
    deadline = notice.deadline
    if deadline is not None:
        if deadline.window_start or deadline.window_end:
            data["window"] = [_iso(deadline.window_start), _iso(deadline.window_end)]
        if deadline.working_days is not None:
            data["window_working_days"] = deadline.working_days
        if deadline.deemed_on:
            data["deemed_served_on"] = _iso(deadline.deemed_on)
            data["deemed_note"] = deadline.note
        elif deadline.note:
            data["window_note"] = deadline.note
        data["window_flags"] = list(deadline.flags)
        data["calendar_verified"] = deadline.verified
    return data


def page_as_json(page: PageRecord) -> dict[str, Any]:
    return {
        "file": page.file,
        "encoding": page.encoding,
        "issue_date": _iso(page.issue_date),
        "proposed_issue_date": _iso(page.proposed_issue_date),
        "page_break_repairs": [repair.joined for repair in page.repairs],
        "items": [item_as_json(item) for item in page.items],
    }


def item_digest(item: ItemRecord) -> str:
    """A fingerprint of what the parser derived for one item."""
    payload = item_as_json(item) | {"text": item.text}
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
