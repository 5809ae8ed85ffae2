"""Rejoin words, numbers and URLs that the print layout split across a break.

Pure Python, no Django import. Extraction of a printed page turns a column or
page break into a blank line, even in the middle of a word (`赵春⏎⏎金`). A join is
made only on positive evidence that the first line stops mid-sentence and the
next one cannot start a paragraph; headlines, bylines, list items, labels,
signature blocks and short lines are never joined. Everything else in the text
stays as it was, line for line.
"""

from __future__ import annotations

import re

from archive.ingest.records import Repair, RepairedText

__all__ = ["repair_page_breaks"]

# Column breaks show up as one to three blank lines between the two halves.
_MAX_BLANK_LINES = 3
# Lines shorter than this are column names, headings or labels, never body text.
_MIN_LINE = 6
# A line ending in ，or 、 must look like body text, not a two-line headline.
_MIN_BODY_LINE = 25
_MIN_PUNCTUATED_LINE = 12
_EXCERPT = 10

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD = re.compile(f"[{_HAN}A-Za-z0-9]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_OR_LATIN = re.compile(f"[{_HAN}A-Za-z]")

# A paragraph may end with these; the next line then starts a new one.
_FINAL = frozenset("。！？…”』」’")
# Punctuation that cannot start a line of running text.
_CLOSERS = frozenset("，。、；：！？）》」』】〕”’")
# Body text carries these; headings and titles mostly do not.
_BODY_PUNCTUATION = re.compile("[，。、；：！？…]")
_SENTENCE_INSIDE = re.compile("[。！？…]")
_BREAK_PUNCTUATION = frozenset("，。、；：！？… \t\u3000")
# Han, space, Han: the layout of headlines and column lines (`走一线 改文风`).
_SPACED_HAN = re.compile(f"[{_HAN}][ \u3000]+[{_HAN}]")

_PAIRS = {
    "“": "”",
    "（": "）",
    "《": "》",
    "「": "」",
    "『": "』",
    "【": "】",
    "(": ")",
}

_BYLINE = re.compile(
    r"(?:本报记者|本报讯|本报通讯员|记者|通讯员|特约记者|据新华社|新华社|责任编辑|编辑"
    r"|文[/／]|图[/／])"
)
_MARKER = frozenset("#□◎●○■▲△◆◇★☆•·▪▶►")
_LIST_ITEM = re.compile(
    r"(?:[（(][一二三四五六七八九十百零〇\d]{1,4}[）)]"
    r"|[一二三四五六七八九十百]{1,4}[、.．]"
    r"|[一二三四五六七八九十]{1,3}是"
    r"|第[一二三四五六七八九十百\d]{1,4}[，、条章节是]"
    r"|\d{1,3}(?:[、）)]|[.．](?!\d))"
    r"|[①-⑳⑴-⒇⒈-⒛❶-❿]"
    r"|[-–—*+]\s)"
)
_DATE_LINE = re.compile(
    r"(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_SALUTATION = re.compile("(?:尊敬的|亲爱的|各位)")
_CODE_LINE = re.compile("(?:提取码|密码|验证码)")
# `label：value` lines of notices (联系人：刘波, 单位地址：…).
_LABEL = re.compile(r"[^\s，。、；：！？“”‘’（）()《》「」【】:]{1,15}[：:]")
_ADDRESS_LABEL = re.compile("(?:地址|厂址|住所|住址|地点|所在地|位置|坐落)$")
_ADDRESS_END = re.compile(
    "(?:号|室|房|楼|层|座|栋|幢|单元|村|组|屯|嘎查|镇|乡|苏木|街道|区|县|旗|市|路|街|道|巷"
    "|弄|院|内|旁|侧|处|附近|交叉口|段|园|城|场|站|厂|中心|大厦|广场|公司)$"
)
# Words that cannot end a field value: the value goes on in the next line.
_DANGLING = frozenset("的及或")

_URL_TAIL = re.compile(r"(?:https?://|www\.)[!-~]+$")
_URL_RUN = re.compile(r"[A-Za-z0-9\-._~/?#\[\]@!$&'()*+,;=%]+")
_URL_START = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_FILE_EXTENSION = re.compile(
    r"\.(?:s?html?|php|aspx?|jsp|pdf|docx?|xlsx?|zip|rar|jpe?g|png)$", re.IGNORECASE
)

_NUMBER_TAIL = re.compile(r"\d+(?:[.．,]\d+)*[万亿千百]*$")
_DECIMAL_POINT_TAIL = re.compile(r"\d+(?:[.．,]\d+)*[.．]$")
# The digits after a split decimal point, then an amount's unit (not a date's).
_FRACTION_HEAD = re.compile(r"\d{1,4}(?:[万亿千百]|[%％‰元倍])")
# A phone or account number ending a line is not the start of an amount.
_MAX_NUMBER_DIGITS = 8
_UNIT_HEAD = re.compile(
    "(?:[元万亿千百年月日号个家户笔人名余多吨亩米倍项次天岁度台套件辆头只条所座栋批期届季周%％‰]"
    "|美元|平方|公里|千瓦|小时|分钟|以上|以下|左右)"
)


def repair_page_breaks(text: str) -> RepairedText:
    """Join lines split by a column or page break; record each join."""
    lines = text.split("\n")
    out: list[str] = []
    repairs: list[Repair] = []
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        end = index  # the original line the (possibly joined) line ends on
        while line.strip():
            following = end + 1
            while (
                following < count
                and following - end - 1 <= _MAX_BLANK_LINES
                and not lines[following].strip()
            ):
                following += 1
            if following >= count or not lines[following].strip():
                break
            after = lines[following + 1] if following + 1 < count else ""
            joined = _join(line, lines[following], after, following - end - 1)
            if joined is None and out and _after_byline(out, line, lines[following]):
                joined = (
                    line.rstrip() + lines[following].lstrip(),
                    _excerpt(line.rstrip(), lines[following].lstrip()),
                )
            if joined is None:
                break
            line, excerpt = joined
            repairs.append(Repair(line=end + 1, joined=excerpt))
            end = following
        out.append(line)
        index = end + 1
    if not repairs:
        return RepairedText(text=text)
    return RepairedText(text="\n".join(out), repairs=tuple(repairs))


def _join(first: str, second: str, after: str, blanks: int) -> tuple[str, str] | None:
    """Return the joined line and an excerpt of the join, or None to keep both."""
    if blanks > _MAX_BLANK_LINES:
        return None
    head = first.rstrip()
    tail = second.lstrip()
    last, lead = head[-1], tail[0]
    if last in _FINAL and lead not in _CLOSERS:
        return None  # the common case: a paragraph ended, another begins

    url = _URL_TAIL.search(head)
    if url is not None:
        return _join_url(head, tail, url.group())
    if blanks == 0:
        return None  # lines of a notice's field list or signature block
    if _is_structural(head) or _starts_block(tail, after):
        return None

    if lead in _CLOSERS:
        if _closes_more_than_opens(tail, lead):
            return head + tail, _excerpt(head, tail)
        return None
    if _URL_START.match(tail) or _LABEL.match(tail) or last in "：:":
        return None
    if _SPACED_HAN.search(head):
        return None
    if last in "，、":
        if _reads_as_body(head) and _BODY_PUNCTUATION.search(tail):
            return head + tail, _excerpt(head, tail)
        return None
    decimal = _DECIMAL_POINT_TAIL.search(head)
    if decimal is not None and _FRACTION_HEAD.match(tail):
        return head + tail, decimal.group() + _segment_after(tail)
    if not _WORD.match(last):
        return None
    number = _NUMBER_TAIL.search(head)
    if number is not None and _UNIT_HEAD.match(tail):
        if sum(char.isdigit() for char in number.group()) <= _MAX_NUMBER_DIGITS:
            return head + tail, number.group() + _segment_after(tail)
        return None
    if not _WORD.match(lead):
        return None
    if _opens_what_next_closes(head, tail):
        return head + tail, _excerpt(head, tail)
    if not (_HAN_OR_LATIN.match(last) and _HAN_CHAR.match(lead)):
        return None
    # A long clause cut mid-sentence is prose too, unless it is a "label：value".
    reads_as_prose = _SENTENCE_INSIDE.search(head) or (
        len(head) >= _MIN_PUNCTUATED_LINE + 4
        and _BODY_PUNCTUATION.search(head)
        and not _LABEL.match(head.strip())
    )
    if reads_as_prose and _BODY_PUNCTUATION.search(tail):
        # Body text: a finished sentence, then one cut off before its end.
        return head + tail, _excerpt(head, tail)
    if _HAN_CHAR.match(last) and _field_goes_on(head):
        return head + tail, _excerpt(head, tail)
    return None


def _join_url(head: str, tail: str, url: str) -> tuple[str, str] | None:
    """Join a URL cut at the line end with the rest of it on the next line."""
    run = _URL_RUN.match(tail)
    if run is None or _URL_START.match(tail):
        return None
    rest = run.group()
    if "@" in rest:
        return None  # an e-mail address on its own line
    continues = (
        "/" in rest
        or rest[0] in "?&#=%"
        or "?" in rest
        or "=" in rest
        or (_FILE_EXTENSION.search(url + rest) and not _FILE_EXTENSION.search(url))
    )
    if not continues:
        return None
    return head + tail, url + rest


def _is_structural(line: str) -> bool:
    """Tell whether a line is a heading, byline, label or other non-body line."""
    body = line.strip()
    if len(body) < _MIN_LINE:
        return True
    return (
        body[0] in _MARKER
        or body.startswith("**")
        or body.endswith("**")
        or _is_byline(body)
        or (_LIST_ITEM.match(body) is not None and not _reads_as_body(body))
        or _DATE_LINE.fullmatch(body) is not None
        or _SALUTATION.match(body) is not None
        or _CODE_LINE.search(body) is not None
        or _is_parenthetical(body)
    )


def _after_byline(out: list[str], head: str, tail: str) -> bool:
    """The first body line under a byline, cut before its first punctuation."""
    previous = next((line for line in reversed(out) if line.strip()), "")
    head, tail = head.strip(), tail.strip()
    return (
        _is_byline(previous.strip())
        and len(head) >= 12
        and _HAN_CHAR.match(head[-1]) is not None
        and not _BODY_PUNCTUATION.search(head)
        and _HAN_CHAR.match(tail[0]) is not None
        and _BODY_PUNCTUATION.search(tail) is not None
        and tail[-1] in _FINAL
    )


def _is_byline(line: str) -> bool:
    # "记者从…了解到，截至2025" opens with 记者 but is prose: a credit has no
    # clause punctuation.
    return _BYLINE.match(line) is not None and not _BODY_PUNCTUATION.search(line)


def _starts_block(line: str, after: str) -> bool:
    """Tell whether a line can only begin something new: a heading, item, signature."""
    body = line.strip()
    return (
        body[0] in _MARKER
        or body.startswith("**")
        or _is_byline(body)
        or _LIST_ITEM.match(body) is not None
        or _DATE_LINE.fullmatch(body) is not None
        or _DATE_LINE.fullmatch(after.strip()) is not None  # the issuer of a notice
        or _SALUTATION.match(body) is not None
        or _CODE_LINE.match(body) is not None
        or _is_parenthetical(body)
    )


def _is_parenthetical(body: str) -> bool:
    """Tell whether a whole line is in brackets, like （作者单位：…）."""
    return body[0] in "（(【[" and body[-1] in "）)】]"


def _reads_as_body(line: str) -> bool:
    """Tell whether a line is long, punctuated running text rather than a heading."""
    if len(line) >= _MIN_BODY_LINE:
        return True
    inner = _BODY_PUNCTUATION.findall(line[:-1])
    return len(line) >= _MIN_PUNCTUATED_LINE and bool(inner)


def _closes_more_than_opens(tail: str, closer: str) -> bool:
    """Tell whether a leading closing quote or bracket really closes something."""
    opener = next((key for key, value in _PAIRS.items() if value == closer), None)
    if opener is None:
        return True  # ，。、 and the like
    return tail.count(opener) < tail.count(closer)


def _opens_what_next_closes(head: str, tail: str) -> bool:
    """Tell whether the first line leaves a quote or bracket that the next closes."""
    for opener, closer in _PAIRS.items():
        if head.count(opener) > head.count(closer):
            close_at = tail.find(closer)
            open_at = tail.find(opener)
            if close_at >= 0 and (open_at < 0 or close_at < open_at):
                return True
    return False


def _field_goes_on(line: str) -> bool:
    """Tell whether a `label：value` line stops before its value is complete."""
    body = line.strip()
    label = _LABEL.match(body)
    if label is None:
        return False
    value = body[label.end() :]
    if len(value) < 2 or _BODY_PUNCTUATION.search(value):
        return False
    if value[-1] in _DANGLING:
        return True
    name = label.group()[:-1]
    return bool(_ADDRESS_LABEL.search(name)) and not _ADDRESS_END.search(value)


def _excerpt(head: str, tail: str) -> str:
    """Return the words either side of the join, up to the nearest punctuation."""
    start = len(head) - 1
    floor = max(0, len(head) - _EXCERPT)
    while start > floor and head[start - 1] not in _BREAK_PUNCTUATION:
        start -= 1
    return head[start:] + _segment_after(tail)


def _segment_after(tail: str) -> str:
    """Return the start of a line up to its first punctuation (closers included)."""
    stop = 0
    while stop < len(tail) and tail[stop] in _CLOSERS:
        stop += 1
    limit = stop + _EXCERPT
    while stop < min(len(tail), limit) and tail[stop] not in _BREAK_PUNCTUATION:
        stop += 1
    return tail[:stop]
