"""The core installs without the optional parts (pyproject's extras): extraction, the SQLite
archive and the audit run with flask, psycopg, dask and reportlab absent, and a command that
needs one of them says which extra to install, in one line."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline.extras import EXTRA_OF

ROOT = Path(__file__).resolve().parents[1]
PLAN = Path(__file__).parent / "data" / "ubnd_ma_tuy.txt"

# Run `kehoach ARGS` in a fresh interpreter where the optional packages cannot be imported.
BLOCKED = textwrap.dedent("""
    import sys
    from importlib.abc import MetaPathFinder

    OPTIONAL = {optional!r}

    class Absent(MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in OPTIONAL:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    sys.meta_path.insert(0, Absent())
    from pipeline.cli import main
    code = main(sys.argv[1:])
    assert not OPTIONAL & {{m.split(".")[0] for m in sys.modules}}, "an optional package was imported"
    sys.exit(code)
""")


def kehoach_without_extras(*args: str) -> subprocess.CompletedProcess:
    code = BLOCKED.format(optional=set(EXTRA_OF))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)


def test_extraction_archive_and_audit_need_no_extra(tmp_path):
    from test_grammar import _plan_paragraphs, _write_pdf  # a real PDF, made here (reportlab is ours)

    pdf = _write_pdf(tmp_path / "plan.pdf", _plan_paragraphs())
    out = kehoach_without_extras("extract", "--format", "json", str(PLAN), str(pdf))
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 2 and '"tasks"' in out.stdout
    db = tmp_path / "kehoach.db"
    out = kehoach_without_extras("ingest", str(PLAN), "--db", str(db), "-q")
    assert out.returncode == 0, out.stderr
    out = kehoach_without_extras("audit", "--db", str(db))
    assert out.returncode == 0, out.stderr


def test_a_command_that_needs_an_extra_names_it(tmp_path):
    db = tmp_path / "kehoach.db"
    assert kehoach_without_extras("ingest", str(PLAN), "--db", str(db), "-q").returncode == 0
    out = kehoach_without_extras("serve", "--db", str(db))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "kehoach: this needs werkzeug, which is optional: pip install 'kehoach[web]'"]
