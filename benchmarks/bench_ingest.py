"""Ingest throughput: plans/s and pages/s at 1 and 2 worker processes.

    python benchmarks/bench_ingest.py            # 1000 generated text plans
    python benchmarks/bench_ingest.py --n 200 --workers 1 2 4

Plans come from corpus.generate when it exists, otherwise from the dev example
under varied headers. Each run ingests into a fresh archive, so the figure
includes hashing, extraction and the archive's writes (on the workers). Prints
figures only; the machine's load is printed too, since a shared machine makes
the ratio noisy. "parent ms/plan" is the ingesting process's own CPU (hashing,
handing out jobs, reading results) per plan: with W workers on W cores it
shares them, so it bounds the ratio to about 2E/(E + P) on 2 cores, E being a
worker's CPU per plan ("workers ms/plan": all the workers' CPU, their start-up
included, over the plans; "bound" is 2E/(E + P) of a run with a worker per core,
CPU figures being steadier than wall time on a shared machine). "machine" is the same worker counts
running pure CPU work (hashing, no I/O, nothing for the parent to do) through the same kind of pool, just
before the ingests: what this machine gives two processes at that moment, the ceiling of any ratio above.
The last lines time the archive's writes alone, in this process, on the rows a worker builds (min of 3,
so steadier under load): one commit per plan against one a chunk, as a worker stores them.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

DEV_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "docs"


def write_plans(out: Path, n: int, seed: int = 7) -> list[Path]:
    """n text plans in `out`: corpus.generate's when available, else the dev example re-headed."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        from corpus.generate import generate
    except ImportError:
        generate = None
    if generate is not None:
        generate(n=n, seed=seed, formats=["txt"], out=out)
        return sorted((out / "docs").glob("*.txt"))
    examples = sorted(DEV_DOCS.glob("*.txt"))
    if not examples:
        sys.exit(f"no corpus.generate and no dev example under {DEV_DOCS}")
    body = examples[0].read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = out / f"plan_{i:05d}.txt"
        path.write_text(f"BAN DÂN VẬN TỈNH ỦY\nSố: {i + 1}-KH/BDVTU\n"
                        f"Phan Thiết, ngày {1 + i % 28:02d} tháng 02 năm 2024\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of plans (default 1000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    from pipeline.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        plans = write_plans(tmp / "plans", args.n)
        print(f"{len(plans)} plans written in {time.perf_counter() - t0:.1f} s; "
              f"cores {len(os.sched_getaffinity(0))}, load {os.getloadavg()[0]:.2f}")
        machine = {workers: _pure_cpu_rate(workers) for workers in args.workers}
        rows = []
        for workers in args.workers:
            cpu, children = time.process_time(), _children_cpu()  # this process and its threads; the workers
            summary = ingest([plans[0].parent], db=tmp / f"w{workers}.db", workers=workers, progress=False)
            rows.append((workers, summary, time.process_time() - cpu, _children_cpu() - children))
            print(f"  workers {workers}: {summary.line()}", flush=True)
        base = rows[0][1].stored / rows[0][1].seconds
        print(f"\n{'workers':>7} {'plans/s':>9} {'pages/s':>9} {'failed':>7} {'vs ' + str(rows[0][0]):>7} "
              f"{'parent ms/plan':>15} {'workers ms/plan':>16} {'bound':>6} {'machine':>8}")
        for workers, s, cpu, children in rows:
            rate = s.stored / s.seconds
            plans_done = max(1, s.stored + s.failed)
            parent, worker = 1000 * cpu / plans_done, 1000 * children / plans_done
            print(f"{workers:>7} {rate:>9.1f} {s.pages / s.seconds:>9.1f} {s.failed:>7} {rate / base:>7.2f} "
                  f"{parent:>15.1f} {worker:>16.1f} {bound(workers, worker, parent):>6} "
                  f"{machine[workers] / machine[rows[0][0]]:>8.2f}")
        print(f"load after: {os.getloadavg()[0]:.2f}")
        writer_alone(plans[:300], tmp)


def bound(workers: int, worker: float, parent: float) -> str:
    """2E/(E + P) for a run of as many workers as cores (E, P: CPU ms a plan); with fewer, the parent has a
    core of its own and the figure says nothing."""
    return f"{2 * worker / (worker + parent):.2f}" if workers >= len(os.sched_getaffinity(0)) else "-"


def _hash_work(_: int) -> int:
    """About 30 ms of CPU, like a small plan's extraction, and nothing else."""
    block = b"x" * 65536
    for _ in range(750):
        block = hashlib.sha256(block).digest() * 2048
    return len(block)


def _pure_cpu_rate(workers: int, items: int = 200) -> float:
    """Items of _hash_work per second on `workers` processes (their start-up left out)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_hash_work, range(workers)))  # started and warm
        started = time.perf_counter()
        list(pool.map(_hash_work, range(items), chunksize=4))
        return items / (time.perf_counter() - started)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the pool's workers, once it has shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def writer_alone(plans: list[Path], tmp: Path) -> None:
    """The archive's writes of an ingest worker, per plan, one commit each vs one a chunk."""
    from pipeline.archive import Archive, document_rows
    from pipeline.ingest import CHUNK_FILES, _extract
    from pipeline.readers import sha256_of

    rows = [(str(p), sha256_of(p), document_rows(_extract(str(p), None))) for p in plans]
    figures = {}
    for name, batch in (("one commit per plan", 1), (f"chunks of {CHUNK_FILES}", CHUNK_FILES)):
        best = (float("inf"), float("inf"))
        for run in range(3):
            archive = Archive(tmp / f"writer-{batch}-{run}.db").open_for_writing()
            cpu, wall = time.process_time(), time.perf_counter()
            with archive.batched(batch, float("inf")):
                for path, sha, r in rows:
                    archive.put(r, path=path, sha256=sha)
            best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
            archive.close()
        figures[name] = best
        print(f"writer alone, {name}: {1000 * best[0] / len(rows):.2f} ms CPU, {1000 * best[1] / len(rows):.2f} ms "
              f"wall per plan ({len(rows)} plans)")
    (cpu1, wall1), (cpu2, wall2) = figures.values()
    print(f"a commit a chunk vs one a plan: CPU {cpu2 / cpu1:.2f}×, wall {wall2 / wall1:.2f}×; "
          f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
