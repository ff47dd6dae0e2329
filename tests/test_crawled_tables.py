"""Tables of plans copied from web pages (crawled legal-text sites): every cell on lines of its own,
a line holding only "|" opening each row and closing each cell. Each text here is written for the test."""
from __future__ import annotations

from pipeline.extract import extract_file
from pipeline.readers import read

PAGE = """|
**ỦY BAN NHÂN DÂN**
**TỈNH AN GIANG**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 77/KH-UBND
|
*An Giang, ngày 03
tháng 3 năm 2025*
|

**KẾ HOẠCH**
Triển khai chuyển đổi số năm 2025

**I. MỤC ĐÍCH, YÊU CẦU**
Bảo đảm hoàn thành các nhiệm vụ chuyển đổi số năm 2025.

**II. NHIỆM VỤ**
Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.

|
Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
|
**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**
Lê Văn Hòa
|
**PHỤ LỤC**
DANH MỤC NHIỆM VỤ
|
**STT**
|
**Nội dung nhiệm vụ**
|
**Cơ quan chủ trì
thực hiện**
|
**Thời gian hoàn thành**
|
|
** **
|
**Nhóm nhiệm vụ về dữ liệu**
|
** **
|
** **
|
|
1.
|
Xây dựng cơ sở dữ liệu đất đai theo Nghị quyết số 71/NQ-CP, bảo đảm
kết nối với hệ thống của tỉnh
|
Sở Nông nghiệp và Môi trường
|
30/6/2025
|
|
2.
|
Số hóa hồ sơ địa chính theo Nghị quyết số 71/NQ-CP
|
Sở Nông nghiệp và Môi trường
|
|
|
3.
|
Cập nhật dữ liệu dân cư
|
Công an tỉnh
|
Quý III/2025
|
Văn phòng UBND tỉnh theo dõi, đôn đốc.
"""


def test_a_flattened_table_is_read_as_rows_and_the_layouts_around_it_are_not(tmp_path):
    path = tmp_path / "kh.md"
    path.write_text(PAGE, encoding="utf-8")
    tables = [b.rows for b in read(path).blocks if b.is_table]
    assert len(tables) == 1  # the motto beside the issuer and "Nơi nhận" beside the signer stay text
    rows = tables[0]
    assert rows[0] == ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì thực hiện", "Thời gian hoàn thành"]
    assert rows[1] == ["", "Nhóm nhiệm vụ về dữ liệu", "", ""]  # emphasised blanks are empty cells
    assert rows[3] == ["2.", "Số hóa hồ sơ địa chính theo Nghị quyết số 71/NQ-CP", "Sở Nông nghiệp và Môi trường", ""]
    assert len(rows) == 5  # the line after the last row is not a row


def test_a_flattened_table_gives_one_task_a_row_and_keeps_text_printed_twice(tmp_path):
    path = tmp_path / "kh.md"
    path.write_text(PAGE, encoding="utf-8")
    record = extract_file(path)
    assert (record.document.number, record.document.signer.name) == ("77/KH-UBND", "Lê Văn Hòa")
    table = [t for t in record.tasks if t.origin == "table"]
    assert [(t.text[:22], t.lead, t.timeline.text) for t in table] == [
        ("Xây dựng cơ sở dữ liệu", ["Sở Nông nghiệp và Môi trường"], "30/6/2025"),
        ("Số hóa hồ sơ địa chính", ["Sở Nông nghiệp và Môi trường"], None),
        ("Cập nhật dữ liệu dân c", ["Công an tỉnh"], "Quý III/2025")]
    # the same resolution in two rows is two mentions: a crawled table merges no cells
    assert sum(c.number == "71/NQ-CP" for c in record.citations) == 2


def test_a_report_column_and_the_assigning_document_column_are_no_role():
    from extractors.fields import column_role

    # "Kết quả thực hiện" reports what was done; "Văn bản giao nhiệm vụ" names where the task came from
    assert column_role("Kết quả thực hiện") is None or column_role("Kết quả thực hiện") == "note"
    assert column_role("Văn bản giao nhiệm vụ") != "task"
    assert column_role("Cơ quan chủ trì thực hiện") == "lead"
    assert column_role("Tên nhiệm vụ") == "task"


def test_a_lone_day_under_a_deadline_column_is_the_end_only(tmp_path):
    path = tmp_path / "kh.md"
    path.write_text(PAGE, encoding="utf-8")
    first = next(t for t in extract_file(path).tasks if t.origin == "table")
    assert (first.timeline.start, first.timeline.end) == (None, "2025-06-30")  # due on 30/6, like "trước ngày"


