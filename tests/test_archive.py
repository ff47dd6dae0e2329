"""The archive end to end: real files, real worker processes, real SQLite files.

One corpus (50 text plans, one bad file in ten, one unsupported file) is
built and ingested once per test run (under pytest-xdist, by whichever worker
asks first: conftest's built_once); each module gets its own copy of the
archive file, and the other tests query it or ingest parts of the corpus. The
slow tests also ingest a corpus of 100 plans the same way. Plans come from corpus.generate when it exists, otherwise
from the dev example with a varied header; a few crafted plans carry the facts
the query tests look for (an abbreviated lead, "Đầu tư", a dated deadline, a
citation printed as 07/CT-UBND).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from pipeline.actors import fold, normalize_actor
from pipeline.archive import Archive
from pipeline.cli import main
from pipeline.ingest import Summary, ingest

ROOT = Path(__file__).resolve().parents[1]
DEV_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs"
PLANS = 50  # enough for every filter below to find several pages of tasks
MANY_PLANS = 100  # the size the archive is checked at in the full suite


def _dev_text() -> str:
    docs = sorted(DEV_DOCS.glob("*.txt"))
    if not docs:
        pytest.skip("the dev example (shared/corpus/dev/docs) is not available")
    return docs[0].read_text(encoding="utf-8")


def _header(i: int, number: str) -> str:
    return (f"BAN DÂN VẬN TỈNH ỦY\nSố: {number}\n"
            f"Phan Thiết, ngày {1 + i % 28:02d} tháng 02 năm 2024\n\n")


def write_plans(out: Path, n: int) -> list[Path]:
    """n text plans: the generator's when it exists, else the dev example under n headers."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        from corpus.generate import generate
    except ImportError:
        generate = None
    if generate is not None:
        gen = out.parent / f"{out.name}-generated"  # its gold/*.json must not sit in the walked folder
        generate(n=n, seed=7, formats=["txt"], out=gen)
        return [Path(shutil.copy(p, out / p.name)) for p in sorted((gen / "docs").glob("*.txt"))]
    body, paths = _dev_text(), []
    for i in range(n):
        path = out / f"plan_{i:04d}.txt"
        path.write_text(_header(i, f"{i + 1}-KH/BDVTU") + body, encoding="utf-8")
        paths.append(path)
    return paths


def _crafted(out: Path) -> dict[str, Path]:
    body = _dev_text()
    item3 = "3. Rà soát sửa đổi, bổ sung, ban hành Quy chế"
    lead3 = "* *Chủ trì:* Lãnh đạo Ban.\n\n* *Chịu trách nhiệm tham mưu:* Phòng Dân vận các cơ quan nhà nước.\n\n" \
            "* *Thời gian thực hiện:* Trong tháng 3/2024."
    assert item3 in body and lead3 in body, "the dev example changed; update the crafted plans"
    ubnd = (body.replace(item3, "3. Đầu tư hạ tầng số và rà soát sửa đổi, bổ sung, ban hành Quy chế")
                .replace(lead3, lead3.replace("Lãnh đạo Ban.", "UBND huyện.")
                                     .replace("Trong tháng 3/2024.", "Trước ngày 15/01/2024."))
                .replace("02-CT/UBND", "05-CT/UBND").replace("02/CT-UBND", "05/CT-UBND"))
    # the example prints one directive two ways, "02-CT/UBND" and "02/CT-UBND"; keep both variants
    assert "Chỉ thị số 02-CT/UBND" in body and "Chỉ thị số 02/CT-UBND" in body
    cites = body.replace("02-CT/UBND", "07-CT/UBND").replace("02/CT-UBND", "07/CT-UBND")
    paths = {"ubnd": out / "crafted_ubnd.txt", "cites": out / "crafted_cites.txt"}
    paths["ubnd"].write_text(_header(1, "901-KH/BDVTU") + ubnd, encoding="utf-8")
    paths["cites"].write_text(_header(2, "902-KH/BDVTU") + cites, encoding="utf-8")
    return paths


