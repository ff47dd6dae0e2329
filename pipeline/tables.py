"""Plan records as tables (pandas): the shape every export and query shares."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from pipeline.record import ROLES

TASK_COLUMNS = ["document_number", "document_kind", "issuer", "document_date", "source", "task_id", "origin",
                "text", *ROLES, "timeline", "start", "end", "recurrence", "page"]


def tasks_frame(records: Iterable) -> pd.DataFrame:
    """One row per task of every record; list fields joined with "; "."""
    rows = []
    for rec in records:
        doc = rec.document
        for t in rec.tasks:
            rows.append({
                "document_number": doc.number, "document_kind": doc.kind, "issuer": doc.issuer,
                "document_date": doc.date, "source": rec.source.path, "task_id": t.id, "origin": t.origin,
                "text": t.text, **{role: "; ".join(getattr(t, role)) for role in ROLES},
                "timeline": t.timeline.text, "start": t.timeline.start, "end": t.timeline.end,
                "recurrence": "; ".join(t.timeline.recurrence), "page": t.span.page if t.span else None,
            })
    return pd.DataFrame(rows, columns=TASK_COLUMNS)


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
