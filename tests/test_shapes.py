"""Every task shape the extractor knows is a rule of extractors.tasks.SHAPES with a fixture here
(tests/shapes/SHAPES.md lists them in the registry's order): a plan fragment read as a .txt by the
real pipeline, the tasks it must give, and the rule that must claim a node of it."""
import json
import re
from pathlib import Path

import pytest

from extractors.outline import parse_outline
from extractors.tasks import SHAPES, Shape, shape_claims
from pipeline.extract import extract_file
from pipeline.normalize import normalize
from pipeline.readers import read

FIXTURES = Path(__file__).resolve().parent / "shapes"
FRAGMENTS = sorted(FIXTURES.glob("*.txt"))
RULE_OF = {name: rule for rule in SHAPES for name in (rule.name, *rule.variants)}


def _missing_fixtures(rules, folder: Path) -> list[str]:
    return [name for rule in rules for name in (rule.name, *rule.variants)
            if not ((folder / f"{name}.txt").exists() and (folder / f"{name}.json").exists())]


def test_every_rule_has_its_fixture():
    names = [rule.name for rule in SHAPES]
    assert len(names) == len(set(names)) and len(RULE_OF) == sum(1 + len(r.variants) for r in SHAPES)
    assert _missing_fixtures(SHAPES, FIXTURES) == []


def test_a_rule_without_a_fixture_is_found():
    class Unwritten(Shape):
        name = "prose_not_written_yet"
    assert _missing_fixtures([*SHAPES, Unwritten()], FIXTURES) == ["prose_not_written_yet"]


def test_every_fixture_names_a_rule():
    assert [p.stem for p in FRAGMENTS if p.stem not in RULE_OF] == []
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(p.stem for p in FRAGMENTS)


def test_every_rule_shows_its_example():
    assert [r.name for r in SHAPES if "Example:" not in (type(r).__doc__ or "")] == []


def test_shapes_md_lists_the_registry_in_its_order():
    md = (FIXTURES / "SHAPES.md").read_text(encoding="utf-8")
    rules = re.findall(r"^\| \d+ \| `(\w+)` \|", md, re.M)
    assert rules == [rule.name for rule in SHAPES]
    variants = re.findall(r"^\| `(\w+)` \| `(\w+)` \|", md, re.M)
    assert sorted(variants) == sorted((v, r.name) for r in SHAPES for v in r.variants)


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=lambda p: p.stem)
def test_shape_gives_its_tasks(fragment):
    expected = json.loads(fragment.with_suffix(".json").read_text(encoding="utf-8"))
    record = extract_file(fragment).to_dict()
    got = [{"text": t["text"], "lead": t["lead"], "coordinators": t["coordinators"],
            "timeline": t["timeline"]["text"]} for t in record["tasks"]]
    assert got == expected
    rule = RULE_OF[fragment.stem]
    text = normalize(read(fragment))
    claimed = [n for _, name, n in shape_claims(text, parse_outline(text), None) if name == rule.name]
    assert claimed, f"no node of {fragment.name} is claimed by {rule.name}"
    if rule.origin == "none":
        assert claimed == [0] * len(claimed)
    else:
        assert any(claimed)
        assert got and (all(t["lead"] for t in got) or not rule.names_unit)  # a shape of a task names who does it