def _bad_files(out: Path, n: int) -> list[Path]:
    """One bad file in ten, of three kinds: empty, truncated PDF, binary junk named .docx."""
    bad = []
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
           b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Par")
    for i in range(n):
        kind = i % 3
        if kind == 0:
            path = out / f"bad_{i:03d}_empty.txt"
            path.write_bytes(b"")
        elif kind == 1:
            path = out / f"bad_{i:03d}_truncated.pdf"
            path.write_bytes(pdf + bytes([i]))
        else:
            path = out / f"bad_{i:03d}_junk.docx"
            path.write_bytes(os.urandom(4096) + bytes([i]))
        bad.append(path)
    return bad


def _build_corpus_and_archive(folder: Path, plans: int) -> None:
    docs = folder / "docs"
    good = write_plans(docs, plans)
    crafted = _crafted(docs)
    good += list(crafted.values())
    bad = _bad_files(docs, len(good) // 10)
    (docs / "notes.xyz").write_text("not a plan", encoding="utf-8")
    first = ingest([docs], db=folder / "kehoach.db", workers=2, progress=False)
    names = {"good": [p.name for p in good], "bad": [p.name for p in bad],
             "crafted": {k: p.name for k, p in crafted.items()}, "first": asdict(first)}
    (folder / "corpus.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")


def _built(built_once, plans: int) -> Path:
    """The folder of a corpus (docs/), its archive (kehoach.db) and what is where (corpus.json)."""
    return built_once(f"archive-of-{plans}-plans", lambda folder: _build_corpus_and_archive(folder, plans))


def _corpus_in(built: Path) -> dict:
    names = json.loads((built / "corpus.json").read_text(encoding="utf-8"))
    docs = built / "docs"
    return {"dir": docs, "good": [docs / n for n in names["good"]], "bad": [docs / n for n in names["bad"]],
            "crafted": {k: docs / n for k, n in names["crafted"].items()}}


def _archive_copy(built: Path, db: Path) -> dict:
    """A copy of a built archive, which the tests may ingest into again, and its first ingest's summary."""
    source, copy = sqlite3.connect(built / "kehoach.db"), sqlite3.connect(db)
    source.backup(copy)  # the file and what its write-ahead log holds
    source.close()
    copy.close()
    first = json.loads((built / "corpus.json").read_text(encoding="utf-8"))["first"]
    return {"db": db, "archive": Archive(db), "first": Summary(**first)}


@pytest.fixture(scope="module")
def built(built_once):
    return _built(built_once, PLANS)


@pytest.fixture(scope="module")
def corpus(built):
    return _corpus_in(built)


@pytest.fixture(scope="module")
def archive(built, tmp_path_factory):
    """This module's copy of the run's archive."""
    arch = _archive_copy(built, tmp_path_factory.mktemp("db") / "kehoach.db")
    yield arch
    arch["archive"].close()


def snapshot(db) -> dict[str, list]:
    """Every table's rows without the columns that differ between equal ingests (ids, times).
    `db`: an archive file or a postgresql:// URL (the queries are the archive's portable SQL)."""
    queries = {
        "documents": "SELECT sha256, path, format, pages, kind, number, issuer, date, title, recipients, record, "
                     "text FROM documents",
        "tasks": "SELECT d.sha256, t.idx, t.task_id, t.origin, t.text, t.lead, t.advisors, t.implementers, "
                 "t.coordinators, t.timeline_text, t.due, t.recurrence FROM tasks t JOIN documents d "
                 "ON d.id = t.document_id",
        "task_actors": "SELECT d.sha256, t.idx, a.role, a.actor, a.actor_norm FROM task_actors a "
                       "JOIN tasks t ON t.id = a.task_row JOIN documents d ON d.id = t.document_id",
        "citations": "SELECT d.sha256, c.idx, c.number, c.number_norm, c.key FROM citations c "
                     "JOIN documents d ON d.id = c.document_id",
        "targets": "SELECT d.sha256, g.idx, g.text FROM targets g JOIN documents d ON d.id = g.document_id",
        "fts": "SELECT d.sha256, t.idx, f.body FROM task_fts f JOIN tasks t ON t.id = f.rowid "
               "JOIN documents d ON d.id = t.document_id",
        "fts_rows": "SELECT count(*) FROM task_fts",
        "failures": "SELECT path, sha256, reason FROM failures",
    }
    with Archive(db) as arch:
        frames = {name: arch.sql(q) for name, q in queries.items()}
    return {name: sorted(map(tuple, f.astype(object).where(f.notna(), None).values.tolist()), key=repr)
            for name, f in frames.items()}


# -- ingest ----------------------------------------------------------------

@pytest.mark.parametrize("plans", [PLANS, pytest.param(MANY_PLANS, marks=pytest.mark.slow)])
def test_ingest_stores_good_files_and_records_bad_ones(built_once, tmp_path, plans):
    built = _built(built_once, plans)
    corpus, archive = _corpus_in(built), _archive_copy(built, tmp_path / "kehoach.db")
    first, arch = archive["first"], archive["archive"]
    good = {str(p.resolve()) for p in corpus["good"]}
    bad = {str(p.resolve()) for p in corpus["bad"]}
    assert len(good) >= plans and len(bad) >= len(good) // 10
    assert first.stored + first.unchanged == len(good)  # unchanged only if two plans were identical
    assert first.failed == len(bad)
    assert set(arch.documents()["path"]) <= good
    assert len(arch.documents()) == first.stored
    failures = arch.failures()
    assert set(failures["path"]) == bad
    assert all(isinstance(r, str) and r.strip() and "\n" not in r for r in failures["reason"])
    assert [Path(p).name for p in first.skipped] == ["notes.xyz"]
    assert arch.counts()["tasks"] > 0
    arch.close()


def test_second_ingest_changes_nothing_and_says_so(corpus, archive, capsys):
    before = snapshot(archive["db"])
    code = main(["ingest", str(corpus["dir"]), "--db", str(archive["db"]), "--workers", "2", "-q"])
    out = capsys.readouterr()
    assert code == 1  # the bad files still fail
    assert "stored 0," in out.out and "nothing changed" in out.out
    assert f"failed {len(corpus['bad'])}" in out.out
    assert "skipped (unsupported format)" in out.err and "notes.xyz" in out.err
    assert snapshot(archive["db"]) == before


def test_workers_storing_one_content_at_once_store_it_once(corpus, tmp_path):
    # the workers store what they extract, each through its own connection: copies of one plan under many
    # names, hashed before any is stored, reach both workers in several chunks, and the archive's write lock
    # must still let exactly one of them in (the others: unchanged), beside plans of other content
    folder = tmp_path / "copies"
    folder.mkdir()
    for i in range(24):
        shutil.copy(corpus["good"][0], folder / f"copy{i:02d}{corpus['good'][0].suffix}")
    for path in corpus["good"][1:9]:
        shutil.copy(path, folder / path.name)
    db = tmp_path / "copies.db"
    summary = ingest([folder], db=db, workers=2, progress=False)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
    distinct = len({hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()})
    assert stored == (distinct, distinct) == (summary.stored, summary.stored)
    assert summary.unchanged == 32 - distinct and summary.failed == 0


@pytest.mark.slow  # an ingest killed mid-write and a second process: seconds of CPU
def test_killed_ingest_resumes_to_identical_rows(corpus, tmp_path):
    # A part of the corpus: the kill needs a few documents stored and many still to come, not a
    # hundred; the rows after the rerun must be those of an ingest that was never interrupted.
    folder = tmp_path / "part"
    folder.mkdir()
    for path in corpus["good"][:24] + corpus["bad"][:3] + [corpus["dir"] / "notes.xyz"]:
        shutil.copy(path, folder / path.name)
    whole = ingest([folder], db=tmp_path / "whole.db", workers=2, progress=False)
    assert (whole.stored, whole.failed) == (24, 3)
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db),
           "--workers", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    deadline = time.monotonic() + 60
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
                        stored_at_kill = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:  # the schema is still being created
                    stored_at_kill = 0
                if stored_at_kill >= 3:
                    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-write if so
                    break
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < stored_at_kill < whole.stored
    rerun = ingest([folder], db=db, workers=2, progress=False)
    assert rerun.stored > 0
    assert snapshot(db) == snapshot(tmp_path / "whole.db")


