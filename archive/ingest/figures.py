"""Pull amounts and rates out of an item's text as FigureRecord data.

Pure Python, no Django. A figure is an Arabic number with a unit (亿元, 万户, 笔,
%, 个百分点 …); a number without a unit (a year, a phone number, a page, a
document number) is never a figure. Each figure carries:

- `text`: the clause leading up to it, from the previous ，、： or the sentence
  start, without a leading time frame (2024年, 2024年全市, 截至…): the frame is
  the as-of date, not what was measured. A share clause (占企业总数的98.3%) names
  no subject of its own, so it is read together with the clause before it.
- `value`: a Decimal with the multiplier applied (3.25亿元 → 325000000, 8.89万名
  → 88900). Rates keep their printed number (86.88 for 86.88%). A direction
  word (下降0.5个百分点) stays in the text; the value is signed only by a printed
  minus sign.
- `unit`: 元, %, ‰, 百分点, 户, 笔, 家, 人 (名, 位 and people nouns such as 8.89万老人
  count as 人), 人次, 个, 项, 吨, 千瓦 (万千瓦, 兆瓦 converted), 千瓦时 …. A bare
  亿 or 万亿 (42.28亿的撮合奇迹) is money on these pages: 元. A bare 万 with no unit
  is left out: it is as often a count of something unnamed.
- `as_of`: the last 截至/截止 date or 年末/月末/年底 phrase earlier in the same
  sentence (截至2025年6月末，… → "2025年6月末" for every figure after it).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .records import FigureRecord

_TO_ASCII = str.maketrans("０１２３４５６７８９．％－", "0123456789.%-")

_MULTIPLIERS = {
    "": 1,
    "千": 10**3,
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "十亿": 10**9,
    "百亿": 10**10,
    "千亿": 10**11,
    "万亿": 10**12,
}
# Printed unit → (normalised unit, factor). Longest first in the pattern.
_UNITS = {
    "个百分点": ("百分点", 1),
    "百分点": ("百分点", 1),
    "%": ("%", 1),
    "‰": ("‰", 1),
    "元": ("元", 1),
    "块钱": ("元", 1),
    "美元": ("美元", 1),
    "户": ("户", 1),
    "笔": ("笔", 1),
    "家": ("家", 1),
    "人次": ("人次", 1),
    "人": ("人", 1),
    "名": ("人", 1),
    "位": ("人", 1),
    "个": ("个", 1),
    "项": ("项", 1),
    "件": ("件", 1),
    "台": ("台", 1),
    "套": ("套", 1),
    "头": ("头", 1),
    "只": ("只", 1),
    "辆": ("辆", 1),
    "座": ("座", 1),
    "所": ("所", 1),
    "张": ("张", 1),
    "份": ("份", 1),
    "次": ("次", 1),
    "倍": ("倍", 1),
    "吨": ("吨", 1),
    "千瓦时": ("千瓦时", 1),
    "千瓦": ("千瓦", 1),
    "兆瓦": ("千瓦", 1000),
    "亩": ("亩", 1),
    "公顷": ("公顷", 1),
    "平方公里": ("平方公里", 1),
    "平方米": ("平方米", 1),
    "公里": ("公里", 1),
}
# Nouns that make a bare 万 a head count: 8.89万老人.
_PEOPLE = ("老人", "人口", "群众", "居民", "农牧民", "农民", "职工", "学生", "儿童")

# Starts only where a digit run starts: a match inside a run would have been
# found from its start, and trying every offset of a long run is quadratic.
_NUMBER = r"(?<!\d)(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)"
_MULTIPLIER = "|".join(sorted((m for m in _MULTIPLIERS if m), key=len, reverse=True))
_BARE_MONEY = "万亿|千亿|百亿|十亿|亿"
_GUARDED_UNITS = {
    # 个 before a span of time is a period (3个工作日), not a count.
    "个": "个(?!工作日|月|小时|季度|交易日|星期|年)",
    "人": "人(?!民)",  # 人民币
}
_UNIT = "|".join(
    _GUARDED_UNITS.get(unit, re.escape(unit))
    for unit in sorted(_UNITS, key=len, reverse=True)
)
_FIGURE = re.compile(
    _NUMBER
    + rf"(?:(?P<multiplier>{_MULTIPLIER})?(?:多|余)?(?P<unit>{_UNIT})"
    + rf"|(?P<bare>{_BARE_MONEY})(?:多|余)?"
    + rf"|(?P<counted>万)(?:多|余)?(?:{'|'.join(_PEOPLE)}))"
)
# Markdown bold marks and headline hashes survive in some working texts.
_PHRASE_TRIM = " \t*#"
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_START = "，、：,:（("
# Characters that make a digit run part of a code, URL or identifier.
_CODE_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/@#&=?"
)
_MASKED = re.compile(
    r"(?:https?://|www\.)[!-~]+"  # URLs: ASCII up to the first space or Han
    # e-mail addresses; the look-behind starts a try only where a run of
    # address characters starts, so a long Latin run costs linear time.
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+"
)
_PHONE = re.compile(r"1[3-9]\d{9}|0\d{9,11}")
_DATE = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?"
_AS_OF = re.compile(
    rf"(?:截至|截止(?:到|至)?)(?P<stated>(?:{_DATE})(?:末|底)?)"
    r"|(?P<period_end>(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月)(?:末|底))"
)
_TIME_FRAME = re.compile(
    r"(?:近年来|今年以来|去年以来|目前|当前|截至目前"
    rf"|(?:截至|截止(?:到|至)?)?(?:{_DATE})"
    r"(?:末|底|以来|上半年|下半年|前三季度|一季度|全年)?)"
    # A scope word after a time frame belongs to the frame: 2024年全市.
    r"(?:全市|全区|全盟|全旗|全县|全省|全国|全行|全州)?"
)
_SHARE_CLAUSE = re.compile(r"(?:约|仅|已|分别)?占|相当于")


def extract_figures(text: str) -> tuple[FigureRecord, ...]:
    """Return the amounts and rates printed in the text, in reading order."""
    working = text.translate(_TO_ASCII)
    scanned = _MASKED.sub(lambda m: " " * len(m.group()), working)
    figures: list[FigureRecord] = []
    sentence_start = 0
    for sentence_end in [*(m.start() for m in _SENTENCE_END.finditer(working)), None]:
        end = len(working) if sentence_end is None else sentence_end
        figures.extend(_sentence_figures(working, scanned, sentence_start, end))
        sentence_start = end + 1
    return tuple(figures)


def _sentence_figures(
    working: str, scanned: str, start: int, end: int
) -> list[FigureRecord]:
    sentence = working[start:end]
    figures = []
    for match in _FIGURE.finditer(scanned, start, end):
        figure = _figure(working, match, start)
        if figure is None:
            continue
        value, unit = figure
        phrase_start = _phrase_start(working, start, match.start())
        figures.append(
            FigureRecord(
                text=working[phrase_start : match.end()].strip(_PHRASE_TRIM),
                value=value,
                unit=unit,
                context=sentence.strip(),
                as_of=_as_of(working[start : match.start()]),
            )
        )
    return figures


def _figure(
    working: str, match: re.Match[str], floor: int
) -> tuple[Decimal, str] | None:
    number, unit = match["number"], match["unit"]
    multiplier = match["multiplier"] or match["bare"] or match["counted"] or ""
    if match["bare"]:
        unit = "元"
    elif match["counted"]:
        unit = "人"
    before = working[match.start() - 1] if match.start() > floor else ""
    sign = 1
    if before == "-":
        ahead = working[match.start() - 2] if match.start() - 1 > floor else ""
        if ahead in _CODE_CHARS and not ahead.isdigit():
            return None  # a code such as 4C-3
        if not ahead.isdigit() and ahead not in "%‰":
            sign = -1  # a printed minus, not a range 3%-5%
    elif before in _CODE_CHARS or before == "第":
        return None  # an identifier, or an ordinal (第9号, 第3版)
    digits = number.replace(",", "")
    if not multiplier and _PHONE.fullmatch(digits):
        return None
    normalised, factor = _UNITS.get(unit, (unit, 1))
    value = sign * Decimal(digits) * _MULTIPLIERS[multiplier] * factor
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    return value, normalised


def _phrase_start(working: str, sentence_start: int, figure_start: int) -> int:
    """Return where the phrase that leads up to a figure begins."""
    clause = _clause_start(working, sentence_start, figure_start)
    start = _after_time_frame(working, clause, figure_start)
    if _SHARE_CLAUSE.match(working, start) and clause > sentence_start:
        previous = _clause_start(working, sentence_start, clause - 1)
        return _after_time_frame(working, previous, clause - 1)
    return start


def _clause_start(working: str, sentence_start: int, position: int) -> int:
    index = position - 1
    while index >= sentence_start and working[index] not in _CLAUSE_START:
        index -= 1
    return index + 1


def _after_time_frame(working: str, start: int, limit: int) -> int:
    while start < limit and working[start].isspace():
        start += 1
    frame = _TIME_FRAME.match(working, start, limit)
    return frame.end() if frame and frame.end() < limit else start


def _as_of(before: str) -> str:
    found = ""
    for match in _AS_OF.finditer(before):
        found = match["stated"] or match["period_end"]
    return found
