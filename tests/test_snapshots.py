"""Every labelled document's record, field by field, against its snapshot (tests/data/snapshots).

A score can stay above its bar while a lead, a deadline or a span changes under it; here any
change fails, naming the document, the task and the field. A change that is meant is stored with
`python scripts/snapshots.py --update` (and shows in the commit as a diff of the JSON files).
The records come from conftest's record_of: the score tests of the same documents extract each
once per run, and this file reads the same records. Scans (OCR) and Word 97 files (LibreOffice)
are slow, as in test_real_score.py.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

# scripts/ is not a package: the module is loaded from its file (registered first: its
# dataclass looks its module up while being made)
_SPEC = importlib.util.spec_from_file_location(
    "kehoach_snapshots", Path(__file__).resolve().parents[1] / "scripts" / "snapshots.py")
snapshots = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = snapshots
_SPEC.loader.exec_module(snapshots)

DOCS = snapshots.labelled_documents()


def _param(doc: snapshots.Document):
    return pytest.param(doc, marks=[pytest.mark.slow] if doc.slow else [], id=f"{doc.set}/{doc.name[:28]}")


@pytest.mark.parametrize("doc", [_param(d) for d in DOCS])
def test_record_is_its_snapshot(record_of, doc):
    if not doc.path.exists():
        pytest.skip(f"{doc.path.name} is not beside the repository (../shared)")
    if doc.scan and snapshots.ocr_engine() != snapshots.stored_ocr_engine():
        pytest.skip(f"scans were stored with {snapshots.stored_ocr_engine()}, this machine has "
                    f"{snapshots.ocr_engine() or 'no Tesseract'}")
    problem = snapshots.compare(doc, record_of(doc.path))
    if problem:
        pytest.fail(problem + "\n(meant? python scripts/snapshots.py --update)", pytrace=False)


def test_every_snapshot_belongs_to_a_labelled_document():
    """No stale snapshot of a document that left a set, and none of the held-out documents."""
    stored = {f"{p.parent.name}/{p.stem}" for p in snapshots.SNAPSHOTS.glob("*/*.json")}
    labelled = {f"{d.set}/{d.name}" for d in DOCS}
    assert stored == labelled
    held_out = {p.stem for p in (snapshots.REAL / "holdout").glob("*.json")}
    assert held_out and not held_out & {d.name for d in DOCS}


def test_the_diff_names_the_task_and_the_field():
    tasks = [{"id": f"II.{i}", "text": f"Nhiệm vụ {i}", "lead": ["Sở A"], "span": {"start": 10 * i}}
             for i in range(1, 6)]
    old = {"source": {"path": "/here/plan.txt", "sha256": "x"}, "document": {"title": "Kế hoạch"}, "tasks": tasks}
    new = json.loads(json.dumps(old))
    new["source"]["path"] = "/elsewhere/plan.txt"  # where the checkout is: not a change
    new["tasks"][3]["lead"] = ["Sở B"]
    new["tasks"].insert(1, {"id": "II.1a", "text": "Nhiệm vụ mới", "lead": [], "span": {"start": 15}})
    new["tasks"][5]["span"]["start"] = 51  # spans are facts of the document
    lines = snapshots.diff(snapshots.snapshot_of(old), snapshots.snapshot_of(new))
    assert lines == ['tasks[1] (II.1a): added "Nhiệm vụ mới"',
                     'tasks[4] (II.4).lead: ["Sở A"] -> ["Sở B"]',
                     "tasks[5] (II.5).span.start: 50 -> 51",
                     "tasks: 5 -> 6 elements"]
    assert snapshots.diff(snapshots.snapshot_of(old), snapshots.snapshot_of(old)) == []


def test_a_long_text_is_cut_around_its_change():
    old = "Tổ chức tuyên truyền " * 20 + "trong tháng 3/2024."
    [line] = snapshots.diff({"title": old}, {"title": old.replace("3/2024", "4/2024")})
    assert line.startswith("title: …") and "3/2024" in line and "4/2024" in line and len(line) < 300


def test_spans_moved_alike_by_an_edit_read_as_one_line():
    tasks = [{"id": f"{i}", "text": f"Việc {i}", "span": {"start": 100 * i, "end": 100 * i + 50}} for i in range(6)]
    new = json.loads(json.dumps(tasks))
    new[1]["text"] = "Việc 1 (sửa)"
    for task in new[2:]:  # four characters more in task 1: everything after it moves
        task["span"] = {"start": task["span"]["start"] + 4, "end": task["span"]["end"] + 4}
    new[1]["span"]["end"] += 4
    lines = snapshots.collapse_shifts(snapshots.diff({"tasks": tasks}, {"tasks": new}))
    assert lines == ['tasks[1] (1).text: "Việc 1" -> "Việc 1 (sửa)"',
                     "tasks[1]..[5]: spans moved by +4 (9 positions)"]  # task 1's end and all after it
    new[3]["span"]["start"] += 1  # moved unlike the others: named alone
    lines = snapshots.collapse_shifts(snapshots.diff({"tasks": tasks}, {"tasks": new}))
    assert lines[1:] == ["tasks[1]..[2]: spans moved by +4 (3 positions)", "tasks[3] (3).span.start: 300 -> 305",
                         "tasks[3]..[5]: spans moved by +4 (5 positions)"]