def test_batched_writes_commit_together_and_a_failed_write_is_undone_alone(corpus, tmp_path):
    from pipeline.extract import extract_file

    db = tmp_path / "batched.db"
    records = [extract_file(p) for p in corpus["good"][:3]]

    def committed() -> int:  # what another process would see
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as other:
            return other.execute("SELECT count(*) FROM documents").fetchone()[0]

    arch = Archive(db).open_for_writing()
    with arch.batched(writes=10, seconds=3600):
        assert arch.put(records[0], path="a.txt") == "stored"
        assert committed() == 0
        with pytest.raises(ZeroDivisionError):
            with arch.transaction() as cur:
                cur.execute("INSERT INTO failures (path, reason, at) VALUES ('x', 'half written', 'now')")
                1 / 0
        assert arch.put(records[1], path="b.txt") == "stored"
        assert arch.has(records[1].source.sha256)  # the writer sees its own batch
        arch.commit_batch()
        assert committed() == 2
        assert arch.put(records[2], path="c.txt") == "stored"
        assert committed() == 2
    assert committed() == 3  # leaving the batch commits it
    assert arch.counts()["failures"] == 0  # the failed write left nothing behind
    with arch.batched(writes=1):  # one write per commit, as an ingest on Dask
        assert arch.put(records[0], path="a.txt") == "unchanged"
        arch.fail("d.txt", None, "cannot read")
        assert arch.counts()["failures"] == 1
    arch.close()


