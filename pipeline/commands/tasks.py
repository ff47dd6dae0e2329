"""`kehoach tasks`: query the archive's tasks; also the table writer `search`/`failures` share."""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline.commands import DB_HELP
from pipeline.errors import KehoachError
from pipeline.record import ROLES

FORMATS = ("table", "csv", "json", "xlsx", "parquet")
_SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".parquet": "parquet", ".txt": "table"}


def register(subparsers) -> None:
    p = subparsers.add_parser("tasks", help="list archived tasks matching filters",
                              description="Tasks from the archive. Actor filters ignore case, diacritics and "
                                          "abbreviations (UBND = Ủy ban nhân dân) and match part of a name.")
    p.add_argument("--lead", metavar="TEXT", help="lead unit (Chủ trì) contains TEXT")
    p.add_argument("--actor", metavar="TEXT", help="any actor (or the one in --role) contains TEXT")
    p.add_argument("--role", choices=ROLES, help="restrict --actor to one role (alone: tasks with anyone in it)")
    p.add_argument("--due-before", metavar="DATE", help="due (end, else start) on or before YYYY-MM-DD")
    p.add_argument("--due-after", metavar="DATE", help="due (end, else start) on or after YYYY-MM-DD")
    p.add_argument("--issuer", metavar="TEXT", help="issuing body contains TEXT")
    p.add_argument("--cites", metavar="NUMBER", help="cites document NUMBER (02-CT/UBND = 02/CT-UBND)")
    p.add_argument("--search", metavar="TEXT", help="words in the task text or actors (diacritics optional)")
    add_output_arguments(p)
    p.set_defaults(run=run)


def add_output_arguments(p) -> None:
    p.add_argument("--format", choices=FORMATS, help="output format (default: from -o's suffix, else table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--db", help=DB_HELP)


def run(args) -> int:
    from pipeline.archive import Archive

    with Archive(args.db) as archive:
        frame = archive.tasks(lead=args.lead, actor=args.actor, role=args.role, due_before=args.due_before,
                              due_after=args.due_after, issuer=args.issuer, cites=args.cites, search=args.search)
    write_frame(frame, args.format, args.output)
    return 0


def write_frame(frame, fmt: str | None, output: str | None) -> None:
    """Write a DataFrame as table/csv/json/xlsx/parquet to a file or standard output."""
    if not fmt:
        fmt = _SUFFIX_FORMAT.get(Path(output).suffix.lower(), "table") if output else "table"
    if fmt in ("xlsx", "parquet") and not output:
        raise KehoachError(f"--format {fmt} is binary: give a file with -o")
    if fmt == "xlsx":
        frame.to_excel(output, index=False)
    elif fmt == "parquet":
        frame.to_parquet(output, index=False)
    else:
        if fmt == "csv":
            from pipeline.tables import csv_text

            text = csv_text(frame)
        elif fmt == "json":
            text = frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
        else:
            text = _table(frame)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)


def _table(frame) -> str:
    if frame.empty:
        return "(no rows)\n"
    # long cells would make every row wrap; the full text is one --format csv away
    shown = frame.fillna("").astype(str).map(lambda s: s if len(s) <= 60 else s[:59] + "…")
    return shown.to_string(index=False) + f"\n({len(frame)} rows)\n"
