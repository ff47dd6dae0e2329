"""A decision issuing a plan, scanned: its task table's time cells, its reporting prose, its header
lines with OCR specks. One small case of the genre each, written for the rule."""
import docx
import pytest

from extractors.fields import column_role
from extractors.header import parse_header
from extractors.tasks import _bulleted_units, _prose_time
from extractors.timeline import parse_timeline
from extractors.units import split_units
from pipeline.extract import extract_file


@pytest.mark.parametrize("cell,start,end", [
    # a time column holding only years: the span, or the one year
    ("2025 - 2030", "2025-01-01", "2030-12-31"),
    ("2026–2028", "2026-01-01", "2028-12-31"),
    ("2027", "2027-01-01", "2027-12-31"),
    ("Năm 2026", "2026-01-01", "2026-12-31"),
])
def test_time_cell_of_bare_years(cell, start, end):
    t = parse_timeline(cell, plan_year=2025)
    assert (t.text, t.start, t.end) == (cell, start, end)


def test_period_column_is_the_time_column():
    # "Giai đoạn thực hiện" heads the time column of a plan's task table, not its implementers
    assert column_role("Giai đoạn\nthực hiện") == "timeline"
    assert column_role("Thời gian thực hiện") == "timeline"
    assert column_role("Đơn vị thực hiện") == "implementers"


@pytest.mark.parametrize("cell,units", [
    # bullets of a cell joined into one line: each bullet one unit, a collective kept whole
    ("- Các sở, ban, ngành - Ủy ban nhân dân cấp huyện", ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"]),
    # an OCR'd dash ("~") still parts them; a dash inside a ministry's name does not
    ("- Bộ Y tế ~ Bộ Lao động - Thương binh và Xã hội", ["Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội"]),
    ("Bộ Lao động - Thương binh và Xã hội", ["Bộ Lao động - Thương binh và Xã hội"]),
])
def test_bulleted_units_of_a_role_cell(cell, units):
    assert split_units(_bulleted_units(cell)) == units


PHU_LUC_HEADER = ["TT", "Nhiệm vụ, hoạt động cụ thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Giai đoạn thực hiện",
                  "Sản phẩm"]


@pytest.fixture(scope="module")
def appendix_tasks(tmp_path_factory):
    """A real .docx: a decision's plan whose appendix table numbers its groups "1.1" (the title merged over
    the unit and time columns), lists units as bullets, and repeats its header with a speck in it."""
    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 15/KH-UBND", "Hà Tĩnh, ngày 10 tháng 01 năm 2025",
                 "KẾ HOẠCH", "Phát triển kinh tế xanh giai đoạn 2025 - 2030", "I. MỤC ĐÍCH, YÊU CẦU",
                 "Bảo đảm thực hiện hiệu quả.", "II. NHIỆM VỤ"]:
        d.add_paragraph(line)
    rows = [PHU_LUC_HEADER,
            ["1.1", "Truyền thông về kinh tế xanh"] + [""] * 4,
            ["1.1.1", "Xây dựng tài liệu hướng dẫn", "- Sở Tài chính\n- Ủy ban nhân dân cấp huyện", "Sở Nội vụ",
             "2025 - 2027", "Tài liệu hướng dẫn"],
            ["TT", "Nhiệm vụ, - hoạt động cụ thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Giai đoạn thực hiện",
             "Sản phẩm"],
            ["1.1.2", "Tổ chức hội nghị chuyên đề", "Sở Công Thương", "Sở Nội vụ", "2026", "Hội nghị"]]
    table = d.add_table(rows=len(rows), cols=len(PHU_LUC_HEADER))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(1, 5))
    for line in ["III. TỔ CHỨC THỰC HIỆN", "Các sở, ngành triển khai thực hiện Kế hoạch này.", "CHỦ TỊCH",
                 "Nguyễn Văn A"]:
        d.add_paragraph(line)
    path = tmp_path_factory.mktemp("appendix") / "plan.docx"
    d.save(path)
    return extract_file(path).tasks


