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
