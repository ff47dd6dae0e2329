#!/usr/bin/env python3
"""Record-level snapshots of the labelled sets: a changed field shows as a diff, not as a score
that stays above its bar.

    python scripts/snapshots.py                  # extract every labelled document, print what changed
    python scripts/snapshots.py --update         # write the current records as the snapshots
    python scripts/snapshots.py --set real       # one set (dev, independent, real); --only NAME... some documents
    python scripts/snapshots.py --no-scans       # leave out the scans (OCR takes minutes)

The sets are the documents that have gold: the dev example (../shared/corpus/dev), the
independent plans (tests/data/independent) and the real documents of tests/data/real/rounds.tsv
(their files in ../shared/corpus/real). The held-out real documents are never read. Each record
is stored in tests/data/snapshots/<set>/<name>.json without `source.path` (where the checkout
is); everything else is a fact of the document, spans included. tests/test_snapshots.py checks
the same in the test suite. A change that is meant: run with --update and commit the files.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "data" / "snapshots"
DEV_GOLD = ROOT.parent / "shared" / "corpus" / "dev" / "gold"
INDEPENDENT_GOLD = ROOT / "tests" / "data" / "independent" / "gold"
REAL = ROOT / "tests" / "data" / "real"
SETS = ("dev", "independent", "real")
SCAN_FORMATS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
LIBREOFFICE_FORMATS = (".doc", ".rtf", ".odt")  # converted by a LibreOffice process: seconds each
OCR_ENGINE = SNAPSHOTS / "ocr-engine.txt"  # the Tesseract that read the scans when they were stored
MAX_LINES = 40  # per document: the first changes say what happened, the rest repeat it


@dataclass(frozen=True)
class Document:
    set: str
    name: str
    path: Path  # the document itself
    scan: bool  # read by OCR: slow, and its text depends on the Tesseract version

    @property
    def snapshot(self) -> Path:
        return SNAPSHOTS / self.set / f"{self.name}.json"

    @property
    def slow(self) -> bool:
        return self.scan or self.path.suffix.lower() in LIBREOFFICE_FORMATS


def _from_gold(set_name: str, gold_path: Path) -> Document:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = gold["source"]
    scan = bool(source.get("ocr")) or source["path"].lower().endswith(SCAN_FORMATS)
    return Document(set_name, gold_path.stem, (gold_path.parent / source["path"]).resolve(), scan)


def labelled_documents(sets=SETS) -> list[Document]:
    """Every document with gold in the named sets, in a stable order. The real set is the names
    of rounds.tsv: the held-out documents (tests/data/real/holdout) are not among them."""
    docs = []
    if "dev" in sets:
        docs += [_from_gold("dev", p) for p in sorted(DEV_GOLD.glob("*.json"))]
    if "independent" in sets:
        docs += [_from_gold("independent", p) for p in sorted(INDEPENDENT_GOLD.glob("*.json"))]
    if "real" in sets:
        rows = csv.DictReader((REAL / "rounds.tsv").open(encoding="utf-8"), delimiter="\t")
        docs += [_from_gold("real", REAL / "gold" / f"{row['name']}.json") for row in rows]
    return docs


def ocr_engine() -> str:
    """The first line of `tesseract --version` ("tesseract 5.3.0"), or "" without Tesseract."""
    exe = shutil.which("tesseract")
    if exe is None:
        return ""
    run = subprocess.run([exe, "--version"], capture_output=True, text=True)
    lines = (run.stdout or run.stderr).splitlines()
    return lines[0].strip() if lines else ""


def stored_ocr_engine() -> str:
    return OCR_ENGINE.read_text(encoding="utf-8").strip() if OCR_ENGINE.exists() else ""


# ------------------------------------------------------------------------------- the snapshot

def snapshot_of(record: dict) -> dict:
    """The record as stored: without source.path, which says where this checkout is. Made
    through JSON, so that a fresh record and a stored one compare alike (tuples are lists)."""
    snap = json.loads(json.dumps(record, ensure_ascii=False))
    snap.get("source", {}).pop("path", None)
    return snap


def dumps(snap: dict) -> str:
    return json.dumps(snap, ensure_ascii=False, indent=1) + "\n"


def load(doc: Document) -> dict | None:
    return json.loads(doc.snapshot.read_text(encoding="utf-8")) if doc.snapshot.exists() else None


def extract(doc: Document) -> dict:
    from pipeline.extract import extract_file

    return extract_file(doc.path).to_dict()


# ------------------------------------------------------------------------------------ the diff

def _show(value, width: int = 100) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 1] + "…"


def _show_texts(old: str, new: str, width: int = 100) -> tuple[str, str]:
    """Two long strings cut around where they start to differ, so the change is in view."""
    if len(old) <= width and len(new) <= width:
        return _show(old, width + 2), _show(new, width + 2)
    at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    start = max(0, at - 30)

    def cut(s: str) -> str:
        piece = s[start:start + width]
        return ("…" if start else "") + json.dumps(piece, ensure_ascii=False) + ("…" if start + width < len(s) else "")

    return cut(old), cut(new)


def _key(item) -> str:
    """What pairs an element of an old list with one of the new list: a task or section by its
    id and the start of its text, anything else by its whole value."""
    if isinstance(item, dict) and ("id" in item or "text" in item):
        return json.dumps([item.get("id"), (item.get("text") or "")[:80]], ensure_ascii=False)
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _gist(item):
    return item.get("text") if isinstance(item, dict) and "text" in item else item


def _label(where: str, index: int, item) -> str:
    task_id = item.get("id") if isinstance(item, dict) else None
    return f"{where}[{index}]" + (f" ({task_id})" if task_id else "")


def diff(old, new, where: str = "") -> list[str]:
    """Lines "where: old -> new", one per changed field. Lists of records (tasks, sections,
    citations) are paired by id and text first, so that one task more shows as one line and
    not as every later task shifted by one."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        lines = []
        for key in list(old) + [k for k in new if k not in old]:
            path = f"{where}.{key}" if where else key
            if key not in new:
                lines.append(f"{path}: removed (was {_show(old[key])})")
            elif key not in old:
                lines.append(f"{path}: added {_show(new[key])}")
            else:
                lines += diff(old[key], new[key], path)
        return lines
    if isinstance(old, list) and isinstance(new, list) and any(isinstance(x, dict) for x in old + new):
        return _diff_records(old, new, where)
    if isinstance(old, list) and isinstance(new, list) and len(_show(old, 10**6)) + len(_show(new, 10**6)) > 160:
        # a long list of names (recipients, warnings): what left it and what came in
        gone = [x for x in old if x not in new]
        came = [x for x in new if x not in old]
        if not gone and not came:
            return [f"{where}: the same {len(new)} elements in another order or count"]
        return [f"{where}: " + "; ".join([f"- {_show(x)}" for x in gone] + [f"+ {_show(x)}" for x in came])]
    if isinstance(old, str) and isinstance(new, str):
        a, b = _show_texts(old, new)
        return [f"{where}: {a} -> {b}"]
    return [f"{where}: {_show(old)} -> {_show(new)}"]


