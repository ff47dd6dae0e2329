"""`kehoach cites KEY-OR-NUMBER`: every mention of one directive across the archive."""
from __future__ import annotations

from pipeline.errors import KehoachError
from pipeline.commands.tasks import add_output_arguments, write_frame


def register(subparsers) -> None:
    p = subparsers.add_parser("cites", help="every mention of a directive in the archive",
                              description="Mentions of the directive named by KEY-OR-NUMBER: a key as `audit` "
                                          "prints it (CT-UBND-BT/2/2024), a number in any printing (02-CT/UBND = "
                                          "02/CT-UBND; several issuers or years give several directives), or a "
                                          "name (\"Luật Thi đua, khen thưởng\"); a number in words (\"Nghị quyết 76/NQ-CP\") is the "
                                          "number. Order: by the citing document's date, then document, then "
                                          "place in it.")
    p.add_argument("query", metavar="KEY-OR-NUMBER")
    add_output_arguments(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive
    from pipeline.link import link_archive

    if not args.query.strip():
        raise KehoachError("give a number, key or name to look for")
    with Archive(args.db) as archive:
        frame = link_archive(archive).cites(args.query)
    write_frame(frame, args.format, args.output, args)
    return 0
