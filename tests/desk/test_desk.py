"""The editors' desk: upload → preview → confirm, corrections, publishing, review."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from archive.desk.models import CorrectionEvent, StagedFile, StagedUpload
from archive.models import ImportRun, Issue, Item, ItemCorrection, Page
from notices.models import IssuerName, Notice

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
BRIEFS = (PAGES / "tongliao_briefs.txt").read_bytes()
WUHAI = (PAGES / "wuhai_research_notices.txt").read_bytes()
ORDOS = (PAGES / "ordos_service_eia.txt").read_bytes()


def _upload(client, files, **fields):
    data = {
        "new_slug": "tongliao-daily",
        "new_name": "通辽日报",
        "issue_date": "2026-02-03",
        "page_number": "",
        "section": "金融",
        **fields,
        "files": files,
    }
    response = client.post(reverse("desk:upload"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StagedUpload.objects.get(
        token=response["Location"].rstrip("/").split("/")[-1]
    )


def _file(name: str, raw: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, content_type="text/plain")


def _import(client, upload: StagedUpload) -> ImportRun:
    for _ in range(20):  # the preview parses a batch per request
        client.get(upload.get_absolute_url())
        if not upload.files.filter(state=StagedFile.State.PENDING).exists():
            break
    client.post(reverse("desk:upload-confirm", args=[upload.token]))
    for _ in range(20):
        response = client.get(reverse("desk:upload-import", args=[upload.token]))
        upload.refresh_from_db()
        if upload.state == StagedUpload.State.DONE:
            break
    assert response.status_code == 200
    return ImportRun.objects.get(pk=upload.import_run_id)


@pytest.fixture
def imported(editor_client, places):
    upload = _upload(editor_client, [_file("p2.txt", BRIEFS)], page_number="2")
    _import(editor_client, upload)
    return Page.objects.get()


# --- upload, preview, confirm --------------------------------------------------


def test_a_preview_shows_parsed_items_and_stores_nothing(editor_client, places):
    upload = _upload(editor_client, [_file("wuhai.txt", WUHAI)], page_number="3")
    response = editor_client.get(upload.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "确认导入" in html
    assert "遗失声明" in html and "减资公告" in html
    assert "发布机构" in html
    staged = StagedFile.objects.get()
    assert staged.state == StagedFile.State.PARSED
    kinds = [item["kind"] for item in staged.preview["items"]]
    assert kinds[0] == "article" and kinds.count("notice") == 4
    assert Page.objects.count() == 0 and Item.objects.count() == 0
    assert ImportRun.objects.count() == 0


def test_confirming_imports_the_pages_and_records_a_run(editor_client, places):
    upload = _upload(editor_client, [_file("wuhai.txt", WUHAI)], page_number="3")
    run = _import(editor_client, upload)
    page = Page.objects.get()
    assert bytes(page.raw) == WUHAI
    assert page.number == 3 and page.section == "金融"
    assert page.issue.publication.name == "通辽日报"
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.username == "editor-test"
    assert run.counts["pages"] == {"new": 1}
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}


def test_cancelling_stores_nothing_and_drops_the_bytes(editor_client, places):
    upload = _upload(editor_client, [_file("wuhai.txt", WUHAI)], page_number="3")
    editor_client.get(upload.get_absolute_url())
    editor_client.post(reverse("desk:upload-cancel", args=[upload.token]))
    upload.refresh_from_db()
    assert upload.state == StagedUpload.State.CANCELLED
    assert StagedFile.objects.count() == 0
    assert Page.objects.count() == 0


def test_a_zip_with_sidecars_becomes_one_page_per_file(editor_client, places):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("issue/a.txt", BRIEFS)
        archive.writestr("issue/a.json", '{"page": 2, "section": "要闻"}')
        archive.writestr("issue/p05.txt", ORDOS)
        archive.writestr("__MACOSX/._a.txt", b"junk")
    upload = _upload(
        editor_client, [SimpleUploadedFile("issue.zip", buffer.getvalue())]
    )
    run = _import(editor_client, upload)
    assert run.counts["pages"] == {"new": 2}
    assert sorted(Page.objects.values_list("number", "section")) == [
        (2, "要闻"),
        (5, "金融"),
    ]


def test_large_uploads_show_progress_and_continue_batch_by_batch(
    editor_client, places, monkeypatch
):
    from archive.desk import uploads

    monkeypatch.setattr(uploads, "BATCH_SECONDS", 0.0)
    files = [
        _file(f"p{n}.txt", BRIEFS.replace("金融".encode(), f"金融{n}".encode()))
        for n in (1, 2, 3)
    ]
    upload = _upload(editor_client, files)
    first = editor_client.get(upload.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in first
    assert "<progress" in first
    run = _import(editor_client, upload)
    assert run.counts["pages"] == {"new": 3}
    assert run.finished_at is not None


# --- corrections ----------------------------------------------------------------


def _reparse():
    call_command("reparse_pages", stdout=StringIO(), stderr=StringIO())


def _reimport(raw: bytes):
    """The same page with other bytes, through the command line."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "again.txt"
        path.write_bytes(raw + "\n本版编辑：某某\n".encode())
        call_command(
            "import_pages",
            str(path),
            "--publication",
            "tongliao-daily",
            "--date",
            "2026-02-03",
            "--page",
            "2",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_a_field_correction_survives_reparse_and_reimport(editor_client, imported):
    item = imported.items.get(position=1)
    form = editor_client.get(reverse("desk:item-edit", args=[item.pk]))
    assert form.status_code == 200
    data = form.context["fields_form"].initial | {"title": "编辑改过的标题"}
    editor_client.post(reverse("desk:item-fields", args=[item.pk]), data)
    _reparse()
    _reimport(BRIEFS)
    item.refresh_from_db()
    assert item.title == "编辑改过的标题"
    event = CorrectionEvent.objects.get(field="title")
    assert event.username == "editor-test"
    page = editor_client.get(reverse("desk:item-edit", args=[item.pk])).content
    assert "编辑改过的标题" in page.decode()
    assert "editor-test" in page.decode()


def test_reverting_a_correction_restores_the_parsers_value(editor_client, imported):
    item = imported.items.get(position=1)
    parsed_title = item.title
    data = _initial_fields(item) | {"title": "错改的标题"}
    editor_client.post(reverse("desk:item-fields", args=[item.pk]), data)
    event = CorrectionEvent.objects.get(field="title")
    editor_client.post(reverse("desk:event-revert", args=[event.pk]))
    item.refresh_from_db()
    assert item.title == parsed_title
    assert not ItemCorrection.objects.filter(field="title").exists()
    event.refresh_from_db()
    assert event.reverted_by is not None
    _reparse()
    item.refresh_from_db()
    assert item.title == parsed_title


def _initial_fields(item):
    from archive.desk.forms import ItemFieldsForm

    return {k: v for k, v in ItemFieldsForm.initial_for(item).items() if v is not None}


def test_split_makes_two_items_that_survive_reparse(editor_client, imported):
    before = imported.items.count()
    item = imported.items.get(position=1)
    lines = item.text.split("\n")
    at = len(lines) // 2
    response = editor_client.post(
        reverse("desk:item-split", args=[item.pk]), {"at": at}
    )
    assert response.status_code == 302
    assert imported.items.count() == before + 1
    first, second = imported.items.order_by("position")[:2]
    assert first.pk == item.pk
    assert first.text == "\n".join(lines[:at])
    assert second.text == "\n".join(lines[at:])
    third_id = imported.items.get(position=3).pk
    _reparse()
    _reimport(BRIEFS)
    assert imported.items.count() == before + 1
    assert imported.items.get(position=3).pk == third_id
    # Undo: one item again.
    event = CorrectionEvent.objects.get(action="split")
    editor_client.post(reverse("desk:event-revert", args=[event.pk]))
    assert imported.items.count() == before
    item.refresh_from_db()
    assert item.text.split("\n")[: len(lines)] == lines


def test_merge_joins_two_items_and_survives_reparse(editor_client, imported):
    before = imported.items.count()
    first = imported.items.get(position=1)
    second = imported.items.get(position=2)
    editor_client.post(reverse("desk:item-merge", args=[first.pk]))
    assert imported.items.count() == before - 1
    first.refresh_from_db()
    assert second.text.split("\n")[-1] in first.text
    _reparse()
    assert imported.items.count() == before - 1
    event = CorrectionEvent.objects.get(action="merge")
    editor_client.post(reverse("desk:event-revert", args=[event.pk]))
    assert imported.items.count() == before
    assert imported.items.get(position=2).title == second.title


def test_changing_kind_reparses_as_a_notice(editor_client, imported):
    item = imported.items.get(position=1)
    editor_client.post(reverse("desk:item-kind", args=[item.pk]), {"kind": "notice"})
    item.refresh_from_db()
    assert item.kind == "notice"
    assert Notice.objects.filter(item=item).exists()
    _reparse()
    item.refresh_from_db()
    assert item.kind == "notice"


def test_places_and_programmes_are_corrected(editor_client, imported):
    item = imported.items.get(position=1)
    editor_client.post(
        reverse("desk:item-places", args=[item.pk]),
        {"places": "150500000000\n奈曼旗"},
    )
    editor_client.post(
        reverse("desk:item-programmes", args=[item.pk]), {"programmes": ["green"]}
    )
    _reparse()
    item.refresh_from_db()
    assert sorted(item.places.values_list("code", flat=True)) == [
        "150500000000",
        "150525000000",
    ]
    assert list(item.programmes.values_list("slug", flat=True)) == ["green"]


def test_an_unknown_place_name_is_refused_with_a_message(editor_client, imported):
    item = imported.items.get(position=1)
    response = editor_client.post(
        reverse("desk:item-places", args=[item.pk]), {"places": "不存在县"}, follow=True
    )
    assert "没有名为“不存在县”的地区" in response.content.decode()
    assert not ItemCorrection.objects.exists()


# --- publishing and dates ------------------------------------------------------------


def test_publishing_an_issue_shows_its_items_to_anonymous_readers(
    editor_client, imported
):
    item = imported.items.get(position=1)
    assert Client().get(item.get_absolute_url()).status_code == 404
    editor_client.post(
        reverse("desk:issue-status", args=[imported.issue_id]), {"status": "published"}
    )
    assert Client().get(item.get_absolute_url()).status_code == 200
    editor_client.post(reverse("desk:item-status", args=[item.pk]), {"status": "draft"})
    assert Client().get(item.get_absolute_url()).status_code == 404
    assert CorrectionEvent.objects.filter(action="status").count() >= 2


def test_a_proposed_date_is_confirmed_and_survives_reimport(editor_client, places):
    upload = _upload(
        editor_client, [_file("wuhai.txt", WUHAI)], page_number="3", issue_date=""
    )
    _import(editor_client, upload)
    issue = Issue.objects.get()
    assert issue.date_status == Issue.DateStatus.PROPOSED
    review = editor_client.get(reverse("desk:review")).content.decode()
    assert "出版日期待确认（1）" in review
    refused = editor_client.post(
        reverse("desk:issue-status", args=[issue.pk]),
        {"status": "published"},
        follow=True,
    )
    assert "出版日期尚未确认" in refused.content.decode()
    editor_client.post(
        reverse("desk:issue-date", args=[issue.pk]), {"date": "2026-03-02"}
    )
    issue = Issue.objects.get()
    assert (str(issue.date), issue.date_status) == ("2026-03-02", "confirmed")
    assert set(Item.objects.values_list("date", flat=True)) == {issue.date}
    # The same file again, without a date: recognised, not a second copy.
    again = _upload(
        editor_client, [_file("wuhai.txt", WUHAI)], page_number="3", issue_date=""
    )
    run = _import(editor_client, again)
    assert run.counts["pages"] == {"unchanged": 1}
    assert Page.objects.count() == 1 and Issue.objects.count() == 1


# --- review queue and issuers ---------------------------------------------------------


def test_review_lists_flagged_windows_and_new_issuers(editor_client, places):
    upload = _upload(editor_client, [_file("ordos.txt", ORDOS)], page_number="4")
    _import(editor_client, upload)
    response = editor_client.get(reverse("desk:review"))
    assert response.context["counts"]["flagged"] >= 1
    issuers = {row["issuer"] for row in response.context["issuers"]}
    assert issuers
    name = sorted(issuers)[0]
    editor_client.post(
        reverse("desk:issuer-review"), {"name": name, "canonical": "规范机构名"}
    )
    assert not Notice.objects.filter(issuer=name).exists()
    assert Notice.objects.filter(issuer="规范机构名").exists()
    assert IssuerName.objects.get(name=name).canonical == "规范机构名"
    _reparse()
    assert not Notice.objects.filter(issuer=name).exists()
    after = editor_client.get(reverse("desk:review"))
    assert name not in {row["issuer"] for row in after.context["issuers"]}


# --- import runs ---------------------------------------------------------------


def test_a_failed_file_is_listed_with_its_message_and_retried(editor_client, places):
    upload = _upload(
        editor_client,
        [_file("p2.txt", BRIEFS), _file("empty.txt", b"")],
        page_number="2",
    )
    run = _import(editor_client, upload)
    assert run.status == ImportRun.Status.PARTIAL
    assert [e["file"] for e in run.errors] == ["empty.txt"]
    listing = editor_client.get(reverse("desk:run-list"), {"has_errors": "true"})
    assert run in listing.context["page_obj"]
    clean = editor_client.get(reverse("desk:run-list"), {"status": "succeeded"})
    assert run not in clean.context["page_obj"]
    by_file = editor_client.get(reverse("desk:run-list"), {"file": "empty"})
    assert run in by_file.context["page_obj"]
    detail = editor_client.get(reverse("desk:run-detail", args=[run.pk]))
    assert (
        "empty.txt" in detail.content.decode() and "文件为空" in detail.content.decode()
    )
    fixed = SimpleUploadedFile("p3.txt", ORDOS)
    response = editor_client.post(
        reverse("desk:run-retry", args=[run.pk, 0]),
        {"e0-file": fixed, "e0-page_number": "3"},
    )
    assert response.status_code == 302
    retry = ImportRun.objects.latest("pk")
    assert retry.pk != run.pk and retry.status == ImportRun.Status.SUCCEEDED
    assert Page.objects.filter(number=3).exists()


def test_uploads_left_unconfirmed_are_cleared_after_a_week(editor_client, places):
    old = _upload(editor_client, [_file("wuhai.txt", WUHAI)], page_number="3")
    fresh = _upload(editor_client, [_file("p2.txt", BRIEFS)], page_number="2")
    StagedUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    out = StringIO()
    call_command("clear_staged_uploads", "--days", "7", stdout=out)
    assert "已取消 1 次过期上传" in out.getvalue()
    old.refresh_from_db()
    assert old.state == StagedUpload.State.CANCELLED
    assert not StagedFile.objects.filter(upload=old).exists()
    assert StagedFile.objects.filter(upload=fresh).exists()
