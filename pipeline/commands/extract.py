"""`kehoach extract FILE...`: print plan records as JSON (JSON Lines for several files), CSV or XLSX."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.errors import KehoachError


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract plan records from files",
                       description="Print the plan record of each FILE (../shared/contract.md).")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--format", choices=("json", "csv", "xlsx"), default="json",
                   help="json: one record (JSON Lines for several files); csv/xlsx: the tasks table")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output (required for xlsx)")
    p.add_argument("--with-text", action="store_true", help="include the normalised text the spans point into")
    p.add_argument("--timeout", type=float, metavar="SECONDS", default=None,
                   help="a file whose extraction takes longer fails (default: 1800, as ingest; 0: no limit)")
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.extract import extract_file
    from pipeline.ingest import DEFAULT_TIMEOUT, TimeLimit, memory_reason, time_limit
    from pipeline.limits import cap_memory

    if args.timeout is not None and args.timeout < 0:
        raise KehoachError("--timeout must be 0 (no limit) or more")
    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    cap_memory()  # as an ingest worker: a runaway file fails with MemoryError, not the machine
    records, failed = [], 0
    for path in args.files:
        try:
            with time_limit(timeout):
                records.append(extract_file(path))
        except TimeLimit:
            failed += 1
            print(f"kehoach: {path}: extraction took longer than the limit of {timeout:g} s (--timeout)",
                  file=sys.stderr)
        except MemoryError:
            failed += 1
            print(f"kehoach: {path}: {memory_reason()}", file=sys.stderr)
        except KehoachError as exc:
            failed += 1
            print(f"kehoach: {exc}", file=sys.stderr)
        except Exception as exc:  # a bug on one file must not cost the rest of the batch their records
            failed += 1
            print(f"kehoach: {path}: internal error, please report: {type(exc).__name__}: {exc}".splitlines()[0],
                  file=sys.stderr)
    if args.format == "json":
        out = [json.dumps(r.to_dict(with_text=args.with_text), ensure_ascii=False,
                          indent=1 if len(args.files) == 1 else None) for r in records]
        _write("\n".join(out) + ("\n" if out else ""), args.output)
    else:
        from pipeline.tables import csv_text, tasks_frame  # pandas only when a table is asked for

        frame = tasks_frame(records)
        if args.format == "csv":
            _write(csv_text(frame), args.output)
        else:
            if not args.output:
                raise KehoachError("--format xlsx needs -o FILE.xlsx")
            frame.to_excel(args.output, index=False, sheet_name="tasks")
    return 1 if failed else 0


def _write(s: str, output: Path | None) -> None:
    if output:
        output.write_text(s, encoding="utf-8")
    else:
        sys.stdout.write(s)