# A crawled table whose merged cells are printed once: the group row has two cells, a row under a merged
# last column one cell fewer, and the second row of a merged STT has no number and no merged cells.
RAGGED = """**KẾ HOẠCH**
Số hóa hồ sơ năm 2026

**PHỤ LỤC**
|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
|
**Nguồn kinh phí**
|
|
**I**
|
**Nhóm nhiệm vụ về dữ liệu**
|
|
1
|
Số hóa hồ sơ lưu trữ của các phòng chuyên môn.
|
Sở Nội vụ
|
Các sở, ngành
|
Quý II/2026
|
Ngân sách tỉnh
|
|
Cập nhật hồ sơ đã số hóa lên kho dữ liệu dùng chung.
|
Văn phòng UBND tỉnh
|
|
2
|
Đồng bộ dữ liệu dân cư với kho dữ liệu của tỉnh.
|
Công an tỉnh
|
Sở Khoa học và Công nghệ
|
Quý IV/2026
|
|
** II**
|
**Nhóm nhiệm vụ về đào tạo**
|
|
1
|
Tập huấn kỹ năng số cho công chức.
|
Sở Nội vụ
|
Các sở, ngành
|
Hằng năm
|
|
|
"""


def test_a_crawled_table_with_ragged_rows_is_read_by_its_row_numbers(tmp_path):
    path = tmp_path / "kh.md"
    path.write_text(RAGGED, encoding="utf-8")
    rows = next(b.rows for b in read(path).blocks if b.is_table)
    assert rows[1] == ["I", "Nhóm nhiệm vụ về dữ liệu", "", "", "", ""]  # a group row: number and title
    # the second row of the merged "1" takes the number and the merged cells from the row above
    assert rows[3] == ["1", "Cập nhật hồ sơ đã số hóa lên kho dữ liệu dùng chung.", "Văn phòng UBND tỉnh",
                       "Các sở, ngành", "Quý II/2026", "Ngân sách tỉnh"]
    assert rows[4][:5] == ["2", "Đồng bộ dữ liệu dân cư với kho dữ liệu của tỉnh.", "Công an tỉnh",
                           "Sở Khoa học và Công nghệ", "Quý IV/2026"]
    assert rows[5][0] == "II"  # "** II**": the number without the stray emphasis mark
    assert rows[6] == ["1", "Tập huấn kỹ năng số cho công chức.", "Sở Nội vụ", "Các sở, ngành", "Hằng năm", ""]
    assert len(rows) == 7
    table = [t for t in extract_file(path).tasks if t.origin == "table"]
    assert [(t.id, t.lead, t.coordinators, t.timeline.text) for t in table] == [
        ("I.1", ["Sở Nội vụ"], ["Các sở, ngành"], "Quý II/2026"),
        ("I.1", ["Văn phòng UBND tỉnh"], ["Các sở, ngành"], "Quý II/2026"),
        ("I.2", ["Công an tỉnh"], ["Sở Khoa học và Công nghệ"], "Quý IV/2026"),
        ("II.1", ["Sở Nội vụ"], ["Các sở, ngành"], "Hằng năm")]


def test_two_rows_a_crawled_page_stacked_in_one_are_two_rows(tmp_path):
    # the second of two rows under one STT printed inside the first row's cells, a paragraph each
    stacked = RAGGED.replace("""Tập huấn kỹ năng số cho công chức.
|
Sở Nội vụ
|
Các sở, ngành
|""", """Tập huấn kỹ năng số cho công chức.
Bồi dưỡng kỹ năng số cho giáo viên.
|
Sở Nội vụ
Sở Giáo dục và Đào tạo
|
Các sở, ngành
Sở Nội vụ
|""")
    path = tmp_path / "kh.md"
    path.write_text(stacked, encoding="utf-8")
    rows = next(b.rows for b in read(path).blocks if b.is_table)
    assert rows[6:] == [["1", "Tập huấn kỹ năng số cho công chức.", "Sở Nội vụ", "Các sở, ngành", "Hằng năm", ""],
                        ["1", "Bồi dưỡng kỹ năng số cho giáo viên.", "Sở Giáo dục và Đào tạo", "Sở Nội vụ",
                         "Hằng năm", ""]]
    table = [t for t in extract_file(path).tasks if t.origin == "table"]
    assert [(t.id, t.lead, t.timeline.text) for t in table][-2:] == [
        ("II.1", ["Sở Nội vụ"], "Hằng năm"), ("II.1", ["Sở Giáo dục và Đào tạo"], "Hằng năm")]