def test_header_read_again_with_a_speck_is_no_task(appendix_tasks):
    assert "Nhiệm vụ, - hoạt động cụ thể" not in [t.text for t in appendix_tasks]


def test_numbered_group_row_merged_over_the_units_is_no_task(appendix_tasks):
    assert "Truyền thông về kinh tế xanh" not in [t.text for t in appendix_tasks]


def test_period_cells_and_bulleted_leads_of_the_appendix(appendix_tasks):
    first, second = [t for t in appendix_tasks if t.origin == "table"]
    assert first.lead == ["Sở Tài chính", "Ủy ban nhân dân cấp huyện"]
    assert (first.timeline.start, first.timeline.end) == ("2025-01-01", "2027-12-31")
    assert (second.timeline.start, second.timeline.end) == ("2026-01-01", "2026-12-31")


def test_specks_of_a_scanned_header_are_neither_issuer_nor_title():
    # the rule under the issuer read as "—- ———D", a stamp over the title read as words of tripled letters
    preamble = ["BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-BNV",
                "Hà Nội, ngày 05 tháng 3 năm 2025", "—- ———D", "QUYẾT ĐỊNH", "4 ưnnnG", "Ban hành Kế hoạch cải cách",
                "ĐẾN Pttnneeeerr", "hành chính năm 2025 của Bộ"]
    doc = parse_header(preamble, [])
    assert doc.issuer == "Bộ Nội vụ"
    assert doc.title == "Ban hành Kế hoạch cải cách hành chính năm 2025 của Bộ"


@pytest.mark.parametrize("sentence,text,start,end,recurrence", [
    # "Chế độ báo cáo": a recurrence, then milestones in a row spanning first to last
    ("Sở Tài chính theo dõi, đôn đốc; định kỳ hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh; sơ kết vào năm 2027, "
     "tổng kết đánh giá kết quả thực hiện vào năm 2030.", "định kỳ hằng năm; vào năm 2027; vào năm 2030",
     "2027-01-01", "2030-12-31", ["annual"]),
    ("Sở Nội vụ xây dựng quy chế, hoàn thành vào quý IV/2025.", "vào quý IV/2025", "2025-10-01", "2025-12-31", []),
    # the year an aim is reached is no time of the work
    ("Hướng dẫn các xã triển khai lộ trình đạt mục tiêu 60% hộ dân dùng nước sạch vào năm 2030.", None, None, None,
     []),
])
def test_reporting_prose_milestones(sentence, text, start, end, recurrence):
    t = _prose_time(sentence, 2025)
    assert (t.text, t.start, t.end, t.recurrence) == (text, start, end, recurrence)


def test_appendix_page_whose_header_ocr_lost_borrows_the_columns_of_its_twin(tmp_path):
    # page 1 of the appendix: OCR merged its header into specks; page 2 (the same table continued) reads well
    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 15/KH-UBND", "Hà Tĩnh, ngày 10 tháng 01 năm 2025",
                 "KẾ HOẠCH", "Phát triển kinh tế xanh giai đoạn 2025 - 2030", "I. NHIỆM VỤ",
                 "Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục."]:
        d.add_paragraph(line)
    pages = [[["TT", "Nhi” Cơ quan _- — Cơquan", "Nhi” Cơ quan _- — Cơquan", "Nhi” Cơ quan _- — Cơquan",
               "Nhi” Cơ quan _- — Cơquan"],
              ["1.1", "Xây dựng tài liệu hướng dẫn", "Sở Tài chính", "Sở Nội vụ", "2025 - 2027"],
              ["1.2", "Tổ chức hội nghị chuyên đề", "Sở Công Thương", "Sở Nội vụ", "2026"]],
             [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Giai đoạn thực hiện"],
              ["1.3", "Tập huấn cán bộ", "Sở Nội vụ", "Sở Tài chính", "2025 - 2030"]]]
    for rows in pages:
        table = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        d.add_paragraph("")
    for line in ["II. TỔ CHỨC THỰC HIỆN", "Các sở, ngành triển khai thực hiện Kế hoạch này.", "CHỦ TỊCH",
                 "Nguyễn Văn A"]:
        d.add_paragraph(line)
    path = tmp_path / "plan.docx"
    d.save(path)
    tasks = {t.text: t for t in extract_file(path).tasks if t.origin == "table"}
    assert list(tasks) == ["Xây dựng tài liệu hướng dẫn", "Tổ chức hội nghị chuyên đề", "Tập huấn cán bộ"]
    assert tasks["Xây dựng tài liệu hướng dẫn"].lead == ["Sở Tài chính"]
    assert tasks["Tổ chức hội nghị chuyên đề"].timeline.end == "2026-12-31"


