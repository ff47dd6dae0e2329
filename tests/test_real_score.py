"""Real public documents labelled by people who never read the code (tests/data/real/README.md).

Each document must keep the score it reached (its floor in rounds.tsv, a little under the score
measured when the floor was set), so that a rule which helps one shape and breaks another shows
here as the document it broke. Scans go through OCR and run in the slow loop.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file

HERE = Path(__file__).resolve().parent / "data" / "real"
ROWS = list(csv.DictReader((HERE / "rounds.tsv").open(encoding="utf-8"), delimiter="\t"))
SHARED_REAL = HERE.parents[2].parent / "shared" / "corpus" / "real"
OCR_FORMATS = (".png", ".jpg", ".tif", ".tiff")


def _is_scan(gold: dict) -> bool:
    return bool((gold.get("source") or {}).get("ocr")) or gold["source"]["path"].lower().endswith(OCR_FORMATS)


def _params():
    out = []
    for row in ROWS:
        gold = json.loads((HERE / "gold" / f"{row['name']}.json").read_text(encoding="utf-8"))
        marks = [pytest.mark.slow] if _is_scan(gold) else []
        out.append(pytest.param(row["name"], float(row["floor"]), marks=marks, id=row["name"][:24]))
    return out


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/corpus/real not beside the repo")
@pytest.mark.parametrize("name,floor", _params())
def test_real_document_keeps_its_score(scorer, name, floor):
    gold_path = HERE / "gold" / f"{name}.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = extract_file((gold_path.parent / gold["source"]["path"]).resolve()).to_dict()
    assert scorer.headline(scorer.score_pair(gold, record)) >= floor