def test_a_gazette_task_table_wrapped_without_its_layout_is_read_row_by_row(tmp_path):
    # the official gazette's text of a PDF table: the header's titles, then each row's number and its cells,
    # each wrapped in its narrow column; the page's running head, number and footnotes fall between rows
    plan = tmp_path / "gazette.txt"
    plan.write_text("\n".join([
        "NGHỊ QUYẾT", "Ban hành danh mục nhiệm vụ bổ sung", "", "Phụ lục",
        "TT ", "Tên nhiệm vụ ", "Cơ quan  ", "chủ trì  ", "Cơ quan  ", "phối hợp  ", "Kết quả ", "Thời gian ",
        "hoàn thành ", "Căn cứ  ", "bổ sung ", "I ", "Hoàn thiện thể chế",
        "1  ", "Thực hiện nghiêm quy định các bộ, cơ ", "quan ngang bộ cơ cấu ít nhất một lãnh ",
        "đạo có chuyên môn pháp luật ", "Các bộ,          ", "cơ quan ngang bộ ", "Bộ Nội vụ ", "Báo cáo  ",
        "hằng năm ", "2026 và ", "hằng năm ", "Nghị quyết ", "số 66-", "NQ/TW1 ",
        " ", "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành "
        "pháp luật.", "", "CÔNG BÁO/Số 238/Ngày 21-04-2026 ", "95", " ",
        "TT ", "Tên nhiệm vụ ", "Cơ quan  ", "chủ trì  ", "Cơ quan  ", "phối hợp  ", "Kết quả ", "Thời gian ",
        "hoàn thành ", "Căn cứ  ", "bổ sung ",
        "II ", "Thể chế hóa các nghị quyết của Bộ Chính trị",
        "1  Tiếp tục thể chế hóa đầy đủ, kịp thời các chủ ", "trương phát triển giáo dục theo Nghị quyết ",
        "số 71-NQ/TW của ", "Bộ Chính trị ", "Bộ Giáo dục và ", "Đào tạo ", "Các bộ, cơ ", "quan ngang bộ ",
        "Báo cáo chuyên ", "đề được trình ", "Kỳ họp thứ nhất ", "Quốc hội khóa ", "XVI ", "Chương ", "trình số 12-",
        "CTr/BCĐ "]) + "\n",
        encoding="utf-8")
    tasks = extract_file(plan).to_dict()["tasks"]
    assert [(t["text"], t["lead"], t["coordinators"], t["timeline"]["text"]) for t in tasks] == [
        ("Thực hiện nghiêm quy định các bộ, cơ quan ngang bộ cơ cấu ít nhất một lãnh đạo có chuyên môn pháp luật",
         ["Các bộ, cơ quan ngang bộ"], ["Bộ Nội vụ"], "2026 và hằng năm"),
        ("Tiếp tục thể chế hóa đầy đủ, kịp thời các chủ trương phát triển giáo dục theo Nghị quyết số 71-NQ/TW của "
         "Bộ Chính trị", ["Bộ Giáo dục và Đào tạo"], ["Các bộ, cơ quan ngang bộ"], "Kỳ họp thứ nhất Quốc hội khóa XVI")]
    # the group "II" alone over its title numbers its rows again; "XVI" in a cell is no group


