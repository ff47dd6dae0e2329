"""`kehoach serve`: browse an archive in a web browser (read-only; see pipeline.web.app)."""
from __future__ import annotations

import ipaddress
import sys

from pipeline.commands import DB_HELP
from pipeline.errors import KehoachError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="browse the archive in a web browser (read-only)",
        description="Serve a read-only web view of the archive: documents, a filterable tasks table with "
                    "CSV/XLSX export, each task in its source text, cited directives, audit findings, a "
                    "timeline and tasks per unit. Listens on 127.0.0.1 (this machine only) unless --host says "
                    "otherwise.")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes the archive to the network)")
    p.add_argument("--lang", choices=("vi", "en", "auto"), default="vi",
                   help="language of the pages: vi (default), en, or auto (the browser's language)")
    p.set_defaults(run=run)


def run(args) -> int:
    from werkzeug.serving import run_simple

    from pipeline.archive import Archive
    from pipeline.web.app import create_app

    archive = Archive(args.db)
    if not archive.exists():
        # Checked here so a typo in --db fails at once instead of on the first page view.
        raise KehoachError(f"{archive.location}: no archive here (run `kehoach ingest` first, or pass --db)")
    archive.close()
    if not 0 < args.port < 65536:
        raise KehoachError(f"--port {args.port}: expected 1-65535")
    if not _is_loopback(args.host):
        print(f"kehoach: warning: listening on {args.host}; anyone who can reach it can read the archive",
              file=sys.stderr)
    print(f"kehoach: serving {archive.location} at http://{args.host}:{args.port}/ (Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    run_simple(args.host, args.port, create_app(archive.address, lang=args.lang), threaded=True)
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
