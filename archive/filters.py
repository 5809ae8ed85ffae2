"""The search and browse filters, and the facet counts computed on their result."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import django_filters
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count, QuerySet

from .models import Item, Place
from .privacy import reader_text
from .search import Query, Snippet, parse_query, snippet, title_word_hits

SORTS = {
    "relevance": "相关度",
    "newest": "最新在前",
    "oldest": "最早在前",
}


class ItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    place = django_filters.CharFilter(method="filter_place", label="地区代码")
    # Bounded: a year past 9999 cannot become a date range and would fail in SQL.
    year = django_filters.NumberFilter(
        field_name="date__year",
        lookup_expr="exact",
        min_value=1,
        max_value=9999,
        decimal_places=0,
    )
    month = django_filters.NumberFilter(
        field_name="date__month",
        lookup_expr="exact",
        min_value=1,
        max_value=12,
        decimal_places=0,
    )
    programme = django_filters.CharFilter(
        field_name="programmes__slug", lookup_expr="exact", label="五篇大文章"
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", lookup_expr="exact", choices=Item.Kind.choices
    )
    notice_type = django_filters.CharFilter(
        field_name="notice__notice_type", lookup_expr="exact", label="公告类型"
    )
    issuer = django_filters.CharFilter(
        field_name="notice__issuer", lookup_expr="exact", label="发布机构"
    )
    publication = django_filters.CharFilter(
        field_name="page__issue__publication__slug", lookup_expr="exact", label="报纸"
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Item
        fields: list[str] = []

    @property
    def query(self) -> Query:
        return (
            parse_query(self.form.cleaned_data.get("q") or "")
            if self.is_bound
            else Query()
        )

    def filter_q(
        self, queryset: QuerySet[Item], name: str, value: str
    ) -> QuerySet[Item]:
        return queryset.search(parse_query(value)) if value.strip() else queryset

    def filter_place(
        self, queryset: QuerySet[Item], name: str, value: str
    ) -> QuerySet[Item]:
        place = Place.objects.filter(code=value).first()
        if place is None:
            return queryset.none()
        return queryset.about_place(place)


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int


def place_facet(items: QuerySet[Item], selected: Place | None) -> list[FacetValue]:
    """Counts one level below the selected place (cities under a province …)."""
    through = Item.places.through.objects.filter(
        item_id__in=items.order_by().values("pk")
    )
    if selected is None:
        level_field = "place__city"
        through = through.filter(place__city__isnull=False)
    elif selected.level == Place.Level.PROVINCE:
        level_field = "place__city"
        through = through.filter(place__province=selected, place__city__isnull=False)
    elif selected.level == Place.Level.CITY:
        level_field = "place__county"
        through = through.filter(place__city=selected, place__county__isnull=False)
    else:
        level_field = "place"
        through = through.filter(place__county=selected, place__level="town")
    rows = (
        through.values(f"{level_field}__code", f"{level_field}__name")
        .annotate(count=Count("item_id", distinct=True))
        .order_by("-count", f"{level_field}__name")[:30]
    )
    return [
        FacetValue(
            row[f"{level_field}__code"], row[f"{level_field}__name"], row["count"]
        )
        for row in rows
    ]


# One row per facet value, all facets in one statement over the matches, which
# are computed once (MATERIALIZED): the substring recheck that makes a search
# exact is its whole cost, so it must not run once per facet.
_FACET_SQL = """
WITH m(id, kind, day, publication_id{head_column}) AS MATERIALIZED ({matches})
SELECT 'total', '', '', count(*) FROM m
UNION ALL
SELECT 'kind', m.kind, m.kind, count(*) FROM m GROUP BY m.kind
UNION ALL
SELECT 'year', extract(year FROM m.day)::int::text, '', count(*) FROM m GROUP BY 2
UNION ALL
SELECT 'month', extract(month FROM m.day)::int::text, '', count(*) FROM m
 WHERE extract(year FROM m.day) = %s GROUP BY 2
UNION ALL
SELECT 'publication', p.slug, p.name, count(*) FROM m
  JOIN archive_publication p ON p.id = m.publication_id GROUP BY p.slug, p.name
UNION ALL
SELECT 'programme', g.slug, g.name, count(*) FROM m
  JOIN archive_item_programmes ig ON ig.item_id = m.id
  JOIN archive_programme g ON g.id = ig.programme_id GROUP BY g.slug, g.name