def test_a_gazette_table_cut_into_words_keeps_each_cell_whole(tmp_path):
    # a narrower layout of the same tables: the header's titles split word by word, the units cell one word
    # a line ("Các" / "Bộ," / "ngành, …"), a span cut at its dash ("Năm" / "2026 –" / "2030") and a time
    # that opens with its verb ("Thực hiện thường xuyên, …")
    plan = tmp_path / "gazette.txt"
    plan.write_text("\n".join([
        "NGHỊ QUYẾT", "Ban hành Chương trình hành động", "", "PHỤ LỤC",
        "TT ", "Tên nhiệm vụ ", "Cơ quan ", "chủ trì ", "Cơ ", "quan ", "phối hợp ", "Kết quả/Đánh giá ", "Thời ",
        "hạn ", "hoàn thành ", "I. ", "Tăng cường công tác tuyên truyền ",
        "1. ", "Tổ chức tuyên truyền, phổ biến, quán triệt thường ", "xuyên, sâu rộng về nội dung Chỉ thị số 49-CT/TW ",
        "và các chủ trương của Đảng về công tác này. ", "Bộ Ngoại ", "giao ", "Các ", "Bộ, ", "ngành, ", "địa ",
        "phương ", "Hội nghị, tập huấn, ", "báo cáo. ", "Thực ", "hiện ", "thường ", "xuyên, lồng ", "ghép ",
        "2. ", "Nghiên cứu, đề xuất xây dựng văn bản quy phạm pháp ", "luật điều chỉnh tổng thể hoạt động các tổ ",
        "chức trong nước và nước ngoài có liên quan. ", "Bộ Nội vụ ", "Bộ Tư pháp ", "Văn bản quy ", "phạm ",
        "pháp luật ", "Năm ", "2026 – ", "2030 "]) + "\n", encoding="utf-8")
    tasks = extract_file(plan).to_dict()["tasks"]
    assert [(t["lead"], t["coordinators"], t["timeline"]["text"]) for t in tasks] == [
        (["Bộ Ngoại giao"], ["Các Bộ, ngành, địa phương"], "Thực hiện thường xuyên, lồng ghép"),
        (["Bộ Nội vụ"], ["Bộ Tư pháp"], "Năm 2026 – 2030")]
    assert tasks[0]["timeline"]["recurrence"] == ["continuous"]
    assert (tasks[1]["timeline"]["start"], tasks[1]["timeline"]["end"]) == ("2026-01-01", "2030-12-31")


def test_a_table_whose_body_lost_its_pipes_is_read_a_cell_a_line(tmp_path):
    # a converted PDF: the header row kept its pipes, a title the page's width pushed out stands under the rule,
    # then each row is its number and its cells, one a line; a number over one line is a group's title
    plan = tmp_path / "qd.txt"
    plan.write_text("\n".join([
        "QUYẾT ĐỊNH", "Ban hành Kế hoạch triển khai Nghị định", "", "PHỤ LỤC",
        "| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp |", "| --- | --- | --- | --- |",
        "Thời gian thực hiện", "1", "Tổ chức tuyên truyền, phổ biến Nghị định", "a)",
        "Tổ chức Hội nghị phổ biến, triển khai Nghị định đến các cơ quan, tổ chức",
        "Cục Lâm nghiệp và Kiểm lâm", "Vụ Pháp chế; các cơ quan, đơn vị có liên quan", "Quý III, IV/2026",
        "3", "Đàm phán, ký kết Thỏa thuận, Hợp đồng chuyển nhượng kết quả giảm phát thải",
        "Sở Nông nghiệp và Môi trường các tỉnh", "Vụ Hợp tác quốc tế", "Thường xuyên"]) + "\n", encoding="utf-8")
    tasks = extract_file(plan).to_dict()["tasks"]
    assert [(t["lead"], t["coordinators"], t["timeline"]["text"]) for t in tasks] == [
        (["Cục Lâm nghiệp và Kiểm lâm"], ["Vụ Pháp chế", "các cơ quan, đơn vị có liên quan"], "Quý III, IV/2026"),
        (["Sở Nông nghiệp và Môi trường các tỉnh"], ["Vụ Hợp tác quốc tế"], "Thường xuyên")]


def test_the_text_after_a_table_a_cell_a_line_is_not_its_last_row(tmp_path):
    plan = tmp_path / "qd.txt"
    plan.write_text("\n".join([
        "QUYẾT ĐỊNH", "Ban hành Kế hoạch", "", "PHỤ LỤC",
        "| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |", "| --- | --- | --- | --- | --- |",
        "1", "Tổ chức Hội nghị phổ biến Nghị định", "Cục Lâm nghiệp", "Vụ Pháp chế", "Quý III/2026",
        "2", "Xây dựng Thông tư hướng dẫn", "Cục Kiểm lâm", "Vụ Pháp chế", "Quý IV/2026",
        "Các cơ quan, đơn vị được giao nhiệm vụ chủ trì khẩn trương triển khai thực hiện.",
        "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo Bộ để xem xét.",
        "Kế hoạch này có hiệu lực từ ngày ký."]) + "\n", encoding="utf-8")
    tasks = extract_file(plan).to_dict()["tasks"]
    table = [t for t in tasks if t["origin"] == "table"]
    assert [t["text"] for t in table] == ["Tổ chức Hội nghị phổ biến Nghị định", "Xây dựng Thông tư hướng dẫn"]
