"""Turn the raw bytes of a page file into text, or refuse the file with a reason.

Pure Python, no Django import. The order of the checks matters: size before any
decoding, magic bytes before NUL bytes, a BOM before guessing, strict UTF-8 before
UTF-16 without a BOM, and GB18030 last, because GB18030 decodes nearly anything
(UTF-8 Chinese included) into plausible-looking Han characters.
"""

from __future__ import annotations

import codecs
import re

from archive.ingest.records import DecodedPage, PageRejected

__all__ = ["decode_page"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# File signatures of what people upload by mistake instead of page text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", " PNG 图片"),
    (b"%PDF-", " PDF 文档"),
    (b"PK\x03\x04", " ZIP 压缩包或 Word/Excel 文档"),
    (b"PK\x05\x06", " ZIP 压缩包"),
    (b"PK\x07\x08", " ZIP 压缩包"),
    (b"GIF87a", " GIF 图片"),
    (b"GIF89a", " GIF 图片"),
    (b"\xff\xd8\xff", " JPEG 图片"),
    (b"\x1f\x8b", " gzip 压缩包"),
    (b"Rar!\x1a\x07", " RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", " 7z 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/Excel 文档"),
    (b"II*\x00", " TIFF 图片"),
    (b"MM\x00*", " TIFF 图片"),
    (b"\x7fELF", "可执行文件"),
    (b"SQLite format 3\x00", " SQLite 数据库"),
    (b"{\\rtf", " RTF 文档"),
)

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)

# C0 controls other than \t \n \f \r, and DEL. In UTF-8 and GB18030 these byte
# values never occur inside a multi-byte character, so counting bytes is exact.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A valid UTF-8 or BOM-marked UTF-16 file may carry a stray control character from
# the extraction; only a file made of many is refused. A guessed encoding gets none.
_MAX_CONTROL_SHARE = 0.01

# Characters that occur in Chinese newspaper text; anything else is a sign that a
# lenient decode (GB18030, UTF-16 without a BOM) produced garbage.
_NOT_TEXT = re.compile(
    "[^\t\n\f\r\x20-\x7e\xa0-\u024f\u0370-\u04ff\u2000-\u206f\u20a0-\u20cf"
    "\u2100-\u23ff\u2460-\u27bf\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f"
    "\uff00-\uffef\U00020000-\U0003134f]"
)
_MAX_NOT_TEXT_SHARE = 0.02
# A UTF-8 decode of GBK text yields a few three-byte characters by accident (about
# 3 per 100 bad sequences on the sample pages); broken UTF-8 yields mostly those.
_MULTIBYTE = re.compile("[\u0800-\ufffc\ufffe\uffff\U00010000-\U0010ffff]")
_UTF8_BROKEN_SHARE = 0.5  # from this share of good sequences: UTF-8, damaged
_UTF8_MIXED_SHARE = 0.2  # above this, with enough evidence: UTF-8 and GBK mixed
_MIXED_MIN_EVIDENCE = 20

# How lopsided NUL bytes must be between even and odd offsets to try UTF-16; the
# strict decode and the text check then decide.
_UTF16_NUL_SKEW = 3

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
_LS_UTF8, _PS_UTF8 = "\u2028".encode(), "\u2029".encode()


