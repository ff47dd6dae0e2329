"""`kehoach tasks`: query the archive's tasks; also the table writer `search`/`failures` share."""
from __future__ import annotations

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
    add_output_arguments(p, TABLE_COLUMNS)
    p.set_defaults(run=run)


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
    from pipeline.archive import Archive

    with Archive(args.db) as archive:
        frame = archive.tasks(lead=args.lead, actor=args.actor, role=args.role, due_before=args.due_before,
                              due_after=args.due_after, issuer=args.issuer, cites=args.cites, search=args.search)
    write_frame(frame, args.format, args.output, args)
    return 0


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