def _diff_records(old: list, new: list, where: str) -> list[str]:
    lines = []
    matcher = difflib.SequenceMatcher(a=[_key(x) for x in old], b=[_key(x) for x in new], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            # the same elements (or as many changed ones in their place): field by field
            for i, j in zip(range(a0, a1), range(b0, b1)):
                lines += diff(old[i], new[j], _label(where, j, new[j]))
            continue
        # a task added or removed here: the others of the block still pair by their id
        ids_new = [x.get("id") if isinstance(x, dict) else None for x in new[b0:b1]]
        paired = {}
        for i in range(a0, a1):
            task_id = old[i].get("id") if isinstance(old[i], dict) else None
            if task_id and ids_new.count(task_id) == 1 and b0 + ids_new.index(task_id) not in paired.values():
                paired[i] = b0 + ids_new.index(task_id)
        for i in range(a0, a1):
            if i in paired:
                lines += diff(old[i], new[paired[i]], _label(where, paired[i], new[paired[i]]))
            else:
                lines.append(f"{_label(where, i, old[i])}: removed {_show(_gist(old[i]))}")
        for j in range(b0, b1):
            if j not in paired.values():
                lines.append(f"{_label(where, j, new[j])}: added {_show(_gist(new[j]))}")
    if len(old) != len(new):
        lines.append(f"{where}: {len(old)} -> {len(new)} elements")
    return lines


SPAN_LINE = re.compile(r"^(?P<list>.*?)\[(?P<i>\d+)\](?: \([^)]*\))?\.(?:.*\.)?(?:span\.)?(?:start|end): "
                       r"(?P<old>-?\d+) -> (?P<new>-?\d+)$")


def collapse_shifts(lines: list[str]) -> list[str]:
    """A text edit moves the spans of everything after it by the same amount: one line says so
    ("tasks[20]..[43]: spans moved by +1") instead of one line per span."""
    out: list[str] = []
    run: list[tuple[str, int, int]] = []  # (line, index, shift) of the spans moved alike, in a row

    def flush():
        if len(run) >= 3:
            name = SPAN_LINE.match(run[0][0]).group("list")
            out.append(f"{name}[{run[0][1]}]..[{run[-1][1]}]: spans moved by {run[0][2]:+d} ({len(run)} positions)")
        else:
            out.extend(line for line, _, _ in run)
        run.clear()

    for line in lines:
        m = SPAN_LINE.match(line)
        if m is None:
            flush()
            out.append(line)
            continue
        shift = int(m.group("new")) - int(m.group("old"))
        if run and (SPAN_LINE.match(run[0][0]).group("list") != m.group("list") or run[0][2] != shift):
            flush()
        run.append((line, int(m.group("i")), shift))
    flush()
    return out


def report(doc: Document, lines: list[str]) -> str:
    head = f"{doc.set}/{doc.name}: {len(lines)} change(s)"
    shown = lines[:MAX_LINES]
    more = [f"  … {len(lines) - MAX_LINES} more: python scripts/snapshots.py --only {doc.name}"] \
        if len(lines) > MAX_LINES else []
    return "\n".join([head, *("  " + line for line in shown), *more])


def compare(doc: Document, record: dict) -> str | None:
    """None when the record is its snapshot, else a readable report of the difference."""
    stored = load(doc)
    if stored is None:
        return f"{doc.set}/{doc.name}: no snapshot ({doc.snapshot.relative_to(ROOT)}): run python scripts/snapshots.py --update"
    lines = collapse_shifts(diff(stored, snapshot_of(record)))
    return report(doc, lines) if lines else None


# ------------------------------------------------------------------------------------ the CLI

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="write the current records as the snapshots")
    ap.add_argument("--set", choices=SETS, action="append", help="only this set (may be repeated)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only documents whose name starts with one of these")
    ap.add_argument("--no-scans", action="store_true", help="leave out the documents read by OCR")
    args = ap.parse_args(argv)
    docs = labelled_documents(tuple(args.set or SETS))
    if args.only:
        docs = [d for d in docs if d.name.startswith(tuple(args.only))]
    if args.no_scans:
        docs = [d for d in docs if not d.scan]
    if not docs:
        print("snapshots: no document matches", file=sys.stderr)
        return 2
    engine = ocr_engine()
    if any(d.scan for d in docs) and stored_ocr_engine() and engine != stored_ocr_engine():
        print(f"snapshots: the scans were stored with {stored_ocr_engine()}, this machine has "
              f"{engine or 'no Tesseract'}: their text may differ for that reason alone", file=sys.stderr)
    changed = 0
    for doc in docs:
        record = extract(doc)
        if args.update:
            doc.snapshot.parent.mkdir(parents=True, exist_ok=True)
            text = dumps(snapshot_of(record))
            old = doc.snapshot.read_text(encoding="utf-8") if doc.snapshot.exists() else None
            if old != text:
                doc.snapshot.write_text(text, encoding="utf-8")
                changed += 1
                print(f"{'updated' if old else 'created'} {doc.snapshot.relative_to(ROOT)}")
            continue
        problem = compare(doc, record)
        if problem:
            changed += 1
            print(problem)
        else:
            print(f"same     {doc.set}/{doc.name}")
    if args.update:
        if any(d.scan for d in docs) and engine:
            OCR_ENGINE.write_text(engine + "\n", encoding="utf-8")
        print(f"{changed} snapshot(s) written, {len(docs) - changed} unchanged")
        return 0
    print(f"{changed} of {len(docs)} document(s) differ from their snapshot" if changed
          else f"all {len(docs)} document(s) match their snapshot")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
