"""Plan records as tables (pandas): the shape every export and query shares, and the
writers of those tables (CSV with a BOM, XLSX an analyst can filter at once, JSON
whose list columns are arrays)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from pipeline.record import ROLES

if TYPE_CHECKING:
    import pandas as pd
# pandas is imported where a frame is built or written: `kehoach tasks` prints a page of rows
# without it (importing pandas is most of a quick command's time)

# products (Sản phẩm) and monitors (Theo dõi, kiểm tra, đôn đốc) are columns of many task tables:
# an export that dropped them hid what the source says
TASK_COLUMNS = ["document_number", "document_kind", "issuer", "document_date", "source", "task_id", "origin",
                "text", *ROLES, "timeline", "start", "end", "recurrence", "page", "products", "monitors"]
# columns that hold several values joined with "; " in CSV, tables and SQL; JSON gives them as arrays
LIST_COLUMNS = (*ROLES, "recurrence", "recipients")
LIST_SEPARATOR = "; "
# ISO dates (YYYY-MM-DD) in these columns become date cells in XLSX
DATE_COLUMNS = ("document_date", "start", "end", "due", "date")
DOCUMENT_COLUMNS = ["source", "format", "pages", "ocr", "kind", "number", "issuer", "place", "date", "title",
                    "signer_name", "signer_position", "recipients", "tasks", "targets", "citations", "warnings"]
CITATION_COLUMNS = ["document_number", "source", "citation", "text", "kind", "number", "date", "issuer", "title",
                    "key", "page"]


def tasks_frame(records: Iterable) -> pd.DataFrame:
    """One row per task of every record; list fields joined with "; "."""
    import pandas as pd

    rows = []
    for rec in records:
        doc = rec.document
        for t in rec.tasks:
            rows.append({
                "document_number": doc.number, "document_kind": doc.kind, "issuer": doc.issuer,
                "document_date": doc.date, "source": rec.source.path, "task_id": t.id, "origin": t.origin,
                "text": t.text, **{role: LIST_SEPARATOR.join(getattr(t, role)) for role in ROLES},
                "timeline": t.timeline.text, "start": t.timeline.start, "end": t.timeline.end,
                "recurrence": LIST_SEPARATOR.join(t.timeline.recurrence), "page": t.span.page if t.span else None,
                "products": t.products, "monitors": t.monitors,
            })
    return pd.DataFrame(rows, columns=TASK_COLUMNS)


def documents_frame(records: Iterable) -> pd.DataFrame:
    """One row per record: its header, and how many tasks, targets, citations and warnings it has."""
    import pandas as pd

    rows = []
    for rec in records:
        doc, src = rec.document, rec.source
        rows.append({
            "source": src.path, "format": src.format, "pages": src.pages, "ocr": src.ocr, "kind": doc.kind,
            "number": doc.number, "issuer": doc.issuer, "place": doc.place, "date": doc.date, "title": doc.title,
            "signer_name": doc.signer.name, "signer_position": doc.signer.position,
            "recipients": LIST_SEPARATOR.join(doc.recipients), "tasks": len(rec.tasks), "targets": len(rec.targets),
            "citations": len(rec.citations), "warnings": len(rec.warnings)})
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def citations_frame(records: Iterable) -> pd.DataFrame:
    """One row per citation of every record (`citation` is its index in the record)."""
    import pandas as pd

    rows = []
    for rec in records:
        for i, c in enumerate(rec.citations):
            rows.append({"document_number": rec.document.number, "source": rec.source.path, "citation": i,
                         "text": c.text, "kind": c.kind, "number": c.number, "date": c.date, "issuer": c.issuer,
                         "title": c.title, "key": c.key, "page": c.span.page if c.span else None})
    return pd.DataFrame(rows, columns=CITATION_COLUMNS)


# -- writers ----------------------------------------------------------------------------

# A cell starting with one of these is a formula to Excel and LibreOffice Calc: "=HYPERLINK(...)"
# in a plan's text would become a live link, "@SUM(...)" a calculation (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV cell that cannot act as a formula: a leading ' as OWASP recommends (spreadsheets
    show the text as it was; the quote stays visible to other readers of the CSV). Only for
    CSV: records, JSON and XLSX (whose cells are typed as text) keep the text unchanged. A
    bullet "- Sở Tài chính" gets the quote too: a spreadsheet cannot tell it from "-1+2"."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text with every text cell neutralised (see `neutralise`)."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_string_dtype(values) and values.dtype != object:  # Arrow strings: vectorised
            risky = values.str.startswith(FORMULA_START).fillna(False).astype(bool)
            if risky.any():
                safe[column] = values.where(~risky, "'" + values)
        else:
            safe[column] = values.map(neutralise)
    return safe.to_csv(index=False)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with a byte-order mark: Excel opens it with Vietnamese letters intact
    (without the BOM it reads the bytes as the local code page). The CLI and the web
    export write these same bytes. Text cells are neutralised (see `neutralise`)."""
    return csv_text(frame).encode("utf-8-sig")


