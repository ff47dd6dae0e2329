"""Generate synthetic plans and their gold plan records.

    python -m corpus.generate --n 200 --seed 7 --formats txt,md,docx,pdf,scan --out DIR

writes DIR/docs/NAME.ext, DIR/gold/NAME.json (schema kehoach.plan/1, source.path
"../docs/NAME.ext") and, for scans, DIR/scans/NAME-p1.png ... Plan i is rendered in
formats[i % len(formats)]. Its content depends only on (seed, i), never on the
format, so the same seed always gives the same plans and the same gold.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import plan as plan_mod
from .render_text import render_md, render_txt

FORMATS = ("txt", "md", "docx", "pdf", "scan")
EXT = {"txt": "txt", "md": "md", "docx": "docx", "pdf": "pdf", "scan": "pdf"}


def _one(args: tuple) -> Path:
    i, seed, fmt, out, dpi, png = args
    out = Path(out)
    p = plan_mod.build(random.Random(f"{seed}/{i}"))
    render_rng = random.Random(f"{seed}/{i}/{fmt}")
    name = f"s{seed}_{i:04d}_{fmt}"
    doc = out / "docs" / f"{name}.{EXT[fmt]}"
    pages = None
    if fmt == "txt":
        doc.write_text(render_txt(p.blocks, render_rng), encoding="utf-8")
    elif fmt == "md":
        doc.write_text(render_md(p.blocks, render_rng), encoding="utf-8")
    elif fmt == "docx":
        from .render_docx import render_docx  # imported lazily: the txt path stays fast
        render_docx(p.blocks, render_rng, doc)
    else:
        from .render_pdf import render_pdf
        if fmt == "pdf":
            pages = render_pdf(p.blocks, render_rng, doc, p.running_head)["pages"]
        else:
            from .render_scan import png_page, render_scan
            tmp = out / "docs" / f".{name}.text.pdf"
            meta = render_pdf(p.blocks, render_rng, tmp, p.running_head, compact=True)
            images = render_scan(tmp, meta["signature"], render_rng, doc, dpi=dpi)
            tmp.unlink()
            pages = len(images)
            if png:
                for k, img in enumerate(images, 1):
                    png_page(img).save(out / "scans" / f"{name}-p{k}.png", compress_level=6)
    gold = {"schema": p.gold["schema"],
            "source": {"path": f"../docs/{doc.name}", "sha256": hashlib.sha256(doc.read_bytes()).hexdigest(),
                       "format": EXT[fmt], "pages": pages, "ocr": fmt == "scan"}}
    gold.update({k: v for k, v in p.gold.items() if k != "schema"})
    gpath = out / "gold" / f"{name}.json"
    gpath.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return gpath


def generate(n: int, seed: int, formats=("txt",), out: Path | str = "out", *, dpi: int = 200,
             png: bool = True, jobs: int = 1) -> list[Path]:
    """Write n plans round-robin over `formats` under `out`; return the gold paths."""
    formats = [f.strip() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown format(s) {bad}; choose from {FORMATS}")
    out = Path(out)
    for sub in ("docs", "gold") + (("scans",) if "scan" in formats and png else ()):
        (out / sub).mkdir(parents=True, exist_ok=True)
    work = [(i, seed, formats[i % len(formats)], str(out), dpi, png) for i in range(n)]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(_one, work, chunksize=4))
    return [_one(w) for w in work]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m corpus.generate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20, help="number of plans")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="txt", help=f"comma-separated, round-robin: {','.join(FORMATS)}")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dpi", type=int, default=200, help="scan resolution (200-300)")
    ap.add_argument("--no-png", action="store_true", help="do not write scans/NAME-pK.png")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    golds = generate(args.n, args.seed, args.formats, args.out, dpi=args.dpi, png=not args.no_png, jobs=args.jobs)
    dt = time.perf_counter() - t
    print(f"{len(golds)} plans ({args.formats}) -> {args.out} in {dt:.1f} s ({len(golds) / dt:.0f} plans/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
