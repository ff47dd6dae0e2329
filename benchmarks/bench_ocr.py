"""OCR seconds per page: the pipeline's readers next to bare Tesseract on the same pages.

    python benchmarks/bench_ocr.py [--plans 4] [--seed 41]

Generates scanned plans (image-only PDFs and their page PNGs), then in one run times
  - pipeline.readers.pdf.read on the PDFs (render at 300 dpi, deskew, table and closing
    passes, parallel pages),
  - pipeline.readers.image.read on the PNGs,
  - bare `tesseract IMG stdout -l vie` on the same PNGs, as many at once as the pipeline
    runs (one per core, OMP_THREAD_LIMIT=1), so the ratio is the pipeline's own overhead.
The ratio is what to compare across commits; absolute seconds depend on the machine.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def bare_tesseract(pngs: list[Path]) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(png: Path) -> None:
        subprocess.run(["tesseract", str(png), "stdout", "-l", "vie"], capture_output=True, check=True, env=env)

    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(one, pngs))
    return time.perf_counter() - t


def timed(fn, paths) -> float:
    t = time.perf_counter()
    for p in paths:
        fn(p)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=4)
    ap.add_argument("--seed", type=int, default=41)
    args = ap.parse_args()

    from corpus.generate import generate
    from pipeline.readers import image, pdf

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-ocr-") as tmp:
        out = Path(tmp)
        generate(args.plans, seed=args.seed, formats=["scan"], out=out, jobs=os.cpu_count() or 1)
        pdfs = sorted((out / "docs").glob("*.pdf"))
        pngs = sorted((out / "scans").glob("*.png"))
        pages = len(pngs)
        rows = [("pipeline pdf.read (300 dpi render)", timed(pdf.read, pdfs)),
                ("pipeline image.read (page PNGs)", timed(image.read, pngs)),
                ("bare tesseract -l vie (page PNGs)", bare_tesseract(pngs))]
    bare = rows[-1][1]
    print(f"{pages} pages ({args.plans} plans, seed {args.seed}), {os.cpu_count()} cores")
    print(f"{'':38s} {'s/page':>7s} {'× bare':>7s}")
    for name, seconds in rows:
        print(f"{name:38s} {seconds / pages:7.2f} {seconds / bare:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
