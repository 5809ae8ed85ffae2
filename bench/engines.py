"""What is timed: our search page, and the alternatives a user would pick.

Every engine answers the same request (a query string and facet filters, as the
search form sends them) with the same page: the total, the first 20 items with a
highlighted snippet, and facet counts over the whole result set. Each returns the
total and the ids shown, and can say which items it matched (for recall).

* `Us`: archive.filters.search_results, the search page's own code path.
* `Icontains`: what a plain Django site does: `title__icontains | text__icontains`
  for each word as typed, newest first; facets by the same single statement.
* `Trigram`: pg_trgm's GIN index with `LIKE '%term%'` on the normalised text.
* `Tantivy`: the Rust engine (PyPI `tantivy`) over the same items, each run of
  the normalised text indexed as its overlapping bigrams with positions, so a
  term is a phrase of its bigrams: exact substring matching with no recheck.
  Facets are tantivy aggregations over fast fields.
* `Floor`: a bare lookup of the query's bigrams in our GIN index that only
  counts: what PostgreSQL cannot beat with this index.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from archive.filters import ItemFilter, facets, index_first, search_results
from archive.models import Item, Place
from archive.search import Query, normalize, parse_query, snippet

PER_PAGE = 20
SEPARATOR = "\x1f"  # between runs in tantivy's token stream: no bigram spans it


def _filters_only(data: dict[str, str]) -> QuerySet[Item]:
    """The published items the request's facet filters allow (no query)."""
    rest = {k: v for k, v in data.items() if k != "q"}
    return ItemFilter(rest, queryset=Item.objects.published()).qs


def _facet_args(data: dict[str, str]) -> dict[str, Any]:
    place = (
        Place.objects.filter(code=data["place"]).first() if "place" in data else None
    )
    return {"year": int(data["year"]) if "year" in data else None, "place": place}


def _page(matched: QuerySet[Item], data: dict[str, str], terms: list[str]) -> tuple:
    """The page a plain Django view builds: count + facets, newest 20, snippets."""
    total, _ = facets(matched, **_facet_args(data))
    shown = list(
        matched.order_by("-date", "pk").select_related("page__issue__publication")[
            :PER_PAGE
        ]
    )
    for item in shown:
        snippet(item.text, terms)
    return total, [item.pk for item in shown]


class Engine:
    name = ""
    description = ""
    slow = False  # time a seeded sample of the queries when the corpus is large

    def setup(self) -> dict[str, Any]:
        """Build what the engine needs; return facts (build seconds, size)."""
        return {}

    def run(self, data: dict[str, str]) -> tuple[int, list[int]]:
        raise NotImplementedError

    def matched_ids(self, data: dict[str, str]) -> list[int]:
        """Every item the engine matches (for recall and precision)."""
        raise NotImplementedError


class Us(Engine):
    name = "us"
    description = "archive.filters.search_results: bigram GIN + recheck, ranked, facets"

    def run(self, data):
        cache.clear()  # facet counts are cached per query: time them cold
        results = search_results(data, user=AnonymousUser())
        return results.total, [hit.item.pk for hit in results.hits]

    def matched_ids(self, data):
        matched = ItemFilter(data, queryset=Item.objects.published()).qs
        return list(matched.order_by().values_list("pk", flat=True))


class Icontains(Engine):
    name = "icontains"
    description = "plain Django: title/text __icontains per word as typed, newest first"
    slow = True

    @staticmethod
    def _condition(q: str) -> tuple[Q, list[str]]:
        condition, words, join = Q(), [], False
        clauses: list[tuple[bool, list[str]]] = []
        for token in q.split():
            if token == "OR":
                join = bool(clauses)
                continue
            negated = token.startswith("-") and len(token) > 1
            word = token[1:] if negated else token
            words.append(word)
            if join and not negated:
                clauses[-1][1].append(word)
            else:
                clauses.append((negated, [word]))
            join = False
        for negated, alternatives in clauses:
            either = Q()
            for word in alternatives:
                either |= Q(title__icontains=word) | Q(text__icontains=word)
            condition &= ~either if negated else either
        return condition, words

    def _matched(self, data):
        condition, words = self._condition(data["q"])
        return _filters_only(data).filter(condition), words

    def run(self, data):
        matched, words = self._matched(data)
        return _page(matched, data, words)

    def matched_ids(self, data):
        matched, _ = self._matched(data)
        return list(matched.order_by().values_list("pk", flat=True))


