"""Cut a page's working text into items in print order.

Articles come first; a marker such as `■广告` (or, without one, the first notice
title) starts the notices. Within the article zone each byline (or `# ` headline,
or a 本报讯 dateline) anchors an article whose header is the short lines above it.
Page furniture (ad hotlines, editor credits) never becomes an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from notices.parsers import is_notice_title, split_notices

from .articles import (
    AFFILIATION,
    DATELINE_CREDIT,
    HEADLINE_MARK,
    MAX_FURNITURE_CHARS,
    is_byline,
    is_trailing_column,
)
from .normalize import to_simplified

NOTICE_MARKER = re.compile(r"^[■●◆□]\s*(?:广告|公告|声明|启事|分类广告)\s*$")
FURNITURE = re.compile(
    r"^(?:广告(?:热线|电话|咨询)|订阅热线|新闻热线|发行热线|本版(?:责编|编辑|校对|美编|统筹)"
    r"|责任编辑|责编|美编|校对|版式设计|本报地址|社址|邮政编码|定价|印刷)\s*[：:|｜]?"
)
# 乌兰察布日报　2025年12月2日　星期二　第6版　综合: the page's own masthead.
MASTHEAD = re.compile(
    r"^\S{2,16}(?:日报|晚报|时报|商报|报)[\s　]+"
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
)
MAX_HEADER_LINES = 4


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # "article" | "notice"
    first_line: int  # 1-based line of the page text
    lines: tuple[str, ...]
    trailing_column: str = ""


def is_furniture(line: str) -> bool:
    probe = to_simplified(line.strip())
    return bool(FURNITURE.match(probe) or MASTHEAD.match(probe))


def printed_issue_date(text: str) -> date | None:
    """The date in a masthead line near the top of the page, when printed."""
    head = [line for line in text.split("\n")[:12] if line.strip()][:3]
    for line in head:
        match = MASTHEAD.match(to_simplified(line.strip()))
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def segment_page(text: str) -> list[Segment]:
    """Return the page's items as segments, in print order."""
    lines = text.split("\n")
    notices_from, marker = _notice_zone_start(lines)
    segments = _article_segments(lines[:notices_from])
    if notices_from < len(lines):
        zone_start = notices_from + 1 if marker else notices_from
        zone = ["" if is_furniture(line) else line for line in lines[zone_start:]]
        for offset, notice_lines in split_notices(zone):
            if any(line.strip() for line in notice_lines):
                segments.append(
                    Segment("notice", zone_start + offset + 1, tuple(notice_lines))
                )
    return segments


def _notice_zone_start(lines: list[str]) -> tuple[int, bool]:
    for index, line in enumerate(lines):
        if NOTICE_MARKER.match(to_simplified(line.strip())):
            return index, True
    for index, line in enumerate(lines):
        if is_notice_title(line.strip()) and not _byline_follows(lines, index):
            return index, False
    return len(lines), False


def _byline_follows(lines: list[str], index: int) -> bool:
    following = [line for line in lines[index + 1 : index + 8] if line.strip()][:3]
    return any(is_byline(line) for line in following)


def _article_segments(lines: list[str]) -> list[Segment]:
    content = [
        (index, line.strip())
        for index, line in enumerate(lines)
        if line.strip() and not is_furniture(line)
    ]
    if not content:
        return []
    starts = _article_starts(content)
    segments = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(content)
        chunk = content[start:end]
        trailing = ""
        if len(chunk) > 2 and is_trailing_column(chunk[-1][1]):
            is_last = end == len(content)
            if is_last or AFFILIATION.match(to_simplified(chunk[-2][1])):
                trailing = chunk.pop()[1]
        segments.append(
            Segment(
                "article",
                chunk[0][0] + 1,
                tuple(line for _, line in chunk),
                trailing_column=trailing,
            )
        )
    return segments


def _is_anchor(line: str) -> bool:
    return (
        is_byline(line)
        or bool(HEADLINE_MARK.match(line))
        or bool(DATELINE_CREDIT.match(line))
    )


def _article_starts(content: list[tuple[int, str]]) -> list[int]:
    """Positions (into `content`) where articles begin."""
    starts: list[int] = []
    last_anchor = -1
    for position, (_, line) in enumerate(content):
        if not _is_anchor(line):
            continue
        start = _header_start(content, position)
        if starts and start <= last_anchor:
            last_anchor = position  # the same article's headline and byline
            continue
        starts.append(start)
        last_anchor = position
    if not starts or starts[0] != 0:
        starts = [0, *starts[1:]] if starts else [0]
    return starts


def _header_start(content: list[tuple[int, str]], anchor: int) -> int:
    """Walk back over the short header lines above an anchor."""
    start = anchor
    while start > 0 and anchor - start < MAX_HEADER_LINES:
        previous = to_simplified(content[start - 1][1])
        before = to_simplified(content[start - 2][1]) if start >= 2 else ""
        if (
            len(previous) > MAX_FURNITURE_CHARS
            or re.search(r"[。！？…][”」』)）]?$", previous)
            or AFFILIATION.match(previous)
            or AFFILIATION.match(before)
        ):
            break
        start -= 1
    return start
