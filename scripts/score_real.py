#!/usr/bin/env python3
"""Score the real documents labelled by others, round by round (tests/data/real/README.md).

    python scripts/score_real.py                 # every round in tests/data/real/rounds.tsv
    python scripts/score_real.py --round 2       # one round
    python scripts/score_real.py --holdout       # the held-out set (measure only, never tune on it)
    python scripts/score_real.py --pred DIR      # records already made (DIR/NAME.json), e.g. of an older commit

Each document is extracted once, in this process, and scored with ../shared/eval/score.py.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score"] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--round", help="only this round")
    ap.add_argument("--holdout", action="store_true", help="score the held-out set instead")
    ap.add_argument("--pred", type=Path, help="folder of records NAME.json instead of extracting")
    args = ap.parse_args(argv)
    sc = scorer()
    folder = REAL / ("holdout" if args.holdout else "gold")
    rounds = {r["name"]: r["round"] for r in csv.DictReader((REAL / "rounds.tsv").open(encoding="utf-8"), delimiter="\t")}
    by_round: dict[str, object] = {}
    total = sc.Scores()
    for gold_path in sorted(folder.glob("*.json")):
        rnd = "holdout" if args.holdout else rounds.get(gold_path.stem, "?")
        if args.round and rnd != args.round:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if args.pred:
            pred_path = args.pred / gold_path.name
            pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else None
        else:
            from pipeline.extract import extract_file
            pred = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
        s = sc.score_pair(gold, pred)
        total.add(s)
        by_round.setdefault(rnd, sc.Scores()).add(s)
        print(f"  {sc.headline(s):.3f}  round {rnd}  {gold_path.stem}")
    for rnd, s in sorted(by_round.items()):
        print(f"round {rnd}: {sc.headline(s):.3f}")
    for name in sc.HEADLINE:
        m = total.prf.get(name) or total.acc.get(name)
        if m is not None:
            print(f"  {name:22s} {m.f1 if name in total.prf else m.value:.3f}")
    print(f"overall {sc.headline(total):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
