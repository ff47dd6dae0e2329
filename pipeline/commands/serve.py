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
    p.add_argument("--threads", type=int, default=None,
                   help="requests served at once (default: 4 per core, at least 8)")
    p.add_argument("--lang", choices=("vi", "en", "auto"), default="vi",
                   help="language of the pages: vi (default), en, or auto (the browser's language)")
    p.set_defaults(run=run)


def default_threads() -> int:
    """Threads for waitress: a request mostly waits on SQLite or renders a template, and both
    hold the interpreter lock only in part, so a few threads per core keep the cores busy
    while a slow export does not hold up the pages."""
    from pipeline.parallel import default_workers

    return max(8, 4 * default_workers())


def run(args) -> int:
    from waitress import serve

    from pipeline.archive import Archive
    from pipeline.web.app import create_app

    archive = Archive(args.db)
    if not archive.exists():
        # Checked here so a typo in --db fails at once instead of on the first page view.
        raise KehoachError(f"{archive.location}: no archive here (run `kehoach ingest` first, or pass --db)")
    archive.close()
    if not 0 < args.port < 65536:
        raise KehoachError(f"--port {args.port}: expected 1-65535")
    if args.threads is not None and not 1 <= args.threads <= 256:
        raise KehoachError(f"--threads {args.threads}: expected 1-256")
    threads = args.threads or default_threads()
    if not _is_loopback(args.host):
        print(f"kehoach: warning: listening on {args.host}; anyone who can reach it can read the archive",
              file=sys.stderr)
    print(f"kehoach: serving {archive.location} at http://{args.host}:{args.port}/ with {threads} threads "
          f"(Ctrl+C to stop)", file=sys.stderr, flush=True)
    # waitress: a production WSGI server in pure Python (Flask's own server is for development:
    # 7 requests/s on /tasks at concurrency 20)
    try:
        serve(create_app(archive.address, lang=args.lang), host=args.host, port=args.port, threads=threads,
              ident="kehoach", _quiet=True)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise KehoachError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
