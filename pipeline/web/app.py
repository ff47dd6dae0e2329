"""The read-only web view of an archive (`kehoach serve`).

    from pipeline.web.app import create_app
    create_app("kehoach.db").run()          # or: kehoach serve --db kehoach.db

Safety rules this file keeps, so a plan's text can never act on the reader:
- the archive is opened read-only (Archive reads through a mode=ro connection and
  no view calls a writing method), one connection per request;
- SQL is parameterised; every string from a document reaches the page through
  Jinja autoescape (no `|safe` on document data; charts are SVG built in templates);
- the only files served are Flask's own static folder (safe_join keeps requests
  inside it); a document's path is shown, never opened;
- the Content-Security-Policy allows no script at all.
"""
from __future__ import annotations

import io
import itertools
import json
from datetime import date, timedelta
from pathlib import Path

from flask import Flask, Response, abort, g, render_template, request, url_for
from markupsafe import Markup, escape

from pipeline.actors import normalize_number
from pipeline.archive import SORTABLE_TASK_COLUMNS, Archive
from pipeline.errors import KehoachError
from pipeline.highlight import marked_pieces, search_terms
from pipeline.record import ROLES, PlanRecord
from pipeline.tables import csv_bytes
from pipeline.units import unit_table
from pipeline.web.listing import (DIRECTIVE_ORDER, DIRECTIVE_SORTS, DOCUMENT_ORDER, DOCUMENT_SORTS, dmy_date,
                                  document_facets, document_where, iso_date, order_clause, sort_args, sort_state,
                                  task_facets)

# What the tasks table shows, and therefore exactly what its CSV/XLSX exports hold.
TABLE_COLUMNS = ["document_number", "issuer", "task_id", "text", "lead", "advisors", "implementers", "coordinators",
                 "timeline", "start", "end", "products", "monitors", "page"]
COLUMN_TITLES = {"document_number": "Số văn bản", "issuer": "Cơ quan ban hành", "task_id": "Mục",
                 "text": "Nhiệm vụ", "lead": "Chủ trì", "advisors": "Tham mưu", "implementers": "Thực hiện",
                 "coordinators": "Phối hợp", "timeline": "Thời gian", "start": "Từ", "end": "Đến", "page": "Trang",
                 "products": "Sản phẩm", "monitors": "Theo dõi, kiểm tra, đôn đốc"}
ROLE_TITLES = {"lead": "Chủ trì", "advisors": "Tham mưu", "implementers": "Thực hiện", "coordinators": "Phối hợp"}
FILTERS = ("actor", "role", "due_after", "due_before", "issuer", "cites", "q", "kind", "year", "unit")
DOCUMENT_FILTERS = ("issuer", "kind", "year")  # the documents list's facets, matched exactly
DATE_FILTERS = ("due_after", "due_before")
HIGHLIGHTED_COLUMNS = ("text", *ROLES)  # where a search's words are marked in the tasks table
TASK_ANCHOR = "task-start"  # every link to a task opens its page at the task's first source line
PAGE_SIZE = 100  # rows a page: rendering is most of a page's cost (500 rows: 2.6 s at p50 under load)
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id in a URL is simply not there
TIMELINE_ROWS = 300


LANGUAGES = ("vi", "en")


def labels(lang: str) -> dict[str, str]:
    """Vietnamese page text → its translation (pipeline/web/labels_<lang>.csv); Vietnamese is the source."""
    if lang == "vi":
        return {}
    import csv

    with open(Path(__file__).with_name(f"labels_{lang}.csv"), encoding="utf-8", newline="") as fh:
        return {row["vi"]: row[lang] for row in csv.DictReader(fh)}


