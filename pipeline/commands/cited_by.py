"""`kehoach cited-by FILE-OR-NUMBER`: the archived documents that cite one plan."""
from __future__ import annotations

from pipeline.errors import KehoachError
from pipeline.commands.tasks import add_output_arguments, write_frame


def register(subparsers) -> None:
    p = subparsers.add_parser("cited-by", help="documents in the archive that cite a plan",
                              description="Mentions, in other archived documents, of the plan given by FILE (its "
                                          "content, archived path or file name) or by its NUMBER (any printing); "
                                          "a registry entry's number works too. Order: by the citing document's date, then "
                                          "document, then place in it.")
    p.add_argument("query", metavar="FILE-OR-NUMBER")
    add_output_arguments(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive
    from pipeline.link import cited_by

    if not args.query.strip():
        raise KehoachError("give a number, key or name to look for")
    with Archive(args.db) as archive:
        frame = cited_by(archive, args.query)
    write_frame(frame, args.format, args.output, args)
    return 0