UNION ALL
SELECT 'notice_type', n.notice_type, n.notice_type_label, count(*) FROM m
  JOIN notices_notice n ON n.item_id = m.id GROUP BY n.notice_type, n.notice_type_label
UNION ALL
SELECT 'issuer', n.issuer, n.issuer, count(*) FROM m
  JOIN notices_notice n ON n.item_id = m.id WHERE n.issuer <> '' GROUP BY n.issuer
UNION ALL
SELECT 'place', lvl.code, lvl.name, counted.n FROM (
  SELECT level_id, count(*) AS n FROM (
    -- An item about two counties of one city counts once for the city: the
    -- (item, place) pairs are made distinct first, which hashes instead of
    -- sorting every pair as count(DISTINCT …) would.
    SELECT DISTINCT ip.item_id, pl.{level_column} AS level_id FROM m
      JOIN archive_item_places ip ON ip.item_id = m.id
      JOIN archive_place pl ON pl.id = ip.place_id
     WHERE {place_condition} AND pl.{level_column} IS NOT NULL
  ) pairs GROUP BY level_id
) counted
  JOIN archive_place lvl ON lvl.id = counted.level_id
{head}"""
FACET_LIMITS = {"issuer": 10, "place": 30, "publication": 30, "year": 50}


def _place_level(selected: Place | None) -> tuple[str, str, list[Any]]:
    """(column of the level below `selected`, its condition, params)."""
    if selected is None or selected.level == Place.Level.PROVINCE:
        condition = "pl.province_id = %s" if selected else "TRUE"
        return "city_id", condition, [selected.pk] if selected else []
    if selected.level == Place.Level.CITY:
        return "county_id", "pl.city_id = %s", [selected.pk]
    return "id", "pl.county_id = %s AND pl.level = 'town'", [selected.pk]


# The ids at the top of the relevance order (title hits, then newest), taken
# from the same materialised matches: for a term of 3+ characters every match
# is re-checked against its (often TOASTed) text, 1.3 s for 68 k matches at
# 1 M items, so the matches are found once for the counts and the head.
_HEAD_SQL = """
UNION ALL
(SELECT 'head', m.id::text, '', 0 FROM m
  ORDER BY m.title_hits DESC, m.day DESC, m.id LIMIT {limit})"""


def facets(
    items: QuerySet[Item], *, year: int | None, place: Place | None
) -> tuple[int, dict]:
    """The total and every facet with counts over the whole result set."""
    total, result, _ = counts_and_head(items, year=year, place=place)
    return total, result


def counts_and_head(
    items: QuerySet[Item],
    *,
    year: int | None,
    place: Place | None,
    head: int = 0,
) -> tuple[int, dict, list[int]]:
    """facets(), plus with `head` the ids of the first `head` matches in the
    order of `items.ranked()` (which `items` must be when `head` is given)."""
    columns = ["pk", "kind", "date", "page__issue__publication_id"]
    if head:
        columns.append("title_hits")
    try:
        matches, params = items.order_by().values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # .none(): nothing to count
        empty = {facet: [] for facet in ["place", "programme", "kind", "year"]}
        return 0, empty, []
    level_column, place_condition, place_params = _place_level(place)
    sql = _FACET_SQL.format(
        matches=matches,
        level_column=level_column,
        place_condition=place_condition,
        head_column=", title_hits" if head else "",
        head=_HEAD_SQL.format(limit=int(head)) if head else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, year or 0, *place_params])
        rows = cursor.fetchall()
    grouped: dict[str, list[FacetValue]] = {}
    total = 0
    head_ids: list[int] = []
    for facet, key, label, count in rows:
        if facet == "total":
            total = count
            continue
        if facet == "head":
            head_ids.append(int(key))
            continue
        if facet == "kind":
            label = Item.Kind(key).label
        grouped.setdefault(facet, []).append(
            FacetValue(str(key), str(label or key), count)
        )
    result: dict[str, list[FacetValue]] = {}
    for facet in ["place", "programme", "kind", "notice_type", "issuer", "publication"]:
        values = sorted(grouped.get(facet, []), key=lambda v: (-v.count, v.label))
        result[facet] = values[: FACET_LIMITS.get(facet, 20)]
    if year:
        result["month"] = sorted(grouped.get("month", []), key=lambda v: int(v.key))
    else:
        result["year"] = sorted(
            grouped.get("year", []), key=lambda v: v.key, reverse=True
        )
    return total, result, head_ids


@dataclass(frozen=True)
class Hit:
    item: Item
    snippet: Snippet


@dataclass(frozen=True)
class SearchResults:
    """Everything the search page, the command and the API show for one request."""

    filterset: ItemFilter
    query: Query
    sort: str
    total: int
    page: Page
    hits: list[Hit]
    facets: dict
    place: Place | None


# Relevance is exact (title hits, then occurrences, then date) within the first
# RERANK_WINDOW results; past it, title hits then date. Counting occurrences
# reads each match's text, which for a common term is most of the archive.
RERANK_WINDOW = 200


class _Reranked:
    """A sliceable result list whose head is re-ranked by occurrences in Python."""

    def __init__(
        self,
        ordered: QuerySet[Item],
        query: Query,
        head: QuerySet[Item] | None = None,
    ) -> None:
        """`head`, when given, holds exactly the first RERANK_WINDOW items of
        `ordered` (found with the counts), fetched by id instead of re-matched."""
        self._queryset = ordered
        self._head_items = head
        self.ordered = True  # for Paginator: the order is deliberate
        self.terms = [t.text for clause in query.positive for t in clause]
        self._head: list[Item] | None = None

    def _reranked_head(self) -> list[Item]:
        if self._head is None:
            if self._head_items is not None:
                head = list(self._head_items)
            else:
                head = list(self._queryset[:RERANK_WINDOW])
            for item in head:
                text = item.normalized_text
                item.occurrences = sum(text.count(term) for term in self.terms)
                item.word_hits = title_word_hits(item.search_title, self.terms)
            self._head = sorted(head, key=self._rank)
        return self._head

    @staticmethod
    def _rank(item: Item) -> tuple[int, ...]:
        return (
            -item.title_hits,
            -item.word_hits,
            -item.occurrences,
            -item.date.toordinal(),
            item.pk,
        )

    def __getitem__(self, window: slice) -> list[Item]:
        if window.stop is not None and window.stop <= RERANK_WINDOW:
            return self._reranked_head()[window]
        return list(self._queryset[window])

    def count(self) -> int:
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()


# Every write bumps the version at once (the importer directly, any other ORM
# write through archive/signals.py); the expiry only bounds what a raw SQL
# edit could leave stale, and frees memory for queries nobody repeats.
FACET_CACHE_SECONDS = 60 * 60
CONTENT_VERSION_KEY = "archive:content-version"


def bump_content_version() -> None:
    """Make every cached count stale: called after items are written."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 1, None)


