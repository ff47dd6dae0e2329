"""`kehoach failures`: files whose last ingest failed, with the one-line reason."""
from __future__ import annotations

from pipeline.commands.tasks import add_output_arguments, write_frame


def register(subparsers) -> None:
    p = subparsers.add_parser("failures", help="list files the archive could not ingest",
                              description="Files whose last ingest failed and why. A later successful "
                                          "ingest of a file removes it from this list. Order: by path.")
    add_output_arguments(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive

    with Archive(args.db) as archive:
        frame = archive.failures()
    write_frame(frame, args.format, args.output, args)
    return 0
