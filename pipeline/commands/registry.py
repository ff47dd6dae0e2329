"""`kehoach registry load FILE` / `kehoach registry list`: known directives a citation can resolve to."""
from __future__ import annotations

from pipeline.commands import DB_HELP
from pipeline.commands.tasks import add_output_arguments, write_frame


def register(subparsers) -> None:
    p = subparsers.add_parser("registry", help="load or list the registry of known directives",
                              description="The registry holds documents that are not archived plans (Luật, Nghị "
                                          "định, Chỉ thị ...) so that citations of them resolve. A local issuer "
                                          "should name its province (\"Ủy ban nhân dân tỉnh Bình Thuận\").")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = sub.add_parser("load", help="add entries from FILE.csv or FILE.json (number, kind, date, issuer, title)")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--db", help=DB_HELP)
    load.set_defaults(run=run_load)
    show = sub.add_parser("list", help="the registry's entries")
    add_output_arguments(show)
    show.set_defaults(run=run_list)


def run_load(args) -> int:
    from pipeline.archive import Archive
    from pipeline.link import load_registry, read_registry_file

    rows = read_registry_file(args.file)  # read (and validate) all before writing any
    with Archive(args.db) as archive:
        n = load_registry(archive, rows, source=str(args.file))
    if not args.quiet:
        print(f"registry: {n} entries loaded from {args.file}")
    return 0


def run_list(args) -> int:
    from pipeline.archive import Archive
    from pipeline.link import registry_frame

    with Archive(args.db) as archive:
        frame = registry_frame(archive)
    write_frame(frame, args.format, args.output, args)
    return 0
