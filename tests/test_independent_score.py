"""Plans written and labelled independently of the extractor (tests/data/independent/README.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file

HERE = Path(__file__).resolve().parent / "data" / "independent"
GOLD = sorted((HERE / "gold").glob("*.json"))


@pytest.fixture(scope="module")
def scores(scorer) -> dict[str, float]:
    """Each plan extracted once (two are scans: OCR takes a while) and scored against its gold."""
    out = {}
    for gold_path in GOLD:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        record = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
        out[gold_path.stem] = scorer.headline(scorer.score_pair(gold, record))
    return out


@pytest.mark.parametrize("name", [p.stem for p in GOLD])
def test_independently_labelled_plan(scores, name):
    assert scores[name] >= 0.9


def test_independent_set_as_a_whole(scores):
    assert len(scores) == 23 and sum(scores.values()) / len(scores) >= 0.95
