"""The shared sample pages cut into items, for the enrichment tests (no database).

The real segmenter is tested elsewhere; here each page is cut at its obvious
boundaries (the ■广告 marker, each notice title) so that places, programmes and
figures can be checked item by item against `*.expected.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "pages"
MISSING = f"shared sample pages not found at {SAMPLES}"
INNER_MONGOLIA = "150000000000"


@dataclass(frozen=True)
class SampleItem:
    page: str
    position: int
    expected: dict[str, Any]
    title: str
    text: str  # page breaks repaired, markdown marks removed, as the parser does

    @property
    def id(self) -> str:
        return f"{self.page[:3]}-{self.position}"


def _repaired(page: Path, expected: dict[str, Any]) -> str:
    text = page.read_text(encoding="utf-8")
    # Join each page break the expected file lists, wherever whitespace split it.
    for joined in expected.get("page_break_repairs", []):
        pattern = r"\s*".join(re.escape(char) for char in joined)
        text = re.sub(pattern, lambda _match, j=joined: j, text)
    lines = (line.removeprefix("# ").replace("**", "") for line in text.split("\n"))
    return "\n".join(lines)


def _cut(text: str, expected_items: list[dict[str, Any]]) -> list[str]:
    if len(expected_items) == 1:
        return [text]
    articles, _, notices = text.partition("■广告")
    starts, offset = [], 0
    for item in expected_items[1:]:
        offset = notices.index(item["title"], offset)
        starts.append(offset)
        offset += len(item["title"])
    ends = [*starts[1:], len(notices)]
    return [articles] + [notices[s:e] for s, e in zip(starts, ends, strict=True)]


def sample_items() -> list[SampleItem]:
    """Return every item of every sample page, or [] when the pages are absent."""
    if not SAMPLES.is_dir():
        return []
    items = []
    for page in sorted(SAMPLES.glob("*.txt")):
        golden = page.with_name(f"{page.stem}.expected.json")
        expected = json.loads(golden.read_text(encoding="utf-8"))
        texts = _cut(_repaired(page, expected), expected["items"])
        for position, (item, text) in enumerate(
            zip(expected["items"], texts, strict=True), start=1
        ):
            title = item.get("headline") or item.get("title") or ""
            items.append(SampleItem(page.name, position, item, title, text))
    return items
