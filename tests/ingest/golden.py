"""Compare parser output with a golden `*.expected.json` (the samples' conventions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# Free-text explanations: their wording is ours to choose, not a fact to match.
NOT_COMPARED = {
    "must_find",
    "must_not_find",
    "figures_sample",
    "deemed_note",
    "window_note",
    "issue_date_note",
    "window_flags",
}


# Places are a set: the order they are listed in is not a fact about the item.
UNORDERED = {"places"}


def _canonical(value: Any) -> str:
    return repr(sorted((k, v) for k, v in value.items() if v is not None))


def _same_field(key: str, expected: Any, actual: Any) -> bool:
    if key in UNORDERED and isinstance(expected, list) and isinstance(actual, list):
        return _same(sorted(expected, key=_canonical), sorted(actual, key=_canonical))
    return _same(expected, actual)


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, float | int) and isinstance(actual, float | int):
        return Decimal(str(expected)) == Decimal(str(actual))
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            _same(e, a) for e, a in zip(expected, actual, strict=True)
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        keys = {k for k, v in expected.items() if v is not None} | {
            k for k, v in actual.items() if v is not None
        }
        return all(_same(expected.get(k), actual.get(k)) for k in keys)
    return expected == actual


def item_mismatches(
    expected: dict[str, Any], actual: dict[str, Any], text: str
) -> list[str]:
    """Every field of `expected` that `actual` gets wrong, as readable lines."""
    problems = [
        f"{key}: expected {value!r}, got {actual.get(key)!r}"
        for key, value in expected.items()
        if key not in NOT_COMPARED and not _same_field(key, value, actual.get(key))
    ]
    figures = actual.get("figures", [])
    problems += [
        f"figure missing: {figure!r}"
        for figure in expected.get("figures_sample", [])
        if not any(_same(figure, got) for got in figures)
    ]
    if bool(expected.get("window_flags")) != bool(actual.get("window_flags")):
        problems.append(
            f"window_flags: expected {expected.get('window_flags')!r}, "
            f"got {actual.get('window_flags')!r}"
        )
    problems += [
        f"must_find {needle!r} not in the item's text"
        for needle in expected.get("must_find", [])
        if needle not in text
    ]
    problems += [
        f"must_not_find {needle!r} is in the item's text"
        for needle in expected.get("must_not_find", [])
        if needle in text
    ]
    return problems


def fields_compared(expected: dict[str, Any]) -> int:
    compared = [k for k in expected if k not in NOT_COMPARED]
    return (
        len(compared)
        + len(expected.get("figures_sample", []))
        + len(expected.get("must_find", []))
        + len(expected.get("must_not_find", []))
        + ("window_flags" in expected)
    )
