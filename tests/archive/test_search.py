"""The search contract: every item containing the words comes back, nothing else.

A generated corpus of 20,000 items is searched with 200+ queries and compared with
a plain substring scan; plans are checked with EXPLAIN; hostile input never 500s.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.filters import (
    _Reranked,
    index_first,
    no_index_walks,
    resolve_search,
    search_results,
)
from archive.ingest.decoding import decode_page
from archive.ingest.generator import generate_pages, to_traditional
from archive.models import Item, Page
from archive.search import normalize, parse_query
from tests.factories import IssueFactory, PageFactory

CORPUS_ITEMS = 20_000
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "pages"
SPECIALS = ["ESG挂钩贷款", "5G基站", "3.25亿元", "ＥＳＧ", "A+H上市"]


def _texts(count: int) -> list[str]:
    chunks: list[str] = []
    for page in generate_pages(pages=count // 4 + 50, seed=11):
        text = decode_page(page.data, filename=page.filename).text
        lines = [line for line in text.split("\n") if line.strip()]
        for start in range(0, len(lines), 3):
            chunks.append("\n".join(lines[start : start + 3])[:400])
            if len(chunks) == count:
                return chunks
    return chunks


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """20,000 committed items (built once, removed afterwards)."""
    rng = random.Random(5)
    with django_db_blocker.unblock():
        pages = [PageFactory(issue=IssueFactory()) for _ in range(20)]
        texts = _texts(CORPUS_ITEMS)
        for special in SPECIALS:
            for index in rng.sample(range(len(texts)), 15):
                texts[index] += f"，{special}"
        items = []
        for index, text in enumerate(texts):
            page = pages[index % len(pages)]
            item = Item(
                kind="article" if index % 3 else "notice",
                page=page,
                position=index // len(pages) + 1,
                title=text.split("\n")[0][:60] or "无题",
                text=text,
                date=page.issue.date,
                status="published",
            )
            item.refresh_search_fields()
            items.append(item)
        Item.objects.bulk_create(items, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_item")
        yield {item.pk: item.normalized_text for item in items}
        issues = [p.issue for p in pages]
        Page.objects.filter(pk__in=[p.pk for p in pages]).delete()
        for issue in issues:
            publication = issue.publication
            issue.delete()
            publication.delete()


def _queries(haystacks: list[str]) -> list[str]:
    rng = random.Random(7)
    queries: list[str] = []
    lengths = [1] * 20 + [2] * 70 + [3] * 60 + [4] * 30 + [6] * 20
    while len(queries) < len(lengths):
        length = lengths[len(queries)]
        text = rng.choice(haystacks)
        start = rng.randrange(max(1, len(text) - length))
        candidate = text[start : start + length]
        if len(candidate) == length and not any(c in candidate for c in ' \n":-'):
            queries.append(candidate)
    # Latin, digits, width and Traditional forms: the reporter's other spellings.
    queries += ["esg", "ESG", "5g", "3.25亿元", "ＥＳＧ挂钩", "A+H"]
    queries += [to_traditional(q) for q in queries[100:115]]
    return queries


@pytest.mark.django_db
def test_search_finds_exactly_the_items_that_contain_the_query(corpus):
    haystacks = list(corpus.values())
    queries = _queries(haystacks)
    assert len(queries) >= 200
    misses, false_hits = {}, {}
    for raw in queries:
        needle = normalize(raw)
        truth = {pk for pk, hay in corpus.items() if needle in hay}
        with index_first():
            found = set(
                Item.objects.search(parse_query(raw)).values_list("pk", flat=True)
            )
        if truth - found:
            misses[raw] = len(truth - found)
        if found - truth:
            false_hits[raw] = len(found - truth)
    assert misses == {}
    assert false_hits == {}


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["贷款", "普惠小微", "绿色金融 赤峰", "金融"])
def test_searches_of_two_or_more_characters_use_the_index(corpus, raw):
    # Ordered newest first, as a searched page is fetched.
    with index_first(), no_index_walks(searching=True):
        plan = Item.objects.search(parse_query(raw)).order_by("-date")[:20].explain()
    assert "item_search_status_gin" in plan
    assert "Seq Scan on archive_item" not in plan


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["的", "金融", "贷款 OR 金融"])
def test_published_searches_decide_the_status_inside_the_search_index(corpus, raw):
    # Driving a common term's search from a status index instead would read
    # every published row's tsvector: seconds instead of milliseconds.
    # Unordered, as the total and the facets count them (a date-ordered page
    # is fetched under no_index_walks: see the test above).
    with index_first():
        plan = Item.objects.published().search(parse_query(raw)).order_by().explain()
    assert "item_search_status_gin" in plan
    assert "item_status_date_idx" not in plan
    assert "item_kind_status_idx" not in plan
    assert "Filter" not in plan  # an exact token: no row is read to decide it


@pytest.mark.django_db
def test_facet_counts_equal_a_brute_force_count(corpus):
    results = search_results({"q": "贷款"}, user=AnonymousUser())
    needle = normalize("贷款")
    truth = [pk for pk, hay in corpus.items() if needle in hay]
    assert results.total == len(truth)
    kinds = Counter(Item.objects.filter(pk__in=truth).values_list("kind", flat=True))
    assert {v.key: v.count for v in results.facets["kind"]} == dict(kinds)
    years = Counter(
        d.year for d in Item.objects.filter(pk__in=truth).values_list("date", flat=True)
    )
    assert {int(v.key): v.count for v in results.facets["year"]} == dict(years)


def test_a_ranked_search_matches_once_and_its_next_page_not_at_all(corpus):
    # Matching a term of 3+ characters re-checks every candidate's text; at
    # 1 M items that was 1.3 s, paid once for the counts and again for the
    # relevance head. The counting statement now returns the head's ids too.
    data = {"q": "贷款 金融"}
    user = AnonymousUser()
    resolved = resolve_search(data, user=user)
    expected = _Reranked(resolved.ordered(), resolved.query)[0:20]
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        results = search_results(data, user=user)
    matching = [q for q in first.captured_queries if "@@" in q["sql"]]
    assert len(matching) == 1
    assert results.total > 40
    assert [hit.item.pk for hit in results.hits] == [item.pk for item in expected]

    with CaptureQueriesContext(connection) as second:
        page_two = search_results(data, user=user, page_number=2)
    assert not [q for q in second.captured_queries if "@@" in q["sql"]]
    assert page_two.page.number == 2
    assert [hit.item.pk for hit in page_two.hits] == [
        item.pk for item in _Reranked(resolved.ordered(), resolved.query)[20:40]
    ]
