"""Tag an item with the programmes (科技金融, 绿色金融 …) it is about.

Pure Python, no Django. The signal terms come from the caller (editors keep them
on the Programme rows), never from this module. An item is tagged with a
programme when one of its terms is

- in the headline, or
- in a section head and at least once more in the body, or
- used in the body often enough: at least MIN_BODY_HITS times and at least
  MIN_HITS_PER_1000 times per 1,000 characters,

where a body hit inside a list of three or more programmes (做好科技金融、绿色
金融、普惠金融…五篇大文章) does not count: a list names programmes, it is not about
them. So a one-off mention in a lead never tags, while a short item that keeps
returning to one programme does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

MIN_BODY_HITS = 2
MIN_HITS_PER_1000 = 1.5
# A clause naming this many programmes is a list of them.
LIST_PROGRAMMES = 3

_CLAUSE_END = re.compile(r"[，。！？；：,!?;:\n]")
_SPACE = re.compile(r"\s+")


def tag_programmes(
    *,
    title: str,
    section_heads: Sequence[str],
    body: str,
    programmes: Mapping[str, Sequence[str]],
) -> tuple[str, ...]:
    """Return the programmes the item is about, in the mapping's order."""
    matcher = _matcher(
        tuple((name, tuple(terms)) for name, terms in programmes.items())
    )
    if matcher is None:
        return ()
    pattern, owners = matcher
    in_title = set(_names(pattern, owners, title))
    in_heads = {
        name for head in section_heads for name in _names(pattern, owners, head)
    }
    body_hits = _body_hits(pattern, owners, body)
    per_1000 = 1000 / max(len(_SPACE.sub("", body)), 1)
    tagged = []
    for name in programmes:
        hits = body_hits[name]
        if (
            name in in_title
            or (name in in_heads and hits >= 1)
            or (hits >= MIN_BODY_HITS and hits * per_1000 >= MIN_HITS_PER_1000)
        ):
            tagged.append(name)
    return tuple(tagged)


@lru_cache(maxsize=32)
def _matcher(
    programmes: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, frozenset[str]]] | None:
    """Compile one pattern of all terms; editors' lists change rarely, so cache."""
    owners: dict[str, set[str]] = {}
    for name, terms in programmes:
        for term in terms:
            term = term.strip()
            if term:
                owners.setdefault(term.casefold(), set()).add(name)
    if not owners:
        return None
    # Longest first, so 普惠小微 is one hit, not also a hit for a shorter term.
    alternation = "|".join(
        re.escape(term) for term in sorted(owners, key=len, reverse=True)
    )
    frozen = {term: frozenset(names) for term, names in owners.items()}
    return re.compile(alternation, re.IGNORECASE), frozen


def _names(
    pattern: re.Pattern[str], owners: dict[str, frozenset[str]], text: str
) -> list[str]:
    return [name for m in pattern.finditer(text) for name in owners[m[0].casefold()]]


def _body_hits(
    pattern: re.Pattern[str], owners: dict[str, frozenset[str]], body: str
) -> Counter[str]:
    hits: Counter[str] = Counter()
    for clause in _CLAUSE_END.split(body):
        names = _names(pattern, owners, clause)
        if len(set(names)) < LIST_PROGRAMMES:
            hits.update(names)
    return hits
