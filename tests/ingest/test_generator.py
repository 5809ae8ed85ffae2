"""The synthetic page generator, its command, and the golden pages' own arithmetic.

No database: the generator is pure Python and the command only writes files.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from datetime import date, timedelta
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.ingest import generator
from archive.ingest.generator import (
    NOTICE_TYPES,
    PUBLICATIONS,
    GeneratedPage,
    generate_pages,
    to_traditional,
)

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "pages"
SIDECAR_KEYS = {
    "publication",
    "publication_name",
    "date",
    "page",
    "section",
    "home_region",
}


@cache
def _run(pages: int, seed: int) -> tuple[GeneratedPage, ...]:
    return tuple(generate_pages(pages=pages, seed=seed))


def test_same_seed_gives_identical_bytes():
    first = _run(200, 1)
    again = tuple(generate_pages(pages=200, seed=1))
    assert [p.data for p in first] == [p.data for p in again]
    assert [p.filename for p in first] == [p.filename for p in again]
    assert [p.sidecar for p in first] == [p.sidecar for p in again]


def test_different_seed_gives_different_pages():
    one, two = _run(200, 1), _run(200, 2)
    assert not {p.data for p in one} & {p.data for p in two}


def test_yields_the_requested_number_of_pages():
    assert len(_run(200, 1)) == 200
    assert list(generate_pages(pages=0, seed=1)) == []


def test_start_continues_the_same_run():
    whole = _run(200, 1)
    tail = list(generate_pages(pages=20, seed=1, start=180))
    assert [p.data for p in tail] == [p.data for p in whole[180:]]


def test_rejects_more_pages_than_slots():
    with pytest.raises(ValueError, match="distinct"):
        next(generate_pages(pages=generator.SLOTS + 1, seed=1))


def test_every_page_decodes_with_its_declared_encoding_and_fits_the_size():
    for page in _run(500, 3):
        text = page.data.decode(page.encoding)
        assert text.startswith("\n\n") and not text.endswith("\n"), page.filename
        assert 1024 <= len(page.data) <= 20 * 1024, (page.filename, len(page.data))
        assert page.item_count == len(page.kinds) >= 1
        assert page.kinds.count("notice") == len(page.notice_types)
        assert page.filename.endswith(".txt")


def test_gbk_and_traditional_pages_appear_in_200_pages():
    pages = _run(200, 1)
    gbk = [p for p in pages if p.encoding == "gb18030"]
    traditional = [p for p in pages if p.traditional]
    assert gbk and traditional
    for page in gbk:
        with pytest.raises(UnicodeDecodeError):
            page.data.decode("utf-8")
    assert all(p.encoding in ("utf-8", "gb18030") for p in pages)


def test_traditional_pages_keep_no_mapped_simplified_character():
    # 准 stays in 批准 and 核准: the word fixes put it back on purpose.
    fixed = {char for _, right in generator._S2T_FIXES for char in right}
    simplified = {pair[0] for pair in generator._S2T_PAIRS.split()} - fixed
    traditional = {pair[1] for pair in generator._S2T_PAIRS.split()}
    for page in (p for p in _run(500, 3) if p.traditional):
        text = page.data.decode(page.encoding)
        assert not simplified & set(text), page.filename
        assert len(traditional & set(text)) > 20, page.filename


def test_to_traditional_fixes_words_a_character_map_gets_wrong():
    assert to_traditional("经市政府批准，健全政策体系") == "經市政府批准，健全政策體系"
    assert to_traditional("联系电话") == "聯繫電話"
    assert to_traditional("千里山镇") == "千里山鎮"


def test_sidecars_are_well_formed_and_slots_are_distinct():
    slugs = dict(PUBLICATIONS)
    slots = set()
    for page in _run(500, 3):
        sidecar = page.sidecar
        assert set(sidecar) == SIDECAR_KEYS
        assert slugs[sidecar["publication"]] == sidecar["publication_name"]
        day = date.fromisoformat(sidecar["date"])
        assert date(2024, 1, 1) <= day <= date(2026, 12, 31)
        assert 1 <= sidecar["page"] <= generator.PAGE_NUMBERS
        assert sidecar["section"]
        json.dumps(sidecar, ensure_ascii=False)
        slots.add((sidecar["publication"], sidecar["date"], sidecar["page"]))
    assert len(slots) == 500


def test_every_notice_type_appears_in_500_pages():
    seen = Counter(t for page in _run(500, 3) for t in page.notice_types)
    assert set(seen) == set(NOTICE_TYPES)


def test_pages_carry_the_dirt_real_pages_have():
    texts = [p.data.decode(p.encoding) for p in _run(500, 3)]
    joined = "\n".join(texts)
    assert re.search(r"\d[亿万]\n\n元", joined), "a figure split from its unit"
    assert re.search(r"截至\d{4}\n\n年", joined), "an as-of date split"
    assert re.search(r"https?://\S+\n\n\S", joined), "a URL split"
    assert "广告热线：" in joined
    assert "〔20" in joined and "[20" in joined
    kinds = Counter(p.page_kind for p in _run(500, 3))
    assert set(kinds) == set(generator.PAGE_KINDS)


def test_bylines_come_in_every_house_style():
    joined = "\n".join(p.data.decode(p.encoding) for p in _run(500, 3))
    for pattern in (
        r"\n本报记者 \S+ \S+ \S+\n",
        r"\n□\S+\n",
        r"\n◎记者 \S+\n",
        r"本报讯（记者 \S+）",
        r"\n记者 \S+ 通讯员 \S+\n",
        r"据新华社呼和浩特\d+月\d+日电（记者 ",
    ):
        assert re.search(pattern, joined), pattern


def test_workdays_agree_with_the_official_calendar():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    day = date(2024, 1, 1)
    while day <= generator.CALENDAR_LAST_DAY:
        assert generator.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_working_window_counts_make_up_saturdays():
    # Sample 002: 10 working days from 2026-02-03 end on Saturday 2026-02-14.
    assert generator.working_window(date(2026, 2, 3), 10) == (
        date(2026, 2, 3),
        date(2026, 2, 14),
    )
    assert generator.working_window(date(2026, 12, 28), 10) is None


def test_generates_a_few_hundred_pages_a_second_at_least():
    # A loose floor that only a pathological slowdown would break (≈2,500/s here).
    began = time.perf_counter()
    pages = list(generate_pages(pages=300, seed=11))
    assert len(pages) / (time.perf_counter() - began) > 300


def test_command_writes_a_page_and_a_sidecar_per_page(tmp_path):
    out = StringIO()
    call_command(
        "generate_pages",
        "--pages",
        "20",
        "--seed",
        "1",
        "--out",
        str(tmp_path),
        stdout=out,
    )
    pages = sorted(tmp_path.glob("*.txt"))
    sidecars = sorted(tmp_path.glob("*.json"))
    assert len(pages) == len(sidecars) == 20
    assert [p.stem for p in pages] == [s.stem for s in sidecars]
    expected = {p.filename: p for p in _run(200, 1)[:20]}
    for path in pages:
        assert path.read_bytes() == expected[path.name].data
        sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar == expected[path.name].sidecar
    assert "已生成 20 个版面" in out.getvalue()


def test_command_can_leave_out_sidecars(tmp_path):
    call_command(
        "generate_pages",
        "--pages",
        "3",
        "--seed",
        "1",
        "--out",
        str(tmp_path),
        "--no-sidecars",
        stdout=StringIO(),
    )
    assert len(list(tmp_path.glob("*.txt"))) == 3
    assert not list(tmp_path.glob("*.json"))


# --------------------------------------------------------------------------
# The golden pages are hand-written truth for the parser tests; check here the
# parts that can be checked mechanically, so a typo cannot become the truth.


def _golden() -> list[tuple[Path, dict]]:
    return [
        (path, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(GOLDEN.glob("*.expected.json"))
    ]


def _workdays(first: date, last: date, is_workday) -> int:
    return sum(
        is_workday(first + timedelta(days=n)) for n in range((last - first).days + 1)
    )


def test_golden_pages_decode_and_their_repairs_are_real_breaks():
    assert len(_golden()) >= 8
    for path, expected in _golden():
        raw = path.with_name(expected["file"]).read_bytes()
        text = raw.decode(expected["encoding"])
        if expected["encoding"] != "utf-8":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        unbroken = text.replace("\n\n", "")
        for repair in expected["page_break_repairs"]:
            assert repair in unbroken and repair not in text, (path.name, repair)
        for item in expected["items"]:
            assert item["kind"] in ("article", "notice")
            assert ("headline" in item) == (item["kind"] == "article")
            for needle in item.get("must_find", []):
                assert needle in unbroken, (path.name, needle)
            title = item.get("headline") or item["title"]
            assert title.split(" ")[0] in text, (path.name, title)
            for value in (item.get("issuer"), item.get("period_text")):
                assert value is None or value in unbroken, (path.name, value)
            for phone in item.get("contacts", {}).get("phones", []):
                assert phone in unbroken, (path.name, phone)
            for link in item.get("links", []):
                assert link in unbroken, (path.name, link)


def test_golden_notice_dates_follow_the_official_calendar():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    is_workday = chinese_calendar.is_workday
    notice_types = set(NOTICE_TYPES)
    seen = set()
    for path, expected in _golden():
        issued = date.fromisoformat(
            expected.get("issue_date") or expected["issue_date_for_tests"]
        )
        for item in (i for i in expected["items"] if i["kind"] == "notice"):
            assert item["notice_type"] in notice_types, (path.name, item["title"])
            seen.add(item["notice_type"])
            where = (path.name, item["title"])
            assert date.fromisoformat(item.get("signed_on", "2000-01-01")) <= issued
            period = item.get("period")
            window = [date.fromisoformat(d) for d in item.get("window", [])]
            if item.get("deemed_served_on"):
                # Served when the period has run; one ending on a rest day runs on
                # to the next working day (民事诉讼法 第八十五条).
                deemed = issued + timedelta(days=period["days"])
                while not is_workday(deemed):
                    deemed += timedelta(days=1)
                assert item["deemed_served_on"] == deemed.isoformat(), where
            elif period and period["kind"] == "calendar":
                assert window == [issued, issued + timedelta(period["days"] - 1)], where
                # Chosen to end on working days, so no rest-day rule is in play.
                assert is_workday(window[1]), where
            elif period and period["kind"] == "working":
                assert window[0] == issued and is_workday(issued), where
                assert _workdays(*window, is_workday) == period["days"], where
                assert is_workday(window[1]), where
            if "window_working_days" in item:
                count = _workdays(*window, is_workday)
                assert count == item["window_working_days"], where
    assert len(seen) >= 8
