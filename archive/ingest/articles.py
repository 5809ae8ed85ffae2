"""Read an article's furniture: column, kicker, headline, subtitle, byline, heads.

Pure functions over the article's lines (page breaks already repaired). The rules
follow the genre, not one paper: a byline is the pivot, the short lines above it
are (column, kicker, headline, subtitle) and the lines below are the body.

Every test runs on a Simplified "probe" of the text (same length, so offsets hold)
and every value is sliced from the printed text: a Traditional page is read with
the same rules and keeps its own characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import to_simplified
from .records import ArticleFields

# A byline stands alone on a short line and starts with a credit marker.
BYLINE = re.compile(
    r"^(?:本报(?:记者|通讯员|讯)|(?:特约|见习|实习)?记者|通讯员|[□◎●○]\s*\S|据新华社"
    r"|据人民日报|据[^\s，。]{2,8}(?:报道|消息|电)|文\s*[/／|｜]|作者[：:]|撰稿[：:])"
)
# 本报讯（记者 A B）正文… : the credit opens the first paragraph.
DATELINE_CREDIT = re.compile(
    r"^(?P<credit>本报讯\s*[（(][^（()）]*?[)）]|据新华社[^（(，。]{0,12}[（(][^)）]*[)）])"
)
AFFILIATION = re.compile(r"^[（(]\s*作者(?:单位|系)[：:]?\s*(?P<org>.+?)\s*[)）]\s*$")
BOLD = re.compile(r"^\*\*(?P<text>.+?)\*\*$")
HEADLINE_MARK = re.compile(r"^#{1,3}\s*")
SENTENCE_PUNCTUATION = re.compile(r"[。；！？，,;!?]")
PARENTHESISED = re.compile(r"[（(][^)）]*[)）]")
# 文/图/摄 are credits only with their separator: 李文斌 keeps its 文.
CREDIT_WORDS = re.compile(
    r"本报记者|本报通讯员|特约记者|见习记者|实习记者|实习生|记者|通讯员|本报讯"
    r"|据新华社电?|摄影|作者|撰稿|[文图摄](?=\s*[/／|｜:：])"
)
NAME = re.compile(r"[^\s、，,/／|｜:：（）()□◎■●○]+")
MAX_FURNITURE_CHARS = 60
MAX_HEAD_CHARS = 32


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """An article split into its furniture and body lines."""

    title: str
    fields: ArticleFields
    body: tuple[str, ...]


def is_byline(line: str) -> bool:
    """Whether a line is a standalone credit line (本报记者 …, □作者, ◎记者 …)."""
    probe = to_simplified(line.strip())
    if not probe or len(probe) > 40 or probe.endswith(("。", "：", ":")):
        return False
    # "记者从…了解到，" opens like a credit but is prose.
    if SENTENCE_PUNCTUATION.search(PARENTHESISED.sub("", probe)):
        return False
    return bool(BYLINE.match(probe))


def authors_from_byline(byline: str) -> tuple[str, ...]:
    """Names credited by a byline, in print order, without roles."""
    printed = byline.strip()
    probe = to_simplified(printed)
    if probe.startswith(("据新华社", "据人民日报")) and not PARENTHESISED.search(probe):
        return ()
    start, end = 0, len(probe)
    inner = PARENTHESISED.search(probe)
    if probe.startswith(("本报讯", "据")) and inner:
        start, end = inner.start() + 1, inner.end() - 1
    # Blank out role words with spaces so the offsets still match the print.
    masked = CREDIT_WORDS.sub(lambda m: " " * len(m.group()), probe[start:end])
    names = [
        printed[start + m.start() : start + m.end()]
        for m in NAME.finditer(masked)
        if 2 <= len(m.group()) <= 5 and _looks_like_name(m.group())
    ]
    return tuple(names)


def _looks_like_name(token: str) -> bool:
    return not re.search(r"[0-9A-Za-z。，；：“”《》]", token) and not token.endswith(
        ("报", "社", "网", "台", "局", "电")
    )


def is_section_head(line: str) -> bool:
    """A bold line, or a short unpunctuated line standing alone in the body."""
    stripped = to_simplified(line.strip())
    if BOLD.match(stripped):
        return True
    return (
        0 < len(stripped) <= MAX_HEAD_CHARS
        and not SENTENCE_PUNCTUATION.search(stripped)
        and not stripped.endswith(("：", ":"))
        and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]", stripped)
        and not AFFILIATION.match(stripped)
        and not re.search(r"https?://|\d{5,}", stripped)
    )


def strip_marks(line: str) -> str:
    """Drop the `# ` and `**…**` markup the extraction adds."""
    line = HEADLINE_MARK.sub("", line.strip())
    bold = BOLD.match(line)
    return bold.group("text").strip() if bold else line


def split_article(lines: Sequence[str], *, trailing_column: str = "") -> ArticleParts:
    """Split one article's non-empty lines into furniture and body."""
    lines = [line.strip() for line in lines if line.strip()]
    byline_at = next((i for i, line in enumerate(lines[:8]) if is_byline(line)), None)
    byline = ""
    if byline_at is not None:
        header, body = lines[:byline_at], lines[byline_at + 1 :]
        byline = lines[byline_at]
    else:
        header, body = _header_without_byline(lines)
        if body and (credit := DATELINE_CREDIT.match(to_simplified(body[0]))):
            byline = body[0][: credit.end()]

    column, kicker, headline, subtitle = _read_header(header)
    affiliation = ""
    if body and (match := AFFILIATION.match(to_simplified(body[-1]))):
        affiliation = body[-1][match.start("org") : match.end("org")]
    heads = tuple(strip_marks(line) for line in body[:-1] if is_section_head(line))
    fields = ArticleFields(
        column=column or trailing_column,
        kicker=kicker,
        subtitle=subtitle,
        byline=byline,
        authors=authors_from_byline(byline) if byline else (),
        affiliation=affiliation,
        section_heads=heads,
    )
    title = headline or (body[0][:60] if body else "（无标题）")
    return ArticleParts(title=title, fields=fields, body=tuple(body))


