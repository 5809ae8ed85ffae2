"""Citations of one item: RIS and BibTeX downloads, and the natural-key permalink.

The GB/T 7714-2015 form is Item.citation(); these formats carry the same facts
(authors or issuing body, title, paper, date, 版次) for reference managers.
"""

from __future__ import annotations

import datetime
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from .models import Item

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIBTEX_ESCAPES = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_ESCAPES["\\"] = r"\textbackslash{}"


def _authors(item: Item) -> tuple[list[str], bool]:
    """(names, corporate): an article's authors, else a notice's issuing body."""
    details = item.details
    if item.kind == Item.Kind.ARTICLE and details is not None:
        return list(details.authors), False
    if item.kind == Item.Kind.NOTICE and details is not None and details.issuer:
        return [details.issuer], True
    return [], False


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ris(item: Item, *, permalink: str) -> str:
    """The item as an RIS record (type NEWS), CRLF line ends as the format asks."""
    issue = item.page.issue
    names, _ = _authors(item)
    lines = [("TY", "NEWS")]
    lines += [("AU", name) for name in names]
    lines += [
        ("TI", _one_line(item.title)),
        ("T2", issue.publication.name),
        ("PY", f"{issue.date:%Y}"),
        ("DA", f"{issue.date:%Y/%m/%d}/"),
        ("SP", str(item.page.number)),
        ("LA", "zh"),
        ("UR", permalink),
        ("N1", f"第{item.page.number}版{item.page.section} 版内第{item.position}条"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), _one_line(text)
    )


def bibtex_key(item: Item) -> str:
    issue = item.page.issue
    page = item.page.number
    raw = f"{issue.publication.slug}-{issue.date:%Y%m%d}-{page}-{item.position}"
    return re.sub(r"[^A-Za-z0-9-]", "", raw)


def bibtex(item: Item, *, permalink: str) -> str:
    """The item as a BibTeX @article (biblatex `date` plus classic year/month)."""
    issue = item.page.issue
    names, corporate = _authors(item)
    escaped = [_bibtex_escape(name) for name in names]
    # A body's name in double braces so it is never split into given/family.
    author = " and ".join(f"{{{n}}}" if corporate else n for n in escaped)
    fields = [
        ("author", author),
        ("title", f"{{{_bibtex_escape(item.title)}}}"),
        ("journal", _bibtex_escape(issue.publication.name)),
        ("date", f"{issue.date:%Y-%m-%d}"),
        ("year", f"{issue.date:%Y}"),
        ("month", str(issue.date.month)),
        ("pages", str(item.page.number)),
        ("url", permalink),
        ("langid", "chinese"),
        ("note", _bibtex_escape(f"第{item.page.number}版")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@article{{{bibtex_key(item)},\n{body}\n}}\n"


def _visible_item(request: HttpRequest, pk: int) -> Item:
    return get_object_or_404(
        Item.objects.visible_to(request.user)
        .with_source()
        .select_related("article", "notice"),
        pk=pk,
    )


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def item_ris(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    text = ris(item, permalink=request.build_absolute_uri(item.permalink()))
    return _download(
        text, "application/x-research-info-systems", f"{bibtex_key(item)}.ris"
    )


def item_bibtex(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    text = bibtex(item, permalink=request.build_absolute_uri(item.permalink()))
    return _download(text, "application/x-bibtex", f"{bibtex_key(item)}.bib")


def item_permalink(
    request: HttpRequest, publication: str, date: str, page: int, position: int
) -> HttpResponse:
    """Resolve paper/date/版次/position to the item's page, whatever its id now."""
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError as error:
        raise Http404("日期格式应为 YYYY-MM-DD") from error
    item = get_object_or_404(
        Item.objects.visible_to(request.user),
        page__issue__publication__slug=publication,
        page__issue__date=day,
        page__number=page,
        position=position,
    )
    return redirect(item.get_absolute_url())
