"""Plans written and labelled independently of the extractor (tests/data/independent/README.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "data" / "independent"
GOLD = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "gold").glob("*.json"))}
# the scans need OCR (a while each): with the slow tests only
SCANS = {name for name, gold in GOLD.items() if gold["source"].get("ocr")}


@pytest.fixture(scope="module")
def score_of(scorer, record_of):
    """Each plan extracted once per run (shared with test_snapshots.py) and scored against its gold."""
    cache: dict[str, float] = {}

    def score(name: str) -> float:
        if name not in cache:
            gold = GOLD[name]
            record = record_of(HERE / "gold" / gold["source"]["path"])
            cache[name] = scorer.headline(scorer.score_pair(gold, record))
        return cache[name]

    return score


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SCANS else n for n in GOLD])
def test_independently_labelled_plan(score_of, name):
    assert score_of(name) >= 0.9


def test_plans_with_a_text_layer_as_a_whole(score_of):
    names = [n for n in GOLD if n not in SCANS]
    assert len(names) == 21 and sum(map(score_of, names)) / len(names) >= 0.95


@pytest.mark.slow
def test_independent_set_as_a_whole(score_of):
    assert len(GOLD) == 23 and sum(map(score_of, GOLD)) / len(GOLD) >= 0.95
