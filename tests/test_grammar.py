"""The shared Vietnamese grammar (extractors/grammar.py) over one table of tricky lines, and the
same lines read from a text file and from a real PDF: every path must cut paragraphs alike."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.grammar import (HEADER_NUMBER, MOTTO, PLACE_DATE, RECIPIENTS, authority_of, date_line_year, ends_inside_number,
                                heading_kind, home_province, is_roman, marker_of, number_follows, number_id,
                                number_joins_tight, number_text_key, opens_paragraph, province_code, split_number)
from pipeline.normalize import normalize
from pipeline.readers import read

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# (line, opens a paragraph, marker_of(line), authority_of(line), line it follows when wrapped or None)
# "before" is the end of the previous visual line when a wrap pushed `line` to a line start.
TRICKY = [
    ("IV/2025; hướng dẫn các đơn vị lập danh mục hồ sơ", False, None, None,
     "tổng hợp kết quả báo cáo UBND huyện trong quý"),
    ("15/12/2025. Các phòng chuyên môn tổng hợp kết quả", False, None, None,
     "hướng dẫn các đơn vị lập danh mục hồ sơ, báo cáo trước ngày"),
    ("2.000 người tham gia các lớp tập huấn của huyện", False, None, None,
     "phấn đấu đến hết năm 2025 tổ chức tập huấn cho khoảng"),
    ("30-KH/HU ngày 05/3/2025 của Ban Thường vụ Huyện ủy", False, None, None,
     "triển khai thực hiện có hiệu quả Kế hoạch số"),
    ("Số 30-KH/HU", True, None, None, None),
    ("Số: 12/KH-UBND", True, None, None, None),
    ("Chủ trì: Phòng Nội vụ huyện", True, None, None,
     "tổ chức kiểm tra việc thực hiện tại các cơ quan, đơn vị thuộc huyện"),
    ("Thời gian thực hiện: trong quý II/2025", True, None, None,
     "tổ chức kiểm tra việc thực hiện tại các cơ quan, đơn vị thuộc huyện"),
    ("Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024", True, None, None, None),
    ("Nơi nhận:", True, None, None, None),
    ("I. MỤC ĐÍCH, YÊU CẦU", True, ("roman", "I", "MỤC ĐÍCH, YÊU CẦU"), None, None),
    ("II PHÂN CÔNG TỔ CHỨC THỰC HIỆN", False, ("roman", "II", "PHÂN CÔNG TỔ CHỨC THỰC HIỆN"), None, None),
    ("PHẦN THỨ HAI: NHIỆM VỤ", True, ("part", "HAI", "NHIỆM VỤ"), None, None),
    ("1. Văn phòng: Chủ trì, phối hợp với Phòng Nội vụ", True, ("num.", "1", "Văn phòng: Chủ trì, phối hợp với Phòng Nội vụ"),
     None, None),
    ("1/ Nội dung tuyên truyền", True, ("num/", "1", "Nội dung tuyên truyền"), None, None),
    ("1.2. Yêu cầu", True, ("dotted1", "1.2", "Yêu cầu"), None, None),
    ("a) Tổ chức hội nghị", True, ("letter)", "a", "Tổ chức hội nghị"), None, None),
    ("(3) Kiểm tra, giám sát", True, ("paren", "3", "Kiểm tra, giám sát"), None, None),
    ("- Sở Nội vụ;", True, ("bullet-", "", "Sở Nội vụ;"), None, None),
    ("V/v triển khai công tác văn thư", True, None, None, None),
    ("I/2024 là quý đầu tiên", False, None, None, None),
    ("KT. CHỦ TỊCH", False, None, ("K/T", "CHỦ TỊCH"), None),
    ("K/T GIÁM ĐỐC", False, None, ("K/T", "GIÁM ĐỐC"), None),
    ("TM. BAN THƯỜNG VỤ", False, None, ("T/M", "BAN THƯỜNG VỤ"), None),
    # shaped like a lettered part ("B. NỘI DUNG"): the outline asks for the authority first
    ("Q. TRƯỞNG PHÒNG", False, ("part", "Q", "TRƯỞNG PHÒNG"), ("Q.", "TRƯỞNG PHÒNG"), None),
]


@pytest.mark.parametrize("line, opens, marker, authority, before", TRICKY, ids=[r[0][:24] for r in TRICKY])
def test_grammar_over_tricky_lines(line, opens, marker, authority, before):
    assert opens_paragraph(line) is opens
    assert marker_of(line) == marker
    assert authority_of(line) == authority
    assert bool(RECIPIENTS.match(line)) is line.startswith("Nơi nhận")


@pytest.mark.parametrize("a, b", [("02-CT/UBND", "02/CT-UBND"), ("02-CT/UBND", "2/CT-UBND"),
                                  ("Số: 02 - CT/UBND", "02/2024/CT-UBND"), ("30-KH/HU", "30/KH-HU")])
def test_number_identity(a, b):
    assert number_id(a) == number_id(b) is not None


def test_number_as_searchable_text():
    assert number_text_key("02-CT/UBND") == number_text_key("02/CT-UBND") == number_text_key("Số: 02 - CT/UBND") \
        == "02/ct/ubnd"
    assert number_text_key("45/QĐ-UBND") == "45/qd/ubnd" and number_text_key(None) == ""


def test_numbers_split_across_lines():
    assert split_number("25/2025/NĐ-CP") == ("25", "2025", ["NĐ", "CP"])
    assert number_id("02-CT/TU") != number_id("02-CT/UBND") and number_id("Kế hoạch") is None
    assert number_joins_tight("thực hiện Chỉ thị số 34-", "CT/TW, ngày 20/5/2024")
    assert number_joins_tight("Nghị định số 115/2018/NĐ-", "CP. Các cơ quan")
    assert not number_joins_tight("trong quý", "IV/2025; hướng dẫn")
    assert ends_inside_number("thực hiện Chỉ thị số") and ends_inside_number("Sở Tài chính, Sở Nội vụ,")
    assert not ends_inside_number("báo cáo trước ngày 15/12/2025.")
    assert number_follows("thực hiện Chỉ thị số", "33/CT-TTg; ...") and not number_follows("trong quý", "IV/2025")


def test_header_shapes():
    m = PLACE_DATE.search("Thạch Hà, ngày 05 tháng 3 năm 2025")
    assert m and (m.group(1), m.group(2), m.group(3), m.group(4)) == ("Thạch Hà", "05", "3", "2025")
    assert date_line_year("Hà Nội, ngày    tháng 10 năm 2023") == 2023 and date_line_year("ngày 5/3") is None
    assert HEADER_NUMBER.search("Số: 12/KH-UBND").group(1) == "12/KH-UBND"
    assert heading_kind("KẾ HOẠCH Thực hiện công tác") == ("Kế hoạch", "Thực hiện công tác")
    assert heading_kind("Kế hoạch thực hiện") is None  # a kind heading is printed in capitals
    flattened = "UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do - Hạnh phúc"
    assert [p.strip() for p in MOTTO.split(flattened)] == ["UBND TỈNH LÂM ĐỒNG", "", ""]
    assert is_roman("XIV") and not is_roman("IIII") and not is_roman("VX")
    assert province_code("UBND tỉnh Lâm Đồng") == province_code("Lâm Đồng") is not None
    assert home_province(None, None, "... tỉnh Lâm Đồng ... tỉnh Lâm Đồng ... tỉnh Gia Lai") == "Lâm Đồng"
    assert home_province("UBND tỉnh Gia Lai", "Lâm Đồng", "") == "UBND tỉnh Gia Lai"


# ---------------------------------------------------------------- the same lines through the readers

FILLER = ("Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động triển khai thực hiện các nội dung "
          "của kế hoạch này bảo đảm đúng tiến độ, chất lượng và hiệu quả, báo cáo kết quả về Ủy ban nhân dân huyện "
          "để tổng hợp theo quy định; trong quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời phản ánh để xem xét")


def _wrap(text: str, width: int = 92) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)


def _pad(end: str, width: int = 92) -> str:
    """A full-width visual line that ends with `end` (filler words before it)."""
    words = FILLER.split()
    head: list[str] = []
    while len(" ".join(head + [words[len(head)]] + [end])) <= width:
        head.append(words[len(head)])
    return " ".join(head + [end])


def _paragraphs(rows) -> list[list[str]]:
    """Filler paragraphs (so a text file's wrap width is clear) around one paragraph per row,
    each wrapped so that the tricky line starts the second visual line."""
    paras = [_wrap(FILLER) for _ in range(3)]
    for line, *_, before in rows:
        paras.append([_pad(before), line])
        paras.append(_wrap(FILLER))
    return paras


def _write_txt(path: Path, paras: list[list[str]]) -> Path:
    path.write_text("\n".join(line for p in paras for line in p) + "\n", encoding="utf-8")
    return path


def _write_pdf(path: Path, paras: list[list[str]]) -> Path:
    """Lines set as a word processor sets them: justified to the right margin but a paragraph's
    last line, which stops short. Every word is placed on its own, as in PDFs made from Word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    size, leading, left = 9.5, 13.0, 56.0
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width = max(pdfmetrics.stringWidth(line, "DejaVu", size) for p in paras for line in p) + 4
    y = A4[1] - 60
    c.setFont("DejaVu", size)
    for p in paras:
        for k, line in enumerate(p):
            if y < 60:
                c.showPage()
                c.setFont("DejaVu", size)
                y = A4[1] - 60
            words = line.split()
            last = k == len(p) - 1
            gap = pdfmetrics.stringWidth(" ", "DejaVu", size)
            if not last and len(words) > 1:
                gap = (width - sum(pdfmetrics.stringWidth(w, "DejaVu", size) for w in words)) / (len(words) - 1)
            x = left
            for w in words:
                c.drawString(x, y, w)
                x += pdfmetrics.stringWidth(w, "DejaVu", size) + gap
            y -= leading
    c.save()
    return path


def _lines(path: Path) -> list[str]:
    text = normalize(read(path))
    return [text.line_text(i) for i in range(len(text.lines))]


WRAPPED = [r for r in TRICKY if r[4]]


def test_text_and_pdf_cut_the_tricky_lines_alike(tmp_path):
    paras = _paragraphs(WRAPPED)
    txt = _lines(_write_txt(tmp_path / "plan.txt", paras))
    pdf = _lines(_write_pdf(tmp_path / "plan.pdf", paras))
    assert txt == pdf
    for line, opens, *_, before in WRAPPED:
        joined = f"{_pad(before)} {line}"
        assert (joined in txt) is (not opens), line
        assert (line in txt) is opens, line


PLAN = """ỦY BAN NHÂN DÂN
HUYỆN THẠCH HÀ
Số: 12/KH-UBND
Thạch Hà, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Thực hiện công tác văn thư, lưu trữ năm 2025
Căn cứ tình hình thực tế, UBND huyện ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng công tác văn thư, lưu trữ.
II. NHIỆM VỤ VÀ GIẢI PHÁP"""
TASK = ("1. Văn phòng: Chủ trì, phối hợp với Phòng Công chức, viên chức rà soát hồ sơ công việc của các cơ quan, "
        "đơn vị thuộc huyện; tổng hợp kết quả báo cáo UBND huyện trong quý IV/2025; hướng dẫn các đơn vị lập danh "
        "mục hồ sơ, báo cáo trước ngày 15/12/2025.")
TASK_LINES = ["1. Văn phòng: Chủ trì, phối hợp với Phòng Công chức, viên chức rà soát hồ sơ công việc của",
              "các cơ quan, đơn vị thuộc huyện; tổng hợp kết quả báo cáo UBND huyện trong quý",
              "IV/2025; hướng dẫn các đơn vị lập danh mục hồ sơ, báo cáo trước ngày",
              "15/12/2025."]
MORE = [f"{i + 2}. Các phòng chuyên môn tổ chức thực hiện nhiệm vụ được giao theo kế hoạch năm số {i}."
        for i in range(6)]


def _plan_paragraphs() -> list[list[str]]:
    return [[line] for line in PLAN.splitlines()] + [TASK_LINES] + [[m] for m in MORE]


def _task(path: Path):
    from pipeline.extract import extract_file

    task = {t.id: t for t in extract_file(path).tasks}["II.1"]
    return task.text, task.lead, task.coordinators, task.timeline.start, task.timeline.end


def test_a_plan_gives_the_same_task_as_text_word_and_pdf(tmp_path):
    """The wrap before "IV/2025" cut the task at "trong quý" in a PDF (and lost its deadline)."""
    import docx

    _write_txt(tmp_path / "plan.txt", _plan_paragraphs())
    _write_pdf(tmp_path / "plan.pdf", _plan_paragraphs())
    doc = docx.Document()
    for para in PLAN.splitlines() + [TASK] + MORE:
        doc.add_paragraph(para)
    doc.save(str(tmp_path / "plan.docx"))

    from_txt = _task(tmp_path / "plan.txt")
    assert "trong quý IV/2025" in from_txt[0] and "trước ngày 15/12/2025" in from_txt[0]
    assert from_txt[1:] == (["Văn phòng"], ["Phòng Công chức, viên chức"], "2025-10-01", "2025-12-31")
    assert _task(tmp_path / "plan.pdf") == from_txt
    assert _task(tmp_path / "plan.docx") == from_txt
