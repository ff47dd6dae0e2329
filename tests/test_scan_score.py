"""Scanned plans score like typed ones: a few generated image-only PDFs through the whole
pipeline (OCR, repair, extractors), scored with the shared evaluation's own functions."""
import json

import pytest

from corpus.generate import generate
from pipeline.extract import extract_file


@pytest.mark.slow  # OCR
def test_scans_score_at_least_090(tmp_path, scorer):
    score = scorer
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
