"""The bad-input matrix: each file gets its message, and the archive is unchanged.

Every case runs through the command line (`import_pages`) and through the
desk's upload (preview, then confirm), the two ways pages come in.
"""

from __future__ import annotations

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from archive.desk.models import StagedFile, StagedUpload
from archive.models import ImportRun, Issue, Item, Page, Publication

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
TEXT = (PAGES / "tongliao_briefs.txt").read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)

REFUSED = {
    "empty": (b"", "文件为空"),
    "png": (PNG, "不是文本文件（看起来是 PNG 图片）"),
    "50mb": (("金融" * 9_000_000).encode("utf-8"), "文件过大"),
    "truncated-utf8": (TEXT.encode("utf-8")[:-1] + "金".encode()[:2], "无法解码的字节"),
    "no-items": (
        "本版责编：张三\n\n广告热线：0475-1234567\n".encode(),
        "没有识别出任何条目",
    ),
    "nul-bytes": (b"abc\x00def" * 10, "NUL"),
}
ACCEPTED = {
    "utf-16-bom": (TEXT.encode("utf-16"), "utf-16-le"),
    "utf-16-no-bom": (TEXT.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be-no-bom": (TEXT.encode("utf-16-be"), "utf-16-be"),
    "gbk": (TEXT.encode("gbk"), "gb18030"),
    "crlf": (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
}


def _content() -> tuple:
    return (
        Page.objects.count(),
        Item.objects.count(),
        Issue.objects.count(),
        Publication.objects.count(),
    )


def _cli(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_pages",
            str(path),
            "--publication",
            "bad-daily",
            "--date",
            "2026-02-03",
            "--page",
            "1",
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_command_refuses_bad_files_by_name_and_stores_nothing(
    tmp_path, places, case
):
    raw, message = REFUSED[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(raw)
    before = _content()
    _, err = _cli(path)
    assert message in err
    assert f"{case}.txt" in err
    assert _content() == before
    run = ImportRun.objects.get()
    assert run.errors[0]["file"].endswith(f"{case}.txt")
    assert message in run.errors[0]["message"]


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_the_command_reads_every_supported_encoding(tmp_path, places, case):
    raw, encoding = ACCEPTED[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(raw)
    _cli(path)
    page = Page.objects.get()
    assert bytes(page.raw) == raw
    assert page.encoding == encoding
    assert "\r" not in page.text
    assert page.items.count() == 4


def _upload(client, files):
    response = client.post(
        reverse("desk:upload"),
        {
            "new_slug": "bad-daily",
            "new_name": "坏文件报",
            "issue_date": "2026-02-03",
            "page_number": "1",
            "files": files,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    upload = StagedUpload.objects.latest("pk")
    preview = client.get(upload.get_absolute_url())
    return upload, preview.content.decode()


def _confirm(client, upload):
    client.post(reverse("desk:upload-confirm", args=[upload.token]))
    client.get(reverse("desk:upload-import", args=[upload.token]))
    return ImportRun.objects.get(
        pk=StagedUpload.objects.get(pk=upload.pk).import_run_id
    )


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_desk_refuses_bad_files_by_name_and_stores_nothing(
    editor_client, places, case
):
    raw, message = REFUSED[case]
    before = _content()
    upload, html = _upload(editor_client, [SimpleUploadedFile(f"{case}.txt", raw)])
    assert message in html
    staged = StagedFile.objects.get(upload=upload)
    assert staged.state == StagedFile.State.REFUSED
    run = _confirm(editor_client, upload)
    assert _content() == before
    assert run.status == ImportRun.Status.FAILED
    assert message in run.errors[0]["message"]
    assert run.errors[0]["file"] == f"{case}.txt"


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_the_desk_reads_every_supported_encoding(editor_client, places, case):
    raw, encoding = ACCEPTED[case]
    upload, html = _upload(editor_client, [SimpleUploadedFile(f"{case}.txt", raw)])
    assert f"编码 {encoding}" in html
    _confirm(editor_client, upload)
    page = Page.objects.get()
    assert bytes(page.raw) == raw
    assert page.items.count() == 4


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_whole(editor_client, places):
    bomb = _zip({"page.txt": TEXT.encode(), "bomb.txt": bytes(30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    before = _content()
    upload, html = _upload(editor_client, [SimpleUploadedFile("bomb.zip", bomb)])
    assert "疑似压缩炸弹" in html
    assert "bomb.zip" in html
    assert not StagedFile.objects.filter(upload=upload).exists()
    _confirm(editor_client, upload)
    assert _content() == before


def test_a_zip_larger_than_the_upload_limit_when_unpacked_is_refused(
    editor_client, places, settings
):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1024 * 1024
    many = _zip({f"p{n}.txt": TEXT.encode() * 60 for n in range(1, 20)})
    upload, html = _upload(editor_client, [SimpleUploadedFile("big.zip", many)])
    assert "超过上限" in html and "疑似压缩炸弹" in html
    assert not StagedFile.objects.filter(upload=upload).exists()


def test_a_zip_member_with_path_traversal_is_refused_by_name(editor_client, places):
    archive = _zip({"../../x.txt": TEXT.encode(), "/etc/passwd.txt": TEXT.encode()})
    before = _content()
    upload, html = _upload(editor_client, [SimpleUploadedFile("evil.zip", archive)])
    assert "文件名含路径（../../x.txt），为安全起见已拒收" in html
    assert "文件名含路径（/etc/passwd.txt）" in html
    _confirm(editor_client, upload)
    assert _content() == before


def test_an_uploaded_name_with_a_path_keeps_only_its_base_name(
    editor_client, places, tmp_path
):
    upload, _ = _upload(
        editor_client, [SimpleUploadedFile("../../x.txt", TEXT.encode())]
    )
    staged = StagedFile.objects.get(upload=upload)
    assert staged.name == "x.txt"
    _confirm(editor_client, upload)
    assert Page.objects.get().source_filename == "x.txt"
    # Bytes go to the database only: nothing was written beside the project.
    assert not (Path.cwd().parent / "x.txt").exists()


def test_a_corrupt_zip_is_refused_with_a_message(editor_client, places):
    broken = _zip({"p1.txt": TEXT.encode()})[:-30]
    _, html = _upload(editor_client, [SimpleUploadedFile("broken.zip", broken)])
    assert "broken.zip: 压缩包无法读取" in html


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    editor_client, places, settings
):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 100_000
    big = SimpleUploadedFile("big.txt", TEXT.encode() * 2000)
    response = editor_client.post(
        reverse("desk:upload"), {"new_slug": "x", "new_name": "X", "files": [big]}
    )
    assert response.status_code == 413
    assert "上传过大" in response.content.decode()
    assert not StagedUpload.objects.exists()
