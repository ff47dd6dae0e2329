"""Optional parts of kehoach and the extra that installs each (pyproject.toml).

Extraction, the archive (SQLite) and the audit need only the core packages; the web page,
a PostgreSQL archive, a Dask cluster and the test-corpus generator's PDF renderer each need
an extra (`pip install 'kehoach[web]'`, ... or `'kehoach[all]'`). Their packages are imported
where they are used, so a missing one fails only the command that needs it, in one line.
"""
from __future__ import annotations

from pipeline.errors import KehoachError

EXTRA_OF = {"flask": "web", "jinja2": "web", "werkzeug": "web", "waitress": "web", "psycopg": "postgres",
            "dask": "dask", "distributed": "dask", "reportlab": "generator"}


def missing_extra(exc: ModuleNotFoundError) -> KehoachError | None:
    """The one-line error for an optional package that is not installed, or None for any other module."""
    package = (exc.name or "").split(".")[0]
    if package not in EXTRA_OF:
        return None
    return KehoachError(f"this needs {package}, which is optional: pip install 'kehoach[{EXTRA_OF[package]}]'")
