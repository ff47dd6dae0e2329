"""`kehoach ingest PATH...`: extract files in parallel into the archive (see pipeline.ingest)."""
from __future__ import annotations

import sys

from pipeline.commands import DB_HELP
from pipeline.errors import KehoachError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="extract files and folders into the archive (SQLite or PostgreSQL)",
        description="Extract every supported file under PATH... in parallel and store the plan records. "
                    "Unchanged files (same sha256) are skipped; a killed ingest can simply be rerun. "
                    "Exit status 1 when some file failed (see `kehoach failures`).")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", metavar="local|tcp://HOST:PORT",
                   help="run extraction on Dask: 'local' starts a LocalCluster, tcp://... joins a scheduler")
    p.add_argument("--timeout", type=float, metavar="SECONDS", default=None,
                   help="a file whose extraction takes longer fails (default: 1800; 0: no limit)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.ingest import DEFAULT_TIMEOUT, ingest

    if args.workers is not None and args.workers < 1:
        raise KehoachError("--workers must be at least 1")
    if args.scheduler and not (args.scheduler == "local" or args.scheduler.startswith("tcp://")):
        raise KehoachError(f"--scheduler {args.scheduler!r}: expected 'local' or tcp://HOST:PORT")
    if args.timeout is not None and args.timeout < 0:
        raise KehoachError("--timeout must be 0 (no limit) or more")
    summary = ingest(args.paths, db=args.db, workers=args.workers, scheduler=args.scheduler,
                     progress=not args.quiet, timeout=DEFAULT_TIMEOUT if args.timeout is None else args.timeout)
    for path in summary.skipped:
        print(f"skipped (unsupported format): {path}", file=sys.stderr)
    print(summary.line(), flush=True)
    return 1 if summary.failed else 0
