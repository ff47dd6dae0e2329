"""Every command with wrong, missing and hostile arguments: one line on stderr, no
traceback, a non-zero exit; and nothing created that the user did not ask for.

Most cases run `pipeline.cli.main` in this process (a real archive, real files; only
the interpreter start is saved); the few that depend on the process itself (stdin,
--version, the installed entry point) run it as a subprocess."""
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
PLAN = Path(__file__).parent / "data" / "ubnd_ma_tuy.txt"


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A folder with an archive holding a plan and a document that has no number (the
    case that broke `cited-by`), a truncated .docx and other bad files."""
    root = tmp_path_factory.mktemp("cli")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(PLAN, docs / "plan.txt")
    (docs / "no_number.txt").write_text("Ghi chú\n\nMột văn bản không có số, không có tiêu đề.\n", encoding="utf-8")
    summary = ingest([docs], db=root / "a.db", workers=1, progress=False)
    assert summary.stored == 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + "x" * 5000 + "</w:document>")
    (root / "truncated.docx").write_bytes(buffer.getvalue()[:600])
    (root / "not_a_db.db").write_text("hello", encoding="utf-8")
    (root / "random.pdf").write_bytes(bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    (root / "registry.csv").write_text("this,is,not\n1,2,3\n", encoding="utf-8")
    return root


def run(args, capsys):
    """(exit status, stdout, stderr) of `kehoach ARGS` run in this process."""
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:  # argparse's own errors and --help
        status = exc.code
    out = capsys.readouterr()
    return status, out.out, out.err


def assert_one_line_error(status, err, expect=None):
    assert status not in (0, None), err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    if expect:
        assert expect in lines[0], lines[0]


def _bad_cases(p: Path):
    db = ["--db", p / "a.db"]
    missing_folder_db = ["--db", p / "no" / "such" / "dir" / "x.db"]
    out_in_missing_folder = p / "missing_folder" / "out"
    return {
        # no arguments where some are needed
        "unknown command": (["frobnicate"], None),
        "extract alone": (["extract"], "required"),
        "annotate alone": (["annotate"], "required"),
        "ingest alone": (["ingest"], "required"),
        "cites alone": (["cites"], "required"),
        "cited-by alone": (["cited-by"], "required"),
        "search alone": (["search"], "required"),
        "registry alone": (["registry"], "required"),
        "registry load alone": (["registry", "load"], "required"),
        "unknown option": (["tasks", "--colour", "red", *db], "unrecognized"),
        # the cases
        "cited-by, archive with a number-less document": (["cited-by", "70/KH-UBND", *db], "70/KH-UBND"),
        "annotate -o into a missing folder": (["annotate", p / "docs" / "plan.txt", "-o",
                                              out_in_missing_folder.with_suffix(".html")], "does not exist"),
        "extract xlsx -o into a missing folder": (["extract", p / "docs" / "plan.txt", "--format", "xlsx", "-o",
                                                  out_in_missing_folder.with_suffix(".xlsx")], "does not exist"),
        "tasks -o into a missing folder": (["tasks", *db, "-o", out_in_missing_folder.with_suffix(".csv")],
                                           "does not exist"),
        "tasks --db in a missing folder": (["tasks", *missing_folder_db], None),
        "ingest --db in a missing folder": (["ingest", p / "docs", *missing_folder_db, "-q"], "does not exist"),
        "registry load --db in a missing folder": (["registry", "load", p / "registry.csv", *missing_folder_db],
                                                   None),
        "--due-before 2026-13-01": (["tasks", *db, "--due-before", "2026-13-01"], "2026-13-01"),
        "--due-after 2024-02-30": (["tasks", *db, "--due-after", "2024-02-30"], "2024-02-30"),
        "--due-before in words": (["tasks", *db, "--due-before", "next week"], "YYYY-MM-DD"),
        "truncated docx": (["extract", p / "truncated.docx"], "truncated"),
        # more of the same kind, on every command
        "search -o into a missing folder": (["search", "ma túy", *db, "-o", out_in_missing_folder], "does not exist"),
        "cites -o into a missing folder": (["cites", "36-CT/TW", *db, "-o", out_in_missing_folder], "does not exist"),
        "audit -o into a missing folder": (["audit", *db, "-o", out_in_missing_folder.with_suffix(".html")],
                                           "does not exist"),
        "failures -o a folder": (["failures", *db, "-o", p], "is a folder"),
        "extract xlsx without -o": (["extract", p / "docs" / "plan.txt", "--format", "xlsx"], "-o"),
        "tasks xlsx without -o": (["tasks", *db, "--format", "xlsx"], "-o"),
        "json of two files": (["extract", "--format", "json", p / "docs" / "plan.txt", p / "docs" / "no_number.txt"],
                              "jsonl"),
        "extract a folder": (["extract", p / "docs"], "folder"),
        "extract an empty file": (["extract", p / "empty.txt"], "empty"),
        "extract random bytes named .pdf": (["extract", p / "random.pdf"], "random.pdf"),
        "extract a missing file": (["extract", p / "nothing.txt"], "no such file"),
        "annotate a missing file": (["annotate", p / "nothing.txt"], "no such file"),
        "audit a missing file": (["audit", p / "nothing.txt"], "no such file"),
        "tasks on a text file as --db": (["tasks", "--db", p / "docs" / "plan.txt"], "not a kehoach archive"),
        "tasks on a folder as --db": (["tasks", "--db", p], "folder"),
        "ingest into a non-database": (["ingest", p / "docs", "--db", p / "not_a_db.db", "-q"], "not a kehoach"),
        "tasks on a URL of another kind": (["tasks", "--db", "http://example.org/x"], "postgresql"),
        "unknown column": (["tasks", *db, "--columns", "task_id,colour"], "colour"),
        "empty --columns": (["tasks", *db, "--columns", ","], "--columns"),
        "unknown role": (["tasks", *db, "--role", "boss"], "boss"),
        "actor of punctuation": (["tasks", *db, "--lead", "!!!"], "no letters"),
        "blank cites": (["cites", "  ", *db], "give a number"),
        "cited-by unknown file": (["cited-by", p / "empty.txt", *db], None),
        "ingest --workers 0": (["ingest", p / "docs", *db, "--workers", "0"], "--workers"),
        "ingest --timeout -1": (["ingest", p / "docs", *db, "--timeout", "-1"], "--timeout"),
        "ingest --scheduler bogus": (["ingest", p / "docs", *db, "--scheduler", "bogus"], "--scheduler"),
        "serve --port 70000": (["serve", *db, "--port", "70000"], "70000"),
        "serve on no archive": (["serve", *missing_folder_db], "no archive"),
        "registry load of a wrong table": (["registry", "load", p / "registry.csv", *db], "registry.csv"),
        "registry load of a missing file": (["registry", "load", p / "nothing.csv", *db], "nothing.csv"),
        "audit --registry missing": (["audit", *db, "--registry", p / "nothing.csv"], "nothing.csv"),
        "parquet to stdout": (["failures", *db, "--format", "parquet"], "-o"),
        "units --role unknown": (["units", *db, "--role", "boss"], "boss"),
        "units -o into a missing folder": (["units", *db, "--merges", "-o", out_in_missing_folder], "does not exist"),
        "units --db in a missing folder": (["units", *missing_folder_db], None),
        "units unknown column": (["units", *db, "--columns", "name,colour"], "colour"),
    }


CASES = sorted(_bad_cases(Path("/x")))


@pytest.mark.parametrize("case", CASES)
def test_bad_arguments_give_one_line_and_a_non_zero_exit(case, place, capsys):
    args, expect = _bad_cases(place)[case]
    status, _, err = run(args, capsys)
    assert_one_line_error(status, err, expect)


def test_every_command_is_driven(place):
    """A new command must join the cases above."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    driven = {str(args[0]) for args, _ in _bad_cases(place).values()}
    assert set(sub.choices) <= driven


