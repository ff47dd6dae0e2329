"""Query latency on an archive of 100,000 tasks: `kehoach tasks --actor ... --due-before ...`.

    python benchmarks/bench_query.py             # builds the archive in a temp dir, then times
    python benchmarks/bench_query.py --tasks 20000 --runs 30
    python benchmarks/bench_query.py --db postgresql://me@host/bench   # the same on PostgreSQL

A handful of plans are extracted for real, then their records are replicated
with a fresh sha256 each, and with varied actors and dates so that the filters
are as selective as on a real archive, and stored through Archive.put. The
timed call is Archive.tasks (SQL + DataFrame), the function `kehoach tasks`
runs; the figure is the median of repeated runs. Target: under 50 ms.

Baseline, in the same run: the same SQL read through the plain DB-API driver
(Python's sqlite3, or psycopg) into pandas (Archive.sql), the way Archive.tasks
read before it took the Arrow (ADBC) reader; the ratio column is tasks / baseline.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import write_plans  # noqa: E402

PLACES = ["Bắc Bình", "Tuy Phong", "Hàm Thuận Bắc", "Hàm Thuận Nam", "Hàm Tân", "Đức Linh", "Tánh Linh",
          "Phú Quý", "La Gi", "Phan Thiết", "Bảo Lộc", "Đà Lạt", "Di Linh", "Lâm Hà", "Đơn Dương"]
UNITS = ["Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở LĐTB&XH", "Sở TN&MT", "Sở KH&ĐT",
         "Sở GD&ĐT", "Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Công an tỉnh", "BCH Quân sự tỉnh",
         "Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn", "Hội LHPN tỉnh", "Văn phòng UBND tỉnh", "Ban Dân vận Tỉnh ủy",
         "BCH Công đoàn", "Chi ủy", "Lãnh đạo Ban"]
UNITS += [f"UBND huyện {p}" for p in PLACES] + [f"Phòng Văn hóa - Thông tin huyện {p}" for p in PLACES]


# tasks stored one by one through Archive.put; a bigger archive is these replicated in SQL
BASE_TASKS = 20_000


def build(db, n_tasks: int, seed: int = 1) -> int:
    from pipeline import extract  # noqa: F401  (the package first, so pipeline.extract is the module below)
    from pipeline.archive import Archive
    from pipeline.extract import extract_file

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        records = [extract_file(p).to_dict(with_text=True) for p in write_plans(Path(tmp), 10)]
    records = [r for r in records if r["tasks"]]
    archive = Archive(db)
    stored, i = 0, 0
    t0 = time.perf_counter()
    while stored < min(n_tasks, BASE_TASKS):
        rec = copy.deepcopy(records[i % len(records)])
        rec["source"]["sha256"] = hashlib.sha256(f"replica {i}".encode()).hexdigest()
        rec["source"]["path"] = f"replica/{i:06d}.txt"
        day0 = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        rec["document"]["date"] = day0.isoformat()
        for c in rec["citations"]:  # each replica cites its own mix, as real plans do
            if c.get("number") and rng.random() < 0.9:
                c["number"] = re.sub(r"^\d+", str(rng.randrange(1, 400)), c["number"])
        for t in rec["tasks"]:
            t["lead"] = rng.sample(UNITS, 1)
            t["coordinators"] = rng.sample(UNITS, rng.randrange(0, 4))
            end = day0 + timedelta(days=rng.randrange(1, 365))
            t["timeline"]["end"] = end.isoformat() if rng.random() < 0.8 else None
        archive.put(rec)
        stored += len(rec["tasks"])
        i += 1
    print(f"archive: {i} documents, {stored} tasks stored one by one in {time.perf_counter() - t0:.1f} s")
    if stored < n_tasks:
        t0 = time.perf_counter()
        stored = replicate(archive, n_tasks, rng)
        print(f"replicated in SQL to {stored} tasks in {time.perf_counter() - t0:.1f} s")
    archive.close()
    return stored


def replicate(archive, n_tasks: int, rng: random.Random) -> int:
    """Copies of the stored documents (each copy's dates moved by a whole number of days, its
    sha256 and path its own) until the archive has at least n_tasks tasks: INSERT … SELECT
    per table and copy, ids shifted by the copy's number times the largest id."""
    postgres = archive.path is None
    with archive.transaction() as cur:
        base_docs = cur.execute("SELECT max(id) FROM documents").fetchone()[0]
        base_tasks = cur.execute("SELECT max(id) FROM tasks").fetchone()[0]
        per_copy = cur.execute("SELECT count(*) FROM tasks").fetchone()[0]
    copies = -(-n_tasks // per_copy) - 1

    def shifted(column: str) -> str:
        if postgres:
            return f"(({column})::date + ?)::text"
        return f"date({column}, printf('%+d days', ?))"

    doc_cols = ("path, format, pages, ocr, kind, number, issuer, issuer_norm, place, date, title, signer_name, "
                "signer_position, signer_authority, recipients, record, text, ingested_at").split(", ")
    task_cols = ('idx, task_id, origin, text, lead, advisors, implementers, coordinators, timeline_text, '
                 '"start", "end", due, recurrence, page, span_start, span_end, products, monitors').split(", ")
    for copy_no in range(1, copies + 1):
        days = rng.randrange(-700, 700)
        doc_shift, task_shift = copy_no * base_docs, copy_no * base_tasks
        doc_values = [f"'copy {copy_no}/' || path" if c == "path" else shifted(c) if c == "date" else c
                      for c in doc_cols]
        task_values = [shifted(c) if c in ('"start"', '"end"', "due") else c for c in task_cols]
        with archive.transaction() as cur:
            cur.execute(f"INSERT INTO documents (id, sha256, {', '.join(doc_cols)}) "
                        f"SELECT id + ?, sha256 || '-{copy_no}', {', '.join(doc_values)} FROM documents WHERE id <= ?",
                        (doc_shift, days, base_docs))
            cur.execute(f"INSERT INTO tasks (id, document_id, {', '.join(task_cols)}) "
                        f"SELECT id + ?, document_id + ?, {', '.join(task_values)} FROM tasks WHERE id <= ?",
                        (task_shift, doc_shift, days, days, days, base_tasks))
            cur.execute(f"INSERT INTO task_actors (task_row, role, actor, actor_norm, due, unit, document_date, "
                        f"document_id, task_idx) SELECT task_row + ?, role, actor, actor_norm, {shifted('due')}, unit, "
                        f"{shifted('document_date')}, document_id + ?, task_idx FROM task_actors "
                        f"WHERE task_row <= ?", (task_shift, days, days, doc_shift, base_tasks))
            cur.execute("INSERT INTO task_citations (task_row, document_id, citation_idx) "
                        "SELECT task_row + ?, document_id + ?, citation_idx FROM task_citations WHERE task_row <= ?",
                        (task_shift, doc_shift, base_tasks))
            cur.execute("INSERT INTO task_fts (rowid, body) SELECT rowid + ?, body FROM task_fts WHERE rowid <= ?",
                        (task_shift, base_tasks))
            for table, cols in (("sections", "idx, section_id, title"),
                                ("targets", "idx, target_id, text, value, unit, page, span_start, span_end"),
                                ("citations", "idx, text, kind, number, number_norm, date, issuer, title, key, "
                                              "page, span_start, span_end")):
                cur.execute(f"INSERT INTO {table} (document_id, {cols}) SELECT document_id + ?, {cols} "
                            f"FROM {table} WHERE document_id <= ?", (doc_shift, base_docs))
    with archive.transaction() as cur:
        if postgres:  # explicit ids do not move the identity sequences: the next put must not collide
            for table in ("documents", "tasks"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cur.execute("ANALYZE")
        return cur.execute("SELECT count(*) FROM tasks").fetchone()[0]


def timeit(fn, runs: int) -> tuple[float, float, int]:
    """(median wall ms, median CPU ms of this process, rows). CPU time is printed too
    because on a shared machine the wall time mostly measures the neighbours."""
    fn()  # warm the page cache and the statement cache
    wall, cpu, n = [], [], 0
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        n = len(fn())
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu), n


PAGE = 100


def command_line(db: str, runs: int) -> tuple[float, float, float]:
    """`kehoach tasks --actor … --due-before …` end to end (a fresh process: imports, query, the
    printed page), against bare `python -c pass` in the same run; best wall and its CPU of `runs`."""
    import resource
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))

    def best(cmd: list[str]) -> tuple[float, float]:
        results = []
        for _ in range(max(3, min(runs, 5))):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            results.append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
        return min(results)

    bare_wall, bare_cpu = best([sys.executable, "-c", "pass"])
    wall, cpu = best([sys.executable, "-m", "pipeline.cli", "tasks", "--actor", "sở nông nghiệp",
                      "--due-before", "2021-06-30", "--db", db])
    print(f"\nkehoach tasks --actor 'sở nông nghiệp' --due-before 2021-06-30, end to end: {wall:.2f} s wall "
          f"({cpu:.2f} s CPU; target < 0.6 s); bare python {bare_wall:.2f} s ({bare_cpu:.2f} s CPU): "
          f"{wall / bare_wall:.1f}x bare python")
    return wall, cpu, wall / bare_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", help="reuse (or keep) the archive at this path or postgresql:// URL "
                                     "(an empty database is filled first)")
    args = parser.parse_args()

    from pipeline.archive import Archive

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        archive = Archive(db)
        if not archive.exists():
            build(db, args.tasks)
        n_tasks = archive.counts()["tasks"]
        print(f"tasks in archive: {n_tasks}")
        # a number the archive really cites, printed the other way round ("02-CT/UBND" ↔ "02/CT-UBND")
        top = archive.sql("SELECT number FROM citations WHERE number LIKE '%-%/%' GROUP BY number "
                          "ORDER BY count(*) DESC LIMIT 1")
        cited = top["number"][0] if len(top) else "02-CT/UBND"
        cited = cited.replace("-", "#", 1).replace("/", "-", 1).replace("#", "/")
        queries = {
            "--actor 'sở nông nghiệp' --due-before 2021-06-30": dict(actor="sở nông nghiệp", due_before="2021-06-30"),
            "--actor 'UBND huyện Bắc Bình' --due-before 2022-12-31":
                dict(actor="UBND huyện Bắc Bình", due_before="2022-12-31"),
            "--lead 'ủy ban nhân dân' --due-after 2024-06-01": dict(lead="ủy ban nhân dân", due_after="2024-06-01"),
            "--actor 'mttq' --role coordinators": dict(actor="mttq", role="coordinators"),
            f"--cites {cited} --due-before 2021-12-31": dict(cites=cited, due_before="2021-12-31"),
            "--search 'thi dua' --due-before 2019-06-30": dict(search="thi dua", due_before="2019-06-30"),
        }
        print(f"cores {len(os.sched_getaffinity(0))}, load {os.getloadavg()[0]:.2f}")
        print(f"store: {archive.location}")
        print(f"\n{'wall ms':>8} {'cpu ms':>7} {'rows':>6} {'plain':>8} {'ratio':>6}  query "
              f"(medians of {args.runs} runs; target < 50 ms; plain = baseline ms)")
        load = os.getloadavg()[0]
        whole, pages = [], []
        for label, kw in queries.items():
            ms, cpu, rows = timeit(lambda: archive.tasks(**kw), args.runs)
            base, _, base_rows = timeit(lambda: archive.sql(*archive.task_query(**kw)), args.runs)
            assert base_rows == rows, (label, rows, base_rows)
            whole.append((ms, cpu, ms / base))
            print(f"{ms:>8.1f} {cpu:>7.1f} {rows:>6} {base:>8.1f} {ms / base:>6.2f}  kehoach tasks {label}")
        print(f"\n{'wall ms':>8} {'cpu ms':>7} {'total':>7}  first page of {PAGE} rows and the total count "
              f"(Archive.task_page, plain sqlite3 rows: what `kehoach tasks` prints; target < 50 ms at 1M)")
        for label, kw in queries.items():
            ms, cpu, _ = timeit(lambda: archive.task_page(limit=PAGE, **kw).rows, args.runs)
            pages.append((ms, cpu))
            print(f"{ms:>8.1f} {cpu:>7.1f} {archive.task_page(limit=PAGE, **kw).total:>7}  {label}")
        load = max(load, os.getloadavg()[0])
        # the archive's own size, rounded as the rows name it (--db may hold another number than --tasks)
        size = f"query {round(n_tasks, -3):,} tasks ({'SQLite' if archive.path is not None else 'PostgreSQL'}"
        under = f", load {load:.0f}" + (": taken under load" if load > 2 * len(os.sched_getaffinity(0)) else "")

        def spread(values, unit):
            return f"{min(values):.0f}–{max(values):.0f} {unit}"

        # ROW lines: rows of run_all.py's table (measure, figure, ratio)
        print(f"ROW\t{size}): whole answer, {len(whole)} queries\t{spread([c for _, c, _ in whole], 'ms CPU')}, "
              f"{spread([w for w, _, _ in whole], 'ms wall')}{under}\t"
              f"{min(r for *_, r in whole):.2f}–{max(r for *_, r in whole):.2f}x plain sqlite3")
        print(f"ROW\t{size}): first page of {PAGE} + count\t{spread([c for _, c in pages], 'ms CPU')}, "
              f"{spread([w for w, _ in pages], 'ms wall')}{under}\ttarget < 50 ms")
        if archive.path is not None:
            wall, cpu, ratio = command_line(db, args.runs)
            print(f"ROW\t{size}): kehoach tasks end to end\t{wall:.2f} s wall, {cpu:.2f} s CPU{under}\t"
                  f"{ratio:.1f}x bare python (target < 0.6 s)")
        sql, params = archive.task_query(**queries[next(iter(queries))])
        plan = archive.sql(("EXPLAIN " if archive.path is None else "EXPLAIN QUERY PLAN ") + sql, params)
        print("\nplan of the first query:\n  " + "\n  ".join(plan.iloc[:, -1].astype(str)))
        archive.close()


if __name__ == "__main__":
    main()
