"""Search without a word segmenter: overlapping character bigrams, then a recheck.

Every item stores a tsvector of the characters and overlapping bigrams of its
normalised text (Traditional → Simplified, full → half width, Latin lower-cased),
within each whitespace-free run. Any query string of two or more characters that
occurs in an item has all its bigrams among the item's tokens, so the AND of those
bigrams (GIN-indexed) never misses; a substring recheck on the normalised text then
drops the few candidates whose bigrams occur apart. One- and two-character terms
are single tokens, exact from the index alone. Pure Python: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.normalize import normalize_for_search

MAX_QUERY_CHARS = 200
SCOPES = {"title", "author", "issuer"}
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_RUN = re.compile(r"\S+")
_TOKEN = re.compile(
    r'-?(?:(?P<scope>title|author|issuer|标题|作者|发布机构):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))'
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCOPE_ALIASES = {"标题": "title", "作者": "author", "发布机构": "issuer"}


_UPPER_RUN = re.compile("[A-Z]+")


def _lower_run(match: re.Match[str]) -> str:
    return match.group().lower()


def normalize(text: str) -> str:
    """The searchable form of text; same length as the input, offset for offset."""
    # Only ASCII capitals are lowered; a pass over their runs is several times
    # faster than translate() over the whole text, which is mostly Han.
    return _UPPER_RUN.sub(_lower_run, normalize_for_search(text))


# Two non-space characters in a row, overlapping: the bigrams within each run.
_PAIR = re.compile(r"(?=(\S\S))")


def bigrams(text: str) -> set[str]:
    """Tokens of already-normalised text: every character and every bigram.

    Characters and bigrams never span whitespace (runs are `\\S+`); one-character
    queries then read one posting list, no prefix scan.
    """
    tokens = {char for char in set(text) if not char.isspace()}
    tokens.update(_PAIR.findall(text))
    return tokens


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def bigram_literal(normalized: str) -> str:
    """The tsvector literal of already-normalised text.

    Tokens are in no particular order: PostgreSQL sorts a tsvector on input, so
    the stored value is the same; skipping the sort here saves import time.
    """
    tokens = bigrams(normalized)
    if "'" in normalized or "\\" in normalized:
        return " ".join(_quote(t) for t in tokens)
    return "'" + "' '".join(tokens) + "'" if tokens else ""  # nothing to escape


def tsvector_literal(title: str, text: str) -> str:
    """The value stored in Item.search_bigrams for a title and text."""
    return bigram_literal(normalize(f"{title}\n{text}"))


def search_fields(title: str, text: str) -> tuple[str, str, str]:
    """Item's (normalized_text, search_title, search_bigrams) for a title and text."""
    normalized = normalize(f"{title}\n{text}")
    return normalized, normalize(title), bigram_literal(normalized)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # normalised
    scope: str = ""  # "", "title", "author", "issuer"
    negated: bool = False

    def tsquery(self) -> str:
        """Index condition that every item containing the term satisfies."""
        parts = set()
        for run in _RUN.findall(self.text):
            if len(run) == 1:
                parts.add(_quote(run))
            else:
                parts.update(_quote(run[i : i + 2]) for i in range(len(run) - 1))
        return " & ".join(sorted(parts))


