"""pdfium's reading of text PDFs against pdfplumber's, the reference: same records.

Every PDF with a real text layer in the test data and the corpora is extracted twice,
once with KEHOACH_PDF_READER=pdfplumber (every page through pdfplumber, as before
pdfium read text) and once as shipped (pdfium wherever pdf_chars.py accepts a page).
Scans (no text layer) are left out: OCR does not depend on the reader.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_file
from pipeline.readers import pdf_chars

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "tests" / "data", ROOT / "corpus" / "holdout", ROOT / "corpus" / "samples",
           ROOT.parent / "shared" / "corpus" / "real"]


def _has_text_layer(path: Path) -> bool:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [doc[i] for i in range(len(doc))]
        return all(page.get_textpage().count_chars() > 100 for page in pages)
    finally:
        doc.close()


TEXT_PDFS = sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.rglob("*.pdf") if _has_text_layer(p))


def _record(path: Path, monkeypatch, reader: str) -> dict:
    monkeypatch.setenv("KEHOACH_PDF_READER", reader)
    record = extract_file(path).to_dict()
    record["source"].pop("path", None)
    return record


def test_there_are_text_pdfs_to_compare():
    names = {p.name for p in TEXT_PDFS}
    assert len(TEXT_PDFS) >= 8 and "hf_01.pdf" in names


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# A long PDF reads the same pages' shapes as the short ones, only more of them: it runs in the
# full suite, the quick loop compares the short ones (tables, columns, headers are among them)
LONG_PDF_PAGES = 6  # 12_bnv (8 pages) is alone above: a third of this file's time


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.slow) if _pages(p) > LONG_PDF_PAGES else p
                                  for p in TEXT_PDFS], ids=lambda p: p.name)
def test_pdfium_reader_gives_pdfplumber_records(path, monkeypatch):
    reference = _record(path, monkeypatch, "pdfplumber")
    before = pdf_chars.pages_read
    fast = _record(path, monkeypatch, "auto")
    assert fast == reference
    if path.name.startswith(("hf_01", "12_", "hj_01")):  # plain text pages: pdfium must have read them
        assert pdf_chars.pages_read > before


def test_table_pages_go_to_pdfplumber():
    import pdfplumber
    import pypdfium2 as pdfium

    sample = ROOT / "corpus" / "samples" / "docs" / "s1_0013_pdf.pdf"  # task table on pages 2-3
    doc = pdfium.PdfDocument(str(sample))
    with pdfplumber.open(str(sample)) as plumber:
        fonts = pdf_chars.FontTable(plumber)
        try:
            assert pdf_chars.page_words(doc[0], fonts.for_page(plumber.pages[0].page_obj))
            assert pdf_chars.page_words(doc[1], fonts.for_page(plumber.pages[1].page_obj)) is None
            assert "table" in pdf_chars.last_refusal
        finally:
            doc.close()
