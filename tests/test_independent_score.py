"""Plans written and labelled independently of the extractor (tests/data/independent/README.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file

HERE = Path(__file__).resolve().parent / "data" / "independent"
GOLD = sorted((HERE / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_independently_labelled_plan(gold_path, scorer):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
    assert scorer.headline(scorer.score_pair(gold, record)) >= 0.9


def test_independent_set_as_a_whole(scorer):
    scores = []
    for gold_path in GOLD:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        record = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
        scores.append(scorer.headline(scorer.score_pair(gold, record)))
    assert len(scores) == 18 and sum(scores) / len(scores) >= 0.95
