"""Complete exports of a search or browse result set: CSV, XLSX, JSON Lines.

Every export is the entire result set of the URL's parameters (the search
page's own filters, archive.filters.resolve_search), streamed: rows come from a
server-side cursor in chunks (QuerySet.iterator with prefetching per chunk) and
leave as they are written, so memory stays flat whatever the size. XLSX is a
zip whose parts are written at the end, so it is built by XlsxWriter in
constant_memory mode into a temporary file and then streamed from that file.
Columns are those of the API (archive/api/records.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import xlsxwriter
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from .api.records import (
    FIGURE_COLUMNS,
    ITEM_COLUMNS,
    figure_queryset,
    figure_record,
    item_record,
    row_queryset,
)
from .figures import figures_for
from .filters import index_first, resolve_search

CHUNK_SIZE = 2000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson; charset=utf-8",
}
LIST_SEPARATOR = "；"
NUMERIC_COLUMNS = {"id", "page", "position", "figure_id", "item_id", "value"}
DATE_COLUMNS = {"date", "deadline"}
XLSX_MAX_CELL = 32767  # Excel's limit on characters in one cell
XLSX_MAX_ROWS = 1_048_575  # rows per sheet under the header
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Record = dict[str, Any]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def _csv_safe(column: str, value: Any) -> Any:
    # Spreadsheet programs run a cell starting with = + - @ as a formula
    # (CSV injection); a leading apostrophe keeps it text. Numbers are left alone.
    if (
        column not in NUMERIC_COLUMNS
        and isinstance(value, str)
        and value.startswith(CSV_FORMULA_START)
    ):
        return "'" + value
    return value


def csv_chunks(records: Iterable[Record], columns: tuple[str, ...]) -> Iterator[bytes]:
    """UTF-8 with a BOM (so Excel reads Chinese), header first, CRLF rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(columns)
    for count, record in enumerate(records, start=1):
        writer.writerow([_csv_safe(c, _cell(record[c])) for c in columns])
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def jsonl_chunks(records: Iterable[Record]) -> Iterator[bytes]:
    """One JSON object per line, keys as in the API."""
    lines: list[str] = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False))
        if len(lines) == 500:
            yield ("\n".join(lines) + "\n").encode()
            lines.clear()
    if lines:
        yield ("\n".join(lines) + "\n").encode()


def xlsx_chunks(
    records: Iterable[Record], columns: tuple[str, ...], *, sheet: str
) -> Iterator[bytes]:
    """An XLSX workbook in constant memory, streamed once it is complete."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        workbook = xlsxwriter.Workbook(
            target.name,
            {
                "constant_memory": True,
                # Data stays data: no formulas, URLs or numbers guessed from text.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "tmpdir": tempfile.gettempdir(),
            },
        )
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        worksheet = None
        row = XLSX_MAX_ROWS
        sheets = 0
        for record in records:
            if row >= XLSX_MAX_ROWS:
                sheets += 1
                name = sheet if sheets == 1 else f"{sheet}{sheets}"
                worksheet = workbook.add_worksheet(name)
                worksheet.write_row(0, 0, columns, bold)
                row = 0
            row += 1
            for col, column in enumerate(columns):
                value = _cell(record[column])
                if column in DATE_COLUMNS and value:
                    worksheet.write_datetime(
                        row, col, datetime.date.fromisoformat(value), day
                    )
                elif column in NUMERIC_COLUMNS and value != "":
                    worksheet.write_number(row, col, float(value))
                elif isinstance(value, str):
                    worksheet.write_string(row, col, _xlsx_text(value))
                else:
                    worksheet.write(row, col, value)
        if worksheet is None:
            worksheet = workbook.add_worksheet(sheet)
            worksheet.write_row(0, 0, columns, bold)
        workbook.close()
        target.seek(0)
        while block := target.read(64 * 1024):
            yield block


def _xlsx_text(value: str) -> str:
    if len(value) <= XLSX_MAX_CELL:
        return value
    marker = "…（超出 Excel 单元格上限，全文见 CSV 或 JSON Lines）"
    return value[: XLSX_MAX_CELL - len(marker)] + marker


def _records(
    queryset: QuerySet,
    to_record: Callable[..., Record],
    *,
    base_url: str,
    index: bool,
) -> Iterator[Record]:
    """Rows from a server-side cursor, CHUNK_SIZE at a time, as records.

    Inside a transaction the cursor is a plain one that PostgreSQL streams; in
    autocommit Django would declare it WITH HOLD, which computes the whole
    result before the first row.
    """
    with index_first() if index else transaction.atomic():
        for row in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield to_record(row, base_url=base_url)


def _response(chunks: Iterator[bytes], fmt: str, stem: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    # Proxies must not buffer a long export in memory either.
    response["X-Accel-Buffering"] = "no"
    return response


def _invalid(errors) -> HttpResponse:
    lines = [
        f"{field}: {'；'.join(str(m) for m in messages)}"
        for field, messages in errors.items()
    ]
    return HttpResponse(
        "导出参数无效：\n" + "\n".join(lines),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _chunks(
    records: Iterator[Record], fmt: str, columns: tuple[str, ...], sheet: str
) -> Iterator[bytes]:
    if fmt == "csv":
        return csv_chunks(records, columns)
    if fmt == "xlsx":
        return xlsx_chunks(records, columns, sheet=sheet)
    return jsonl_chunks(records)


def export_items(request: HttpRequest, fmt: str) -> HttpResponse:
    """The whole result set of a search or browse URL, one row per item."""
    if fmt not in FORMATS:
        raise Http404("导出格式只有 csv、xlsx、jsonl")
    resolved = resolve_search(request.GET, user=request.user)
    if not resolved.filterset.is_valid():
        return _invalid(resolved.filterset.errors)
    records = _records(
        row_queryset(resolved.ordered()),
        item_record,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        index=not resolved.query.is_empty,
    )
    return _response(_chunks(records, fmt, ITEM_COLUMNS, "条目"), fmt, "items")


def export_figures(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every figure of the result set: one row per figure with its item's facts."""
    if fmt not in FORMATS:
        raise Http404("导出格式只有 csv、xlsx、jsonl")
    search = figures_for(request.GET, user=request.user)
    if search.figures is None:
        return _invalid(search.errors)
    records = _records(
        figure_queryset(search.figures),
        figure_record,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        index=False,
    )
    return _response(_chunks(records, fmt, FIGURE_COLUMNS, "数据"), fmt, "figures")
