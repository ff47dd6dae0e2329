"""`kehoach units`: the archive's units, each printing of one unit resolved to it (pipeline/units.py)."""
from __future__ import annotations

from pipeline.commands.tasks import _format_of, add_output_arguments, write_frame
from pipeline.record import ROLES

TABLE_COLUMNS = ("name", "tasks", "printings")
MERGE_COLUMNS = ("name", "printed", "tasks", "rule")


def register(subparsers) -> None:
    p = subparsers.add_parser("units", help="list the archive's units and the printings merged into each",
                              description="Units of the archive: the printings of one unit (\"Sở Khoa học Công "
                                          "nghệ\" / \"Sở Khoa học và Công nghệ\", \"UBND tỉnh\" / \"Ủy ban nhân dân "
                                          "tỉnh Lâm Đồng\") are one unit, generic names resolved within the province "
                                          "of the plan that names them (docs/units.md). Order: most tasks first, "
                                          "then by name; with --merges, the units printed in several ways, each "
                                          "printing with the rule that joined it.")
    p.add_argument("--role", choices=ROLES, help="count only tasks where the unit has this role")
    p.add_argument("--merges", action="store_true", help="list the merges made, with their rule, instead")
    add_output_arguments(p, TABLE_COLUMNS)
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.archive import Archive
    from pipeline.units import unit_merges, unit_table

    with Archive(args.db) as archive:
        frame = unit_merges(archive) if args.merges else unit_table(archive, args.role)
    if args.merges:
        args.table_columns = MERGE_COLUMNS
    elif _format_of(args.format, args.output) != "json":  # JSON keeps the list; tables and sheets read "a; b"
        frame["printings"] = frame["printings"].map("; ".join)
    write_frame(frame, args.format, args.output, args)
    return 0
