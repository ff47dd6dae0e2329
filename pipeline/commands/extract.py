"""`kehoach extract FILE...`: print plan records as JSON / JSON Lines, or the tables as CSV or XLSX."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.commands import output_file
from pipeline.errors import KehoachError

FORMATS = ("json", "jsonl", "csv", "xlsx")


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract plan records from files",
                       description="Print the plan record of each FILE (../shared/contract.md); FILE - reads "
                                   "standard input (its format told by its content). Records come in the order "
                                   "the files are given.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=FORMATS,
                   help="json: one record (one FILE); jsonl: one line per record, whatever the number of files; "
                        "csv: the tasks table; xlsx: sheets of tasks, documents and citations. "
                        "Default: json for one FILE, jsonl for several")
    p.add_argument("-o", "--output", type=output_file, help="write here instead of standard output (required for xlsx)")
    p.add_argument("--with-text", action="store_true", help="include the normalised text the spans point into")
    p.add_argument("--timeout", type=float, metavar="SECONDS", default=None,
                   help="a file whose extraction takes longer fails (default: 1800, as ingest; 0: no limit)")
    p.set_defaults(run=run)


def run(args) -> int:
    fmt = args.format or ("json" if len(args.files) == 1 else "jsonl")
    if fmt == "json" and len(args.files) > 1:
        raise KehoachError(f"--format json prints one record; for {len(args.files)} files use --format jsonl "
                           "(one line per record)")
    if fmt == "xlsx" and (not args.output or str(args.output) == "-"):
        raise KehoachError("--format xlsx needs -o FILE.xlsx")
    if args.files.count("-") > 1:
        raise KehoachError("standard input (-) can be read only once")
    if args.timeout is not None and args.timeout < 0:
        raise KehoachError("--timeout must be 0 (no limit) or more")
    from pipeline.extract import extract_bytes, extract_file
    from pipeline.ingest import DEFAULT_TIMEOUT, TimeLimit, memory_reason, time_limit
    from pipeline.limits import memory_capped
    from pipeline.progress import Progress

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    records, failed = [], 0
    # capped as an ingest worker: a runaway file fails with MemoryError, not the machine
    with memory_capped(), Progress(len(args.files), quiet=args.quiet, verbose=args.verbose,
                                   what="extracting") as progress:
        for name in args.files:
            progress.step(name)
            try:
                with time_limit(timeout):
                    records.append(extract_bytes(sys.stdin.buffer.read()) if name == "-" else extract_file(Path(name)))
            except TimeLimit:
                failed += 1
                progress.message(f"kehoach: {name}: extraction took longer than the limit of {timeout:g} s (--timeout)")
            except MemoryError:
                failed += 1
                progress.message(f"kehoach: {name}: {memory_reason()}")
            except KehoachError as exc:
                failed += 1
                progress.message(f"kehoach: {exc}")
            except Exception as exc:  # a bug on one file must not cost the rest of the batch their records
                failed += 1
                progress.message(f"kehoach: {name}: internal error, please report: {type(exc).__name__}: {exc}"
                                 .splitlines()[0])
    if fmt in ("json", "jsonl"):
        out = [json.dumps(r.to_dict(with_text=args.with_text), ensure_ascii=False,
                          indent=1 if fmt == "json" else None) for r in records]
        _write("\n".join(out) + ("\n" if out else ""), args.output)
    else:
        from pipeline.tables import citations_frame, documents_frame, tasks_frame, write_csv, write_xlsx

        frame = tasks_frame(records)
        if fmt == "csv":
            write_csv(frame, args.output)  # text cells neutralised against formula injection
        else:
            write_xlsx({"tasks": frame, "documents": documents_frame(records),
                        "citations": citations_frame(records)}, args.output)
    return 1 if failed else 0


def _write(s: str, output: Path | None) -> None:
    if output and str(output) != "-":
        output.write_text(s, encoding="utf-8")
    else:
        sys.stdout.write(s)