class Trigram(Engine):
    name = "pg_trgm"
    description = "pg_trgm GIN on the normalised text, LIKE '%term%' per term"
    slow = True
    index = "bench_item_trgm"

    def setup(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [self.index])
            if cursor.fetchone()[0] is not None:
                return {"reused": True}
            started = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                f"CREATE INDEX {self.index} ON archive_item "
                "USING gin (normalized_text gin_trgm_ops)"
            )
            return {"build_seconds": time.perf_counter() - started}

    def _matched(self, data):
        query = parse_query(data["q"])
        condition = Q()
        for clause in query.clauses:
            either = Q()
            for term in clause:
                field = "search_title" if term.scope == "title" else "normalized_text"
                either |= Q(**{f"{field}__contains": term.text})
            condition &= ~either if clause[0].negated else either
        return _filters_only(data).filter(condition), query

    def run(self, data):
        matched, query = self._matched(data)
        return _page(matched, data, query.highlight_terms())

    def matched_ids(self, data):
        matched, _ = self._matched(data)
        return list(matched.order_by().values_list("pk", flat=True))


class Floor(Engine):
    name = "floor"
    description = "bare GIN lookup of the query's bigrams, count only (no recheck)"

    def run(self, data):
        tsquery = parse_query(data["q"]).tsquery()
        with index_first(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM archive_item WHERE search_bigrams @@ %s::tsquery",
                [tsquery],
            )
            return cursor.fetchone()[0], []

    def matched_ids(self, data):
        with index_first(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM archive_item WHERE search_bigrams @@ %s::tsquery",
                [parse_query(data["q"]).tsquery()],
            )
            return [pk for (pk,) in cursor.fetchall()]


def bigram_stream(normalised: str) -> str:
    """Runs of normalised text as bigram tokens, a separator token between runs."""
    runs = normalised.split()
    return f" {SEPARATOR} ".join(" ".join(map(str.__add__, r, r[1:])) for r in runs)


class Tantivy(Engine):
    name = "tantivy"
    description = "tantivy 0.27: bigram phrase queries (exact), aggregations as facets"

    FACETS = ("kind", "publication", "programme", "notice_type", "issuer", "city")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index: Any = None
        self.schema: Any = None
        self._ids: list[int] = []

    def _schema(self):
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
        builder.add_text_field(
            "grams", tokenizer_name="whitespace", index_option="position"
        )
        builder.add_text_field(
            "title_grams", tokenizer_name="whitespace", index_option="position"
        )
        builder.add_unsigned_field("day", indexed=True, fast=True)  # yyyymmdd
        builder.add_unsigned_field("year", indexed=True, fast=True)
        builder.add_unsigned_field("month", indexed=True, fast=True)
        for name in ("status", "place", *self.FACETS):
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
        builder.add_text_field(
            "title", stored=True, tokenizer_name="raw", index_option="basic"
        )
        builder.add_text_field(
            "text", stored=True, tokenizer_name="raw", index_option="basic"
        )
        return builder.build()

    def setup(self):
        import tantivy

        self.schema = self._schema()
        done = self.folder / "complete"
        if done.exists():
            self.index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
            return {"reused": True, "size_bytes": _folder_size(self.folder)}
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        started = time.perf_counter()
        self.index = tantivy.Index(self.schema, path=str(self.folder), reuse=False)
        writer = self.index.writer(heap_size=512_000_000, num_threads=2)
        documents = 0
        for row in item_rows():
            writer.add_document(self._document(tantivy, row))
            documents += 1
        writer.commit()
        writer.wait_merging_threads()
        done.write_text("ok")
        return {
            "build_seconds": time.perf_counter() - started,
            "documents": documents,
            "size_bytes": _folder_size(self.folder),
        }

    @staticmethod
    def _document(tantivy, row: ItemRow) -> Any:
        doc = tantivy.Document()
        doc.add_unsigned("id", row.id)
        doc.add_text("grams", bigram_stream(row.normalised))
        doc.add_text("title_grams", bigram_stream(row.search_title))
        day = row.day
        doc.add_unsigned("day", day.year * 10000 + day.month * 100 + day.day)
        doc.add_unsigned("year", day.year)
        doc.add_unsigned("month", day.month)
        doc.add_text("status", row.status)
        doc.add_text("kind", row.kind)
        doc.add_text("publication", row.publication)
        for value in row.programmes:
            doc.add_text("programme", value)
        if row.notice_type:
            doc.add_text("notice_type", row.notice_type)
        if row.issuer:
            doc.add_text("issuer", row.issuer)
        for value in row.cities:
            doc.add_text("city", value)
        for value in row.places:
            doc.add_text("place", value)
        doc.add_text("title", row.title)
        doc.add_text("text", row.text)
        return doc

    def _term(self, tantivy, text: str, field: str):
        runs = text.split()
        parts = []
        for run in runs:
            grams = [a + b for a, b in itertools.pairwise(run)]
            if not grams:  # a one-character run: not indexed by this peer
                return tantivy.Query.empty_query()
            if len(grams) == 1:
                parts.append(tantivy.Query.term_query(self.schema, field, grams[0]))
            else:
                parts.append(tantivy.Query.phrase_query(self.schema, field, grams))
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, p) for p in parts])

    def query(self, data: dict[str, str]):
        import tantivy

        parsed: Query = parse_query(data["q"])
        must = []
        for clause in parsed.clauses:
            either = [
                self._term(
                    tantivy, t.text, "title_grams" if t.scope == "title" else "grams"
                )
                for t in clause
            ]
            one = (
                either[0]
                if len(either) == 1
                else tantivy.Query.boolean_query(
                    [(tantivy.Occur.Should, q) for q in either]
                )
            )
            must.append(
                (
                    tantivy.Occur.MustNot if clause[0].negated else tantivy.Occur.Must,
                    one,
                )
            )
        exact = {
            "status": "published",
            "kind": data.get("kind"),
            "publication": data.get("publication"),
            "programme": data.get("programme"),
            "notice_type": data.get("notice_type"),
            "place": data.get("place"),
        }
        for field, value in exact.items():
            if value:
                must.append(
                    (
                        tantivy.Occur.Must,
                        tantivy.Query.term_query(self.schema, field, value),
                    )
                )
        for field in ("year", "month"):
            if data.get(field):
                term = tantivy.Query.term_query(self.schema, field, int(data[field]))
                must.append((tantivy.Occur.Must, term))
        return tantivy.Query.boolean_query(must)

    def run(self, data):
        searcher = self.index.searcher()
        query = self.query(data)
        found = searcher.search(query, PER_PAGE, count=True, order_by_field="day")
        aggregations = {
            name: {"terms": {"field": name, "size": 30}} for name in self.FACETS
        }
        aggregations["year" if not data.get("year") else "month"] = {
            "terms": {"field": "year" if not data.get("year") else "month", "size": 50}
        }
        searcher.aggregate(query, aggregations)
        terms = parse_query(data["q"]).highlight_terms()
        shown = []
        for _, address in found.hits:
            document = searcher.doc(address)
            shown.append(document["id"][0])
            snippet(document["text"][0], terms)
        return found.count, shown

    def ids(self, data: dict[str, str]) -> list[int]:
        searcher = self.index.searcher()
        query = self.query(data)
        count = searcher.search(query, 1, count=True).count
        if not count:
            return []
        found = searcher.search(query, count, count=False, order_by_field="id")
        return [key for key, _ in found.hits]

    def matched_ids(self, data):
        return self.ids(data)