def decode_page(
    raw: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> DecodedPage:
    """Decode a page file's bytes, normalising newlines, or raise PageRejected."""
    size = len(raw)
    if size > max_bytes:
        raise PageRejected(filename, f"文件过大（{size} 字节，上限 {max_bytes} 字节）")
    if size == 0:
        raise PageRejected(filename, "文件为空")
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            raise PageRejected(filename, f"不是文本文件（看起来是{kind}）")
    text, encoding = _decode(raw, filename)
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if not text or text.isspace():
        raise PageRejected(filename, "文件为空")
    return DecodedPage(text=text, encoding=encoding)


def _decode(raw: bytes, filename: str) -> tuple[str, str]:
    """Pick the encoding and decode strictly; return (text, encoding name)."""
    if raw.startswith(codecs.BOM_UTF8):
        body = raw[len(codecs.BOM_UTF8) :]
        if b"\x00" in body:
            raise _nul_rejection(filename, body, body.index(b"\x00"))
        return _decode_utf8(body, filename), "utf-8-sig"
    if raw.startswith(_UTF32_BOMS):
        raise PageRejected(filename, "不支持 UTF-32 编码，请另存为 UTF-8")
    if raw.startswith(codecs.BOM_UTF16_LE):
        return _decode_utf16(raw[2:], "utf-16-le", filename), "utf-16-le"
    if raw.startswith(codecs.BOM_UTF16_BE):
        return _decode_utf16(raw[2:], "utf-16-be", filename), "utf-16-be"
    if b"\x00" in raw:
        # ASCII in UTF-16 is half NUL bytes, and still valid UTF-8: look first.
        guessed = _sniff_utf16(raw)
        if guessed is None:
            raise _nul_rejection(filename, raw, raw.index(b"\x00"))
        return guessed
    return _decode_8bit(raw, filename)


def _decode_utf8(raw: bytes, filename: str) -> str:
    """Decode BOM-less bytes already known to be meant as UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _bad_byte_rejection(filename, raw, error.start, utf8=True) from None
    _check_control_share(raw, filename)
    return text


def _decode_utf16(body: bytes, encoding: str, filename: str) -> str:
    """Decode UTF-16 after its BOM, naming the line of a broken code unit."""
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        before = body[: error.start - error.start % 2].decode(encoding)
        line = _count_lines(before) + 1
        raise PageRejected(
            filename, f"第 {line} 行有无法解码的字节（UTF-16 文件已损坏）", line=line
        ) from None
    if "\x00" in text:
        line = _count_lines(text[: text.index("\x00")]) + 1
        raise PageRejected(filename, "不是文本文件（含有 NUL 字节）", line=line)
    controls = _CONTROL_CHARS.findall(text)
    if len(controls) > len(text) * _MAX_CONTROL_SHARE:
        line = _count_lines(text[: text.index(controls[0])]) + 1
        raise PageRejected(filename, "不是文本文件（控制字符过多）", line=line)
    return text


def _sniff_utf16(raw: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16 by where its NUL bytes fall, then check the text."""
    if len(raw) % 2:
        return None
    nul_even, nul_odd = raw[0::2].count(0), raw[1::2].count(0)
    # ASCII characters put their NUL in the high byte: odd offsets in LE. Han
    # characters at U+xx00 (一 is U+4E00) put a few on the other side.
    if nul_odd and nul_even * _UTF16_NUL_SKEW <= nul_odd:
        encoding = "utf-16-le"
    elif nul_even and nul_odd * _UTF16_NUL_SKEW <= nul_even:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _CONTROL_CHARS.search(text) or not _looks_like_text(text):
        return None
    return text, encoding


def _decode_8bit(raw: bytes, filename: str) -> tuple[str, str]:
    """Decode NUL-free bytes as UTF-8, else as GB18030 when that reads as text."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        _check_control_share(raw, filename)
        return text, "utf-8"

    good, bad = _utf8_evidence(raw)
    share = good / (good + bad)
    if share >= _UTF8_BROKEN_SHARE or (
        share > _UTF8_MIXED_SHARE and bad >= _MIXED_MIN_EVIDENCE
    ):
        # Damaged or mixed UTF-8: GB18030 would "succeed" with mojibake.
        raise _bad_byte_rejection(filename, raw, first_bad, utf8=True)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as error:
        # A few bad bytes in readable text is damage worth pointing at by line.
        if _looks_like_text(raw.decode("gb18030", errors="replace")):
            raise _bad_byte_rejection(filename, raw, error.start, utf8=False) from None
        raise PageRejected(filename, "不是文本文件（大部分字节无法解码）") from None
    controls = raw.translate(None, _NOT_CONTROL_BYTES)
    if controls:
        at = raw.index(controls[:1])
        raise PageRejected(
            filename, "不是文本文件（含有控制字符）", line=_line_at(raw, at)
        )
    if not _looks_like_text(text):
        raise PageRejected(
            filename, "无法识别的编码（只支持 UTF-8、UTF-16 和 GB18030/GBK）"
        )
    return text, "gb18030"


def _utf8_evidence(raw: bytes) -> tuple[int, int]:
    """Count well-formed multi-byte UTF-8 characters and malformed sequences."""
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    good = len(_MULTIBYTE.findall(lenient))
    return good, bad


def _looks_like_text(text: str) -> bool:
    """Tell whether a decode reads as Chinese/ASCII text rather than garbage."""
    # U+FFFD from a lenient decode counts as strange too.
    return len(_NOT_TEXT.findall(text)) <= len(text) * _MAX_NOT_TEXT_SHARE


def _check_control_share(raw: bytes, filename: str) -> None:
    """Refuse valid UTF-8 that is full of control characters."""
    controls = raw.translate(None, _NOT_CONTROL_BYTES)
    if len(controls) > len(raw) * _MAX_CONTROL_SHARE:
        at = raw.index(controls[:1])
        raise PageRejected(
            filename, "不是文本文件（控制字符过多）", line=_line_at(raw, at, utf8=True)
        )


def _nul_rejection(filename: str, raw: bytes, at: int) -> PageRejected:
    """Build the refusal for a NUL byte in a file that is not UTF-16."""
    return PageRejected(
        filename, "不是文本文件（含有 NUL 字节）", line=_line_at(raw, at)
    )


def _bad_byte_rejection(
    filename: str, raw: bytes, at: int, *, utf8: bool
) -> PageRejected:
    """Build the refusal naming the line of the first undecodable byte."""
    line = _line_at(raw, at, utf8=utf8)
    return PageRejected(
        filename,
        f"第 {line} 行有无法解码的字节（既不是 UTF-8 也不是 GB18030）",
        line=line,
    )


def _line_at(raw: bytes, at: int, *, utf8: bool = False) -> int:
    """Return the 1-based line of byte offset `at`, counting breaks as decoding does."""
    # \r and \n never occur inside a multi-byte UTF-8 or GB18030 character; the
    # UTF-8 bytes of U+2028/U+2029 can, across characters, in GB18030.
    before = raw[:at]
    breaks = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
    if utf8:
        breaks += before.count(_LS_UTF8) + before.count(_PS_UTF8)
    return breaks + 1


def _count_lines(text: str) -> int:
    """Count line breaks in decoded text as newline normalisation will leave them."""
    return (
        text.count("\n")
        + text.count("\r")
        - text.count("\r\n")
        + text.count("\u2028")
        + text.count("\u2029")
    )
