"""`kehoach search TEXT`: full-text search over archived tasks (diacritics optional: "dau tu" = "Đầu tư")."""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline.commands.tasks import TABLE_COLUMNS, _format_of, _table, add_output_arguments, select_columns, write_frame
from pipeline.errors import KehoachError

MAX_LIMIT = 10**9
# the found words in the table format: bold on a terminal, plain markers in a pipe or a file
BOLD = ("\x1b[1m", "\x1b[0m")
PLAIN = ("**", "**")


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="full-text search of archived tasks",
                              description="Tasks whose text or actors contain every word of TEXT, best match first (then archive order). "
                                          "Case and diacritics do not matter (đ = d); end a word with * for a prefix. "
                                          "The table format marks the words found: bold on a terminal, **so** otherwise "
                                          "(csv, json, xlsx hold the text unmarked).")
    p.add_argument("text", nargs="+", metavar="TEXT")
    # read as text and checked in run(): argparse's own error for "1e20" is a usage screen, and a
    # 20-digit integer overflowed SQLite with a traceback
    p.add_argument("--limit", metavar="N", help="at most this many rows")
    add_output_arguments(p, TABLE_COLUMNS)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive

    limit = None
    if args.limit is not None:
        raw = args.limit.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
            raise KehoachError(f"--limit {args.limit}: expected a whole number from 1 to {MAX_LIMIT:,}")
        limit = int(raw)
    with Archive(args.db) as archive:
        frame = archive.search(" ".join(args.text), limit=limit)
    if _format_of(args.format, args.output) != "table":
        write_frame(frame, args.format, args.output, args)
        return 0
    write_marked_table(frame, args, " ".join(args.text))
    return 0


def write_marked_table(frame, args, query: str) -> None:
    """The table format with the search's words marked in every row (the header is left alone)."""
    from pipeline.highlight import mark_terms, search_terms

    to_stdout = not args.output or str(args.output) == "-"
    before, after = BOLD if to_stdout and sys.stdout.isatty() else PLAIN
    header, *rows = _table(select_columns(frame, args, "table"), cut=not args.columns).split("\n")
    terms = search_terms(query)
    text = "\n".join([header, *(mark_terms(line, terms, before, after) for line in rows)])
    if to_stdout:
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
