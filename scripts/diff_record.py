#!/usr/bin/env python3
"""Show where a plan record differs from its gold record, field by field, as the scorer pairs them.

    python scripts/diff_record.py GOLD.json [PRED.json]     # without PRED, extracts the gold's document

For labelling rounds: read what a document loses before changing a rule.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from score_real import scorer  # the shared scorer, loaded one way for both scripts



def _short(t: dict | None) -> str:
    if not t:
        return "-"
    tl = t.get("timeline") or {}
    roles = " ".join(f"{r[:4]}={t.get(r)}" for r in ("lead", "advisors", "implementers", "coordinators") if t.get(r))
    return (f"[{t.get('id')}|{t.get('origin')}] {(t.get('text') or '')[:110]!r}\n      {roles}\n"
            f"      time={tl.get('text')!r} {tl.get('start')}..{tl.get('end')} {tl.get('recurrence')}")


def main(argv: list[str]) -> int:
    sc = scorer()
    gold_path = Path(argv[0])
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if len(argv) > 1:
        pred = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    else:
        from pipeline.extract import extract_file
        pred = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
    print(f"headline {sc.headline(sc.score_pair(gold, pred)):.3f}")
    gd, pd = gold.get("document") or {}, pred.get("document") or {}
    for k in ("kind", "number", "issuer", "place", "date", "title", "signer"):
        if sc.norm(json.dumps(gd.get(k), ensure_ascii=False)) != sc.norm(json.dumps(pd.get(k), ensure_ascii=False)):
            print(f"document.{k}: gold={gd.get(k)!r}\n{'':12s}pred={pd.get(k)!r}")
    g, p = gold.get("tasks") or [], pred.get("tasks") or []

    def pair_score(i, j):
        a, b = sc._head(g[i]), sc._head(p[j])
        r = sc.ratio(a, b) if a and b else 0.0
        same_id = sc.norm(g[i].get("id")) and sc.norm(g[i].get("id")) == sc.norm(p[j].get("id"))
        return r + (0.2 if same_id else 0) if r >= 0.6 or (same_id and r >= 0.4) else None

    pairs = dict(sc.greedy_pairs(len(g), len(p), pair_score))
    for i, t in enumerate(g):
        j = pairs.get(i)
        if j is None:
            print("MISSED  " + _short(t))
            continue
        s = sc.Scores()
        sc.score_tasks([t], [p[j]], s)
        if s.acc["tasks.whole"].value < 1:
            print("GOLD    " + _short(t) + "\nPRED    " + _short(p[j]))
    for j in sorted(set(range(len(p))) - set(pairs.values())):
        print("EXTRA   " + _short(p[j]))
    gc, pc = gold.get("citations") or [], pred.get("citations") or []
    cp = dict(sc.greedy_pairs(len(gc), len(pc), lambda i, j: sc._cite_score(gc[i], pc[j], i, j)))
    for i, c in enumerate(gc):
        if i not in cp:
            print(f"CITE MISSED  {c.get('kind')} {c.get('number')} {c.get('text')!r}")
    for j in sorted(set(range(len(pc))) - set(cp.values())):
        print(f"CITE EXTRA   {pc[j].get('kind')} {pc[j].get('number')} {pc[j].get('text')!r}")
    gt, pt = gold.get("targets") or [], pred.get("targets") or []
    if len(gt) != len(pt):
        print(f"targets: gold {len(gt)}, pred {len(pt)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