def test_document_rows_store_the_same_rows_as_the_record(corpus, tmp_path):
    from pipeline.archive import document_rows
    from pipeline.extract import extract_file

    records = [extract_file(p) for p in corpus["good"][:4]]
    with Archive(tmp_path / "records.db") as arch:
        for i, record in enumerate(records):
            arch.put(record, path=f"plan{i}.txt")
    with Archive(tmp_path / "rows.db") as arch:
        for i, record in enumerate(records):  # as an ingest worker hands them over
            arch.put(document_rows(record.to_dict(with_text=True)), path=f"plan{i}.txt")
    assert snapshot(tmp_path / "rows.db") == snapshot(tmp_path / "records.db")


def test_changed_file_replaces_its_record_and_fixed_file_clears_failure(corpus, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    plan = folder / "plan.txt"
    shutil.copy(corpus["crafted"]["cites"], plan)
    broken = folder / "broken.txt"
    broken.write_bytes(b"")
    db = tmp_path / "k.db"
    first = ingest([folder], db=db, workers=1, progress=False)
    assert (first.stored, first.failed) == (1, 1)
    arch = Archive(db)
    old = arch.documents()
    # the plan changes at the same path; the broken file gets content
    plan.write_text(plan.read_text(encoding="utf-8").replace("Ban hành Kế hoạch trong tháng 02/2024",
                                                              "Ban hành Kế hoạch trong tháng 04/2024"),
                    encoding="utf-8")
    shutil.copy(corpus["crafted"]["ubnd"], broken)
    second = ingest([folder], db=db, workers=1, progress=False)
    assert (second.stored, second.unchanged, second.failed) == (2, 0, 0)
    docs = arch.documents()
    assert len(docs) == 2 and docs["path"].is_unique
    assert old["sha256"][0] not in set(docs["sha256"])
    assert arch.failures().empty
    tasks = arch.sql("SELECT count(*) AS n FROM tasks t LEFT JOIN documents d ON d.id = t.document_id "
                     "WHERE d.id IS NULL")
    assert tasks["n"][0] == 0  # no task outlived its replaced document
    fts = arch.sql("SELECT (SELECT count(*) FROM task_fts) AS fts, (SELECT count(*) FROM tasks) AS tasks")
    assert fts["fts"][0] == fts["tasks"][0]
    arch.close()


@pytest.mark.slow  # a Dask cluster of processes
def test_dask_local_cluster_stores_the_same_rows(corpus, tmp_path):
    pytest.importorskip("distributed")
    folder = tmp_path / "some"
    folder.mkdir()
    for path in corpus["good"][:12] + corpus["bad"][:2]:
        shutil.copy(path, folder / path.name)
    pooled = ingest([folder], db=tmp_path / "pool.db", workers=2, progress=False)
    dasked = ingest([folder], db=tmp_path / "dask.db", workers=2, scheduler="local", progress=False)
    assert (dasked.stored, dasked.failed) == (pooled.stored, pooled.failed) == (12, 2)
    assert snapshot(tmp_path / "dask.db") == snapshot(tmp_path / "pool.db")


# -- queries ---------------------------------------------------------------

def _crafted_tasks(arch: Archive, name: str, corpus) -> "object":
    path = str(corpus["crafted"][name].resolve())  # noqa: F841 (read by the query as @path)
    return arch.tasks().query("source == @path")


def test_actor_query_ignores_abbreviations_case_and_diacritics(corpus, archive):
    arch = archive["archive"]
    crafted = _crafted_tasks(arch, "ubnd", corpus)
    printed = crafted[crafted["lead"].str.contains("UBND huyện", regex=False)]
    assert len(printed) == 1, "the crafted plan's lead 'UBND huyện' was not extracted"
    for query in ("Ủy ban nhân dân huyện", "uy ban nhan dan huyen", "UBND huyện", "Uỷ Ban Nhân Dân"):
        found = arch.tasks(lead=query)
        assert printed["text"].iloc[0] in set(found["text"]), query
        assert all(normalize_actor(query) in normalize_actor(lead) for lead in found["lead"])
    # BCH = Ban Chấp hành, on the query side
    bch = arch.tasks(actor="bch công đoàn")
    roles = ["lead", "advisors", "implementers", "coordinators"]
    assert len(bch) > 0
    assert bch[roles].apply(lambda r: any("ban chap hanh cong doan" in normalize_actor(a)
                                          for cell in r for a in cell.split("; ")), axis=1).all()
    as_lead = arch.tasks(actor="bch công đoàn", role="lead")
    assert 0 < len(as_lead) <= len(bch)
    assert as_lead["lead"].map(lambda s: "ban chap hanh cong doan" in normalize_actor(s)).all()


def test_search_folds_d_and_diacritics(corpus, archive):
    arch = archive["archive"]
    for query in ("dau tu", "Đầu tư", "DAU TU", "đau tu"):
        found = arch.search(query)
        assert found["text"].str.contains("Đầu tư hạ tầng số").any(), query
        roles = found[["lead", "advisors", "implementers", "coordinators"]].values.tolist()
        for text, actors in zip(found["text"], roles):  # every word, anywhere in the task
            body = " ".join([fold(text), fold(" ".join(actors)), normalize_actor(" ".join(actors))])
            assert {"dau", "tu"} <= set(re.findall(r"\w+", body)), text  # FTS5 splits "KH-TU" too
    assert arch.tasks(search="dau tu ha tang")["text"].str.contains("đầu tư", case=False).all()


def test_due_before_filter(corpus, archive):
    arch = archive["archive"]
    found = arch.tasks(due_before="2024-01-31")
    assert found["text"].str.contains("Đầu tư hạ tầng số").any()
    due = found["end"].fillna(found["start"])
    assert (due <= "2024-01-31").all() and due.notna().all()
    later = arch.tasks(due_after="2024-02-01")
    assert not later["text"].str.contains("Đầu tư hạ tầng số").any()
    assert (later["end"].fillna(later["start"]) >= "2024-02-01").all()


def test_cites_matches_number_variants(corpus, archive, capsys):
    arch = archive["archive"]
    path = str(corpus["crafted"]["cites"].resolve())
    mine = arch.sql("SELECT t.task_id, c.number FROM task_citations tc JOIN tasks t ON t.id = tc.task_row "
                    "JOIN documents d ON d.id = t.document_id JOIN citations c ON c.document_id = d.id "
                    "AND c.idx = tc.citation_idx WHERE d.path = ?", (path,))
    citing = set(mine.loc[mine["number"] == "07/CT-UBND", "task_id"])
    other = set(mine["task_id"]) - citing
    assert citing, "no task of the crafted plan cites 07/CT-UBND"
    for query in ("07-CT/UBND", "07/CT-UBND", "07 / ct-ubnd", "Số 07-CT/UBND"):
        found = arch.tasks(cites=query)
        assert set(found["source"]) == {path}, query
        ids = set(found["task_id"])
        assert citing <= ids, query  # the task's own citation, printed the other way
        assert not (other & ids), query  # a task citing only other documents is not a match
    assert path not in set(arch.tasks(cites="02-CT/UBND")["source"])
    assert main(["tasks", "--db", str(archive["db"]), "--cites", "07-CT/UBND", "--format", "csv"]) == 0
    assert "crafted_cites.txt" in capsys.readouterr().out


def test_exports_and_readonly_sql(archive, tmp_path):
    arch, db = archive["archive"], str(archive["db"])
    for fmt in ("csv", "json", "xlsx", "parquet"):
        out = tmp_path / f"tasks.{fmt}"
        assert main(["tasks", "--db", db, "--lead", "ubnd", "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    import pandas as pd

    assert len(pd.read_parquet(tmp_path / "tasks.parquet")) == len(arch.tasks(lead="ubnd"))
    with pytest.raises(Exception):
        arch.sql("DELETE FROM documents")
    assert len(arch.documents()) > 0 and len(arch.citations()) > 0
    assert len(arch.sql("SELECT * FROM task_table")) == arch.counts()["tasks"]


def test_arrow_reader_returns_what_sqlite3_returns(archive):
    """Archive.tasks reads through the ADBC driver; the same SQL through Python's sqlite3
    must give the same rows, values and order, also when a column is NULL in every row."""
    import pandas as pd

    from pipeline.archive import build_task_query

    arch = archive["archive"]
    for filters in ({}, {"lead": "ubnd"}, {"search": "dau tu"}, {"due_before": "2024-01-31"}):
        fast = arch.tasks(**filters)
        plain = arch.sql(*build_task_query(**filters))
        assert len(fast) > 0, filters
        pd.testing.assert_frame_equal(fast.astype(object).where(fast.notna(), None),
                                      plain.astype(object).where(plain.notna(), None), check_dtype=False)
    no_start = arch.sql("SELECT count(*) AS n FROM tasks WHERE \"start\" IS NULL AND due IS NULL")["n"][0]
    assert no_start > 0
    # tasks with no date at all: "start" and "end" are NULL in every row found
    undated = arch.task_frame(build_task_query()[0].replace("ORDER BY", "WHERE t.due IS NULL ORDER BY"), [])
    assert len(undated) == no_start
    assert str(undated["start"].dtype) == str(arch.tasks()["text"].dtype)  # text, not integers
    assert undated["start"].isna().all()


def test_pages_and_counts_are_the_whole_answer_cut(archive, capsys):
    """A page (plain sqlite3 rows) is the same slice of the same order as the whole answer (Arrow),
    its total the answer's size; the small-answer frame equals the Arrow frame, types included."""
    import pandas as pd

    arch, db = archive["archive"], str(archive["db"])
    whole = arch.tasks(lead="ubnd")
    assert len(whole) > 3
    page = arch.task_page(limit=2, offset=1, lead="ubnd")
    assert page.total == len(whole) and len(page.rows) == 2
    assert [r[page.columns.index("text")] for r in page.rows] == list(whole["text"][1:3])
    pd.testing.assert_frame_equal(arch.tasks(lead="ubnd", limit=2, offset=1), whole[1:3].reset_index(drop=True))
    assert arch.task_page(limit=2, offset=10**6, lead="ubnd").total == len(whole)
    assert main(["tasks", "--db", db, "--lead", "ubnd", "--limit", "2", "--offset", "1", "--columns", "text"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:3] == [t[:59] + "…" if len(t) > 60 else t for t in whole["text"][1:3]]
    assert out[-1].startswith(f"(rows 2–3 of {len(whole)}; --offset 3 for the next page")
    assert main(["tasks", "--db", db, "--lead", "ubnd", "--format", "csv"]) == 0  # files: every row
    assert len(pd.read_csv(io.StringIO(capsys.readouterr().out))) == len(whole)
    assert main(["tasks", "--db", db, "--lead", "ubnd", "--format", "csv", "--limit", "1"]) == 0
    assert len(pd.read_csv(io.StringIO(capsys.readouterr().out))) == 1


def _page_keys(page) -> list[tuple]:
    keys = [page.columns.index(c) for c in ("source", "task_id", "text")]
    return [tuple(r[k] for k in keys) for r in page.rows]


def _assert_pages_cut_the_whole_answer(arch, filters: dict, limit: int = 2) -> None:
    whole = arch.tasks(**{k: v for k, v in filters.items() if k not in ("sort", "descending")}) \
        if "sort" not in filters else arch.sql(*arch.task_query(**filters))
    assert len(whole) > limit, filters
    for offset in (0, 1, len(whole) // 2, len(whole) - 1, len(whole), len(whole) + 5):
        page = arch.task_page(limit=limit, offset=offset, **filters)
        assert page.total == len(whole), (filters, offset)
        assert page.columns == list(whole.columns)
        assert _page_keys(page) == \
            list(whole[["source", "task_id", "text"]][offset:offset + limit].itertuples(index=False, name=None))


@pytest.mark.parametrize("walk", [True, False], ids=["walk-order-index", "sort-matches"])
@pytest.mark.parametrize("stretch", [50_000, 3], ids=["whole-stretch", "short-stretch"])
@pytest.mark.parametrize("undated", [True, False], ids=["with-undated", "all-dated"])
def test_actor_pages_are_the_whole_answer_cut_by_either_index(archive, tmp_path, monkeypatch, walk, stretch, undated):
    """A page of an actor filter alone is picked from task_actors (walking its order over a stretch
    of entries, bounded by a date when no document is undated, and sorting what matches when the
    stretch holds too few; or sorting what matches at once): the same rows and total as cutting
    the whole answer, on every page."""
    import pipeline.archive as archive_module

    monkeypatch.setattr(archive_module, "_walk_in_order", lambda total, last, tasks: walk)
    monkeypatch.setattr(archive_module, "WALK_ENTRIES", stretch)
    db = tmp_path / "copy.db"
    source, copy = sqlite3.connect(archive["db"]), sqlite3.connect(db)
    source.backup(copy)
    source.close()
    undated_now = copy.execute("SELECT count(*) FROM documents WHERE date IS NULL").fetchone()[0]
    if undated and not undated_now:  # some documents undated: they come first in the listing
        copy.execute("UPDATE documents SET date = NULL WHERE id IN (SELECT id FROM documents WHERE id % 7 = 3)")
        copy.execute("UPDATE task_actors SET document_date = NULL WHERE document_id % 7 = 3")
    if not undated:
        copy.execute("UPDATE task_actors SET document_date = '2000-01-01' WHERE document_date IS NULL")
        copy.execute("UPDATE documents SET date = '2000-01-01' WHERE date IS NULL")
    copy.commit()
    assert bool(copy.execute("SELECT count(*) FROM documents WHERE date IS NULL").fetchone()[0]) == undated
    copy.close()
    with Archive(db) as arch:
        for filters in (dict(lead="ubnd"), dict(actor="sở", due_before="2024-12-31"), dict(role="coordinators"),
                        dict(actor="ủy ban", role="implementers", due_after="2024-03-01")):
            assert archive_module.actor_only_condition(**filters) is not None
            _assert_pages_cut_the_whole_answer(arch, filters)


def test_pages_of_other_filters_are_the_whole_answer_cut(archive):
    """A page of any other filter (its task rows and the count from one query, then their columns):
    the same rows, in the same order, and total as cutting the whole answer, sorted or not."""
    arch = archive["archive"]
    cited = arch.sql("SELECT number FROM citations WHERE number IS NOT NULL GROUP BY number "
                     "ORDER BY count(*) DESC LIMIT 1")["number"][0]
    for filters in (dict(cites=cited), dict(cites=cited, due_before="2024-12-31"), dict(search="ke hoach"),
                    dict(search="thuc hien", due_after="2023-01-01"), dict(due_before="2024-06-30"),
                    dict(issuer="ubnd"), dict(lead="ubnd", search="thuc hien"), dict(sort="issuer"),
                    dict(actor="sở", sort="end", descending=True), {}):
        _assert_pages_cut_the_whole_answer(arch, filters, limit=3)
    assert arch.task_page(limit=3, search="zzzz qqqq").total == 0


def test_an_archive_from_before_task_positions_is_upgraded(archive, tmp_path):
    """task_actors written without each task's document date, document and position (the
    listing's order) gets them on opening, tasks_document gives way to tasks_document_due, and its
    pages are the same as before."""
    db = tmp_path / "old.db"
    source, copy = sqlite3.connect(archive["db"]), sqlite3.connect(db)
    source.backup(copy)  # the file and what its write-ahead log holds
    source.close()
    copy.close()
    with Archive(db) as arch:
        before = arch.task_page(limit=3, offset=1, lead="ubnd")
    conn = sqlite3.connect(db)
    conn.executescript("DROP INDEX task_actors_match; DROP INDEX task_actors_order; "
                       "ALTER TABLE task_actors DROP COLUMN document_date; "
                       "ALTER TABLE task_actors DROP COLUMN document_id; ALTER TABLE task_actors DROP COLUMN task_idx; "
                       "CREATE INDEX task_actors_unit ON task_actors (unit, role, due, task_row); "
                       "DROP INDEX tasks_document_due; CREATE INDEX tasks_document ON tasks (document_id);")
    conn.close()
    with Archive(db) as arch:
        assert arch.task_page(limit=3, offset=1, lead="ubnd") == before
    conn = sqlite3.connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'task_actors'")}
    assert {"task_actors_match", "task_actors_order"} <= indexes and "task_actors_unit" not in indexes
    task_indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'tasks'")}
    assert "tasks_document_due" in task_indexes and "tasks_document" not in task_indexes
    wrong = conn.execute("SELECT count(*) FROM task_actors a JOIN tasks t ON t.id = a.task_row JOIN documents d "
                         "ON d.id = t.document_id WHERE a.document_id IS NOT t.document_id OR a.task_idx IS NOT t.idx "
                         "OR a.document_date IS NOT d.date").fetchone()[0]
    assert wrong == 0 and conn.execute("SELECT count(*) FROM task_actors").fetchone()[0] > 0
    conn.close()


def test_plain_rows_write_what_the_frame_writers_write(archive, tmp_path):
    """CSV and JSON of plain rows (kehoach tasks) are byte for byte those of the frame (the web, search)."""
    from pipeline.tables import csv_text, json_text, rows_csv_text, rows_json_text

    arch = archive["archive"]
    frame = arch.tasks()
    page = arch.task_page(limit=None)
    assert rows_csv_text(page.columns, page.rows) == csv_text(frame)
    assert rows_json_text(page.columns, page.rows) == json_text(frame)


@pytest.mark.slow  # OCR (and its processes ended)
def test_a_file_over_the_time_limit_fails_and_the_batch_goes_on(tmp_path, capsys, monkeypatch):
    """A scan needs seconds of OCR; with a half-second limit it fails with that reason,
    its tesseract processes end with it, and the text plan beside it is stored."""
    # Our OCR's page images go to a temporary folder of this test's own, so the check below sees
    # only the tesseract processes this ingest started, not those of any other OCR on the machine.
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(own_tmp))  # the workers' tempfile reads it
    monkeypatch.setattr(tempfile, "tempdir", str(own_tmp))  # ours has read it already
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "corpus" / "samples" / "docs" / "s1_0004_scan.pdf", docs / "scan.pdf")
    shutil.copy(write_plans(tmp_path / "plans", 1)[0], docs / "plan.txt")
    db = tmp_path / "kehoach.db"
    started = time.perf_counter()
    assert main(["ingest", str(docs), "--db", str(db), "--workers", "1", "--timeout", "0.5", "-q"]) == 1
    assert time.perf_counter() - started < 30  # the OCR of the scan's pages was given up, not waited for
    out = capsys.readouterr()
    assert "stored 1, unchanged 0, failed 1" in out.out
    with Archive(db) as arch:
        failures = arch.failures()
        assert list(failures["path"]) == [str((docs / "scan.pdf").resolve())]
        assert failures["reason"][0] == "extraction took longer than the limit of 0.5 s (ingest --timeout)"
        assert set(arch.documents()["path"]) == {str((docs / "plan.txt").resolve())}
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert not [line for line in ps.splitlines() if line.startswith("tesseract") and str(own_tmp) in line]