class ItemRow(NamedTuple):
    """One item as the tantivy peer indexes it and the recall truth tests it."""

    id: int
    normalised: str
    title: str
    search_title: str
    text: str
    kind: str
    status: str
    day: date
    publication: str  # slug
    programmes: tuple[str, ...]  # slugs
    notice_type: str | None
    issuer: str | None
    cities: tuple[str, ...]  # codes
    places: tuple[str, ...]  # codes, with every ancestor


def item_rows() -> Iterator[ItemRow]:
    """Every item with what the peer indexes, streamed with a server-side cursor."""
    sql = """
    SELECT i.id, i.normalized_text, i.title, i.search_title, i.text, i.kind,
           i.status, i.date, p.slug,
           (SELECT array_agg(g.slug) FROM archive_item_programmes ig
              JOIN archive_programme g ON g.id = ig.programme_id
             WHERE ig.item_id = i.id),
           n.notice_type, n.issuer,
           (SELECT array_agg(DISTINCT c.code) FROM archive_item_places ip
              JOIN archive_place pl ON pl.id = ip.place_id
              JOIN archive_place c ON c.id = pl.city_id
             WHERE ip.item_id = i.id),
           (SELECT array_agg(DISTINCT a.code) FROM archive_item_places ip
              JOIN archive_place pl ON pl.id = ip.place_id
              JOIN archive_place a ON a.id IN (pl.id, pl.province_id, pl.city_id,
                                               pl.county_id)
             WHERE ip.item_id = i.id)
      FROM archive_item i
      JOIN archive_page pg ON pg.id = i.page_id
      JOIN archive_issue iss ON iss.id = pg.issue_id
      JOIN archive_publication p ON p.id = iss.publication_id
      LEFT JOIN notices_notice n ON n.item_id = i.id
    """
    # A server-side cursor lives in a transaction (atomic also connects).
    with (
        transaction.atomic(),
        connection.connection.cursor(name="bench_tantivy") as cursor,
    ):
        cursor.itersize = 5000
        cursor.execute(sql)
        for row in cursor:
            programmes, cities, places = row[9], row[12], row[13]
            yield ItemRow(
                *row[:9],
                tuple(programmes or ()),
                *row[10:12],
                tuple(cities or ()),
                tuple(places or ()),
            )


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def normalised_terms(q: str) -> list[str]:
    return [normalize(t) for t in q.split()]
