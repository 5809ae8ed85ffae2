"""Hypothesis strategies for page files: real fragments, noise, encodings, traps.

Shared by the fuzz tests (a few thousand examples in `make test`) and by
`bench/fuzz_ingest.py` (100 k and more).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from archive.ingest.parsers import ParseContext
from archive.ingest.placematch import PlaceIndex
from archive.reference import PROGRAMMES
from notices.calendar import WorkCalendar

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
INNER_MONGOLIA = "150000000000"


@cache
def real_lines() -> tuple[str, ...]:
    lines: list[str] = []
    for path in sorted(PAGES.glob("*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        lines.extend(text.split("\n"))
    return tuple(lines)


@cache
def parse_context() -> ParseContext:
    return ParseContext(
        places=PlaceIndex.default(),
        programmes={name: terms for _, name, terms in PROGRAMMES},
        calendar=WorkCalendar(),
        home_region=INNER_MONGOLIA,
    )


TRAPS = [
    "■广告",
    "■ 公告",
    "# ",
    "**",
    "本报记者 ",
    "□",
    "◎记者",
    "自公告之日起30日内",
    "10个工作日",
    "公示起止日期：2026年1月29日至2月11日",
    "2026年2月3日",
    "2099年13月45日",
    "9999年1月1日",
    "0000年0月0日",
    "第999999999号",
    "〔2026〕",
    "http://",
    "联系电话：13812345678",
    "@@@.com",
    "（作者单位：",
    "<script>alert(1)</script>",
    "'; DROP TABLE archive_item; --",
    "\u2028",
    "\u200b",
    "\ufeff",
    "\x00",
    "\r",
    "\r\n",
    "\t",
    "𠀀𪚥",
    "ﾟ･✿",
]

_text_line = st.one_of(
    st.sampled_from(real_lines()),
    st.sampled_from(TRAPS),
    st.text(max_size=80),
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60
    ),
    st.builds(
        lambda n, c: c * n, st.integers(1000, 200_000), st.sampled_from("a金 \x00")
    ),
)


@st.composite
def page_text(draw) -> str:
    """Lines drawn from real pages, traps and noise, joined as a page would be."""
    lines = draw(st.lists(_text_line, max_size=60))
    separator = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\r"]))
    return separator.join(lines)


@st.composite
def page_bytes(draw) -> bytes:
    """A page file as it might arrive: encoded text, damaged text or plain bytes."""
    kind = draw(
        st.sampled_from(
            ["utf-8", "utf-8-sig", "gbk", "utf-16", "utf-16-le", "bytes", "cut", "nul"]
        )
    )
    if kind == "bytes":
        return draw(st.binary(max_size=4000))
    text = draw(page_text())
    if kind == "gbk":
        return text.encode("gb18030", errors="replace")
    if kind in ("utf-16", "utf-16-le"):
        return text.encode(kind, errors="surrogatepass")
    raw = text.encode("utf-8", errors="surrogatepass")
    if kind == "utf-8-sig":
        return b"\xef\xbb\xbf" + raw
    if kind == "cut" and raw:
        return raw[: draw(st.integers(0, len(raw)))]
    if kind == "nul" and raw:
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + b"\x00" + raw[at:]
    return raw
