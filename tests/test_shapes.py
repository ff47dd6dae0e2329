"""Every task shape the extractor knows, one fixture each (tests/shapes/SHAPES.md lists them):
a plan fragment read as a .txt by the real pipeline, and the tasks it must give."""
import json
import re
from pathlib import Path

import pytest

from pipeline.extract import extract_file

SHAPES = Path(__file__).resolve().parent / "shapes"
FRAGMENTS = sorted(SHAPES.glob("*.txt"))


def _listed() -> list[str]:
    return re.findall(r"^\| `(\w+)` \|", (SHAPES / "SHAPES.md").read_text(encoding="utf-8"), re.M)


def test_every_shape_is_listed_once_with_its_fixture():
    listed = _listed()
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p.stem for p in FRAGMENTS)
    assert all((SHAPES / f"{name}.json").exists() for name in listed)


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=lambda p: p.stem)
def test_shape_gives_its_tasks(fragment):
    expected = json.loads(fragment.with_suffix(".json").read_text(encoding="utf-8"))
    record = extract_file(fragment).to_dict()
    got = [{"text": t["text"], "lead": t["lead"], "coordinators": t["coordinators"],
            "timeline": t["timeline"]["text"]} for t in record["tasks"]]
    assert got == expected
    if fragment.stem.startswith("none_"):
        assert got == []
    else:
        assert got and all(t["lead"] for t in got)  # a shape of a task names who does it