def test_nothing_created_by_a_typo(place, capsys):
    for args, _ in _bad_cases(place).values():
        run(args, capsys)
    assert not (place / "no").exists()  # --db in a missing folder made no folder
    assert not (place / "missing_folder").exists()
    assert not (place / "docs" / "nothing.txt.html").exists()


def test_the_number_less_document_does_not_stop_cited_by_of_a_real_number(place, capsys):
    status, out, err = run(["cited-by", "12/KH-UBND", "--db", place / "a.db"], capsys)
    assert status == 0, err  # found (cited by nobody) rather than a traceback
    status, out, err = run(["cites", "36-CT/TW", "--db", place / "a.db", "--format", "csv"], capsys)
    assert status == 0 and "plan.txt" in out


def test_every_command_takes_quiet_and_verbose(place):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        nested = [a for a in command._actions if a.dest == "action"]
        for p in (list(nested[0].choices.values()) if nested else [command]):
            assert "-q" in p._option_string_actions and "-v" in p._option_string_actions, p.prog


def kehoach(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], capture_output=True,
                          cwd=ROOT, input=stdin)


def test_version_help_and_stdin(place):
    out = kehoach("--version")
    assert out.returncode == 0 and out.stdout.decode().startswith("kehoach ")
    out = kehoach()
    assert out.returncode == 0 and b"COMMAND" in out.stdout and b"extract" in out.stdout
    from_file = kehoach("extract", place / "docs" / "plan.txt")
    from_stdin = kehoach("extract", "-", stdin=PLAN.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    import json

    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert b["source"]["path"] == "-"
    assert a["tasks"] == b["tasks"] and a["document"] == b["document"]
    bad = kehoach("extract", "-", stdin=b"")
    assert bad.returncode == 1 and b"Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1
    assert b"-: empty" in bad.stderr


def test_progress_names_the_file_and_draws_no_frames_into_a_pipe(place, tmp_path):
    files = [place / "docs" / "plan.txt", place / "docs" / "no_number.txt"]
    piped = kehoach("extract", *files)
    assert piped.returncode == 0 and piped.stderr == b""  # stderr is a pipe here: no frames at all
    told = kehoach("extract", "-v", *files)
    assert told.stderr.decode().splitlines() == [f"kehoach: extracting {i}/2: {f}" for i, f in enumerate(files, 1)]
    ingested = kehoach("ingest", place / "docs", "--db", tmp_path / "x.db")
    assert b"\r" not in ingested.stderr and b"%|" not in ingested.stderr

    from pipeline.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    with Progress(2, stream=screen, what="extracting") as progress:
        progress.step("a.docx")
        progress.message("kehoach: a.docx: broken")
        progress.step("b.pdf")
    assert "extracting 1/2: a.docx" in screen.getvalue() and "extracting 2/2: b.pdf" in screen.getvalue()
    assert "kehoach: a.docx: broken\n" in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")  # the progress line is gone at the end
