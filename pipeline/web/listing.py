"""What the web page's lists share: dates as people there write them, sorting, and facets.

- Dates: a filter takes dd/mm/yyyy (how a Vietnamese official writes a date) or ISO
  yyyy-mm-dd (the URL of an older link); the archive is asked in ISO, the page shows dd/mm/yyyy.
- Sorting: ?sort=column&order=asc|desc, done by the database, with each list's default order
  after it as the tie-break, so that paging through a sorted list is stable.
- Facets: for the rows a page's filters match, the most frequent values of a few columns with
  their counts (as Datasette shows them); each value is a link that adds it as a filter.
"""
from __future__ import annotations

import re
from datetime import date

from pipeline.archive import Archive
from pipeline.errors import KehoachError
from pipeline.record import ROLES

FACET_VALUES = 12  # values shown per facet, most frequent first

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(text: str, name: str) -> str:
    """A date typed as dd/mm/yyyy (or ISO yyyy-mm-dd) as ISO text; '' stays ''; anything else is one clear error."""
    text = text.strip()
    if not text:
        return ""
    if dmy := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in dmy.groups())
    elif iso := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise KehoachError(f"{name}={text[:40]!r}: expected a date as dd/mm/yyyy (or YYYY-MM-DD)")
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise KehoachError(f"{name}={text[:40]!r}: no such day (expected dd/mm/yyyy)") from None


def dmy_date(value) -> str:
    """An ISO date (or the start of an ISO timestamp) as dd/mm/yyyy; anything else as it is."""
    text = "" if value is None else str(value)
    m = _ISO.match(text)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else text


# -- sorting --------------------------------------------------------------------------------
def sort_state(args, allowed) -> tuple[str | None, bool]:
    """(column, descending) from ?sort=&order=, checked against the list's sortable columns."""
    column = (args.get("sort") or "").strip() or None
    order = (args.get("order") or "asc").strip()
    if column is not None and column not in allowed:
        raise KehoachError(f"sort={column[:40]!r}: one of {', '.join(allowed)}")
    if order not in ("asc", "desc"):
        raise KehoachError(f"order={order[:10]!r}: asc or desc")
    return column, order == "desc"


def sort_args(column: str | None, descending: bool) -> dict[str, str]:
    return {"sort": column, "order": "desc"} if column and descending else {"sort": column} if column else {}


# Documents and directives: the SQL each sortable column sorts by (empty text last) and the list's own order.
DOCUMENT_SORTS = {"date": "NULLIF(d.date, '')", "kind": "NULLIF(d.kind, '')", "number": "NULLIF(d.number, '')",
                  "issuer": "NULLIF(d.issuer, '')", "title": "NULLIF(d.title, '')", "path": "d.path",
                  "n_tasks": "n_tasks", "n_citations": "n_citations"}
DOCUMENT_ORDER = "d.date NULLS FIRST, d.id"
DIRECTIVE_SORTS = {"kind": "min(kind)", "number": "min(number)", "issuer": "min(issuer)", "date": "min(date)",
                   "title": "min(title)", "mentions": "count(*)", "n_documents": "count(DISTINCT document_id)"}
DIRECTIVE_ORDER = "count(DISTINCT document_id) DESC, key"


def order_clause(sorts: dict[str, str], default: str, column: str | None, descending: bool) -> str:
    if not column:
        return "ORDER BY " + default
    return f"ORDER BY {sorts[column]} {'DESC' if descending else 'ASC'} NULLS LAST, {default}"


# -- facets ---------------------------------------------------------------------------------
def _counted(rows: list[dict]) -> list[dict]:
    return [{"value": str(r["value"]), "n": int(r["n"])} for r in rows if r["value"] not in (None, "")]


def task_facets(archive: Archive, sql: str, params: list) -> dict[str, list[dict]]:
    """Issuer, document kind, document year and role of the tasks `sql` selects, each value with its count."""
    assert sql.startswith("SELECT ")
    matching = "SELECT t.task_row AS task_row, " + sql[len("SELECT "):]
    out = {}
    for name, expr in (("issuer", "m.issuer"), ("kind", "m.document_kind"), ("year", "substr(m.document_date, 1, 4)")):
        out[name] = _counted(archive.dicts(
            f"SELECT {expr} AS value, count(*) AS n FROM ({matching}) m GROUP BY {expr} "
            f"ORDER BY n DESC, value LIMIT {FACET_VALUES + 1}", params))
    roles = archive.dicts(
        f"SELECT a.role AS value, count(DISTINCT a.task_row) AS n FROM task_actors a "
        f"WHERE a.task_row IN (SELECT m.task_row FROM ({matching}) m) GROUP BY a.role", params)
    out["role"] = sorted(_counted(roles), key=lambda r: ROLES.index(r["value"]) if r["value"] in ROLES else 99)
    return out


def document_where(filters: dict[str, str]) -> tuple[str, list]:
    """The WHERE clause of the documents list for its facet filters (exact values)."""
    where, params = [], []
    if filters.get("issuer"):
        where.append("d.issuer = ?")
        params.append(filters["issuer"])
    if filters.get("kind"):
        where.append("d.kind = ?")
        params.append(filters["kind"])
    if filters.get("year"):
        where.append("substr(d.date, 1, 4) = ?")
        params.append(filters["year"])
    return (" WHERE " + " AND ".join(where)) if where else "", params


def document_facets(archive: Archive, filters: dict[str, str]) -> dict[str, list[dict]]:
    where, params = document_where(filters)
    return {name: _counted(archive.dicts(
        f"SELECT {expr} AS value, count(*) AS n FROM documents d{where} GROUP BY {expr} "
        f"ORDER BY n DESC, value LIMIT {FACET_VALUES + 1}", params))
        for name, expr in (("issuer", "d.issuer"), ("kind", "d.kind"), ("year", "substr(d.date, 1, 4)"))}
