"""Decoding page files: encodings detected, newlines normalised, bad files refused."""

import codecs
import random
from pathlib import Path

import pytest

from archive.ingest.decoding import decode_page
from archive.ingest.records import PageRejected

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "pages"

# A page-like text of our own, so the encoding tests run without the samples.
PAGE = (
    "走一线 改文风\n\n"
    "# 从“五篇大文章”到“最后一公里”\n\n"
    "本报记者 贺向军\n\n"
    "截至2025年6月末，全市普惠小微贷款余额已达289.42亿元，同比增长19.51%。\n\n"
    "赤峰落地了全国首笔锌冶炼行业ESG挂钩贷款，金额高达3亿元。\n"
    "链接：https://pan.baidu.com/s/17NGfICvwEKIiw6TCkdL_Q 提取码：g5jh\n"
    "通辽市自然资源局\n"
    "2026年2月3日\n"
)


def _rejection(raw: bytes, **kwargs: int) -> PageRejected:
    with pytest.raises(PageRejected) as caught:
        decode_page(raw, filename="page.txt", **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (PAGE.encode(), "utf-8"),
        (codecs.BOM_UTF8 + PAGE.encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "utf-16-be"),
        (PAGE.encode("utf-16-le"), "utf-16-le"),
        (PAGE.encode("utf-16-be"), "utf-16-be"),
        (PAGE.encode("gbk"), "gb18030"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-16-le",
        "utf-16-be",
        "gbk",
    ],
)
def test_decode_detects_encoding(raw: bytes, encoding: str) -> None:
    page = decode_page(raw, filename="page.txt")

    assert page.encoding == encoding
    assert page.text == PAGE


def test_decode_reads_characters_only_gb18030_has() -> None:
    text = "𠮷野家的“信易贷”平台注册企业会员12.5万户。\n䶮字和€符号也在其中。\n" * 3
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")

    page = decode_page(text.encode("gb18030"), filename="page.txt")

    assert page.encoding == "gb18030"
    assert page.text == text


def test_decode_reads_traditional_chinese_in_gbk() -> None:
    text = "本報記者 賀向軍\n\n截至2025年6月末，全市涉農貸款餘額達1323.98億元。\n" * 5

    page = decode_page(text.encode("gbk"), filename="page.txt")

    assert page.encoding == "gb18030"
    assert page.text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a\r\nb\r\n\r\nc", "a\nb\n\nc"),
        (b"a\rb\r\rc", "a\nb\n\nc"),
        (b"a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("a\u2028b\u2029c".encode(), "a\nb\nc"),
        (codecs.BOM_UTF16_LE + "甲\r\n乙\r丙".encode("utf-16-le"), "甲\n乙\n丙"),
    ],
    ids=["crlf", "lone-cr", "mixed", "unicode-separators", "utf-16-crlf"],
)
def test_decode_normalises_newlines(raw: bytes, text: str) -> None:
    assert decode_page(raw, filename="page.txt").text == text


def test_decode_changes_nothing_but_newlines() -> None:
    text = "  标题\t \n\f第二页　全角空格 \n\n\n末行没有换行"

    assert decode_page(text.encode(), filename="page.txt").text == text
    assert decode_page(text.encode("gbk"), filename="page.txt").text == text


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"sample pages not found at {SAMPLES}")
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_decode_round_trips_sample_pages(encoding: str) -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")

        page = decode_page(text.encode(encoding), filename=path.name)

        assert page.text == text


@pytest.mark.parametrize(
    "raw",
    [b"", b"  \n\t\r\n", "\u3000\n".encode(), codecs.BOM_UTF8, codecs.BOM_UTF16_LE],
    ids=["zero-bytes", "whitespace", "ideographic-space", "utf-8-bom", "utf-16-bom"],
)
def test_decode_refuses_empty_file(raw: bytes) -> None:
    error = _rejection(raw)

    assert error.reason == "文件为空"
    assert error.line is None
    assert str(error) == "page.txt: 文件为空"


class _Tripwire(bytes):
    """Bytes that fail the test if anything but len() looks at them."""

    def _touched(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the file was read before its size was checked")

    decode = startswith = count = find = index = translate = _touched
    __getitem__ = __contains__ = __iter__ = _touched


def test_decode_refuses_oversized_file_before_decoding() -> None:
    raw = _Tripwire(b"a" * (50 * 1024 * 1024))

    error = _rejection(raw)

    assert error.reason == "文件过大（52428800 字节，上限 5242880 字节）"
    assert error.line is None


def test_decode_honours_max_bytes() -> None:
    assert _rejection(PAGE.encode(), max_bytes=100).reason.startswith("文件过大（")
    assert decode_page(b"ok", filename="page.txt", max_bytes=2).text == "ok"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG 图片"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF 文档"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP 压缩包或 Word/Excel 文档"),
        (b"GIF89a\x01\x00\x01\x00", "GIF 图片"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG 图片"),
    ],
    ids=["png", "pdf", "zip", "gif", "jpeg"],
)
def test_decode_refuses_known_binary_formats(raw: bytes, kind: str) -> None:
    error = _rejection(raw + PAGE.encode())

    assert error.reason == f"不是文本文件（看起来是 {kind}）"


