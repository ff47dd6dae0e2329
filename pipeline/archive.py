"""The archive: plan records in one SQLite file (or PostgreSQL), queried as pandas DataFrames.

    from pipeline.archive import Archive
    archive = Archive("kehoach.db")            # default: $KEHOACH_DB or ./kehoach.db
    archive = Archive("postgresql://user@host/dbname")   # the same archive on PostgreSQL
    archive.put(record)                        # "stored" | "unchanged"
    archive.tasks(lead="UBND", due_before="2024-06-30")
    archive.sql("SELECT issuer, count(*) AS n FROM documents GROUP BY issuer")

Schema (readable without kehoach; see docs/archive.md)
------------------------------------------------------
documents     one row per stored file, keyed by the file's sha256 (unique); the
              header fields as columns, `recipients` and the whole plan `record`
              as JSON text, `text` the normalised text spans point into (may be null)
sections      (document_id, idx, section_id, title)
tasks         (id, document_id, idx, task_id, origin, text, lead/advisors/implementers/
              coordinators as printed joined with "; ", timeline_text, start, end,
              due = end or else start, recurrence joined with "; ", page, span_start, span_end,
              products (Sản phẩm), monitors (Theo dõi, kiểm tra, đôn đốc) as printed)
task_actors   (task_row → tasks.id, role, actor as printed, actor_norm, due as in tasks, unit: the resolved
              unit, see pipeline/units.py)
actor_names   (actor_norm): each distinct normalised actor, the entry point of actor filters
units         (actor_norm, scope → unit): how each normalised actor named in a plan of a scope (province
              code, '' national, '?' unknown) was resolved: the name the rules left, the unit's scope,
              the unit, and the rule that joined it (docs/units.md)
task_citations(task_row → tasks.id, document_id, citation_idx → citations.idx of that document)
targets       (document_id, idx, target_id, text, value, unit, page, span_start, span_end)
citations     (document_id, idx, text, kind, number, number_norm, date, issuer, title,
              key, page, span_start, span_end)
failures      (path, sha256, reason, at): files whose last ingest failed
task_table    view: one row per task with its document's number, kind, issuer, date
task_fts      FTS5 over each task's text and actors, stored folded (see pipeline.actors.fold)

Portability: tables use plain types (INTEGER, TEXT, DOUBLE PRECISION), dates are
ISO text, booleans 0/1, JSON is text, and the view is a plain join (the per-role
actor lists are stored joined rather than built with group_concat). The DDL below
is written for SQLite; pipeline.stores.postgres_ddl makes the three changes
PostgreSQL needs (identity ids, CREATE OR REPLACE VIEW, a GIN text-search index
for task_fts). Queries and inserts are one text for both stores.

Writes happen in one process (the ingest parent); each document is one
transaction, or one savepoint of a batch of them (Archive.batched), so a killed
ingest leaves whole documents or none.
"""
from __future__ import annotations

import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.actors import fold, normalize_actor, normalize_number
from pipeline.errors import KehoachError
from pipeline.record import ROLES, PlanRecord
from pipeline.stores import SQLiteStore, arrow_frame, open_store
from pipeline.tables import TASK_COLUMNS
from pipeline.units import UNKNOWN, plan_scope, resolve_units, unit_name

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
# pandas and pyarrow are imported where a frame is built: `kehoach tasks` prints a page of plain
# rows, and importing them was most of its time (1.2 of 1.9 CPU seconds on 100k tasks)

DEFAULT_DB = "kehoach.db"

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT,
    pages INTEGER,
    ocr INTEGER,
    kind TEXT,
    number TEXT,
    issuer TEXT,
    issuer_norm TEXT,
    place TEXT,
    date TEXT,
    title TEXT,
    signer_name TEXT,
    signer_position TEXT,
    signer_authority TEXT,
    recipients TEXT,
    record TEXT NOT NULL,
    text TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents (path);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);

CREATE TABLE IF NOT EXISTS sections (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    section_id TEXT,
    title TEXT
);
CREATE INDEX IF NOT EXISTS sections_document ON sections (document_id);

CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    task_id TEXT,
    origin TEXT,
    text TEXT,
    lead TEXT,
    advisors TEXT,
    implementers TEXT,
    coordinators TEXT,
    timeline_text TEXT,
    "start" TEXT,
    "end" TEXT,
    due TEXT,
    recurrence TEXT,
    page INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    products TEXT,
    monitors TEXT
);
-- a task's document, then due and position: the tasks of the documents citing a number, due before a
-- date, and their place in the listing, read from the index alone (kehoach tasks --cites … --due-before …)
CREATE INDEX IF NOT EXISTS tasks_document_due ON tasks (document_id, due, idx);
CREATE INDEX IF NOT EXISTS tasks_due ON tasks (due);

-- due is the task's, copied here so that "actor X, due before D" is answered from
-- one covering index without reading a single task row; the document's date and id and the
-- task's position (the listing's order) likewise, so that a first page of such tasks walks
-- task_actors_order in order and stops after a page, and its count reads task_actors_match
CREATE TABLE IF NOT EXISTS task_actors (
    task_row INTEGER NOT NULL REFERENCES tasks (id),
    role TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_norm TEXT NOT NULL,
    due TEXT,
    unit TEXT,
    document_date TEXT,
    document_id INTEGER,
    task_idx INTEGER
);
CREATE INDEX IF NOT EXISTS task_actors_task ON task_actors (task_row);
CREATE INDEX IF NOT EXISTS task_actors_norm ON task_actors (actor_norm, role, due, task_row);
CREATE INDEX IF NOT EXISTS task_actors_match
    ON task_actors (unit, role, due, document_date, document_id, task_idx, task_row);
CREATE INDEX IF NOT EXISTS task_actors_order
    ON task_actors (document_date, document_id, task_idx, unit, role, due, task_row);

