"""Every speed ratio of the project in one run, printed as one table.

    python benchmarks/run_all.py [--pages 50 200] [--only pdf,startup,ocr,ingest,query,query1m]

- pdf: a generated text PDF (bench_extract.make_pdf) read by kehoach (pdfium path and
  the pdfplumber reference, KEHOACH_PDF_READER=pdfplumber), pdfplumber's extract_text()
  and pypdfium2's get_text_range(); CPU seconds of fresh processes (start-up included),
  peak RSS; ratios against pdfplumber's extract_text().
- startup: `kehoach --help` and `python -c pass`, wall seconds (best of 3).
- ocr, ingest, query: benchmarks/bench_ocr.py, bench_ingest.py and bench_query.py at
  sizes that finish in a few minutes on 2 shared cores; their ratio lines are printed
  below the table as they report them. query includes `kehoach tasks …` end to end against
  bare python; query1m is bench_query.py at 1,000,000 tasks (20,000 stored, the rest
  replicated in SQL: several minutes and ~3.5 GB of disk). --db-1m keeps that archive.
Absolute seconds depend on the machine and its load; compare the ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

RUNNERS = {
    "kehoach (pdfium)": ("from pipeline import extract; n = len(extract(p).tasks)", {}),
    "kehoach (pdfplumber)": ("from pipeline import extract; n = len(extract(p).tasks)",
                             {"KEHOACH_PDF_READER": "pdfplumber"}),
    "pdfplumber extract_text": ("import pdfplumber\nwith pdfplumber.open(p) as pdf:\n"
                                "    n = sum(len(pg.extract_text() or '') for pg in pdf.pages)", {}),
    "pypdfium2 text": ("import pypdfium2 as pdfium\ndoc = pdfium.PdfDocument(p)\n"
                       "n = sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))", {}),
}


def _timed(code: str, env_extra: dict) -> dict:
    """CPU seconds (user+sys) and peak RSS of a fresh interpreter running `code`."""
    wrapper = ("import resource, json\n" + code +
               "\nru = resource.getrusage(resource.RUSAGE_SELF)\n"
               "print(json.dumps({'cpu': ru.ru_utime + ru.ru_stime, 'peak_mb': ru.ru_maxrss / 1024}))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_extra)
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_pdf(pages_list: list[int], rows: list) -> None:
    from bench_extract import make_pdf

    with tempfile.TemporaryDirectory() as tmp:
        for pages in pages_list:
            pdf = Path(tmp) / f"plan{pages}.pdf"
            make_pdf(pdf, pages)
            results = {name: _timed(f"p = {str(pdf)!r}\n{code}", env) for name, (code, env) in RUNNERS.items()}
            base = results["pdfplumber extract_text"]["cpu"]
            for name, r in results.items():
                rows.append((f"text PDF {pages} p: {name}", f"{r['cpu']:.2f} s CPU, {pages / r['cpu']:.1f} pages/s, "
                             f"peak {r['peak_mb']:.0f} MiB", f"{r['cpu'] / base:.2f}x extract_text"))
            speedup = results["kehoach (pdfplumber)"]["cpu"] / results["kehoach (pdfium)"]["cpu"]
            rows.append((f"text PDF {pages} p: pdfium path speed-up", "", f"{speedup:.1f}x the pdfplumber path"))


def _best_wall(cmd: list[str], runs: int = 3) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        best = min(best, time.perf_counter() - t)
    return best


def bench_startup(rows: list) -> None:
    bare = _best_wall([sys.executable, "-c", "pass"])
    for label, cmd in [("kehoach --help", [sys.executable, "-m", "pipeline.cli", "--help"]),
                       ("import pipeline + readers.pdf",
                        [sys.executable, "-c", "import pipeline, pipeline.readers.pdf"])]:
        wall = _best_wall(cmd)
        rows.append((f"start-up: {label}", f"{wall:.2f} s wall", f"{wall / bare:.1f}x bare python"))


def run_script(name: str, args: list[str], rows: list | None = None) -> list[str]:
    """A benchmark's output lines; its "ROW\tmeasure\tfigure\tratio" lines go to `rows`, the table."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *args],
                         capture_output=True, text=True, env=env)
    lines = (out.stdout + out.stderr).strip().splitlines()
    if rows is not None:
        rows += [tuple(line.split("\t")[1:4]) for line in lines if line.startswith("ROW\t")]
    keep = [line for line in lines if line.strip() and not line.startswith(("  SEARCH", "  LIST", "  SCAN", "  USE",
                                                                              "ROW\t"))]
    return [f"[{name} {' '.join(args)}] {line}" for line in keep[-30:]]


KNOWN = {"pdf", "startup", "ocr", "ingest", "query", "query1m"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[50, 200])
    ap.add_argument("--only", default="pdf,startup,ocr,ingest,query",
                    help="comma-separated subset of pdf,startup,ocr,ingest,query,query1m (query1m is not in the default)")
    ap.add_argument("--db-1m", help="archive file for query1m (built there when missing, kept afterwards)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if only - KNOWN:
        ap.error(f"--only: no part {', '.join(sorted(only - KNOWN))}; parts: {', '.join(sorted(KNOWN))}")
    rows: list[tuple[str, str, str]] = []
    extra: list[str] = []
    if "pdf" in only:
        bench_pdf(args.pages, rows)
    if "startup" in only:
        bench_startup(rows)
    if "ocr" in only:
        extra += run_script("bench_ocr.py", ["--plans", "1"])
    if "ingest" in only:
        extra += run_script("bench_ingest.py", ["--n", "300"])
    if "query" in only:
        extra += run_script("bench_query.py", ["--tasks", "100000", "--runs", "5"], rows)
    if "query1m" in only:
        extra += run_script("bench_query.py", ["--tasks", "1000000", "--runs", "5",
                                               *(["--db", args.db_1m] if args.db_1m else [])], rows)
    width = max((len(r[0]) for r in rows), default=10)
    fig = max([44] + [len(r[1]) for r in rows])
    print(f"{'measure':{width}s} | {'figure':{fig}s} | ratio")
    print(f"{'-' * width}-|-{'-' * fig}-|------")
    for name, figure, ratio in rows:
        print(f"{name:{width}s} | {figure:{fig}s} | {ratio}")
    for line in extra:
        print(line)


if __name__ == "__main__":
    main()