def test_a_programme_issued_with_a_resolution_is_read_after_its_signature(tmp_path):
    # the gazette's reprint: the resolution's articles and signature, then the programme it issues, its kind and
    # issuer and title joined on one line ("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ thực hiện …"); the part's
    # lead-in hands its lettered items to the units it names
    plan = tmp_path / "nq.txt"
    plan.write_text("""CHÍNH PHỦ
Số: 100/NQ-CP
Hà Nội, ngày 06 tháng 4 năm 2026
NGHỊ QUYẾT
Ban hành Chương trình hành động của Chính phủ
Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ.
Điều 2. Nghị quyết này có hiệu lực kể từ ngày ký ban hành.
Điều 3. Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Nghị quyết này./.

TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG

Bùi Thanh Sơn

CHÍNH PHỦ
CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ
thực hiện Chỉ thị số 49-CT/TW ngày 28 tháng 6 năm 2025 của Ban Bí thư
(Kèm theo Nghị quyết số 100/NQ-CP ngày 06 tháng 4 năm 2026 của Chính phủ)

I. NHIỆM VỤ CỤ THỂ
Nhằm đạt được mục tiêu của Chỉ thị, các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh cần tổ chức triển khai thực hiện các nhiệm vụ sau đây:
1. Tăng cường sự lãnh đạo của Đảng trong tình hình mới
a) Tổ chức tuyên truyền, phổ biến sâu rộng nội dung Chỉ thị số 49-CT/TW.
b) Đa dạng hóa nội dung, phương thức tuyên truyền.
II. TỔ CHỨC THỰC HIỆN
1. Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành theo dõi, đôn đốc việc triển khai Chương trình hành động.
""", encoding="utf-8")
    tasks = extract_file(plan).tasks
    assert [(t.id, t.lead) for t in tasks] == [
        ("I.1.a", ["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]),
        ("I.1.b", ["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]),
        ("II.1", ["Bộ Ngoại giao"])]


def test_a_funds_allocation_table_gives_each_unit_the_projects_listed_under_it(tmp_path):
    # a decision allocating funds (a crawled page, 2023): after the signature, an appendix whose one work column
    # is "Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện"; each group row names the unit that carries out
    # the projects under it; the total row is no work
    assert column_role("Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện") == "task"
    plan = tmp_path / "qd.md"
    plan.write_text("""| ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 518/QĐ-UBND | Bình Định, ngày 23 tháng 02 năm 2023 |

QUYẾT ĐỊNH

Về việc phân bổ kế hoạch vốn năm 2023

Điều 1. Phân bổ danh mục và kế hoạch vốn năm 2023 theo Phụ lục kèm theo.

Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở chịu trách nhiệm thi hành Quyết định này./.

| Nơi nhận: - Như Điều 2; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lâm Hải Giang |
|---|---|

PHỤ LỤC 01:

| STT | Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện | Kế hoạch vốn năm 2023 | Ghi chú |
|---|---|---|---|
|  | TỔNG SỐ | 50.000 |  |
| I | SỞ GIÁO DỤC VÀ ĐÀO TẠO | 7.500 |  |
| 1 | Trường THPT số 3 An Nhơn; HM: Nhà lớp học 02 tầng 06 phòng | 3.000 |  |
| 2 | Trường THPT số 2 An Nhơn; HM: Nhà hiệu bộ | 2.500 |  |
| II | THỊ XÃ HOÀI NHƠN | 5.000 |  |
| 1 | Trường THCS Tam Quan, HM: Nhà hiệu bộ | 700 |  |
""", encoding="utf-8")
    tasks = [t for t in extract_file(plan).tasks if t.origin == "table"]
    assert [(t.text, t.implementers) for t in tasks] == [
        ("Trường THPT số 3 An Nhơn; HM: Nhà lớp học 02 tầng 06 phòng", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]),
        ("Trường THPT số 2 An Nhơn; HM: Nhà hiệu bộ", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]),
        ("Trường THCS Tam Quan, HM: Nhà hiệu bộ", ["THỊ XÃ HOÀI NHƠN"])]


def test_a_gazette_regulation_keeps_its_own_number_and_its_duties_not_its_beneficiaries(tmp_path):
    # the gazette's reprint (2021): a double issue's running head ("Số 849 + 850"), its section title and the
    # issuing body printed over the letterhead are no part of the document; a deadline "chậm nhất đến hết ngày …"
    # is the task's; the workers the decision supports assign nothing
    plan = tmp_path / "qd.txt"
    plan.write_text("""CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021
3
VĂN BẢN QUY PHẠM PHÁP LUẬT
THỦ TƯỚNG CHÍNH PHỦ
THỦ TƯỚNG CHÍNH PHỦ
Số: 28/2021/QĐ-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 01 tháng 10 năm 2021
QUYẾT ĐỊNH
Quy định về việc thực hiện chính sách hỗ trợ người lao động
Điều 1. Đối tượng được hỗ trợ
1. Người lao động đang tham gia bảo hiểm thất nghiệp tại thời điểm ngày 30 tháng 9 năm 2021.
Điều 3. Trình tự, thủ tục hỗ trợ
1. Cơ quan bảo hiểm xã hội lập danh sách người lao động gửi người sử dụng lao động. Chậm nhất đến hết ngày 20 tháng 10 năm 2021.
3. Cơ quan bảo hiểm xã hội thực hiện chi trả hỗ trợ, chậm nhất đến ngày 10 tháng 11 năm 2021.
4. Người lao động ở thuê, ở trọ là những người cư trú tại cơ sở cho thuê.
5. Trong 02 ngày làm việc, kể từ ngày nhận được đề nghị, cơ quan bảo hiểm xã hội xác nhận việc tham gia bảo hiểm.
2. Người lao động đề nghị cơ quan bảo hiểm xã hội cấp tỉnh nơi có nhu cầu nhận hỗ trợ.
""", encoding="utf-8")
    record = extract_file(plan)
    assert (record.document.number, record.document.issuer) == ("28/2021/QĐ-TTg", "Thủ tướng Chính phủ")
    assert [(t.lead, t.timeline.end) for t in record.tasks] == [(["Cơ quan bảo hiểm xã hội"], "2021-10-20"),
                                                                 (["Cơ quan bảo hiểm xã hội"], "2021-11-10"),
                                                                 (["cơ quan bảo hiểm xã hội"], None)]


def test_units_qualified_by_what_the_decision_allocates_them_are_one_actor():
    from extractors.tasks.reading import _subject
    assert _subject("Các cơ quan, đơn vị, địa phương được phân bổ danh mục và kế hoạch vốn năm 2023 nêu tại Điều 1 "
                    "Quyết định này chịu trách nhiệm tổ chức thực hiện công tác chuẩn bị đầu tư.") == [
        "Các cơ quan, đơn vị, địa phương được phân bổ danh mục và kế hoạch vốn năm 2023 nêu tại Điều 1 Quyết định này"]
