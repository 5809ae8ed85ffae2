"""Many files at once: parsing workers and batched writes store exactly what the
one-page path stores, and a failing batch never costs the good pages."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection

from archive.ingest import loaders, parallel
from archive.ingest.generator import generate_pages
from archive.models import (
    Figure,
    ImportRun,
    Issue,
    Item,
    Page,
    PageRevision,
    Publication,
)
from notices.models import Notice

pytestmark = pytest.mark.django_db

PAGES = 40  # with seed 3: GBK and Traditional pages, articles and notices


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for page in generate_pages(pages=PAGES, seed=3):
        path = folder / page.filename
        path.write_bytes(page.data)
        sidecar = json.dumps(page.sidecar, ensure_ascii=False)
        path.with_suffix(".json").write_text(sidecar, encoding="utf-8")
    return folder


@pytest.fixture
def pages(generated, tmp_path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(generated, folder)
    return folder


def _import(*args: str) -> str:
    out = StringIO()
    call_command("import_pages", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _snapshot() -> dict:
    """Everything an import stores, keyed by natural keys (ids and times left out)."""
    state: dict = {}
    for page in Page.objects.select_related("issue__publication"):
        key = (page.issue.publication.slug, page.issue.date, page.number)
        state[key] = (
            bytes(page.raw),
            page.text,
            page.encoding,
            page.sha256,
            page.section,
            page.source_filename,
            page.issue.date_status,
        )
    items = Item.objects.select_related("page__issue__publication", "article", "notice")
    with connection.cursor() as cursor:
        # The stored tsvector, not the literal that was sent: its normal form.
        cursor.execute("SELECT id, search_bigrams::text FROM archive_item")
        vectors = dict(cursor.fetchall())
    for item in items.prefetch_related("places", "programmes", "figures"):
        key = (
            item.page.issue.publication.slug,
            item.page.issue.date,
            item.page.number,
            item.position,
        )
        details = item.details
        state[key] = (
            item.kind,
            item.title,
            item.text,
            item.normalized_text,
            item.search_title,
            vectors[item.pk],
            item.source_line,
            item.parsed_digest,
            item.date,
            item.status,
            item.published_at is not None,
            sorted(p.code for p in item.places.all()),
            sorted(p.slug for p in item.programmes.all()),
            [
                (f.position, f.text, f.value, f.unit, f.as_of, f.context)
                for f in item.figures.order_by("position")
            ],
            {
                f.name: getattr(details, f.name)
                for f in type(details)._meta.concrete_fields
                if f.name != "item"
            },
        )
    return state


def _wipe() -> None:
    Page.objects.all().delete()
    Issue.objects.all().delete()
    Publication.objects.all().delete()


def test_batched_parallel_import_stores_what_the_one_page_path_stores(pages, places):
    out = _import(str(pages), "--publish", "--workers", "2", "--batch", "16")
    assert f"新增 {PAGES}" in out
    batched = _snapshot()
    assert len(batched) > PAGES * 3  # pages and their items
    assert any(row[2] == "gb18030" for row in batched.values() if len(row) == 7)

    _wipe()
    _import(str(pages), "--publish", "--workers", "1", "--batch", "1")
    assert _snapshot() == batched


def test_each_item_gets_the_search_fields_the_model_computes(pages, places):
    _import(str(pages), "--workers", "2", "--batch", "8")
    for item in Item.objects.all():
        stored = (item.normalized_text, item.search_title, item.search_bigrams)
        item.refresh_search_fields()
        assert stored[:2] == (item.normalized_text, item.search_title)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT %s::tsvector = %s::tsvector", [*stored[2:], item.search_bigrams]
            )
            assert cursor.fetchone() == (True,)


def test_importing_the_same_files_again_writes_nothing(pages, places):
    _import(str(pages), "--workers", "2", "--batch", "8")
    before = list(Item.objects.order_by("pk").values_list("pk", "updated_at"))
    out = _import(str(pages), "--workers", "2", "--batch", "8")
    assert f"未变 {PAGES}" in out
    assert list(Item.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_a_page_the_database_refuses_fails_alone_and_names_its_file(pages, places):
    bad = sorted(pages.glob("*.json"))[5]
    sidecar = json.loads(bad.read_text(encoding="utf-8"))
    bad.write_text(json.dumps(sidecar | {"page": 40000}), encoding="utf-8")
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import(str(pages), "--workers", "2", "--batch", "8")
    assert Page.objects.count() == PAGES - 1
    assert not Page.objects.filter(number=40000).exists()
    error = ImportRun.objects.get().errors[0]
    assert error["file"] == str(bad.with_suffix(".txt"))
    assert "无法写入" in error["message"]


def test_a_batch_that_fails_midway_is_stored_page_by_page(pages, places, monkeypatch):
    copy_rows = loaders._Copier.rows
    failures = []

    def fail_once_at_figures(self, model, columns, rows):
        if model is Figure and not failures:
            failures.append(model)
            raise DatabaseError("simulated failure after pages and items were sent")
        return copy_rows(self, model, columns, rows)

    monkeypatch.setattr(loaders._Copier, "rows", fail_once_at_figures)
    out = _import(str(pages), "--workers", "2", "--batch", "16")
    assert failures and f"新增 {PAGES}" in out
    batched = _snapshot()

    _wipe()
    monkeypatch.undo()
    _import(str(pages), "--workers", "1", "--batch", "1")
    assert _snapshot() == batched  # nothing doubled, nothing lost


def test_a_second_file_for_the_same_slot_updates_the_first(pages, places):
    files = sorted(pages.glob("*.txt"))
    twin = pages / "zz_twin.txt"
    twin.write_bytes(files[0].read_bytes().replace("。".encode(), "；".encode(), 1))
    shutil.copy(files[0].with_suffix(".json"), twin.with_suffix(".json"))
    out = _import(str(pages), "--workers", "2", "--batch", "64")
    assert f"新增 {PAGES}" in out and "更新 1" in out
    revision = PageRevision.objects.get()
    assert bytes(revision.raw) == files[0].read_bytes()
    assert bytes(revision.page.raw) == twin.read_bytes()


def test_a_parser_bug_fails_only_its_page_in_a_worker(pages, places, monkeypatch):
    victim = sorted(pages.glob("*.txt"))[3]
    parse_source = parallel.parse_source

    def buggy(source, context):
        if source.name == str(victim):
            raise RuntimeError("boom")
        return parse_source(source, context)

    monkeypatch.setattr(parallel, "parse_source", buggy)  # workers fork after this
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import(str(pages), "--workers", "2", "--batch", "8")
    assert Page.objects.count() == PAGES - 1
    error = ImportRun.objects.get().errors[0]
    assert error["file"] == str(victim)
    assert error["message"] == f"{victim}: 内部错误（boom）"


def test_dry_run_json_is_the_same_with_workers(pages, places):
    one = _import(str(pages), "--dry-run", "--json", "--workers", "1")
    two = _import(str(pages), "--dry-run", "--json", "--workers", "2")
    assert one == two and len(json.loads(one)["pages"]) == PAGES
    assert Page.objects.count() == 0 and Notice.objects.count() == 0


def _reference_tokens(normalised: str) -> set[str]:
    """The definition: characters and bigrams within each whitespace-free run."""
    tokens: set[str] = set()
    for run in normalised.split():
        tokens.update(run)
        tokens.update(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


@pytest.mark.parametrize(
    "text",
    [
        "普惠小微贷款余额 289.42亿元",
        "It's a \\ back\\slash 'quoted' O''Neil",
        "全角　空格\u3000和\t制表\n换行\u2003em\xa0nbsp",
        "",
        "  ",
        "單字",
    ],
)
def test_bigram_literal_holds_exactly_the_defined_tokens(text):
    from archive.search import bigram_literal, bigrams, normalize

    normalised = normalize(text)
    assert bigrams(normalised) == _reference_tokens(normalised)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(lexeme ORDER BY lexeme), '{}')"
            " FROM unnest(%s::tsvector)",
            [bigram_literal(normalised)],
        )
        (lexemes,) = cursor.fetchone()
    assert sorted(lexemes) == sorted(_reference_tokens(normalised))


def test_batched_pages_get_the_issuer_names_editors_mapped(pages, places):
    from notices.models import IssuerName

    _import(str(pages), "--workers", "1", "--batch", "1")
    printed = Notice.objects.exclude(issuer="").values_list("issuer", flat=True)[0]
    _wipe()
    IssuerName.objects.create(name=printed, canonical="规范机构名")
    _import(str(pages), "--workers", "2", "--batch", "16")
    assert not Notice.objects.filter(issuer=printed).exists()
    assert Notice.objects.filter(issuer="规范机构名").exists()
