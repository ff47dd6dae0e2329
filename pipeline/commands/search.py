"""`kehoach search TEXT`: full-text search over archived tasks (diacritics optional: "dau tu" = "Đầu tư")."""
from __future__ import annotations

from pipeline.commands.tasks import TABLE_COLUMNS, add_output_arguments, write_frame
from pipeline.errors import KehoachError

MAX_LIMIT = 10**9


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="full-text search of archived tasks",
                              description="Tasks whose text or actors contain every word of TEXT, best match first (then archive order). "
                                          "Case and diacritics do not matter (đ = d); end a word with * for a prefix.")
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
    write_frame(frame, args.format, args.output, args)
    return 0
