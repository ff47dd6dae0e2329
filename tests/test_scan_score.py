"""Scanned plans score like typed ones: a few generated image-only PDFs through the whole
pipeline (OCR, repair, extractors), scored with the shared evaluation's own functions."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from corpus.generate import generate
from pipeline.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("kehoach_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason="shared evaluation (../shared/eval/score.py) not beside the repo")
def test_scans_score_at_least_090(tmp_path):
    score = _scorer()
    # seed 41: three plans, 8 pages, one with a ruled task table (~40 s on 2 cores)
    golds = generate(3, seed=41, formats=["scan"], out=tmp_path, png=False, jobs=2)
    total = score.Scores()
    for gpath in golds:
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        record = extract_file(gpath.parent / gold["source"]["path"])
        assert record.source.ocr
        total.add(score.score_pair(gold, record.to_dict()))
    overall = score.headline(total)
    assert overall >= 0.90, f"scan overall {overall:.3f}"
    assert total.prf["tasks[table]"].f1 >= 0.8  # ruled tables are read as tables, not as lines
