"""`import_pages` and `reparse_pages`: nothing lost, nothing half-written."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import (
    Figure,
    ImportRun,
    Issue,
    Item,
    ItemCorrection,
    Page,
    PageRevision,
)
from archive.services import item_correct
from notices.models import Notice

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples" / "pages"
NOTICE_PAGE = "002_88f823f1af9da45b.txt"
needs_samples = pytest.mark.skipif(
    not SAMPLES.exists(), reason=f"shared sample pages not found at {SAMPLES}"
)


@pytest.fixture
def page_file(tmp_path) -> Path:
    target = tmp_path / "tongliao_p2.txt"
    shutil.copy(SAMPLES / NOTICE_PAGE, target)
    return target


def _import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_pages", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _import_sample(path: Path, *extra: str) -> tuple[str, str]:
    return _import(
        str(path),
        "--publication",
        "tongliao-daily",
        "--publication-name",
        "通辽日报",
        "--date",
        "2026-02-03",
        "--page",
        "2",
        *extra,
    )


def _database_state() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Item.objects.count(),
        Notice.objects.count(),
        Figure.objects.count(),
        PageRevision.objects.count(),
    )


@needs_samples
def test_a_page_is_stored_byte_for_byte_with_its_items(page_file, places):
    out, _ = _import_sample(page_file)
    page = Page.objects.get()
    assert bytes(page.raw) == page_file.read_bytes()
    assert page.encoding == "utf-8"
    assert page.issue.publication.name == "通辽日报"
    kinds = list(page.items.order_by("position").values_list("kind", flat=True))
    assert kinds == ["article"] + ["notice"] * 7
    assert "新增 1" in out and "文章 1" in out and "公告 7" in out
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.counts["pages"] == {"new": 1}
    notice = Notice.objects.get(item__position=2)
    assert notice.issuer == "通辽市自然资源局"
    assert str(notice.deemed_served_on) == "2026-03-05"


@needs_samples
def test_importing_the_same_bytes_again_changes_nothing(page_file, places):
    _import_sample(page_file)
    ids = list(Item.objects.order_by("pk").values_list("pk", "updated_at"))
    before = _database_state()
    out, _ = _import_sample(page_file)
    assert "未变 1" in out
    assert _database_state() == before
    assert list(Item.objects.order_by("pk").values_list("pk", "updated_at")) == ids


@needs_samples
def test_new_bytes_replace_items_keep_history_ids_and_corrections(page_file, places):
    _import_sample(page_file)
    first_ids = dict(Item.objects.values_list("position", "pk"))
    article = Item.objects.get(position=1)
    item_correct(item=article, field="title", value="编辑改过的标题", username="editor")

    old_bytes = page_file.read_bytes()
    page_file.write_bytes(old_bytes.replace("审贷周期".encode(), "审批周期".encode()))
    out, _ = _import_sample(page_file)

    assert "更新 1" in out
    revision = PageRevision.objects.get()
    assert bytes(revision.raw) == old_bytes
    assert dict(Item.objects.values_list("position", "pk")) == first_ids
    article.refresh_from_db()
    assert article.title == "编辑改过的标题"
    assert "审批周期" in article.text


@needs_samples
def test_corrections_survive_reparse_and_reparse_reports_changes(page_file, places):
    _import_sample(page_file)
    notice_item = Item.objects.get(position=2)
    item_correct(
        item=notice_item, field="issuer", value="通辽市自然资源局（更正）", username="e"
    )
    out = StringIO()
    call_command("reparse_pages", stdout=out)
    assert "0 个有变化" in out.getvalue()
    assert Notice.objects.get(item=notice_item).issuer == "通辽市自然资源局（更正）"

    # Simulate a parser change by invalidating the stored fingerprints.
    Item.objects.update(parsed_digest="")
    out = StringIO()
    call_command("reparse_pages", "--publication", "tongliao-daily", stdout=out)
    assert "1 个有变化" in out.getvalue()
    assert "共 8 条条目更新" in out.getvalue()
    assert Notice.objects.get(item=notice_item).issuer == "通辽市自然资源局（更正）"
    assert ItemCorrection.objects.count() == 1


@needs_samples
def test_without_a_date_the_latest_signature_is_proposed_and_kept_draft(
    page_file, places
):
    _, err = _import(
        str(page_file), "--publication", "tongliao-daily", "--page", "2", "--publish"
    )
    issue = Issue.objects.get()
    assert str(issue.date) == "2026-02-03"
    assert issue.date_status == Issue.DateStatus.PROPOSED
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}
    assert "推测为 2026-02-03" in err


def test_a_page_without_date_or_signature_is_refused(tmp_path, places):
    path = tmp_path / "undated.txt"
    path.write_text("# 标题\n\n本报记者 张三\n\n正文第一段。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import(str(path), "--publication", "x", "--page", "1")
    run = ImportRun.objects.get()
    assert "无法推测" in run.errors[0]["message"]
    assert str(path) in run.errors[0]["file"]
    assert Page.objects.count() == 0


@needs_samples
def test_sidecar_json_supplies_what_the_page_does_not_print(page_file, places):
    page_file.with_suffix(".json").write_text(
        json.dumps(
            {
                "publication": "tongliao-daily",
                "publication_name": "通辽日报",
                "date": "2026-02-03",
                "page": 5,
                "section": "广告",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    _import(str(page_file.parent))
    page = Page.objects.get()
    assert (page.number, page.section, str(page.issue.date)) == (
        5,
        "广告",
        "2026-02-03",
    )


BAD_FILES = {
    "empty.txt": (b"", "文件为空"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "不是文本文件"),
    "truncated.txt": ("第一行\n第二行\n".encode() + "赤峰".encode()[:-1], "第 3 行"),
}


@needs_samples
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_by_name_and_the_good_ones_go_on(
    tmp_path, page_file, places, name
):
    data, message = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import_sample(bad)
    assert _database_state() == (0, 0, 0, 0, 0)
    run = ImportRun.objects.get()
    assert run.errors[0]["file"].endswith(name)
    assert message in run.errors[0]["message"]

    # In a run with a good file beside it, the good one is stored all the same.
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import(
            str(bad),
            str(page_file),
            "--publication",
            "t",
            "--date",
            "2026-02-03",
            "--page",
            "2",
        )
    assert Page.objects.count() == 1


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.ARCHIVE_MAX_PAGE_BYTES = 1000
    big = tmp_path / "big.txt"
    big.write_bytes("赤".encode() * 2000)
    with pytest.raises(CommandError):
        _import(str(big), "--publication", "x", "--page", "1", "--date", "2026-01-01")
    message = ImportRun.objects.get().errors[0]["message"]
    assert "big.txt" in message and "文件过大" in message and "6,000" in message


@needs_samples
def test_a_failure_while_writing_leaves_no_trace_of_that_page(
    page_file, places, monkeypatch
):
    before = _database_state()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Figure.objects, "bulk_create", explode)
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        _import_sample(page_file)
    assert _database_state() == before
    assert "内部错误（disk full）" in ImportRun.objects.get().errors[0]["message"]


@needs_samples
def test_a_known_paper_under_another_slug_is_reused_not_a_crash(page_file, places):
    _import_sample(page_file)
    _import(
        str(page_file),
        "--publication",
        "tongliao-daily-2",
        "--publication-name",
        "通辽日报",
        "--date",
        "2026-02-04",
        "--page",
        "2",
    )
    assert Page.objects.count() == 2
    assert set(Page.objects.values_list("issue__publication__slug", flat=True)) == {
        "tongliao-daily"
    }


@needs_samples
def test_dry_run_stores_nothing_and_json_has_the_expected_keys(page_file, places):
    before = _database_state()
    out, _ = _import_sample(page_file, "--dry-run", "--json")
    assert _database_state() == before
    document = json.loads(out)
    page = document["pages"][0]
    assert page["encoding"] == "utf-8"
    assert page["issue_date"] == "2026-02-03"
    first, second = page["items"][:2]
    assert first["kind"] == "article" and first["headline"]
    assert second["notice_type"] == "行政执法文书送达公告"
    assert second["deemed_served_on"] == "2026-03-05"

    text_out, _ = _import_sample(page_file, "--dry-run")
    assert "试运行（未写入）" in text_out
    assert "行政执法文书送达公告" in text_out


def test_json_without_dry_run_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError, match="--json"):
        _import(str(tmp_path), "--json")


def test_paths_that_match_nothing_are_reported(tmp_path):
    with pytest.raises(CommandError, match="没有找到页面文件"):
        _import(str(tmp_path / "nothing-*.txt"))
