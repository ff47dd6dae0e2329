"""The web view under a bounded load: requests/s, p50 and p99 for /tasks and /tasks.csv.

    python benchmarks/bench_serve.py                       # 3,000 requests per path, 20 at a time
    python benchmarks/bench_serve.py --requests 600 --tasks 2000
    python benchmarks/bench_serve.py --tree ../other-checkout   # serve another checkout's code

An archive of about 2,000 tasks is built in a temp dir (bench_query's replicas of
generated plans), then two servers take the same load in turn, on 127.0.0.1 only:

- baseline: the same app on Flask's development server (werkzeug run_simple,
  threaded) with 500 rows a page, which is how `kehoach serve` ran before;
- serve: `kehoach serve` itself (waitress, threads from the cores, 100 rows a page).

Each client thread keeps one HTTP/1.1 connection and sends its requests one after
another; latency is measured per request on the client. The ratio column is
serve / baseline for requests/s (higher is better) and p99 (lower is better).
The load is bounded (--requests per path) and never leaves the machine.
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

HOST = "127.0.0.1"
PATHS = ("/tasks", "/tasks.csv")

BASELINE = """
import sys
from werkzeug.serving import run_simple
import pipeline.web.app as web
web.PAGE_SIZE = 500
run_simple("127.0.0.1", int(sys.argv[2]), web.create_app(sys.argv[1]), threaded=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start(kind: str, db: str, tree: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if kind == "baseline":
        cmd = [sys.executable, "-c", BASELINE, db, str(port)]
    else:
        cmd = [sys.executable, "-m", "pipeline.cli", "serve", "--db", db, "--port", str(port), "--host", HOST]
    # cwd: `python -m`/`-c` put the working directory first on sys.path, before PYTHONPATH
    proc = subprocess.Popen(cmd, env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{kind} server exited with status {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/tasks")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit(f"{kind} server did not answer within 60 s")


def load(port: int, path: str, requests: int, concurrency: int) -> dict:
    """Send `requests` GETs of `path`, `concurrency` at a time; latencies in ms."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    remaining = [requests]

    def client():
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException) as exc:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=120)
                resp = exc
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                if not ok:
                    errors.append(getattr(resp, "status", resp))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return {"rps": len(latencies) / seconds, "p50": statistics.median(latencies),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], "errors": len(errors),
            "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per path and server (default 3000)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=2000, help="tasks in the archive (default 2000)")
    parser.add_argument("--tree", type=Path, default=HERE.parent,
                        help="the checkout whose code the servers run (default: this one)")
    parser.add_argument("--only", choices=("baseline", "serve"), help="run one server only")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 100 or not 1 <= args.requests <= 100_000:
        sys.exit("--concurrency 1-100 and --requests 1-100000: the load stays bounded")

    from bench_query import build

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-serve-") as tmp:
        db = str(Path(tmp) / "serve.db")
        build(db, args.tasks)
        results: dict[tuple[str, str], dict] = {}
        for kind in ("baseline", "serve"):
            if args.only and kind != args.only:
                continue
            proc, port = start(kind, db, args.tree.resolve())
            try:
                for path in PATHS:
                    load(port, path, min(50, args.requests), args.concurrency)  # warm caches and threads
                    results[kind, path] = r = load(port, path, args.requests, args.concurrency)
                    print(f"{kind:9} {path:11} {r['rps']:7.1f} req/s  p50 {r['p50']:7.0f} ms  p99 {r['p99']:7.0f} ms"
                          f"  errors {r['errors']}  ({args.requests} requests in {r['seconds']:.0f} s)", flush=True)
            finally:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if all((k, p) in results for k in ("baseline", "serve") for p in PATHS):
            print(f"\nconcurrency {args.concurrency}, {args.requests} requests per path; ratio = serve / baseline")
            for path in PATHS:
                b, s = results["baseline", path], results["serve", path]
                print(f"{path:11} req/s {b['rps']:7.1f} -> {s['rps']:7.1f} (x{s['rps'] / b['rps']:.2f})   "
                      f"p99 {b['p99']:6.0f} -> {s['p99']:6.0f} ms (x{s['p99'] / b['p99']:.2f})")


if __name__ == "__main__":
    main()