def _header_without_byline(lines: list[str]) -> tuple[list[str], list[str]]:
    # The header runs until the first line that reads like prose.
    for index, line in enumerate(lines[:6]):
        probe = to_simplified(line)
        if (
            len(line) > MAX_FURNITURE_CHARS
            or re.search(r"[。！？]$", probe)
            or DATELINE_CREDIT.match(probe)
        ):
            return lines[:index], lines[index:]
    return lines[:1], lines[1:]


def _read_header(header: list[str]) -> tuple[str, str, str, str]:
    """Return (column, kicker, headline, subtitle) from the lines above the byline."""
    if not header:
        return "", "", "", ""
    rest = list(header)
    subtitle = ""
    if len(rest) > 1 and rest[-1].startswith(("——", "—", "--")):
        subtitle = rest.pop().lstrip("—- ").strip()
    marked = [i for i, line in enumerate(rest) if HEADLINE_MARK.match(line)]
    if marked:
        before, headline_lines = rest[: marked[0]], rest[marked[0] :]
    else:
        kicker_at = max(
            (i for i, line in enumerate(rest) if line.endswith(("：", ":"))), default=-1
        )
        # Without a marker the headline is what follows the kicker (or everything
        # after a leading column line).
        if kicker_at >= 0:
            before, headline_lines = rest[: kicker_at + 1], rest[kicker_at + 1 :]
        elif len(rest) >= 2 and _is_column_line(rest[0]):
            before, headline_lines = rest[:1], rest[1:]
        else:
            before, headline_lines = [], rest
    # A headline printed over two lines reads as two phrases: keep them apart.
    headline = " ".join(strip_marks(line) for line in headline_lines).strip()
    column = kicker = ""
    for line in before:
        if line.endswith(("：", ":")) and not kicker:
            kicker = line
        elif not column and not kicker:
            column = line
        else:
            kicker = f"{kicker}{line}" if kicker else line
    return column, kicker, headline, subtitle


def _is_column_line(line: str) -> bool:
    return len(line) <= 12 and not SENTENCE_PUNCTUATION.search(line)


def is_trailing_column(line: str) -> bool:
    """A short column name printed after its article (学习研究)."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= 8
        and not SENTENCE_PUNCTUATION.search(stripped)
        and not stripped.startswith(("■", "#", "**", "（", "("))
        and not is_byline(stripped)
    )
