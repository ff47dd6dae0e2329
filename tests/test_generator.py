"""The synthetic plan generator (corpus/): determinism, contract-valid gold, formats."""
from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from corpus import plan as plan_mod
from corpus.generate import generate

FORMATS = ["txt", "md", "docx", "pdf", "scan"]
N = 5  # one plan per format: the suite stays fast
RECURRENCES = {"continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "on_request"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def corpus_dir(built_once) -> Path:
    """Generated once per run (once for both pytest-xdist workers) and only read by the tests."""
    return built_once("generated-seed-11", lambda out: generate(N, 11, FORMATS, out, dpi=150))  # low dpi: faster


def _golds(d: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((d / "gold").glob("*.json"))}


def _clean(s: str) -> bool:
    return s == unicodedata.normalize("NFC", s) and s == " ".join(s.split()) and s != ""


def _opt_str(v) -> bool:
    return v is None or (isinstance(v, str) and _clean(v))


def _date(v) -> bool:
    return v is None or (isinstance(v, str) and bool(ISO.match(v)))


def test_same_seed_same_output(corpus_dir, tmp_path):
    generate(N, 11, FORMATS, tmp_path, dpi=150, png=False)
    assert _golds(tmp_path) == _golds(corpus_dir)  # sha256 inside: every format is byte-stable
    for ext in ("txt", "md"):
        for p in (corpus_dir / "docs").glob(f"*.{ext}"):
            assert p.read_bytes() == (tmp_path / "docs" / p.name).read_bytes()


def test_api_returns_gold_paths_and_round_robin(corpus_dir):
    golds = _golds(corpus_dir)
    assert len(golds) == N
    formats = [g["source"]["format"] for g in golds.values()]
    assert formats == ["txt", "md", "docx", "pdf", "pdf"]
    assert [g["source"]["ocr"] for g in golds.values()] == [False, False, False, False, True]


def test_gold_matches_contract(corpus_dir):
    for name, g in _golds(corpus_dir).items():
        assert g["schema"] == "kehoach.plan/1"
        src = g["source"]
        assert (corpus_dir / "gold" / src["path"]).resolve().is_file(), name
        assert re.fullmatch(r"[0-9a-f]{64}", src["sha256"])
        doc = g["document"]
        for k in ("kind", "issuer", "title"):
            assert _clean(doc[k]), (name, k)
        for k in ("number", "place"):
            assert _opt_str(doc[k])
        assert _date(doc["date"])
        assert set(doc["signer"]) == {"name", "position", "authority"} and _clean(doc["signer"]["name"])
        assert doc["recipients"] and all(_clean(r) and not r.endswith((";", ",", ".")) for r in doc["recipients"])
        assert [s["id"] for s in g["sections"]] == ["I", "II", "III", "IV", "V"][: len(g["sections"])]
        n_cit = len(g["citations"])
        ids = [t["id"] for t in g["tasks"]]
        assert len(ids) == len(set(ids)), name
        for t in g["tasks"]:
            assert t["origin"] in ("item", "table", "prose") and _clean(t["text"])
            for role in ("lead", "advisors", "implementers", "coordinators"):
                assert all(_clean(u) and not u.endswith(".") for u in t[role]), (name, t["id"], role)
            tl = t["timeline"]
            assert set(tl) == {"text", "start", "end", "recurrence"}
            assert _opt_str(tl["text"]) and _date(tl["start"]) and _date(tl["end"])
            assert set(tl["recurrence"]) <= RECURRENCES
            if tl["start"] and tl["end"]:
                assert tl["start"] <= tl["end"], (name, t["id"], tl)
            assert all(0 <= i < n_cit for i in t["citations"])
        for tg in g["targets"]:
            assert _clean(tg["text"]) and (tg["value"] is None or isinstance(tg["value"], (int, float)))
        for c in g["citations"]:
            assert _clean(c["text"]) and _clean(c["kind"]) and _clean(c["key"])
            assert _opt_str(c["number"]) and _date(c["date"]) and _opt_str(c["issuer"]) and _opt_str(c["title"])


def test_gold_text_is_printed_in_txt(corpus_dir):
    """Correct by construction: every gold string is in the text file."""
    for name, g in _golds(corpus_dir).items():
        if g["source"]["format"] != "txt":
            continue
        text = " ".join((corpus_dir / "gold" / g["source"]["path"]).read_text(encoding="utf-8").split())
        for t in g["tasks"]:
            assert t["text"].rstrip("/.") in text, t["id"]
            if t["timeline"]["text"]:
                assert t["timeline"]["text"] in text
        for c in g["citations"]:
            assert c["text"] in text
        for r in g["document"]["recipients"]:
            assert r in text


def _number_norm(n: str) -> str:
    return re.sub(r"[-/]", "", n).upper()


def test_citation_keys_consistent():
    """Two spellings of one number share a key; different documents never do."""
    respelled = 0
    for i in range(40):
        g = plan_mod.build(random.Random(f"keys/{i}")).gold
        by_key: dict[str, set] = {}
        for c in g["citations"]:
            if c["number"]:
                by_key.setdefault(c["key"], set()).add(c["number"])
        for key, numbers in by_key.items():
            assert len({_number_norm(n) for n in numbers}) == 1, (key, numbers)
            respelled += len(numbers) > 1
        norm_to_key = {}
        for c in g["citations"]:
            if c["number"]:
                k = (c["kind"], _number_norm(c["number"]))
                assert norm_to_key.setdefault(k, c["key"]) == c["key"], (k, c["key"])
    assert respelled > 10  # "02-CT/UBND" and later "02/CT-UBND" happen often


def test_timelines_leap_years():
    from corpus.timeline import month_end
    assert month_end(2024, 2).isoformat() == "2024-02-29"
    assert month_end(2025, 2).isoformat() == "2025-02-28"


def test_docx_uses_automatic_numbering(corpus_dir, tmp_path):
    from docx import Document

    from corpus.render_docx import render_docx
    p = plan_mod.build(random.Random("docx/1"))
    path = tmp_path / "auto.docx"
    render_docx(p.blocks, random.Random(0), path, auto=True)
    paras = Document(str(path)).paragraphs
    numbered = [q for q in paras if q._p.pPr is not None and q._p.pPr.numPr is not None]
    assert len(numbered) >= 3
    for q in numbered:
        assert not re.match(r"^\s*(\(?\d+(\.\d+)*[.)-]?\)?|[a-dđ]\))\s", q.text), q.text
    texts = {q.text for q in numbered}
    items = [t["text"] for t in p.gold["tasks"] if t["origin"] == "item"]
    assert all(t in texts for t in items)
    # the generated docx files themselves are real Word documents with tables
    for d in (corpus_dir / "docs").glob("*.docx"):
        doc = Document(str(d))
        assert len(doc.tables) >= 2  # header + signature at least


def test_pdf_has_vietnamese_text_layer(corpus_dir):
    import pdfplumber
    for g in _golds(corpus_dir).values():
        if g["source"]["format"] != "pdf" or g["source"]["ocr"]:
            continue
        with pdfplumber.open(corpus_dir / "gold" / g["source"]["path"]) as pdf:
            assert len(pdf.pages) == g["source"]["pages"]
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        flat = " ".join(text.split())
        assert "Độc lập - Tự do - Hạnh phúc" in flat or "ĐẢNG CỘNG SẢN VIỆT NAM" in flat or "ĐOÀN TNCS" in flat
        assert g["document"]["signer"]["name"] in flat
        assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", flat)


def test_scan_is_image_only_with_png_pages(corpus_dir):
    import pdfplumber
    for name, g in _golds(corpus_dir).items():
        if not g["source"]["ocr"]:
            continue
        with pdfplumber.open(corpus_dir / "gold" / g["source"]["path"]) as pdf:
            assert len(pdf.pages) == g["source"]["pages"]
            assert all(not p.chars and p.images for p in pdf.pages)
        stem = Path(g["source"]["path"]).stem
        pngs = sorted((corpus_dir / "scans").glob(f"{stem}-p*.png"))
        assert len(pngs) == g["source"]["pages"]