def create_app(db: str | Path | None = None, lang: str = "vi") -> Flask:
    """The Flask app over the archive `db`, a file or a postgresql:// URL (default: $KEHOACH_DB or ./kehoach.db).
    lang: "vi" (the default), "en", or "auto" (the browser's Accept-Language, Vietnamese unless it prefers English);
    a page's ?lang=en|vi overrides it."""
    if lang not in (*LANGUAGES, "auto"):
        raise KehoachError(f"language {lang!r}: one of vi, en, auto")
    app = Flask(__name__)
    app.config["KEHOACH_DB"] = Archive(db).address
    app.config["KEHOACH_LANG"] = lang
    translations = {code: labels(code) for code in LANGUAGES}
    app.json.ensure_ascii = False
    app.jinja_env.filters["dmy"] = dmy_date

    def archive() -> Archive:
        if "archive" not in g:
            g.archive = Archive(app.config["KEHOACH_DB"])
        return g.archive

    @app.teardown_appcontext
    def close_archive(exc):
        arch = g.pop("archive", None)
        if arch is not None:
            arch.close()

    @app.after_request
    def headers(resp: Response) -> Response:
        # No page needs script; forbidding it means even a missed escape could not run one.
        resp.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                                   "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        return resp

    @app.errorhandler(KehoachError)
    def bad_request(exc):
        return render_template("error.html", message=str(exc)), 400

    @app.errorhandler(404)
    def not_found(exc):
        return render_template("error.html", message=translate("Không tìm thấy trang (not found).")), 404

    def language() -> str:
        asked = request.args.get("lang")
        if asked in LANGUAGES:
            return asked
        if app.config["KEHOACH_LANG"] == "auto":
            return request.accept_languages.best_match(LANGUAGES, default="vi")
        return app.config["KEHOACH_LANG"]

    def translate(text: str) -> str:
        return translations[language()].get(text, text)

    @app.context_processor
    def common():
        return {"role_titles": {k: translate(v) for k, v in ROLE_TITLES.items()},
                "column_titles": {k: translate(v) for k, v in COLUMN_TITLES.items()}, "url_with": url_with,
                "json_twin": json_twin(), "t": translate, "lang": language(), "task_anchor": TASK_ANCHOR,
                "task_cells": task_cells}

    def render_page(template: str, json_keys: tuple[str, ...], **context):
        """The page, or at its .json address the same data as JSON (the page's twin)."""
        if request.path.endswith(".json"):
            return app.json.response({k: _jsonable(context[k]) for k in json_keys})
        return render_template(template, **context)

    # -- documents -----------------------------------------------------------
    @app.get("/")
    @app.get("/documents.json", endpoint="documents_json")
    def documents():
        filters = {k: (request.args.get(k) or "").strip() for k in DOCUMENT_FILTERS}
        sort, descending = sort_state(request.args, DOCUMENT_SORTS)
        where, params = document_where(filters)
        docs = archive().sql(
            "SELECT d.id, d.kind, d.number, d.issuer, d.date, d.title, d.path, "
            "(SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS n_tasks, "
            "(SELECT count(*) FROM citations c WHERE c.document_id = d.id) AS n_citations "
            f"FROM documents d{where} {order_clause(DOCUMENT_SORTS, DOCUMENT_ORDER, sort, descending)}", params)
        return render_page("documents.html", ("docs", "counts", "facets", "filters", "sort"), docs=_rows(docs),
                           counts=archive().counts(), facets=document_facets(archive(), filters), filters=filters,
                           sort={"column": sort, "descending": descending}, list_args={**filters,
                                                                                       **sort_args(sort, descending)})

    @app.get("/documents/<int:doc_id>")
    @app.get("/documents/<int:doc_id>.json", endpoint="document_json")
    def document(doc_id: int):
        doc, record = _document(archive(), doc_id)
        tasks = archive().sql("SELECT * FROM task_table WHERE document_id = ? ORDER BY task_idx", (doc_id,))
        cites = archive().sql("SELECT * FROM citations WHERE document_id = ? ORDER BY idx", (doc_id,))
        lines = source_lines(record.text or "", _facts(record))
        return render_page("document.html", ("doc", "record", "tasks", "citations"), doc=doc, record=record,
                    tasks=_rows(tasks), citations=_rows(cites), lines=lines)

    # -- tasks ---------------------------------------------------------------
    @app.get("/tasks")
    @app.get("/tasks.json", endpoint="tasks_json")
    def tasks():
        filters = _filters()
        page = _int_arg("page", 1)
        # one page of rows from SQL (LIMIT/OFFSET) and the count beside it: reading every
        # matching task to show a hundred was half of a page's time
        total = task_count(archive(), filters)
        shown = task_frame(archive(), filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, as_dicts=True)
        terms = search_terms(filters["q"])
        marks = {r["task_row"]: {c: marked_pieces(r[c], terms) for c in HIGHLIGHTED_COLUMNS} for r in shown} \
            if terms else {}
        sort = {"column": filters["sort"] or None, "descending": filters["order"] == "desc"}
        return render_page("tasks.html", ("rows", "total", "page", "pages", "filters", "facets"), rows=shown,
                           columns=TABLE_COLUMNS, filters=filters, marks=marks, sort=sort,
                           facets=task_facets(archive(), *_task_query(archive(), filters)),
                           total=total, page=page, pages=max(1, -(-total // PAGE_SIZE)),
                           roles=ROLES, export_args={k: v for k, v in filters.items() if v})

    @app.get("/tasks.csv")
    def tasks_csv():
        frame = export_frame(archive(), _filters())
        # the bytes `kehoach tasks -o x.csv` writes: UTF-8 with a BOM, which Excel reads as UTF-8,
        # and text cells neutralised against formula injection (pipeline.tables.csv_text)
        return _download(csv_bytes(frame), "text/csv; charset=utf-8", "kehoach-tasks.csv")

    @app.get("/tasks.xlsx")
    def tasks_xlsx():
        frame = export_frame(archive(), _filters())
        return _download(xlsx_bytes(frame), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         "kehoach-tasks.xlsx")

    @app.get("/tasks/<int:task_row>")
    @app.get("/tasks/<int:task_row>.json", endpoint="task_json")
    def task(task_row: int):
        if task_row > MAX_ID:
            abort(404)
        rows = archive().sql("SELECT tt.*, t.span_start, t.span_end FROM task_table tt JOIN tasks t "
                             "ON t.id = tt.task_row WHERE tt.task_row = ?", (task_row,))
        if rows.empty:
            abort(404)
        t = _rows(rows)[0]
        doc, record = _document(archive(), t["document_id"])
        actors = archive().sql("SELECT role, actor FROM task_actors WHERE task_row = ?", (task_row,))
        cites = archive().sql("SELECT c.* FROM task_citations tc JOIN citations c ON c.document_id = ? "
                              "AND c.idx = tc.citation_idx WHERE tc.task_row = ? ORDER BY c.idx",
                              (t["document_id"], task_row))
        text = record.text or ""
        span = (t["span_start"], t["span_end"]) if t["span_start"] is not None and text else None
        lines = source_lines(text, _facts(record), span)
        first, last = _line_range(text, span)
        return render_page("task.html", ("task", "doc", "citations", "actors"), task=t, doc=doc, record=record,
                               lines=lines, first_line=first,
                               last_line=last, citations=_rows(cites),
                               actors={r: list(actors[actors.role == r].actor) for r in ROLES})

    # -- directives (what the plans cite) --------------------------------------
    @app.get("/directives")
    @app.get("/directives.json", endpoint="directives_json")
    def directives():
        sort, descending = sort_state(request.args, DIRECTIVE_SORTS)
        frame = archive().sql(
            "SELECT key, min(kind) AS kind, min(number) AS number, min(issuer) AS issuer, min(date) AS date, "
            "min(title) AS title, count(*) AS mentions, count(DISTINCT document_id) AS n_documents "
            f"FROM citations WHERE key IS NOT NULL GROUP BY key "
            f"{order_clause(DIRECTIVE_SORTS, DIRECTIVE_ORDER, sort, descending)}")
        return render_page("directives.html", ("rows", "sort"), rows=_rows(frame),
                           sort={"column": sort, "descending": descending}, list_args=sort_args(sort, descending))

    @app.get("/directives/<path:key>")
    def directive(key: str):
        if key.endswith(".json"):  # the JSON twin: no key ends so (keys end in a number or a slug)
            key = key[:-len(".json")]
        mentions = archive().sql(
            "SELECT c.*, d.number AS document_number, d.kind AS document_kind, d.issuer AS document_issuer, "
            "d.date AS document_date, d.title AS document_title FROM citations c JOIN documents d "
            "ON d.id = c.document_id WHERE c.key = ? ORDER BY d.date, d.id, c.idx", (key,))
        if mentions.empty:
            abort(404)
        citing_tasks = archive().sql(
            "SELECT DISTINCT tt.* FROM citations c JOIN tasks t ON t.document_id = c.document_id "
            "JOIN task_citations tc ON tc.task_row = t.id AND tc.citation_idx = c.idx "
            "JOIN task_table tt ON tt.task_row = t.id WHERE c.key = ? ORDER BY tt.document_date, tt.task_row",
            (key,))
        # Is the cited directive itself in the archive? Compare numbers in their one normal form.
        numbers = {n for n in mentions.number_norm.dropna()}
        docs = archive().sql("SELECT id, kind, number, issuer, date, title FROM documents WHERE number IS NOT NULL")
        archived = [d for d in _rows(docs) if normalize_number(d["number"]) in numbers]
        # what the mentions say about it, each field from the first mention that prints it
        rows = _rows(mentions)
        head = {f: next((r[f] for r in rows if r[f]), None) for f in ("kind", "number", "issuer", "date", "title")}
        return render_page("directive.html", ("key", "head", "mentions", "tasks", "archived"), key=key, head=head,
                               mentions=rows,
                               tasks=_rows(citing_tasks), archived=archived)

    # -- audit, timeline, units ------------------------------------------------
    @app.get("/audit")
    @app.get("/audit.json", endpoint="audit_json")
    def audit():
        findings, note = audit_findings(archive())
        # link each finding to the pages it is about: the directive (when its key is a
        # stored citation key) and the document (by its path)
        keys = set(archive().sql("SELECT DISTINCT key FROM citations WHERE key IS NOT NULL").key)
        doc_ids = dict(archive().sql("SELECT path, id FROM documents").itertuples(index=False))
        columns = list(findings[0]) if findings else []
        return render_page("audit.html", ("findings", "note"), findings=findings, note=note, columns=columns, keys=keys,
                               doc_ids=doc_ids)

    @app.get("/timeline")
    @app.get("/timeline.json", endpoint="timeline_json")
    def timeline():
        filters = _filters()
        frame = task_frame(archive(), filters)
        chart = timeline_chart(_rows(frame), TIMELINE_ROWS)
        return render_page("timeline.html", ("tasks", "filters", "total"), chart=chart, filters=filters, roles=ROLES,
                    total=len(frame), tasks=_rows(frame.head(TIMELINE_ROWS)))

    @app.get("/units")
    @app.get("/units.json", endpoint="units_json")
    def units():
        role = request.args.get("role") or "lead"
        if role not in ROLES:
            raise KehoachError(f"unknown role {role!r}")
        counts = unit_counts(unit_table(archive(), role))
        return render_page("units.html", ("role", "units"), chart=bar_chart(counts), role=role, roles=ROLES, units=counts)

    return app


def task_cells(row: dict, columns: list[str], marks: dict | None) -> Markup:
    """The cells of one row of the tasks table: the task and document numbers link to their pages,
    dates read dd/mm/yyyy, and a search's words are marked. Built here rather than by a template
    macro per cell: 1,100 macro calls, 200 url_for and 3,300 escapes a page were three quarters of
    its time under load (issue 13's p99)."""
    root = escape(request.script_root)  # url_for's prefix; the two paths are fixed by the routes above
    cells = []
    for c in columns:
        value = row.get(c)
        if c == "task_id":
            cell = f'<a href="{root}/tasks/{int(row["task_row"])}#{TASK_ANCHOR}">{escape(value or "—")}</a>'
        elif c == "document_number":
            cell = f'<a href="{root}/documents/{int(row["document_id"])}">{escape(value or "—")}</a>'
        elif c in ("start", "end"):
            cell = escape(dmy_date(value))
        elif marks and marks.get(c):
            cell = "".join(f'<mark class="hit">{escape(piece)}</mark>' if hit else escape(piece)
                           for piece, hit in marks[c])
        else:
            cell = escape("" if value is None else value)
        nowrap = " nowrap" if c in ("task_id", "document_number") else ""
        cells.append(f'<td class="col-{escape(c)}{nowrap}">{cell}</td>')
    return Markup("".join(cells))


def json_twin() -> str:
    """The address of the current page's JSON twin, its query string kept."""
    path = "/documents.json" if request.path == "/" else request.path.rstrip("/") + ".json"
    query = request.query_string.decode("latin-1")
    return path + ("?" + query if query else "")


def _jsonable(value):
    """Page data as JSON values: records as the contract's dicts, NaN as null, dates as ISO text."""
    from dataclasses import asdict, is_dataclass

    if isinstance(value, PlanRecord):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date,)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


# -- queries ------------------------------------------------------------------
def _filters() -> dict[str, str]:
    """The tasks list's filters and sort from the query string; dates as ISO whichever way they were typed."""
    filters = {k: (request.args.get(k) or "").strip() for k in FILTERS}
    for k in DATE_FILTERS:
        filters[k] = iso_date(filters[k], k)
    sort, descending = sort_state(request.args, SORTABLE_TASK_COLUMNS)
    return {**filters, "sort": sort or "", "order": "desc" if sort and descending else ""}


def _int_arg(name: str, default: int, most: int = 10**9) -> int:
    """A whole-number query parameter from 1 to `most`; anything else is a 400 that says so."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise KehoachError(f"{name}={raw[:40]!r}: expected a whole number from 1 to {most:,}")
    return int(raw)


def _task_query(archive: Archive, filters: dict) -> tuple[str, list]:
    return archive.task_query(
        actor=filters.get("actor") or None, role=filters.get("role") or None,
        due_after=filters.get("due_after") or None, due_before=filters.get("due_before") or None,
        issuer=filters.get("issuer") or None, cites=filters.get("cites") or None, search=filters.get("q") or None,
        kind=filters.get("kind") or None, year=filters.get("year") or None, sort=filters.get("sort") or None,
        descending=filters.get("order") == "desc", unit=filters.get("unit") or None)


def task_frame(archive: Archive, filters: dict, limit: int | None = None, offset: int = 0,
               as_dicts: bool = False):
    """Tasks matching the page's filters, with the row id and due date the pages link and draw with
    (`limit` rows from `offset` on, when given; a list of row dicts when `as_dicts`).

    Archive.tasks returns the shared table columns only; the page also needs each
    task's row id, so it runs the same query (Archive.task_query) with those added
    in front of the select list.
    """
    sql, params = _task_query(archive, filters)
    assert sql.startswith("SELECT ")
    sql = "SELECT t.task_row, t.document_id, t.due, " + sql[len("SELECT "):]
    if limit is not None:
        sql, params = sql + " LIMIT ? OFFSET ?", [*params, limit, offset]
    return archive.dicts(sql, params) if as_dicts else archive.sql(sql, params)


def export_frame(archive: Archive, filters: dict):
    """The table's columns for every matching task, read by the Arrow reader (Archive.task_frame):
    six times faster than the row-by-row reader for a whole-archive export."""
    return archive.task_frame(*_task_query(archive, filters))[TABLE_COLUMNS]


def task_count(archive: Archive, filters: dict) -> int:
    sql, params = _task_query(archive, filters)
    return int(archive.dicts(f"SELECT count(*) AS n FROM ({sql}) AS matching", params)[0]["n"])


def _document(archive: Archive, doc_id: int) -> tuple[dict, PlanRecord]:
    if int(doc_id) > MAX_ID:
        abort(404)
    rows = archive.sql("SELECT * FROM documents WHERE id = ?", (int(doc_id),))
    if rows.empty:
        abort(404)
    doc = _rows(rows)[0]
    record = PlanRecord.from_dict({**json.loads(doc["record"]), "text": doc["text"]})
    doc["recipients"] = json.loads(doc["recipients"] or "[]")
    return doc, record


def _facts(record: PlanRecord) -> list[tuple[int, int, str]]:
    from pipeline.annotate import facts_of

    return facts_of(record) if record.text else []


def _rows(frame) -> list[dict]:
    """DataFrame rows as dicts with None (not NaN) for missing values, so templates test them simply."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def audit_findings(archive: Archive) -> tuple[list[dict], str | None]:
    """pipeline.link's audit of the archive as rows, or a note saying why there is none.

    pipeline.link is imported lazily: the web view works without it (and an
    error inside it must not take the other pages down)."""
    try:
        from pipeline import link
    except ImportError:
        return [], "Audit not available: this installation has no pipeline.link."
    if not callable(getattr(link, "audit", None)):
        return [], "Audit not available: pipeline.link provides no audit(archive) function."
    return _rows(link.audit(archive)), None


# -- exports -------------------------------------------------------------------
def _download(data: bytes, mimetype: str, name: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def xlsx_bytes(frame) -> bytes:
    """The frame as the .xlsx workbook `kehoach tasks -o x.xlsx` writes (pipeline.tables.write_xlsx:
    date cells, a header with filters, text that stays text)."""
    from pipeline.tables import write_xlsx

    out = io.BytesIO()
    write_xlsx(frame, out)
    return out.getvalue()


# -- source text with highlights ------------------------------------------------------
def source_lines(text: str, facts: list[tuple[int, int, str]], span: tuple[int, int] | None = None) -> list[dict]:
    """The text as numbered lines of (text, label, in_span) pieces, for the template to escape and mark.

    `facts` are (start, end, label) as pipeline.annotate.facts_of gives them; `span`
    is the task's own (start, end). Later facts win where two overlap.
    """
    labels: list[str | None] = [None] * len(text)
    for start, end, label in facts:
        start, end = max(0, start), min(len(text), end)
        labels[start:end] = [label] * max(0, end - start)
    lo, hi = span if span else (-1, -1)
    lines, pos, anchored = [], 0, False
    for no, line in enumerate(text.split("\n"), start=1):
        end = pos + len(line)
        pieces = []
        for (label, inside), group in itertools.groupby(range(pos, end), key=lambda i: (labels[i], lo <= i < hi)):
            idx = list(group)
            pieces.append({"text": text[idx[0]: idx[-1] + 1], "label": label, "in_span": inside})
        in_span = span is not None and pos < hi and end > lo
        lines.append({"no": no, "pieces": pieces, "in_span": in_span, "first_in_span": in_span and not anchored})
        anchored = anchored or in_span
        pos = end + 1
    return lines


def _line_range(text: str, span) -> tuple[int | None, int | None]:
    if not span:
        return None, None
    start, end = span
    return text.count("\n", 0, start) + 1, text.count("\n", 0, max(start, end - 1)) + 1


# -- charts (SVG drawn by the templates from these numbers) ------------------------------
def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def timeline_chart(rows: list[dict], limit: int, today: date | None = None) -> dict:
    """Bars for tasks with a period: x from start to end (a deadline alone is a marker); a line at
    `today` (the server's date unless given) when it falls inside the chart."""
    bars = []
    for r in rows:
        start, end = _day(r["start"]), _day(r["end"])
        if not (start or end):
            continue
        bars.append({"row": r, "start": start or end, "end": end or start, "deadline_only": start is None})
    bars.sort(key=lambda b: (b["start"], b["end"]))
    undated = len(rows) - len(bars)
    hidden = max(0, len(bars) - limit)
    bars = bars[:limit]
    if not bars:
        return {"bars": [], "undated": undated, "hidden": hidden}
    lo = min(b["start"] for b in bars).replace(day=1)
    last = max(b["end"] for b in bars)
    hi = date(last.year + (last.month == 12), last.month % 12 + 1, 1)  # first day after the last month
    label_w, plot_w, row_h, top = 380, 640, 22, 34
    scale = plot_w / max(1, (hi - lo).days)

    def x(d: date) -> float:
        return round(label_w + (d - lo).days * scale, 1)

    months, m = [], lo
    while m < hi:
        following = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
        months.append({"x": x(m), "label": f"{m.month:02d}/{m.year}", "year_start": m.month == 1, "month": m.month,
                       "year": m.year, "first": m.isoformat(), "last": (following - timedelta(days=1)).isoformat()})
        m = following
    # label every month, quarter, half-year or year: the finest step whose labels (~64px) do not overlap
    month_w = plot_w / max(1, len(months))
    step = next((n for n in (1, 2, 3, 6, 12) if n * month_w >= 64), 24)
    for mo in months:
        mo["show"] = (mo["month"] - 1) % step == 0 if step <= 12 else mo["month"] == 1 and mo["year"] % 2 == 0
    for i, b in enumerate(bars):
        b["y"] = top + i * row_h
        b["x1"], b["x2"] = x(b["start"]), x(b["end"] + timedelta(days=1))  # the end day is inclusive
        b["w"] = max(3.0, round(b["x2"] - b["x1"], 1))
        r = b["row"]
        b["label"] = f"{r['document_number'] or '?'} · {r['task_id'] or ''} · {(r['lead'] or '').split('; ')[0]}"
        b["title"] = f"{r['text']} ({r['timeline'] or ''}: {b['start']} → {b['end']})"
    today = today or date.today()
    return {"bars": bars, "months": months, "width": label_w + plot_w + 50, "height": top + len(bars) * row_h + 10,
            "today": {"x": x(today), "date": today.isoformat()} if lo <= today < hi else None,
            "label_w": label_w, "plot_right": label_w + plot_w, "row_h": row_h, "top": top,
            "undated": undated, "hidden": hidden}


def unit_counts(units) -> list[dict]:
    """Tasks per resolved unit (pipeline.units: printings of one unit, generic names within their
    province), shown under its most printed name."""
    return [{"unit": r.unit, "name": r.name, "n": int(r.tasks), "printings": list(r.printings)}
            for r in units.itertuples(index=False)]


def bar_chart(units: list[dict], limit: int = 30) -> dict:
    shown = units[:limit]
    label_w, plot_w, row_h, top = 330, 560, 24, 10
    most = max((u["n"] for u in shown), default=1)
    bars = [{**u, "y": top + i * row_h, "w": max(2, round(u["n"] / most * plot_w, 1))} for i, u in enumerate(shown)]
    return {"bars": bars, "width": label_w + plot_w + 60, "height": top + len(bars) * row_h + 10, "label_w": label_w,
            "row_h": row_h, "hidden": max(0, len(units) - limit), "total_units": len(units)}


def url_with(endpoint: str, args: dict, **extra) -> str:
    """The address of `endpoint` with the page's arguments, `extra` added or (given None) removed."""
    return url_for(endpoint, **{k: v for k, v in {**args, **extra}.items() if v})
