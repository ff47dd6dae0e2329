"""The core installs without the optional parts (pyproject's extras): extraction, the SQLite
archive and the audit run with flask, waitress, psycopg, dask and reportlab absent, and a command that
needs one of them says which extra to install, in one line."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline.extras import EXTRA_OF

ROOT = Path(__file__).resolve().parents[1]
PLAN = Path(__file__).parent / "data" / "ubnd_ma_tuy.txt"

# `kehoach` commands, one after the other, in a fresh interpreter where the optional packages
# cannot be imported; what each printed and returned comes back as JSON.
BLOCKED = textwrap.dedent("""
    import contextlib, io, json, sys
    from importlib.abc import MetaPathFinder

    OPTIONAL = {optional!r}

    class Absent(MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in OPTIONAL:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    sys.meta_path.insert(0, Absent())
    from pipeline.cli import main
    results = []
    for argv in json.loads(sys.argv[1]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        results.append({{"code": code, "out": out.getvalue(), "err": err.getvalue()}})
    imported = sorted(OPTIONAL & {{m.split(".")[0] for m in sys.modules}})
    print(json.dumps({{"results": results, "imported": imported}}))
""")


def kehoach_without_extras(*commands: list[str]) -> list[dict]:
    code = BLOCKED.format(optional=set(EXTRA_OF))
    run = subprocess.run([sys.executable, "-c", code, json.dumps(commands)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["imported"] == [], "an optional package was imported"
    return report["results"]


def test_core_runs_without_the_extras_and_a_command_that_needs_one_names_it(tmp_path):
    from test_grammar import _plan_paragraphs, _write_pdf  # a real PDF, made here (reportlab is ours)

    pdf = _write_pdf(tmp_path / "plan.pdf", _plan_paragraphs())
    db = str(tmp_path / "kehoach.db")
    extract, ingest, audit, serve = kehoach_without_extras(
        ["extract", "--format", "jsonl", str(PLAN), str(pdf)], ["ingest", str(PLAN), "--db", db, "-q"],
        ["audit", "--db", db], ["serve", "--db", db])
    assert extract["code"] == 0, extract["err"]
    assert len(extract["out"].splitlines()) == 2 and '"tasks"' in extract["out"]
    assert ingest["code"] == 0 and audit["code"] == 0, ingest["err"] + audit["err"]
    assert serve["code"] == 1
    assert serve["err"].strip().splitlines() == [
        "kehoach: this needs waitress, which is optional: pip install 'kehoach[web]'"]