def write_csv(frame: pd.DataFrame, output) -> None:
    """A file gets csv_bytes (what the web's download gives); standard output, read by
    other programs through a pipe, gets the same CSV without the BOM."""
    if output and str(output) != "-":
        Path(output).write_bytes(csv_bytes(frame))
    else:
        sys.stdout.write(csv_text(frame))


def json_records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts for JSON: list columns as arrays, missing values as null."""
    return [_json_row(row) for row in frame.astype(object).where(frame.notna(), None).to_dict("records")]


def _json_row(row: dict) -> dict:
    for col in LIST_COLUMNS:
        if col in row:
            value = row[col]
            row[col] = [v for v in value.split(LIST_SEPARATOR) if v] if isinstance(value, str) else \
                (list(value) if isinstance(value, (list, tuple)) else [])
    return {k: _plain(v) for k, v in row.items()}


def json_text(frame: pd.DataFrame) -> str:
    return json.dumps(json_records(frame), ensure_ascii=False, indent=1) + "\n"


# -- the same writers for plain rows (tuples from the database), without pandas ----------------
# `kehoach tasks` prints a page of rows; building a DataFrame for it cost more than the query.


def rows_csv_text(columns: list[str], rows: list[tuple]) -> str:
    """csv_text of the same rows: pandas writes CSV through the csv module with these settings
    (None as an empty cell), so the bytes are the same."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()


def write_rows_csv(columns: list[str], rows: list[tuple], output) -> None:
    """write_csv of plain rows: a file gets the BOM, standard output does not."""
    text = rows_csv_text(columns, rows)
    if output and str(output) != "-":
        Path(output).write_bytes(text.encode("utf-8-sig"))
    else:
        sys.stdout.write(text)


def rows_json_text(columns: list[str], rows: list[tuple]) -> str:
    """json_text of plain rows."""
    return json.dumps([_json_row(dict(zip(columns, row))) for row in rows], ensure_ascii=False, indent=1) + "\n"


def rows_table_text(columns: list[str], rows: list[tuple], width: int = 60) -> str:
    """Rows as aligned text columns for a person (cells cut to `width` characters, None blank)."""
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    cells = [[c if len(c) <= width else c[:width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [list(columns), *cells]]
    return "\n".join(lines) + "\n"


def _plain(value):
    """numpy scalars as Python ones (json cannot write numpy.int64)."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_WIDTH = 60  # characters; longer cells wrap in Excel rather than stretching the sheet


def write_xlsx(sheets: dict[str, pd.DataFrame] | pd.DataFrame, output) -> None:
    """One sheet per frame: a bold, shaded header row with filters, frozen under it; ISO
    dates as real date cells (Excel sorts and filters them as dates); widths that fit the
    content up to _MAX_WIDTH characters. Text cells stay text: a plan's "=..." is never a formula."""
    import pandas as pd

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    if isinstance(sheets, pd.DataFrame):
        sheets = {"tasks": sheets}
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        columns = list(frame.columns)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="305496")
            cell.alignment = Alignment(vertical="center")
        widths = [len(str(c)) + 3 for c in columns]  # room for the filter button
        dates = {i for i, c in enumerate(columns) if c in DATE_COLUMNS}
        for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False):
            values = []
            for i, value in enumerate(row):
                value = _plain(value)
                if i in dates and isinstance(value, str) and _ISO_DATE.fullmatch(value):
                    try:
                        value = dt.date.fromisoformat(value)
                    except ValueError:
                        pass
                elif isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                values.append(value)
                widths[i] = max(widths[i], min(_MAX_WIDTH, 10 if isinstance(value, dt.date) else len(str(value or ""))))
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would take "=..." for a formula
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 1
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(columns)))}{max(1, sheet.max_row)}"
    book.save(output)
