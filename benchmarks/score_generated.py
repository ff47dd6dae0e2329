"""Score the pipeline on a generated corpus, per format, with the project's scorer.

    python benchmarks/score_generated.py --n 200 --seed 7 --formats txt,md,docx,pdf [--scorer ../shared/eval/score.py]

Prints each format's headline metrics and `overall`, then the seconds per document.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from corpus.generate import generate
from pipeline import extract


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kehoach_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default="txt,md,docx,pdf")
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/eval/score.py")
    ap.add_argument("--out", type=Path, help="keep the generated corpus here")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        golds = generate(args.n, seed=args.seed, formats=args.formats.split(","), out=out)
        by_format, seconds, counts, failed = defaultdict(scorer.Scores), defaultdict(float), defaultdict(int), []
        for gold_path in golds:
            gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
            fmt = Path(gold["source"]["path"]).suffix.lstrip(".")
            fmt = "scan" if gold["source"].get("ocr") else fmt
            t = time.perf_counter()
            try:
                record = extract(Path(gold_path).parent / gold["source"]["path"]).to_dict()
            except Exception as exc:  # a failure scores as an empty record, and is listed
                record, _ = None, failed.append(f"{Path(gold_path).stem}: {exc}")
            seconds[fmt] += time.perf_counter() - t
            counts[fmt] += 1
            by_format[fmt].add(scorer.score_pair(gold, record))
    for name in failed:
        print("FAILED", name)
    names = scorer.HEADLINE
    print(f"{'format':8s}" + "".join(f"{n[:12]:>13s}" for n in names) + f"{'overall':>9s}{'s/doc':>7s}")
    for fmt, sc in sorted(by_format.items()):
        vals = [sc.prf[n].f1 if n in sc.prf else sc.acc[n].value if n in sc.acc else float("nan") for n in names]
        print(f"{fmt:8s}" + "".join(f"{v:13.3f}" for v in vals) + f"{scorer.headline(sc):9.3f}"
              f"{seconds[fmt] / counts[fmt]:7.2f}")


if __name__ == "__main__":
    main()
