"""Records from real DOCX and PDF files built in the test (python-docx with Word's automatic
numbering and a task table; reportlab with a Vietnamese font and a table broken over a page)."""
from test_readers import ROWS, make_docx, make_pdf

from pipeline import extract


def test_docx_record_numbering_fields_and_task_table(tmp_path):
    rec = extract(make_docx(tmp_path / "plan.docx"))
    assert rec.source.format == "docx" and rec.source.pages == 2
    assert [s.id for s in rec.sections] == ["I", "II"]  # Word drew "I." and "II.": not in the text itself
    tasks = {t.id: t for t in rec.tasks}
    # "1. Mục đích" carries the field lines "a) Chủ trì: ..." and "b) Phối hợp: ..."
    assert tasks["I.1"].lead == ["Sở Nội vụ"] and tasks["I.1"].coordinators == ["Sở Tài chính"]
    assert (tasks["I.2"].timeline.start, tasks["I.2"].timeline.end) == ("2026-01-01", "2026-03-31")
    table_tasks = [t for t in rec.tasks if t.origin == "table"]
    assert [(t.id, t.text, t.lead) for t in table_tasks] == [
        ("II.1", "Rà soát", ["Sở Tư pháp"]),
        ("II.2", "Kiểm tra", ["Sở Tư pháp"]),  # vertically merged lead cell
    ]
    assert all(t.span.page == 2 for t in table_tasks)


def test_pdf_record_task_table_across_pages(tmp_path):
    rec = extract(make_pdf(tmp_path / "plan.pdf"))
    assert rec.source.format == "pdf" and rec.source.pages == 2 and not rec.source.ocr
    table_tasks = [t for t in rec.tasks if t.origin == "table"]
    assert [t.text for t in table_tasks] == [r[1] for r in ROWS]  # one table, both pages
    assert [t.lead for t in table_tasks] == [[r[2]] for r in ROWS]
    assert table_tasks[0].span.page == 1 and table_tasks[-1].span.page == 2
    assert not any("Kế hoạch số 12" in t.text for t in rec.tasks)  # running header dropped


def test_task_table_with_a_two_row_header(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("""KẾ HOẠCH
Thực hiện nhiệm vụ năm 2024

I. NHIỆM VỤ

| TT | Nội dung | Cơ quan thực hiện | Cơ quan thực hiện | Thời gian |
|---|---|---|---|---|
| TT | Nội dung | Chủ trì | Phối hợp | Thời gian |
| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Sở Nội vụ, Văn phòng UBND tỉnh | Quý I/2024 |
| 2 | Kiểm tra công vụ | Sở Nội vụ | Thanh tra tỉnh | Tháng 6/2024 |
""", encoding="utf-8")
    tasks = extract(path).tasks
    assert [(t.id, t.lead, t.coordinators, t.timeline.end) for t in tasks] == [
        ("I.1", ["Sở Tư pháp"], ["Sở Nội vụ", "Văn phòng UBND tỉnh"], "2024-03-31"),
        ("I.2", ["Sở Nội vụ"], ["Thanh tra tỉnh"], "2024-06-30"),
    ]


def test_targets_after_a_plain_chi_tieu_line(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nThực hiện năm 2024\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục tiêu\n"
                    "Nâng cao chất lượng phục vụ người dân.\nChỉ tiêu cụ thể:\n"
                    "- 100% thủ tục hành chính được công khai.\n- Tổ chức 03 lớp tập huấn.\n"
                    "2. Yêu cầu\n- Triển khai nghiêm túc.\n", encoding="utf-8")
    targets = extract(path).targets
    assert [(t.id, t.value, t.unit) for t in targets] == [("I.1.1", 100, "%"), ("I.1.2", 3, "lớp tập huấn")]
