"""Readers on real files built here: Word numbering, ruled PDF tables, scans, legacy encodings, bad input."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import ReadError
from pipeline.readers import docx as docx_reader
from pipeline.readers import legacy, pdf as pdf_reader, read

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _texts(source) -> list[str]:
    return [b.text for b in source.blocks if not b.is_table]


# ---------------------------------------------------------------- DOCX


def _numbering_xml(abstract_id: int, levels: list[tuple[str, str]]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def _numbered(doc, text: str, num_id: int, ilvl: int):
    from docx.oxml import parse_xml

    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def make_docx(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(_numbering_xml(90, [("upperRoman", "%1."), ("decimal", "%2."),
                                                      ("lowerLetter", "%3)")])))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    # a second list on the same definition that Word restarted at 5
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>'
        f'<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))

    title = doc.add_paragraph()
    title.add_run("KẾ HOẠCH THỰC HIỆN").bold = True
    _numbered(doc, "MỤC ĐÍCH, YÊU CẦU", 90, 0)
    _numbered(doc, "Mục đích", 90, 1)
    _numbered(doc, "Chủ trì: Sở Nội vụ", 90, 2)
    _numbered(doc, "Phối hợp: Sở Tài chính", 90, 2)
    _numbered(doc, "Yêu cầu", 90, 1)
    _numbered(doc, "Thời gian: quý I năm 2026", 90, 2)
    _numbered(doc, "NHIỆM VỤ", 90, 0)
    _numbered(doc, "Nhiệm vụ đầu tiên", 90, 1)
    _numbered(doc, "Nhiệm vụ đánh số lại", 91, 1)
    legacy_p = doc.add_paragraph()
    run = legacy_p.add_run("Thñ t\u00adíng ChÝnh phñ")  # TCVN3 bytes as a .VnTime run stores them
    run.font.name = ".VnTime"
    doc.add_page_break()
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát", "Sở Tư pháp"], ["2", "Kiểm tra", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical merge: one unit leads both rows
    table.cell(0, 0).merge(table.cell(0, 1))  # horizontal merge
    table.cell(0, 0).text = "Nội dung"
    doc.add_paragraph("Nơi nhận:")
    doc.save(str(path))
    return path


def test_docx_numbering_tables_pages(tmp_path):
    src = docx_reader.read(make_docx(tmp_path / "plan.docx"))
    texts = _texts(src)
    assert texts[:10] == [
        "KẾ HOẠCH THỰC HIỆN",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "a) Chủ trì: Sở Nội vụ",
        "b) Phối hợp: Sở Tài chính",
        "2. Yêu cầu",
        "a) Thời gian: quý I năm 2026",  # restarted when a higher level advanced
        "II. NHIỆM VỤ",
        "1. Nhiệm vụ đầu tiên",
        "5. Nhiệm vụ đánh số lại",  # lvlOverride/startOverride
    ]
    assert src.blocks[0].style == "bold"
    assert "Thủ tướng Chính phủ" in texts  # .VnTime run converted from TCVN3
    tables = [b for b in src.blocks if b.is_table]
    assert len(tables) == 1
    assert tables[0].rows == [["Nội dung", "Nội dung", "Chủ trì"],
                              ["1", "Rà soát", "Sở Tư pháp"],
                              ["2", "Kiểm tra", "Sở Tư pháp"]]
    # the table comes after the page break, between the paragraphs around it
    order = [b.text or "<table>" for b in src.blocks]
    assert order.index("<table>") == order.index("Nơi nhận:") - 1
    assert tables[0].page == 2 and src.pages == 2
    assert src.blocks[1].page == 1


def test_docx_real_task_table():
    path = Path(__file__).resolve().parents[2] / "shared/corpus/real/01_lamdong-kh-cchc-2026-2030.docx"
    if not path.exists():
        pytest.skip("shared corpus not present")
    src = docx_reader.read(path)
    big = max((b for b in src.blocks if b.is_table), key=lambda b: len(b.rows))
    assert len(big.rows) == 67 and len(big.rows[0]) == 7
    assert big.rows[0][1] == "Nhiệm vụ"
    header = src.blocks[0]
    assert header.is_table and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0][1]


def test_binary_junk_named_docx(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ReadError) as err:
        docx_reader.read(junk)
    assert "\n" not in str(err.value) and "junk.docx" in str(err.value)
    with pytest.raises(ReadError):
        read(junk)


# ---------------------------------------------------------------- PDF

HEADER = "UBND TỈNH LÂM ĐỒNG - Kế hoạch số 12/KH-UBND"
ROWS = [[str(i), f"Nhiệm vụ số {i} về cải cách hành chính", "Sở Nội vụ" if i % 2 else "Sở Tài chính"]
        for i in range(1, 25)]


def make_pdf(path: Path, encrypt=None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    cols = [60, 100, 400, 535]
    row_h = 22
    rows = [["STT", "Nhiệm vụ", "Chủ trì"]] + ROWS
    split = 14  # rows 0..13 on page 1, the rest continue on page 2

    def chrome(page_no: int):
        c.setFont("DejaVu", 9)
        c.drawCentredString(width / 2, height - 30, HEADER)
        c.drawCentredString(width / 2, 25, f"- {page_no} -")

    def grid(chunk, top):
        c.setFont("DejaVu", 10)
        y = top
        for row in chunk:
            for k, value in enumerate(row):
                c.drawString(cols[k] + 4, y - 15, value)
            y -= row_h
        for k in range(len(chunk) + 1):
            c.line(cols[0], top - k * row_h, cols[-1], top - k * row_h)
        for x in cols:
            c.line(x, top, x, top - len(chunk) * row_h)

    chrome(1)
    c.setFont("DejaVu", 12)
    c.drawString(60, height - 70, "ỦY BAN NHÂN DÂN")
    c.drawString(300, height - 70, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawString(60, height - 110, "Giao Sở Nội vụ chủ trì, phối hợp với các sở triển khai kế hoạch.")
    c.drawString(60, height - 130, "Chủ trì thực hiện: Sở Nội vụ; thời gian: quý I năm 2026.")
    grid(rows[:split], height - 160)
    c.showPage()
    chrome(2)
    grid(rows[split:], height - 60)
    c.setFont("DejaVu", 12)
    c.drawString(60, height - 60 - (len(rows) - split) * row_h - 30, "Nơi nhận: Như trên.")
    c.showPage()
    c.save()
    return path


def test_pdf_lines_tables_running_headers(tmp_path):
    src = pdf_reader.read(make_pdf(tmp_path / "plan.pdf"))
    assert src.format == "pdf" and src.pages == 2 and not src.ocr
    texts = _texts(src)
    assert not any("Kế hoạch số 12" in t for t in texts), "running header kept"
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts), "page number kept"
    # the two header columns share a baseline but are separate blocks
    assert "ỦY BAN NHÂN DÂN" in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    tables = [b for b in src.blocks if b.is_table]
    assert len(tables) == 1, "table broken over the page must be one block"
    assert tables[0].rows[0] == ["STT", "Nhiệm vụ", "Chủ trì"]
    assert tables[0].rows[1:] == ROWS
    assert tables[0].page == 1
    assert texts[-1] == "Nơi nhận: Như trên." and src.blocks[-1].page == 2
    assert all(b.bbox for b in src.blocks)


def test_pdf_bad_inputs(tmp_path):
    from reportlab.lib import pdfencrypt

    good = make_pdf(tmp_path / "good.pdf")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    with pytest.raises(ReadError) as err:
        pdf_reader.read(truncated)
    assert "\n" not in str(err.value)

    locked = make_pdf(tmp_path / "locked.pdf", encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    with pytest.raises(ReadError, match="encrypted PDF"):
        pdf_reader.read(locked)
    # owner-password only (empty user password) opens like any other PDF
    opened = pdf_reader.read(make_pdf(tmp_path / "owner.pdf", encrypt=pdfencrypt.StandardEncryption("", "owner")))
    assert any(b.is_table for b in opened.blocks)

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="empty"):
        read(empty)


def _image_only_pdf(tmp_path: Path, dpi: int = 200) -> tuple[Path, Path]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(make_pdf(tmp_path / "source.pdf")))
    image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    scan = tmp_path / "scan.pdf"
    image.save(scan, "PDF", resolution=dpi)
    png = tmp_path / "scan.png"
    image.save(png, dpi=(dpi, dpi))
    return scan, png


def test_ocr_page_limit(tmp_path, monkeypatch):
    scan, _ = _image_only_pdf(tmp_path, dpi=72)
    monkeypatch.setenv("KEHOACH_MAX_OCR_PAGES", "0")
    with pytest.raises(ReadError, match="KEHOACH_MAX_OCR_PAGES"):
        pdf_reader.read(scan)


@pytest.mark.slow
def test_image_only_pdf_and_png_are_ocred(tmp_path):
    from pipeline.readers import image

    scan, png = _image_only_pdf(tmp_path)
    src = pdf_reader.read(scan)
    assert src.ocr and src.pages == 1
    text = _squash(" ".join(b.text for b in src.blocks))
    assert "Chủ trì thực hiện: Sở Nội vụ" in text
    assert not re.search(r"-\s*1\s*-", text)  # the page number in the footer is dropped
    assert all(b.confidence is not None and b.bbox for b in src.blocks if b.text != "")
    # OCR boxes are in PDF points like the text layer: the header's left column starts near x=60
    left = next(b for b in src.blocks if b.text.startswith("ỦY BAN"))
    assert 40 < left.bbox[0] < 80

    img = image.read(png)
    assert img.format == "png" and img.ocr and img.pages == 1
    assert "Chủ trì" in _squash(" ".join(b.text for b in img.blocks))


# ---------------------------------------------------------------- legacy encodings

SENTENCE = "Thủ tướng Chính phủ chỉ đạo các bộ, ngành triển khai kế hoạch cải cách hành chính năm 2026 ở địa phương."


def _encode(text: str, table: str) -> bytes:
    from viparse.normalize.encodings import get_charmap

    reverse = {uni: legacy_seq for legacy_seq, uni in get_charmap(table).pairs}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(ch if ord(ch) < 0x80 else reverse[ch])
    return "".join(out).encode("latin-1")


@pytest.mark.parametrize("table", ["tcvn3", "vni"])
def test_legacy_bytes_decode(tmp_path, table):
    data = _encode(SENTENCE, table)
    assert data.decode("latin-1") != SENTENCE
    assert legacy.decode_legacy_bytes(data) == SENTENCE
    txt = tmp_path / f"{table}.txt"
    txt.write_bytes(data)
    assert read(txt).blocks[0].text == SENTENCE


def test_fix_legacy_text_leaves_good_text_alone():
    assert legacy.fix_legacy_text(SENTENCE) is None
    assert legacy.fix_legacy_text("Café, résumé and naïve façade in a French sentence") is None
    assert legacy.fix_legacy_text(_encode(SENTENCE, "tcvn3").decode("cp1252", errors="replace")) == SENTENCE


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_doc_through_libreoffice(tmp_path):
    made = make_docx(tmp_path / "plan.docx")
    out = tmp_path / "doc"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(out), str(made)],
                   check=True, capture_output=True, timeout=120)
    doc_path = out / "plan.doc"
    src = read(doc_path)
    assert src.format == "doc" and src.path == doc_path
    texts = _texts(src)
    assert "a) Chủ trì: Sở Nội vụ" in texts  # numbering survives the round trip
    assert "Thủ tướng Chính phủ" in texts
    table = next(b for b in src.blocks if b.is_table)
    assert table.rows[2] == ["2", "Kiểm tra", "Sở Tư pháp"]
