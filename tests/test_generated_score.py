"""The pipeline scored on a freshly generated corpus (corpus.generate), per text format,
with the same scorer the project is judged by (../shared/eval/score.py)."""
import json
from collections import defaultdict
from pathlib import Path

import pytest

from corpus.generate import generate
from pipeline import extract

BAR = 0.95


# Two plans a format in the quick loop; the full suite scores 24 (the first 8 of them again), which
# vary more of the generator's shapes
@pytest.mark.parametrize("plans", [8, pytest.param(24, marks=pytest.mark.slow)])
def test_text_formats_score_on_fresh_plans(tmp_path, scorer, plans):
    golds = generate(plans, seed=20261124, formats=["txt", "md", "docx", "pdf"], out=tmp_path)
    by_format = defaultdict(scorer.Scores)
    for gold_path in golds:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        record = extract(Path(gold_path).parent / gold["source"]["path"]).to_dict()
        by_format[gold["source"]["format"]].add(scorer.score_pair(gold, record))
    overall = {fmt: scorer.headline(sc) for fmt, sc in by_format.items()}
    print("overall per format:", {k: round(v, 3) for k, v in overall.items()})
    assert set(overall) == {"txt", "md", "docx", "pdf"}
    for fmt, value in overall.items():
        assert value >= BAR, f"{fmt}: overall {value:.3f} < {BAR}"