@dataclass(frozen=True)
class Query:
    """AND of clauses; each clause is an OR of terms."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    notices: tuple[str, ...] = field(default=())  # friendly remarks for the page

    @property
    def positive(self) -> tuple[tuple[Term, ...], ...]:
        return tuple(c for c in self.clauses if not c[0].negated)

    @property
    def is_empty(self) -> bool:
        return not self.positive

    def tsquery(self) -> str:
        """The GIN condition: AND over clauses of (OR over their terms)."""
        groups = []
        for clause in self.positive:
            alternatives = [f"({t.tsquery()})" for t in clause if t.tsquery()]
            if alternatives:
                groups.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(groups)

    def highlight_terms(self) -> list[str]:
        return sorted(
            {t.text for c in self.positive for t in c if t.scope != "author"},
            key=len,
            reverse=True,
        )


def parse_query(raw: str) -> Query:
    """Parse reporter syntax: spaces AND, "…" phrase, A OR B, -A, scope:term."""
    remarks = []
    # Control characters (NUL above all) are never typed on purpose and
    # PostgreSQL refuses NUL in text.
    raw = _CONTROL.sub(" ", raw)
    if len(raw) > MAX_QUERY_CHARS:
        raw = raw[:MAX_QUERY_CHARS]
        remarks.append(f"查询过长，只使用了前 {MAX_QUERY_CHARS} 个字符。")
    if raw.count('"') % 2:
        remarks.append("引号不成对，已按到行尾的短语处理。")
    clauses: list[list[Term]] = []
    join_next = False
    for match in _TOKEN.finditer(raw):
        token = match.group(0)
        if match["word"] == "OR" and not match["scope"]:
            join_next = bool(clauses)
            continue
        text = normalize(
            match["phrase"] if match["phrase"] is not None else match["word"] or ""
        )
        text = text.strip()
        if not text or text in {"-", "OR", "AND"}:
            continue
        scope = _SCOPE_ALIASES.get(match["scope"] or "", match["scope"] or "")
        term = Term(
            text=text, scope=scope, negated=token.startswith("-") and len(token) > 1
        )
        if join_next and clauses and not term.negated and not clauses[-1][0].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    query = Query(clauses=tuple(tuple(c) for c in clauses), notices=tuple(remarks))
    if clauses and query.is_empty:
        remarks.append("只有排除条件时无法检索，请至少输入一个要查找的词。")
        return Query(clauses=(), notices=tuple(remarks))
    return query


@dataclass(frozen=True, slots=True)
class Snippet:
    """Pieces of printed text; odd-numbered pieces are the matched strings."""

    pieces: tuple[str, ...]
    prefix: bool  # text was cut before
    suffix: bool  # text was cut after


def match_spans(normalised: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of every term, longest terms first."""
    taken = bytearray(len(normalised))
    spans = []
    for term in terms:
        start = normalised.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                spans.append((start, end))
            start = normalised.find(term, end)
    return sorted(spans)


def snippet(text: str, terms: list[str], *, width: int = 120) -> Snippet:
    """The densest window of `text` around matches, split for highlighting."""
    normalised = normalize(text)
    if len(normalised) != len(text):  # defensive: never mis-highlight
        normalised = text.translate(_ASCII_UPPER)
    spans = match_spans(normalised, terms)
    if not spans:
        cut = text[:width]
        return Snippet((cut,), False, len(text) > width)
    best_start, best_count = spans[0][0], 0
    for index, (start, _) in enumerate(spans):
        count = sum(1 for s, _ in spans[index:] if s < start + width)
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, best_start - width // 4)
    end = min(len(text), begin + width)
    return Snippet(_split(text, spans, begin, end), begin > 0, end < len(text))


def highlight(text: str, terms: list[str]) -> tuple[str, ...]:
    """The whole text split into plain and matched pieces (odd pieces matched)."""
    normalised = normalize(text)
    if len(normalised) != len(text):
        normalised = text.translate(_ASCII_UPPER)
    return _split(text, match_spans(normalised, terms), 0, len(text))


def _split(
    text: str, spans: list[tuple[int, int]], begin: int, end: int
) -> tuple[str, ...]:
    pieces = []
    cursor = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        pieces.append(text[cursor:start])
        pieces.append(text[start:stop])
        cursor = stop
    pieces.append(text[cursor:end])
    return tuple(pieces)


def title_word_hits(title: str, terms: list[str]) -> int:
    """How many terms are whole jieba words of the title: a relevance signal only.

    Recall never depends on segmentation (query and text segment differently);
    a title where 金融 is a word ranks above one where it is part of 金融街.
    """
    from archive.wordseg import words

    found = set(words(title))
    return sum(1 for term in terms if term in found)
