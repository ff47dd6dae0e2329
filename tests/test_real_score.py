"""Real public documents labelled by people who never read the code (tests/data/real/README.md).

Each document must keep the score it reached (its floor in rounds.tsv, a little under the score
measured when the floor was set), so that a rule which helps one shape and breaks another shows
here as the document it broke. Scans go through OCR, Word 97 files through LibreOffice: they run
in the slow loop. Each document is extracted once per run (conftest's record_of), for its score
here and its snapshot in test_snapshots.py.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "data" / "real"
ROWS = list(csv.DictReader((HERE / "rounds.tsv").open(encoding="utf-8"), delimiter="\t"))
SHARED_REAL = HERE.parents[2].parent / "shared" / "corpus" / "real"
OCR_FORMATS = (".png", ".jpg", ".tif", ".tiff")
LIBREOFFICE_FORMATS = (".doc", ".rtf", ".odt")


def _is_slow(gold: dict) -> bool:
    path = gold["source"]["path"].lower()
    return bool((gold.get("source") or {}).get("ocr")) or path.endswith(OCR_FORMATS + LIBREOFFICE_FORMATS)


def _params():
    out = []
    for row in ROWS:
        gold = json.loads((HERE / "gold" / f"{row['name']}.json").read_text(encoding="utf-8"))
        marks = [pytest.mark.slow] if _is_slow(gold) else []
        out.append(pytest.param(row["name"], float(row["floor"]), marks=marks, id=row["name"][:24]))
    return out


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/corpus/real not beside the repo")
@pytest.mark.parametrize("name,floor", _params())
def test_real_document_keeps_its_score(scorer, record_of, name, floor):
    gold_path = HERE / "gold" / f"{name}.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = record_of(gold_path.parent / gold["source"]["path"])
    assert scorer.headline(scorer.score_pair(gold, record)) >= floor
