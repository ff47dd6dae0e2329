"""`kehoach tasks`: query the archive's tasks; also the table writer `search`/`failures` share."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands import DB_HELP, output_file
from pipeline.errors import KehoachError
from pipeline.record import ROLES

FORMATS = ("table", "csv", "json", "xlsx", "parquet")
# what the table format shows of a task unless --columns says otherwise
TABLE_COLUMNS = ("document_number", "task_id", "text", "lead", "start", "end")
_SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".parquet": "parquet", ".txt": "table"}


def register(subparsers) -> None:
    p = subparsers.add_parser("tasks", help="list archived tasks matching filters",
                              description="Tasks from the archive. Actor filters ignore case, diacritics and "
                                          "abbreviations (UBND = Ủy ban nhân dân) and match part of a name. Order: by the document's "
                                          "date (undated first), then document, then the task's place in it.")
    p.add_argument("--lead", metavar="TEXT", help="lead unit (Chủ trì) contains TEXT")
    p.add_argument("--actor", metavar="TEXT", help="any actor (or the one in --role) contains TEXT")
    p.add_argument("--role", choices=ROLES, help="restrict --actor to one role (alone: tasks with anyone in it)")
    p.add_argument("--due-before", metavar="DATE", help="due (end, else start) on or before YYYY-MM-DD")
    p.add_argument("--due-after", metavar="DATE", help="due (end, else start) on or after YYYY-MM-DD")
    p.add_argument("--issuer", metavar="TEXT", help="issuing body contains TEXT")
    p.add_argument("--cites", metavar="NUMBER", help="cites document NUMBER (02-CT/UBND = 02/CT-UBND)")
    p.add_argument("--search", metavar="TEXT", help="words in the task text or actors (diacritics optional)")
    pages = p.add_mutually_exclusive_group()
    pages.add_argument("--limit", metavar="N", type=_whole_number(1),
                       help=f"at most N tasks (the table shows {PAGE_SIZE} unless told; files get every task)")
    pages.add_argument("--all", action="store_true", help="every matching task, in the table too")
    p.add_argument("--offset", metavar="N", type=_whole_number(0), default=0,
                   help="skip the first N matching tasks (the next page: --offset 100)")
    add_output_arguments(p, TABLE_COLUMNS)
    p.set_defaults(run=run)


# what the table shows at once (the count of the whole answer is printed under it)
PAGE_SIZE = 100
_MOST = 10**12


def _whole_number(least: int):
    def parse(text: str) -> int:
        raw = text.strip()
        if not raw.isdigit() or not least <= int(raw) <= _MOST:
            raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number from {least} to {_MOST:,}")
        return int(raw)
    return parse


def add_output_arguments(p, table_columns: tuple[str, ...] = ()) -> None:
    """--format, -o, --columns and --db. `table_columns`: the columns the table format shows
    when --columns is not given (the full width is ~500 characters; csv/json/xlsx keep all)."""
    p.add_argument("--format", choices=FORMATS, help="output format (default: from -o's suffix, else table)")
    p.add_argument("-o", "--output", metavar="FILE", type=output_file, help="write to FILE instead of standard output")
    p.add_argument("--columns", metavar="A,B,...",
                   help="only these columns, in this order (names as in the csv header)"
                        + (f"; the table shows {','.join(table_columns)} unless told" if table_columns else ""))
    p.add_argument("--db", help=DB_HELP)
    p.set_defaults(table_columns=table_columns)


def run(args) -> int:
    """A person reading the table gets the first page and the size of the whole answer; files
    and other programs (csv, json, xlsx, parquet) get every task unless --limit says otherwise.
    Table, CSV and JSON are written from plain rows (no pandas: most of a quick command's time)."""
    from pipeline.archive import Archive

    fmt = _format_of(args.format, args.output)
    limit = args.limit if args.limit or args.all else (PAGE_SIZE if fmt == "table" else None)
    filters = dict(lead=args.lead, actor=args.actor, role=args.role, due_before=args.due_before,
                   due_after=args.due_after, issuer=args.issuer, cites=args.cites, search=args.search)
    with Archive(args.db) as archive:
        if fmt in ("xlsx", "parquet"):
            if _stdout(args.output):
                raise KehoachError(f"--format {fmt} is binary: give a file with -o")
            frame = archive.tasks(**filters, limit=limit, offset=args.offset)
        else:
            page = archive.task_page(limit=limit, offset=args.offset, **filters)
    if fmt in ("xlsx", "parquet"):
        write_frame(frame, fmt, args.output, args)
    else:
        write_rows(page.columns, page.rows, fmt, args.output, args, page=page)
    return 0


def _stdout(output) -> bool:
    return not output or str(output) == "-"


def write_rows(columns: list[str], rows: list[tuple], fmt: str, output, args, page=None) -> None:
    """Plain rows as table, csv or json (the same text as write_frame gives for their frame);
    `page` (an Archive.TaskPage) adds where the rows stand in the whole answer under a table."""
    from pipeline.tables import rows_json_text, rows_table_text, write_rows_csv

    wanted = _wanted_columns(columns, args, fmt)
    if wanted != list(columns):
        at = [columns.index(c) for c in wanted]
        columns, rows = wanted, [tuple(row[i] for i in at) for row in rows]
    if fmt == "csv":
        write_rows_csv(columns, rows, output)
        return
    if fmt == "json":
        text = rows_json_text(columns, rows)
    elif not rows:
        text = "(no rows)\n" if page is None or not page.total else \
            f"(no rows from {page.offset + 1:,}: the answer has {page.total:,})\n"
    else:
        text = rows_table_text(columns, rows) + _table_note(len(rows), page, cut=not args.columns)
    if _stdout(output):
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def _table_note(shown: int, page, cut: bool) -> str:
    notes = ["--columns or --format csv for more"] if cut else []
    if page is None or (page.offset == 0 and shown == page.total):
        head = f"{shown:,} rows"
    else:
        head = f"rows {page.offset + 1:,}–{page.offset + shown:,} of {page.total:,}"
        if page.offset + shown < page.total:
            notes.insert(0, f"--offset {page.offset + shown} for the next page, --all for every row")
    return f"({head}{'; ' + '; '.join(notes) if notes else ''})\n"


def _wanted_columns(columns: list[str], args, fmt: str) -> list[str]:
    """--columns, or the command's table columns for the table format (as select_columns)."""
    wanted = getattr(args, "columns", None)
    if wanted:
        names = [c.strip() for c in wanted.split(",") if c.strip()]
        unknown = [c for c in names if c not in columns]
        if unknown or not names:
            raise KehoachError(f"--columns: no column {', '.join(unknown) or '(none given)'}; "
                               f"columns: {', '.join(map(str, columns))}")
        return names
    shown = [c for c in getattr(args, "table_columns", ()) if c in columns]
    return shown if fmt == "table" and shown else list(columns)


def select_columns(frame, args, fmt: str | None = None):
    """The frame cut to --columns (or, for the table format, to the command's table columns)."""
    wanted = getattr(args, "columns", None)
    if wanted:
        names = [c.strip() for c in wanted.split(",") if c.strip()]
        unknown = [c for c in names if c not in frame.columns]
        if unknown or not names:
            raise KehoachError(f"--columns: no column {', '.join(unknown) or '(none given)'}; "
                               f"columns: {', '.join(map(str, frame.columns))}")
        return frame[names]
    shown = [c for c in getattr(args, "table_columns", ()) if c in frame.columns]
    if _format_of(fmt, getattr(args, "output", None)) == "table" and shown:
        return frame[shown]
    return frame


def _format_of(fmt: str | None, output) -> str:
    if fmt:
        return fmt
    return _SUFFIX_FORMAT.get(Path(output).suffix.lower(), "table") if output and str(output) != "-" else "table"


def write_frame(frame, fmt: str | None, output: str | None, args=None) -> None:
    """Write a DataFrame as table/csv/json/xlsx/parquet to a file or standard output;
    with `args`, cut to its --columns first."""
    from pipeline.tables import json_text, write_csv, write_xlsx

    if args is not None:
        frame = select_columns(frame, args, fmt)
    fmt = _format_of(fmt, output)
    to_stdout = not output or str(output) == "-"
    if fmt in ("xlsx", "parquet") and to_stdout:
        raise KehoachError(f"--format {fmt} is binary: give a file with -o")
    if fmt == "xlsx":
        write_xlsx(frame, output)
    elif fmt == "parquet":
        frame.to_parquet(output, index=False)
    elif fmt == "csv":
        write_csv(frame, None if to_stdout else output)
    else:
        text = json_text(frame) if fmt == "json" else _table(frame, cut=args is not None and not args.columns)
        if not to_stdout and output is not None:
            Path(output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)


def _table(frame, cut: bool = False) -> str:
    if frame.empty:
        return "(no rows)\n"
    # long cells would make every row wrap; the full text is one --format csv away
    shown = frame.fillna("").astype(str).map(lambda s: s if len(s) <= 60 else s[:59] + "…")
    note = "; --columns or --format csv for more" if cut else ""
    return shown.to_string(index=False) + f"\n({len(frame)} rows{note})\n"