def test_decode_refuses_nul_bytes_naming_the_line() -> None:
    error = _rejection("第一行\n第二行\x00\n第三行".encode())

    assert error.reason == "不是文本文件（含有 NUL 字节）"
    assert error.line == 2
    assert str(error) == "page.txt:2: 不是文本文件（含有 NUL 字节）"


def test_decode_refuses_random_bytes() -> None:
    noise = bytes(b or 1 for b in random.Random(7).randbytes(4000))

    assert _rejection(noise).reason.startswith("不是文本文件（")


def test_decode_refuses_utf32() -> None:
    raw = codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le")

    assert _rejection(raw).reason == "不支持 UTF-32 编码，请另存为 UTF-8"


def test_decode_refuses_utf8_truncated_at_the_end() -> None:
    raw = "第一行\n\n第三行有中文".encode()[:-1]

    error = _rejection(raw)

    assert error.line == 3
    assert error.reason == "第 3 行有无法解码的字节（既不是 UTF-8 也不是 GB18030）"
    assert str(error) == f"page.txt:3: {error.reason}"


def test_decode_refuses_tiny_file_cut_mid_character() -> None:
    # The truncated "中文" is also valid GB18030 (涓枃 + one byte): refuse anyway.
    assert _rejection("中文".encode()[:-1]).line == 1


def test_decode_refuses_utf8_with_a_broken_character_inside() -> None:
    lines = PAGE.split("\n")
    broken_at = len("\n".join(lines[:6]).encode()) + 1 + 4  # in line 7, mid-Han
    raw = PAGE.encode()
    raw = raw[:broken_at] + raw[broken_at + 1 :]

    error = _rejection(raw)

    assert error.line == 7
    assert error.reason == "第 7 行有无法解码的字节（既不是 UTF-8 也不是 GB18030）"


def test_decode_refuses_utf8_with_a_stray_latin1_byte() -> None:
    raw = PAGE.encode().replace(b"ESG", b"ES\xb7G")

    assert _rejection(raw).line == 9


def test_decode_refuses_gbk_with_a_bad_byte_naming_the_line() -> None:
    raw = PAGE.encode("gbk")
    cut = raw.index("ESG".encode("gbk"))
    raw = raw[:cut] + b"\xff" + raw[cut:]

    error = _rejection(raw)

    assert error.line == 9
    assert error.reason == "第 9 行有无法解码的字节（既不是 UTF-8 也不是 GB18030）"


def test_decode_refuses_utf8_mixed_with_gbk() -> None:
    raw = PAGE.encode() + "这一段却是 GBK 编码的文字。\n".encode("gbk")

    assert _rejection(raw).line == 13


def test_decode_refuses_gb18030_that_does_not_read_as_text() -> None:
    # Big5 decodes as GB18030 too, into characters no page is made of.
    raw = (
        "本報記者 賀向軍，截至2025年6月末，全市涉農貸款餘額達1323.98億元。\n" * 20
    ).encode("big5")

    assert (
        _rejection(raw).reason
        == "无法识别的编码（只支持 UTF-8、UTF-16 和 GB18030/GBK）"
    )


def test_decode_refuses_gbk_with_control_characters() -> None:
    raw = "标题\n正文\x07响铃\n".encode("gbk") * 3

    error = _rejection(raw)

    assert error.reason == "不是文本文件（含有控制字符）"
    assert error.line == 2


def test_decode_keeps_a_stray_control_character_in_utf8() -> None:
    text = PAGE.replace("ESG", "ES\x0bG")

    assert decode_page(text.encode(), filename="page.txt").text == text


def test_decode_refuses_utf8_full_of_control_characters() -> None:
    error = _rejection("标题\n正文\x1b[0m\x07\x08\x08\n".encode())

    assert error.reason == "不是文本文件（控制字符过多）"
    assert error.line == 2


def test_decode_refuses_utf16_with_nul_characters() -> None:
    raw = codecs.BOM_UTF16_LE + "标题\n\n正文\x00".encode("utf-16-le")

    error = _rejection(raw)

    assert error.reason == "不是文本文件（含有 NUL 字节）"
    assert error.line == 3


def test_decode_refuses_utf16_cut_mid_character() -> None:
    raw = codecs.BOM_UTF16_LE + "标题\n\n正文".encode("utf-16-le")[:-1]

    error = _rejection(raw)

    assert error.reason == "第 3 行有无法解码的字节（UTF-16 文件已损坏）"
    assert error.line == 3