def _facet_key(data: Mapping[str, Any]) -> list:
    # Page and sort change which rows are shown, never what is counted.
    return sorted((k, v) for k, v in data.items() if k not in {"page", "sort"})


def _cached_counts(
    items: QuerySet[Item],
    *,
    year: int | None,
    place: Place | None,
    key: list,
    head: int = 0,
) -> tuple[int, dict, list[int]]:
    """counts_and_head(), remembered per query and filters until the archive
    changes.

    Paging through a result set, or a second reporter typing the same words,
    then costs one cheap page query instead of counting the whole set again.
    """
    version = cache.get_or_set(CONTENT_VERSION_KEY, 0, None)
    payload = json.dumps([version, key, head], ensure_ascii=False, default=str)
    cache_key = "archive:facets:" + hashlib.sha256(payload.encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is None:
        cached = counts_and_head(items, year=year, place=place, head=head)
        cache.set(cache_key, cached, FACET_CACHE_SECONDS)
    return cached


class _CountedPaginator(Paginator):
    """A paginator told the count, so the search is not evaluated again for it."""

    def __init__(self, object_list, per_page, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


@contextmanager
def index_first() -> Iterator[None]:
    """Run the enclosed queries with sequential scans discouraged.

    For a very common term the planner may prefer reading the whole table
    (measured: 1.7 s) to the bitmap index scan (91 ms); the recheck must read
    matching rows either way, so the index path is never worse.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


@contextmanager
def no_index_walks(searching: bool) -> Iterator[None]:
    """While fetching a searched page in date order, take the GIN bitmap.

    Walking the date index newest-first and reading each row's tsvector until
    twenty match is quick for a common term and reads the whole table for a
    rare one, and the planner cannot tell the two apart from its statistics;
    the bitmap costs in proportion to the matches. Only the ordered fetch is
    wrapped: the facet joins need their plain index scans (three times slower
    without them). Inside an index_first() transaction.
    """
    if not searching:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")


def search_results(
    data: Mapping[str, Any], *, user: Any, page_number: Any = 1, per_page: int = 20
) -> SearchResults:
    """Run one search (or browse): filter, count, rank, page, highlight, facet."""
    with index_first():
        return _search_results(
            data, user=user, page_number=page_number, per_page=per_page
        )


@dataclass(frozen=True)
class ResolvedSearch:
    """A request's filters, query and sort, resolved once for every consumer.

    The search page, the API, the exports and the feeds all start here, so a
    URL means the same result set wherever it is used.
    """

    filterset: ItemFilter
    items: QuerySet[Item]  # filtered, unordered
    query: Query
    sort: str
    place: Place | None
    year: int | None
    sees_drafts: bool

    @property
    def ranked(self) -> bool:
        return self.sort == "relevance" and not self.query.is_empty

    def ordered(self) -> QuerySet[Item]:
        """The matches in the requested order (SQL stage of relevance only)."""
        if self.ranked:
            return self.items.ranked(self.query)
        if self.sort == "oldest":
            return self.items.order_by("date", "page__number", "position")
        return self.items.order_by("-date", "page__number", "position")

    def counts(self, data: Mapping[str, Any]) -> tuple[int, dict]:
        """The total and facets, cached per query and filters."""
        total, values, _ = self.counts_and_head(data, head=0)
        return total, values

    def counts_and_head(
        self, data: Mapping[str, Any], *, head: int
    ) -> tuple[int, dict, list[int]]:
        """counts(), plus the ids of the first `head` matches in relevance order."""
        return _cached_counts(
            self.items.ranked(self.query) if head else self.items,
            year=self.year,
            place=self.place,
            key=[_facet_key(data), self.sees_drafts],
            head=head,
        )


def resolve_search(
    data: Mapping[str, Any], *, user: Any, base: QuerySet[Item] | None = None
) -> ResolvedSearch:
    """Bind the filters to `data`; invalid filters give an empty result set."""
    if base is None:
        base = Item.objects.visible_to(user)
    sees_drafts = user.is_authenticated and user.has_perm("archive.view_item")
    filterset = ItemFilter(data, queryset=base)
    valid = filterset.is_valid()
    items = filterset.qs if valid else base.none()
    query = filterset.query if valid else Query()
    sort = data.get("sort") or ("relevance" if not query.is_empty else "newest")
    if sort not in SORTS:
        sort = "newest"
    cleaned = filterset.form.cleaned_data if valid else {}
    place = None
    if cleaned.get("place"):
        place = Place.objects.filter(code=cleaned["place"]).first()
    return ResolvedSearch(
        filterset=filterset,
        items=items,
        query=query,
        sort=sort,
        place=place,
        year=cleaned.get("year"),
        sees_drafts=sees_drafts,
    )


def _for_display(items: QuerySet[Item]) -> QuerySet[Item]:
    # The notice (issuer) decides how much of a snippet privacy masks.
    return items.select_related("page__issue__publication", "notice").prefetch_related(
        "places", "programmes"
    )


def _search_results(
    data: Mapping[str, Any], *, user: Any, page_number: Any, per_page: int
) -> SearchResults:
    resolved = resolve_search(data, user=user)
    query = resolved.query
    ordered = _for_display(resolved.ordered())
    if resolved.ranked:
        total, facet_values, head_ids = resolved.counts_and_head(
            data, head=RERANK_WINDOW
        )
        # Fetched by id: matching the terms again would re-check every match.
        head = _for_display(
            Item.objects.visible_to(user).filter(pk__in=head_ids).ranked(query)
        )
        ordered = _Reranked(ordered, query, head=head)
    else:
        total, facet_values = resolved.counts(data)
    paginator = _CountedPaginator(ordered, per_page, count=total)
    # Relevance order starts with title hits, which no index can walk.
    with no_index_walks(searching=not query.is_empty and not resolved.ranked):
        page = paginator.get_page(page_number)
        items = list(page.object_list)
    terms = query.highlight_terms()
    hits = [
        Hit(item, snippet(reader_text(item.text, item, user), terms)) for item in items
    ]
    return SearchResults(
        filterset=resolved.filterset,
        query=query,
        sort=resolved.sort,
        total=paginator.count,
        page=page,
        hits=hits,
        facets=facet_values,
        place=resolved.place,
    )
