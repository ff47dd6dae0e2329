"""`kehoach search TEXT`: full-text search over archived tasks (diacritics optional: "dau tu" = "Đầu tư")."""
from __future__ import annotations

from pipeline.commands.tasks import TABLE_COLUMNS, add_output_arguments, write_frame


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="full-text search of archived tasks",
                              description="Tasks whose text or actors contain every word of TEXT, best match first (then archive order). "
                                          "Case and diacritics do not matter (đ = d); end a word with * for a prefix.")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--limit", type=int, help="at most this many rows")
    add_output_arguments(p, TABLE_COLUMNS)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive

    with Archive(args.db) as archive:
        frame = archive.search(" ".join(args.text), limit=args.limit)
    write_frame(frame, args.format, args.output, args)
    return 0