-- every actor_norm ever stored, once: a substring filter scans these few hundred
-- names instead of every task_actors row, then follows the index to the tasks
CREATE TABLE IF NOT EXISTS actor_names (
    actor_norm TEXT NOT NULL PRIMARY KEY
);

-- a unit of the archive is found from any of its printings (actor_norm) or its resolved name
CREATE TABLE IF NOT EXISTS units (
    actor_norm TEXT NOT NULL,
    scope TEXT NOT NULL,
    unit_scope TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    rule TEXT,
    PRIMARY KEY (actor_norm, scope)
);
CREATE INDEX IF NOT EXISTS units_name ON units (unit_scope, name);
CREATE INDEX IF NOT EXISTS units_unit ON units (unit);

CREATE TABLE IF NOT EXISTS task_citations (
    task_row INTEGER NOT NULL REFERENCES tasks (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    citation_idx INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS task_citations_task ON task_citations (task_row);
CREATE INDEX IF NOT EXISTS task_citations_citation ON task_citations (document_id, citation_idx, task_row);

CREATE TABLE IF NOT EXISTS targets (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    target_id TEXT,
    text TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    page INTEGER,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS targets_document ON targets (document_id);

CREATE TABLE IF NOT EXISTS citations (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    text TEXT,
    kind TEXT,
    number TEXT,
    number_norm TEXT,
    date TEXT,
    issuer TEXT,
    title TEXT,
    key TEXT,
    page INTEGER,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS citations_document ON citations (document_id, idx);
CREATE INDEX IF NOT EXISTS citations_number ON citations (number_norm, document_id, idx);
CREATE INDEX IF NOT EXISTS citations_key ON citations (key);

CREATE TABLE IF NOT EXISTS failures (
    path TEXT NOT NULL PRIMARY KEY,
    sha256 TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE VIEW IF NOT EXISTS task_table AS
SELECT d.number AS document_number, d.kind AS document_kind, d.issuer AS issuer, d.date AS document_date,
       d.path AS source, t.task_id AS task_id, t.origin AS origin, t.text AS text,
       t.lead AS lead, t.advisors AS advisors, t.implementers AS implementers, t.coordinators AS coordinators,
       t.timeline_text AS timeline, t."start" AS "start", t."end" AS "end", t.recurrence AS recurrence,
       t.page AS page, t.due AS due, t.id AS task_row, t.idx AS task_idx, t.document_id AS document_id,
       d.issuer_norm AS issuer_norm, t.products AS products, t.monitors AS monitors
FROM tasks t JOIN documents d ON d.id = t.document_id;

CREATE VIRTUAL TABLE IF NOT EXISTS task_fts USING fts5 (body, tokenize = 'unicode61');
"""

# the units table alone, created before an older archive is resolved (pipeline.units)
UNITS_DDL = SCHEMA[SCHEMA.index("CREATE TABLE IF NOT EXISTS units"):SCHEMA.index("CREATE TABLE IF NOT EXISTS task_citations")]

_NEW_TASK_COLUMNS = ("products", "monitors")  # added after the first archives were written
_NEW_ACTOR_COLUMNS = ("document_date", "document_id", "task_idx")  # likewise
_TASK_SELECT = ", ".join(f't."{c}"' for c in TASK_COLUMNS)
# Answers of at most this many rows are read by the plain sqlite3 reader: below it the Arrow
# reader's fixed cost (a second connection, the schema cast) is more than it saves per row.
SMALL_ANSWER = 1000
# what `kehoach tasks` and the web show at once
PAGE_SIZE = 100
# the most task rows a page picks first and then reads by id (one placeholder each); a longer
# listing is read as a whole
_PICKED_MAX = 10_000
# how many task_actors entries a page of an actor filter reads in the listing's order before it
# sorts the matches instead (Archive._actor_pick): about 20 ms of walking at 1M tasks
WALK_ENTRIES = 50_000


@lru_cache(maxsize=1)
def _task_schema() -> pa.Schema:
    """The task columns' types, given to the Arrow reader: it infers a column's type from its values,
    so a column that is NULL in every row found would otherwise come back as integers."""
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c == "page" else pa.string()) for c in TASK_COLUMNS])


class TaskPage(NamedTuple):
    """One page of a task answer: its rows (tuples in the order of `columns`), where it starts,
    and how many tasks the whole answer has."""
    columns: list[str]
    rows: list[tuple]
    offset: int
    total: int
# NULLS FIRST is SQLite's default, spelled out so that PostgreSQL sorts the same way
_ORDER = "ORDER BY t.document_date NULLS FIRST, t.document_id, t.task_idx"
_ACTOR_ORDER = "ORDER BY a.document_date NULLS FIRST, a.document_id, a.task_idx"  # the same, from task_actors
# Columns a task listing may be sorted by (task_table's names). The default order follows
# every sort as its tie-break, so one page after another never repeats or skips a row;
# "task_id" sorts in the documents' own order (1.2 before 1.10), and empty cells come last.
SORTABLE_TASK_COLUMNS = ("document_number", "document_kind", "issuer", "document_date", "task_id", "text", *ROLES,
                         "timeline", "start", "end", "products", "monitors", "page")


def _task_order(sort: str | None, descending: bool) -> str:
    if not sort:
        return _ORDER
    if sort not in SORTABLE_TASK_COLUMNS:
        raise KehoachError(f"sort {sort!r}: one of {', '.join(SORTABLE_TASK_COLUMNS)}")
    way = "DESC" if descending else "ASC"
    if sort == "task_id":
        return f"ORDER BY t.document_id {way}, t.task_idx {way}"
    key = f't."{sort}"' if sort == "page" else f"NULLIF(t.\"{sort}\", '')"
    return f"ORDER BY {key} {way} NULLS LAST, " + _ORDER[len("ORDER BY "):]


def default_path() -> str:
    return os.environ.get("KEHOACH_DB") or DEFAULT_DB


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def fts_query(text: str, dialect=SQLiteStore) -> str:
    """A user's words as a full-text query of the store: folded like the index, each
    word required and taken literally (an "AND" or "-" typed by accident is a word);
    a trailing * keeps its prefix meaning."""
    return dialect.fts_terms(re.findall(r"\w+\*?", fold(text)))


@dataclass
class _Batch:
    writes_max: int
    seconds: float
    cur: Any = None  # the cursor of the open transaction; None until the first write
    started: float = 0.0
    writes: int = 0


class Archive:
    """One archive: a SQLite file, or a PostgreSQL database given as a postgresql:// URL
    (pipeline.stores has the differences). Writing opens a read-write connection on
    first use and creates the schema; `sql` and the queries read through read-only ones."""

    def __init__(self, location: str | os.PathLike | None = None):
        self.address = str(location or default_path())  # what reopens it: a path or the whole URL
        self.store = open_store(self.address)
        self.path: Path | None = self.store.path  # the SQLite file (None on PostgreSQL)
        self.location: str = self.store.location  # for messages: the path, or the URL without its password
        self._schema_ready = False
        self._checked = False  # _readable() has looked at the schema
        self._batch: _Batch | None = None  # the open batch of writes (see `batched`)

    def exists(self) -> bool:
        return self.store.exists()

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _cursor(self):
        if not self._schema_ready:
            self._upgrade()
            self.store.script(SCHEMA)
            self._schema_ready = True
        return self.store.cursor()

    def _lacks(self, table: str, columns: tuple[str, ...]) -> bool:
        if not self.store.has_table(table):
            return False
        present = set(self.store.read_rows(f"SELECT * FROM {table} WHERE 1 = 0")[1])
        return not set(columns) <= present

    def _lacks_index(self, name: str) -> bool:
        if not self.store.has_table("tasks"):
            return False
        sql = ("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?" if self.path is not None else
               "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")
        return not self.store.read_rows(sql, (name,))[0]

    def _outdated(self) -> bool:
        return (self._lacks("tasks", _NEW_TASK_COLUMNS) or self._lacks("task_actors", ("unit", *_NEW_ACTOR_COLUMNS))
                or self._lacks_index("tasks_document_due"))

    def _upgrade(self) -> None:
        """Bring an archive written by an older kehoach up to SCHEMA, from what it already holds:
        tasks without products and monitors get them from each document's stored record; task
        actors without their resolved unit get it (pipeline.units); task actors without their
        task's place in the listing's order get it from tasks and documents (and SCHEMA's two
        indexes take the place of task_actors_unit); tasks_document gives way to SCHEMA's
        tasks_document_due."""
        if not self.store.exists():
            return
        if self._lacks("tasks", _NEW_TASK_COLUMNS):
            with self._upgrading() as cur:
                for column in _NEW_TASK_COLUMNS:
                    cur.execute(f"ALTER TABLE tasks ADD COLUMN {column} TEXT")
                cur.execute("DROP VIEW IF EXISTS task_table")  # SCHEMA redraws it with the new columns
                for doc_id, record in cur.execute("SELECT id, record FROM documents").fetchall():
                    tasks = (json.loads(record) if record else {}).get("tasks") or []
                    cur.executemany("UPDATE tasks SET products = ?, monitors = ? WHERE document_id = ? AND idx = ?",
                                    [(t.get("products"), t.get("monitors"), doc_id, i) for i, t in enumerate(tasks)])
        if self._lacks("task_actors", ("unit",)):
            with self._upgrading() as cur:
                cur.execute("ALTER TABLE task_actors ADD COLUMN unit TEXT")
                for statement in UNITS_DDL.split(";"):
                    if statement.strip():
                        cur.execute(statement)
                # in the order they were stored, as an ingest would have resolved them
                for doc_id, issuer, place in cur.execute("SELECT id, issuer, place FROM documents ORDER BY id").fetchall():
                    norms = [n for (n,) in cur.execute(
                        "SELECT DISTINCT a.actor_norm FROM task_actors a JOIN tasks t ON t.id = a.task_row "
                        "WHERE t.document_id = ?", (doc_id,)).fetchall()]
                    units = resolve_units(cur, plan_scope(issuer, place), norms)
                    cur.executemany("UPDATE task_actors SET unit = ? WHERE actor_norm = ? AND task_row IN "
                                    "(SELECT id FROM tasks WHERE document_id = ?)",
                                    [(unit, norm, doc_id) for norm, unit in units.items()])
        if self._lacks("task_actors", _NEW_ACTOR_COLUMNS):
            with self._upgrading() as cur:
                for column, kind in zip(_NEW_ACTOR_COLUMNS, ("TEXT", "INTEGER", "INTEGER")):
                    cur.execute(f"ALTER TABLE task_actors ADD COLUMN {column} {kind}")
                cur.execute("UPDATE task_actors SET document_date = d.date, document_id = t.document_id, "
                            "task_idx = t.idx FROM tasks t JOIN documents d ON d.id = t.document_id "
                            "WHERE t.id = task_actors.task_row")
                cur.execute("DROP INDEX IF EXISTS task_actors_unit")
        if self._lacks_index("tasks_document_due"):
            with self._upgrading() as cur:
                cur.execute("DROP INDEX IF EXISTS tasks_document")  # SCHEMA's tasks_document_due takes its place

    def _upgrading(self):
        """The upgrade's transaction: on the store's own cursor, as `_cursor()` would upgrade first."""
        return self._transaction_on(self.store.cursor())

    @contextmanager
    def _transaction_on(self, cur):
        batch = self._batch
        if batch is None:
            self.store.begin(cur)
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")
            return
        if batch.cur is None:
            self.store.begin(cur)
            batch.cur, batch.started, batch.writes = cur, time.monotonic(), 0
        # a savepoint: a write that fails is undone alone, the batch's finished writes stay
        cur.execute("SAVEPOINT kehoach_write")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK TO SAVEPOINT kehoach_write")
            cur.execute("RELEASE SAVEPOINT kehoach_write")
            raise
        cur.execute("RELEASE SAVEPOINT kehoach_write")
        batch.writes += 1
        if batch.writes >= batch.writes_max or time.monotonic() - batch.started >= batch.seconds:
            self.commit_batch()

    @contextmanager
    def batched(self, writes: int = 32, seconds: float = 1.0):
        """Group the writes made inside into shared transactions: each `transaction()` (a put, a failure)
        becomes a savepoint of one that commits after `writes` of them or once it is `seconds` old,
        whichever first, when `commit_batch()` is called, and on leaving. A commit costs more than a
        small document's inserts (its WAL frames: 3 of the 5 ms a plan took), so an ingest stores
        many plans per commit. A killed process loses only the uncommitted writes, each whole."""
        if self._batch is not None:
            yield self
            return
        self._batch = _Batch(writes, seconds)
        try:
            yield self
        finally:
            try:
                self.commit_batch()
            finally:
                self._batch = None

    def commit_batch(self, older_than: float = 0.0) -> None:
        """Commit the open batch (see `batched`), if it has begun `older_than` seconds ago or more."""
        batch = self._batch
        if batch is None or batch.cur is None or time.monotonic() - batch.started < older_than:
            return
        cur, batch.cur = batch.cur, None
        try:
            cur.execute("COMMIT")
        except BaseException:
            try:  # a failed COMMIT (a full disk) may leave the transaction open: end it
                cur.execute("ROLLBACK")
            except Exception:
                pass
            raise

    def _readable(self) -> None:
        """Upgrade an older archive before its first read (the view names the new columns)."""
        if self._schema_ready or self._checked:
            return
        if self._outdated():
            self._cursor()
        self._checked = True

    def open_for_writing(self) -> "Archive":
        """Connect for writing and create the schema if needed, now rather than at the
        first write (an unreachable server is reported before any work starts)."""
        self._cursor()
        return self

    def create(self, ddl: str) -> None:
        """Run more DDL written for SQLite (a module's own tables), translated for the store."""
        self._cursor()
        self.store.script(ddl)

    def has_table(self, name: str) -> bool:
        return self.store.has_table(name)

    def transaction(self):
        """A write transaction (one writer at a time); its cursor takes `?` placeholders."""
        return self._transaction_on(self._cursor())

    # -- writing -----------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return self._cursor().execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def put(self, record: PlanRecord | dict | DocumentRows, path: str | None = None, sha256: str | None = None) -> str:
        """Store one plan record in one transaction; returns "stored" or "unchanged".

        The key is the file's sha256: the same content is never stored twice. A
        record for a path that already holds other content replaces it (the file
        changed). Storing clears any failure recorded for that path. `record` may come as its
        DocumentRows (built by an ingest worker), which then needs `path`.
        """
        if isinstance(record, DocumentRows):
            rows = record
        else:
            d = record.to_dict(with_text=True) if isinstance(record, PlanRecord) else dict(record)
            rows = document_rows(d)
            path = path or (d.get("source") or {}).get("path")
        sha = sha256 or rows.sha256
        if not sha:
            raise KehoachError("record has no source.sha256; cannot key it in the archive")
        path = str(path or "")
        with self.transaction() as cur:
            cur.execute("DELETE FROM failures WHERE path = ?", (path,))
            if cur.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone():
                return "unchanged"
            for (old_id,) in cur.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchall():
                _delete_document(cur, old_id)
            _insert_document(cur, rows, path, sha, self.store.explicit_ids)
        return "stored"

    def clear_failure(self, path: str) -> None:
        """Forget an earlier failure of `path` (its content is now archived)."""
        if self._cursor().execute("SELECT 1 FROM failures WHERE path = ?", (str(path),)).fetchone():
            with self.transaction() as cur:
                cur.execute("DELETE FROM failures WHERE path = ?", (str(path),))

    def fail(self, path: str, sha256: str | None, reason: str) -> bool:
        """Record that `path` could not be extracted (replacing an earlier failure of it).

        Returns False when the same content had already failed for the same reason."""
        with self.transaction() as cur:
            known = cur.execute("SELECT 1 FROM failures WHERE path = ? AND COALESCE(sha256, '') = COALESCE(?, '') "
                                "AND reason = ?", (str(path), sha256, reason)).fetchone()
            cur.execute("DELETE FROM failures WHERE path = ?", (str(path),))
            cur.execute("INSERT INTO failures (path, sha256, reason, at) VALUES (?, ?, ?, ?)",
                        (str(path), sha256, reason, _now()))
        return known is None

    # -- reading -----------------------------------------------------------
    def sql(self, query: str, params=()) -> pd.DataFrame:
        """Run read-only SQL (`?` placeholders on either store) and return a DataFrame;
        a write raises an error."""
        self._readable()
        return self.store.read(query, params)

    def dicts(self, query: str, params=()) -> list[dict]:
        """Like `sql`, as a list of row dicts (NULL is None): for a page of rows, where building
        a DataFrame of Arrow strings and iterating it back cost more than the query."""
        self._readable()
        return self.store.read_dicts(query, params)

    def documents(self) -> pd.DataFrame:
        return self.sql("SELECT id, sha256, path, format, pages, ocr, kind, number, issuer, place, date, title, "
                        "signer_name, signer_position, signer_authority, recipients, ingested_at "
                        "FROM documents ORDER BY date, id")

    def citations(self) -> pd.DataFrame:
        return self.sql("SELECT d.number AS document_number, d.path AS source, c.* FROM citations c "
                        "JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.idx")

    def failures(self) -> pd.DataFrame:
        return self.sql("SELECT path, sha256, reason, at FROM failures ORDER BY path")

    def tasks(self, lead: str | None = None, actor: str | None = None, role: str | None = None,
              due_before: str | None = None, due_after: str | None = None, issuer: str | None = None,
              cites: str | None = None, search: str | None = None, unit: str | None = None,
              limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Tasks matching every given filter, one row per task (columns of pipeline.tables);
        `limit` rows from `offset` on when given (the whole answer otherwise).

        lead/actor: the units any of whose printings (normalised: abbreviations, case and
        diacritics do not matter) contains the text, or whose resolved name (pipeline.units) is
        the text's; every printing of those units matches;
        unit: one resolved unit exactly (task_actors.unit); `lead` is `actor` with role "lead", `role` alone
        keeps tasks with anyone in that role. due_before/due_after: inclusive ISO
        dates against the task's end (its start when it has no end). cites: a
        document number, printing variants allowed, cited by the task (or, when
        the task cites nothing itself, by its document). search: words of the task
        text or actors, folded.
        """
        sql, params = self.task_query(lead=lead, actor=actor, role=role, due_before=due_before,
                                      due_after=due_after, issuer=issuer, cites=cites, search=search, unit=unit)
        return self.task_frame(*_paged(sql, params, limit, offset), rows=limit)

    def task_page(self, limit: int | None = PAGE_SIZE, offset: int = 0, **filters) -> TaskPage:
        """A page of tasks(**filters) as plain rows, and the size of the whole answer: what a
        person reads (no pandas, the plain reader). limit None: every row from `offset` on."""
        self._readable()
        sql, params = self.task_query(**filters)
        if limit is None or limit > _PICKED_MAX:  # a listing to keep more than to read: read it, then count
            rows, columns = self.store.read_rows(*_paged(sql, params, limit, offset))
            if offset == 0 and (limit is None or len(rows) < limit):
                return TaskPage(columns or list(TASK_COLUMNS), rows, offset, len(rows))
            return TaskPage(columns or list(TASK_COLUMNS), rows, offset, self.count_tasks(sql, params))
        order = sql[sql.rindex(" ORDER BY "):]
        actor_only = actor_only_condition(**filters) if self.path is not None else None
        if actor_only is not None:
            picked, total = self._actor_pick(*actor_only, limit, offset)
        else:
            # The page's task rows and the answer's size from one evaluation of the filters, kept
            # with what the order needs: `m` is read twice, so both stores materialise it (SQLite
            # 3.35+, PostgreSQL 12+; no MATERIALIZED keyword, which older SQLite refuses). At 1M tasks,
            # counting apart evaluated the filters a second time, half of a page's time. Not
            # count(*) OVER (): PostgreSQL then expects the LIMIT to stop early and walks every
            # document in date order (5-10 s). Only then are the page's columns read.
            keys = ", ".join(f't."{c}"' for c in dict.fromkeys(
                ("task_row", "document_date", "document_id", "task_idx", filters.get("sort") or "task_row")))
            found, _ = self.store.read_rows(*_paged(
                f"WITH m AS (SELECT {keys}{sql[sql.index(' FROM '):sql.rindex(' ORDER BY ')]}) "
                f"SELECT t.task_row, (SELECT count(*) FROM m) FROM m AS t{order}", params, limit, offset))
            picked = [r[0] for r in found]
            total = found[0][1] if found else 0 if offset == 0 else self.count_tasks(sql, params)
        if not picked:
            return TaskPage(list(TASK_COLUMNS), [], offset, total)
        rows, columns = self.store.read_rows(f"SELECT {_TASK_SELECT} FROM task_table t WHERE t.task_row IN "
                                             f"({', '.join('?' * len(picked))}){order}", picked)
        return TaskPage(columns or list(TASK_COLUMNS), rows, offset, int(total))

    def _actor_pick(self, cond: str, params: list, limit: int, offset: int) -> tuple[list[int], int]:
        """The task rows of a page of an actor filter alone (actor_only_condition), on SQLite, and
        the answer's size. One pass over task_actors_match counts the matches; then the page's
        task rows are picked in the listing's order, one of two ways. Walking task_actors_order
        reads about (offset + limit) × entries / total entries and stops, when matches are spread
        evenly over the dates; it is tried when more than 10,000 of 1M tasks match, over three
        times that many entries only (at most WALK_ENTRIES), since a filter on due dates often
        keeps the tasks of later documents only. Otherwise, or when that stretch holds too few,
        the first matches in order come from task_actors_match through SQLite's top-N sort.
        INDEXED BY, because the planner cannot know how many names the LIKE on actor_names brings."""
        read = self.store.read_rows
        # The matching task rows come back joined as text and are counted distinct here: SQLite's
        # count(DISTINCT) builds a temporary b-tree, which took 40 of the 46 ms of counting 70,000
        # matches at 1M tasks; this takes half. A task matches once per matching printing and role.
        (joined, matches), = read("SELECT group_concat(a.task_row), count(*) FROM task_actors a "
                                  f"INDEXED BY task_actors_match WHERE {cond}", params)[0]
        total = len(set(joined.split(","))) if joined else 0
        if total <= offset:
            return [], total
        last = offset + limit
        tasks, entries = (int(n or 0) for n in  # the numbers of tasks and of entries, near enough
                          read("SELECT (SELECT max(id) FROM tasks), (SELECT max(rowid) FROM task_actors)")[0][0])
        picked: list | None = None
        if _walk_in_order(total, last, tasks):
            stretch = min(WALK_ENTRIES, 3 * last * entries // total)
            in_order = "FROM task_actors INDEXED BY task_actors_order ORDER BY document_date NULLS FIRST LIMIT 1"
            first = read(f"SELECT document_date {in_order}")[0][0][0]
            ends = read(f"SELECT document_date {in_order} OFFSET ?", [stretch])[0]
            whole = not ends  # the stretch is every entry
            end = ends[0][0] if ends else None
            if first is not None:
                # no undated entries: the stretch is every entry up to the date of its last (a whole prefix of
                # the order), and the walk stops at the page's last match
                source, bound = "task_actors a INDEXED BY task_actors_order", [] if whole else [end]
                where = "" if whole else "a.document_date <= ? AND "
            else:
                # undated documents come first and no date bounds them: the stretch is its first entries, read
                # whole. A task cut at its end may be missed, but it would come after all the others found.
                source = ("(SELECT document_date, document_id, task_idx, unit, role, due, task_row FROM task_actors "
                          f"INDEXED BY task_actors_order {_ACTOR_ORDER.replace('a.', '')} LIMIT ?) a")
                bound, where = [stretch], ""
            rows = read(f"SELECT DISTINCT a.task_row, a.document_date, a.document_id, a.task_idx FROM {source} "
                        f"WHERE {where}{cond} {_ACTOR_ORDER} LIMIT ? OFFSET ?", [*bound, *params, limit, offset])[0]
            if len(rows) == limit or whole:
                picked = [r[0] for r in rows]
        if picked is None:
            # the top-N sort keeps `last` entries and drops the rest as it reads; a task's entries have one
            # key and so come together: the duplicates counted above are all that can stand between them
            rows = read(f"SELECT a.task_row FROM task_actors a INDEXED BY task_actors_match WHERE {cond} "
                        f"{_ACTOR_ORDER} LIMIT ?", [*params, last + matches - total])[0]
            picked = list(dict.fromkeys(r[0] for r in rows))[offset:last]
        return picked, total

    def count_tasks(self, sql: str, params=()) -> int:
        """How many rows a task query (of task_query) answers, without reading them."""
        if sql.endswith(_ORDER):
            sql = sql[:-len(_ORDER)]  # order does not change a count, and SQLite would sort for nothing
        self._readable()
        return int(self.store.read_rows(f"SELECT count(*) FROM ({sql}) AS matching", params)[0][0][0])

    def task_query(self, **filters) -> tuple[str, list]:
        """The SQL and parameters of tasks(**filters) for this archive's store."""
        return build_task_query(**filters, dialect=self.store)

    def task_frame(self, sql: str, params=(), rows: int | None = None) -> pd.DataFrame:
        """The rows of a query that selects the task columns (TASK_COLUMNS), typed as such. `rows`:
        at most how many the query can return (its LIMIT), when known: an answer of up to
        SMALL_ANSWER rows is read by the plain reader, a bigger or unknown one into Arrow."""
        self._readable()
        if rows is not None and rows <= SMALL_ANSWER:
            # the same frame as the Arrow reader gives (types included), from plain rows
            return arrow_frame(self.store.read_rows(sql, params)[0], _task_schema())
        return self.store.read_arrow(sql, params, _task_schema())

    def search(self, text: str, limit: int | None = None) -> pd.DataFrame:
        """Tasks whose text or actors contain every word of `text` (folded), best match first."""
        query = fts_query(text, self.store)
        if not query:
            import pandas as pd

            return pd.DataFrame(columns=TASK_COLUMNS)
        store = self.store
        sql = (f"SELECT {_TASK_SELECT} FROM task_fts f JOIN task_table t ON t.task_row = f.rowid "
               f"WHERE {store.fts_where} ORDER BY {store.fts_order}, t.task_row" + (" LIMIT ?" if limit else ""))
        params = [query] * (store.fts_where + store.fts_order).count("?")
        return self.task_frame(sql, params + [limit] if limit else params, rows=limit)

    def counts(self) -> dict[str, int]:
        names = ("documents", "tasks", "task_actors", "citations", "targets", "sections", "failures")
        return {n: int(self.sql(f"SELECT count(*) AS n FROM {n}")["n"][0]) for n in names}


def _walk_in_order(total: int, last: int, tasks: int) -> bool:
    """Whether rows up to `last` of `total` matching among `tasks` are picked sooner by walking
    the listing's order (about last × tasks / total entries read) than by sorting all matches."""
    return total * total > last * tasks


def _paged(sql: str, params: list, limit: int | None, offset: int) -> tuple[str, list]:
    if limit is None and not offset:
        return sql, params
    # "no limit" is -1 to SQLite and NULL to PostgreSQL: a number larger than any archive is both
    return sql + " LIMIT ? OFFSET ?", [*params, 2**62 if limit is None else limit, offset]


def _actor_condition(name: str | None, role: str | None, unit: str | None, due_before: str | None,
                     due_after: str | None) -> tuple[str, list]:
    """The condition on task_actors `a` of one actor filter (its due dates included)."""
    cond, params = [], []
    if name is not None:
        norm = normalize_actor(name)
        if not norm:
            raise KehoachError(f"actor {name!r} has no letters to match")
        # every printing of every unit one of whose printings contains the query, or whose resolved
        # name is the query's ("Sở Khoa học và Công nghệ" finds "Sở Khoa học Công nghệ"); a province in
        # the query ("Công an tỉnh Đồng Nai") keeps that province's unit only
        wanted = unit_name(norm, UNKNOWN)
        in_scope = " AND u.unit_scope = ?" if wanted.scope != UNKNOWN else ""
        cond.append("a.unit IN (SELECT u.unit FROM units u WHERE u.actor_norm LIKE ? ESCAPE '\\' "
                    f"OR (u.name = ?{in_scope}))")
        params += [_like(norm), wanted.name] + ([wanted.scope] if in_scope else [])
    if unit:
        cond.append("a.unit = ?")
        params.append(unit)
    # every role when none is given, spelled out: task_actors_match then reads the due range of each
    # (unit, role) rather than every entry of the unit (at 1M tasks, 59,000 entries read for 55,000 kept)
    roles = [role] if role else list(ROLES)
    cond.append(f"a.role IN ({', '.join('?' * len(roles))})")
    params += roles
    for op, value in (("<=", due_before), (">=", due_after)):
        if value:
            cond.append(f"a.due {op} ?")
            params.append(_iso(value))
    return " AND ".join(cond), params


def actor_only_condition(lead=None, actor=None, role=None, unit=None, due_before=None, due_after=None,
                         **others) -> tuple[str, list] | None:
    """When tasks(**filters) is one actor filter (lead, or actor, unit and/or role) and due dates,
    and nothing else: its condition on task_actors `a` alone, which then answers it (a.due is the
    task's due); None otherwise."""
    if any(v not in (None, False) for v in others.values()) or (lead and (actor or role or unit)):
        return None
    if lead:
        actor, role = lead, "lead"
    if not actor and not role and not unit:
        return None
    if role is not None and role not in ROLES:
        raise KehoachError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
    return _actor_condition(actor, role, unit, due_before, due_after)


def build_task_query(lead=None, actor=None, role=None, due_before=None, due_after=None, issuer=None,
                     cites=None, search=None, unit=None, kind=None, year=None, sort=None, descending=False,
                     dialect=SQLiteStore) -> tuple[str, list]:
    """The SQL and parameters of Archive.tasks (kept apart so benchmarks can EXPLAIN it);
    `dialect`, a store or its class, words the full-text part. kind and year (the document's,
    exactly) are the web page's facets; sort (one of SORTABLE_TASK_COLUMNS) and descending
    replace the default order."""
    where, params = [], []
    if role is not None and role not in ROLES:
        raise KehoachError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
    actor_filters = []
    if lead:
        actor_filters.append((lead, "lead", None))
    if actor or unit:
        actor_filters.append((actor, role, unit))
    elif role:
        actor_filters.append((None, role, None))
    # Filters are uncorrelated IN (subquery) sets, each computed once, rather than
    # EXISTS per task: on 100k tasks that is the difference between ms and seconds.
    for name, r, unit_id in actor_filters:
        cond, cparams = _actor_condition(name, r, unit_id, due_before, due_after)
        where.append(f"t.task_row IN (SELECT a.task_row FROM task_actors a WHERE {cond})")
        params += cparams
    if due_before:
        where.append("t.due IS NOT NULL AND t.due <= ?")
        params.append(_iso(due_before))
    if due_after:
        where.append("t.due IS NOT NULL AND t.due >= ?")
        params.append(_iso(due_after))
    if issuer:
        norm = normalize_actor(issuer)
        if not norm:  # "%%" would match every task
            raise KehoachError(f"issuer {issuer!r} has no letters to match")
        where.append("t.issuer_norm LIKE ? ESCAPE '\\'")
        params.append(_like(norm))
    if cites:
        number = normalize_number(cites)
        if not number:
            raise KehoachError(f"document number {cites!r} has no letters or digits to match")
        # the task's own citations when it has any; otherwise what its document cites
        # (a task's own citations are its document's, so either way its document cites the number:
        # the documents citing it come first, and their tasks are read from tasks_document_due)
        where.append(
            "t.document_id IN (SELECT c.document_id FROM citations c WHERE c.number_norm = ?) "
            "AND (t.task_row IN (SELECT tc.task_row FROM citations c JOIN task_citations tc "
            "ON tc.document_id = c.document_id AND tc.citation_idx = c.idx WHERE c.number_norm = ?) "
            "OR t.task_row NOT IN (SELECT tc.task_row FROM task_citations tc))")
        params += [number, number]
    if search:
        query = fts_query(search, dialect)
        if not query:  # only punctuation: no condition at all would return every task
            raise KehoachError(f"search {search!r} has no words to look for")
        where.append(f"t.task_row IN (SELECT rowid FROM task_fts WHERE {dialect.fts_where})")
        params.append(query)
    if kind:
        where.append("t.document_kind = ?")
        params.append(kind)
    if year:
        if not re.fullmatch(r"\d{4}", str(year)):
            raise KehoachError(f"year {year!r}: expected four digits")
        where.append("substr(t.document_date, 1, 4) = ?")
        params.append(str(year))
    sql = f"SELECT {_TASK_SELECT} FROM task_table t"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " " + _task_order(sort, descending), params


def _iso(date: str) -> str:
    text = str(date).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise KehoachError(f"date {date!r}: expected YYYY-MM-DD")
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise KehoachError(f"date {date!r}: no such day (expected YYYY-MM-DD)") from None  # 2024-02-30
    return text


def _span(item: dict) -> tuple:
    span = item.get("span") or {}
    return span.get("page"), span.get("start"), span.get("end")


def _fts_body(task: dict) -> str:
    """The folded words a task is found by: its text, each actor as printed and expanded."""
    parts = [fold(task.get("text"))]
    for role in ROLES:
        for actor in task.get(role) or []:
            parts += [fold(actor), normalize_actor(actor)]
    return " | ".join(p for p in parts if p)


@dataclass(slots=True)
class DocumentRows:
    """One record as the rows it is stored as, less what only the archive knows (its ids, the path and
    sha256 it is keyed by, the units its actors resolve to, the time). Built by `document_rows`, which
    is pure, so that building it is an ingest worker's work apart from the inserts (see pipeline.ingest);
    it is also what travels back from a Dask worker, smaller to pickle than the record dict."""
    sha256: str | None  # the record's own
    pages: int
    document: tuple  # documents' columns from format to text
    scope: str  # plan_scope of the issuer and place: the scope its actors resolve in
    date: str | None
    sections: list[tuple]  # (idx, section_id, title)
    tasks: list[tuple]  # tasks' columns from idx to monitors
    actors: list[tuple]  # (task idx, role, actor, actor_norm, due)
    task_citations: list[tuple]  # (task idx, citation idx)
    fts: list[str]  # each task's folded body
    targets: list[tuple]  # targets' columns from idx
    citations: list[tuple]  # citations' columns from idx


def document_rows(record: PlanRecord | dict) -> DocumentRows:
    d = record.to_dict(with_text=True) if isinstance(record, PlanRecord) else record
    src, doc = d.get("source") or {}, d.get("document") or {}
    signer = doc.get("signer") or {}
    record_json = json.dumps({k: v for k, v in d.items() if k != "text"}, ensure_ascii=False)
    tasks, actors, task_citations, fts = [], [], [], []
    for i, t in enumerate(d.get("tasks") or []):
        tl = t.get("timeline") or {}
        due = tl.get("end") or tl.get("start")
        tasks.append((i, t.get("id"), t.get("origin"), t.get("text"), *("; ".join(t.get(role) or []) for role in ROLES),
                      tl.get("text"), tl.get("start"), tl.get("end"), due, "; ".join(tl.get("recurrence") or []),
                      *_span(t), t.get("products"), t.get("monitors")))
        actors += [(i, role, a, normalize_actor(a), due) for role in ROLES for a in (t.get(role) or [])]
        task_citations += [(i, int(c)) for c in (t.get("citations") or [])]
        fts.append(_fts_body(t))
    return DocumentRows(
        sha256=src.get("sha256"), pages=int(src.get("pages") or 0),
        document=(src.get("format"), src.get("pages"), int(bool(src.get("ocr"))), doc.get("kind"), doc.get("number"),
                  doc.get("issuer"), normalize_actor(doc.get("issuer")), doc.get("place"), doc.get("date"),
                  doc.get("title"), signer.get("name"), signer.get("position"), signer.get("authority"),
                  json.dumps(doc.get("recipients") or [], ensure_ascii=False), record_json, d.get("text")),
        scope=plan_scope(doc.get("issuer"), doc.get("place")), date=doc.get("date"),
        sections=[(i, s.get("id"), s.get("title")) for i, s in enumerate(d.get("sections") or [])],
        tasks=tasks, actors=actors, task_citations=task_citations, fts=fts,
        targets=[(i, g.get("id"), g.get("text"), g.get("value"), g.get("unit"), *_span(g))
                 for i, g in enumerate(d.get("targets") or [])],
        citations=[(i, c.get("text"), c.get("kind"), c.get("number"), normalize_number(c.get("number")) or None,
                    c.get("date"), c.get("issuer"), c.get("title"), c.get("key"), *_span(c))
                   for i, c in enumerate(d.get("citations") or [])])


_TASK_INSERT = ('INSERT INTO tasks ({id}document_id, idx, task_id, origin, text, lead, advisors, implementers, '
                'coordinators, timeline_text, "start", "end", due, recurrence, page, span_start, span_end, products, '
                'monitors) VALUES ({mark}?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')


def _insert_document(cur, rows: DocumentRows, path: str, sha: str, explicit_ids: bool) -> int:
    doc_id = cur.execute(
        "INSERT INTO documents (sha256, path, format, pages, ocr, kind, number, issuer, issuer_norm, place, date, "
        "title, signer_name, signer_position, signer_authority, recipients, record, text, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (sha, path, *rows.document, _now())).fetchone()[0]
    if rows.sections:
        cur.executemany("INSERT INTO sections (document_id, idx, section_id, title) VALUES (?, ?, ?, ?)",
                        [(doc_id, *s) for s in rows.sections])
    if explicit_ids:
        first = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM tasks").fetchone()[0]
        task_ids = list(range(first, first + len(rows.tasks)))
        cur.executemany(_TASK_INSERT.format(id="id, ", mark="?, "),
                        [(task_id, doc_id, *t) for task_id, t in zip(task_ids, rows.tasks)])
    else:
        task_ids = [cur.execute(_TASK_INSERT.format(id="", mark="") + " RETURNING id", (doc_id, *t)).fetchone()[0]
                    for t in rows.tasks]
    norms = [a[3] for a in rows.actors]
    units = resolve_units(cur, rows.scope, norms)
    if rows.actors:
        cur.executemany("INSERT INTO task_actors (task_row, role, actor, actor_norm, due, unit, document_date, "
                        "document_id, task_idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(task_ids[i], role, actor, norm, due, units[norm], rows.date, doc_id, i)
                         for i, role, actor, norm, due in rows.actors])
        cur.executemany("INSERT INTO actor_names (actor_norm) VALUES (?) ON CONFLICT DO NOTHING",
                        [(n,) for n in sorted(set(norms))])
    if rows.task_citations:
        cur.executemany("INSERT INTO task_citations (task_row, document_id, citation_idx) VALUES (?, ?, ?)",
                        [(task_ids[i], doc_id, c) for i, c in rows.task_citations])
    if rows.fts:
        cur.executemany("INSERT INTO task_fts (rowid, body) VALUES (?, ?)", list(zip(task_ids, rows.fts)))
    if rows.targets:
        cur.executemany(
            "INSERT INTO targets (document_id, idx, target_id, text, value, unit, page, span_start, span_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(doc_id, *g) for g in rows.targets])
    if rows.citations:
        cur.executemany(
            "INSERT INTO citations (document_id, idx, text, kind, number, number_norm, date, issuer, title, key, "
            "page, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *c) for c in rows.citations])
    return doc_id


def _delete_document(cur, doc_id: int) -> None:
    tasks_of = "(SELECT id FROM tasks WHERE document_id = ?)"
    cur.execute(f"DELETE FROM task_fts WHERE rowid IN {tasks_of}", (doc_id,))
    cur.execute(f"DELETE FROM task_actors WHERE task_row IN {tasks_of}", (doc_id,))
    for table in ("task_citations", "tasks", "sections", "targets", "citations"):
        cur.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
    cur.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
