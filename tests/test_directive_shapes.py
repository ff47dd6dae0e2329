"""A Chỉ thị whose numbered paragraphs hand work to units, as crawled pages print it (hard-wrapped
Markdown, headings in bold broken after their number, decimal sub-headings "2.1." under a unit
heading). Each test below is one shape; the text is written for the test, not copied from a plan.
"""
from __future__ import annotations

from pipeline.extract import extract_file

HEADER = """**ỦY BAN NHÂN DÂN**
TỈNH HÒA BÌNH

Số: 07/CT-UBND

*Hòa Bình, ngày 03 tháng 4 năm 2025*

**CHỈ THỊ**

VỀ VIỆC TĂNG CƯỜNG PHỐI HỢP GIẢI QUYẾT THỦ TỤC CẤP PHÉP XÂY DỰNG

Thời gian qua, việc cấp phép xây dựng trên địa bàn tỉnh còn chậm. Chủ tịch UBND
tỉnh yêu cầu thủ trưởng các sở, ngành thực hiện các nội dung sau:

"""

FOOTER = """
Trên đây là Chỉ thị về tăng cường phối hợp giải quyết thủ tục cấp phép xây dựng, yêu cầu
các cơ quan nghiêm túc triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _tasks(tmp_path, body: str):
    path = tmp_path / "chithi.md"
    path.write_text(HEADER + body + FOOTER, encoding="utf-8")
    record = extract_file(path)
    return {t.id: t for t in record.tasks}


def test_bold_heading_broken_after_its_number_names_the_units_in_brackets(tmp_path):
    tasks = _tasks(tmp_path, """**I.
Trách nhiệm trong tiếp nhận hồ sơ**

**1.
Các cơ quan cấp phép (Sở Xây dựng, Ban Quản lý các Khu công nghiệp tỉnh):**

a) Tiếp nhận hồ sơ, kiểm tra tính hợp lệ và trả kết quả đúng hạn cho người dân.

b) Công khai quy trình, thời hạn giải quyết trên Cổng thông tin điện tử.
""")
    assert set(tasks) == {"I.1.a", "I.1.b"}
    assert tasks["I.1.a"].lead == ["Sở Xây dựng", "Ban Quản lý các Khu công nghiệp tỉnh"]
    assert tasks["I.1.b"].text.startswith("Công khai quy trình")


def test_decimal_sub_headings_under_a_unit_heading_pass_its_units_on(tmp_path):
    tasks = _tasks(tmp_path, """**I.
Trách nhiệm góp ý hồ sơ**

**1.
Các sở, ngành, địa phương**: Là các đơn vị được lấy ý kiến, chịu trách nhiệm về
các nội dung sau:

**1.1.
Trách nhiệm chung**

a) Đánh giá sự phù hợp của công trình với quy hoạch được duyệt.

b) Trả lời bằng văn bản, nêu rõ quan điểm thống nhất hay không thống nhất.

**1.2.
Trách nhiệm cụ thể**

Ngoài các trách nhiệm chung nêu trên, một số đơn vị còn góp ý các nội dung sau:

a) Thuế tỉnh Hòa Bình

- Xác định nghĩa vụ tài chính của chủ đầu tư.

Khi xác định nghĩa vụ tài chính, nêu rõ căn cứ pháp lý của từng khoản thu;

- Cho ý kiến về ưu đãi đầu tư của công trình.
""")
    assert set(tasks) == {"I.1.1.a", "I.1.1.b", "I.1.2.a.1", "I.1.2.a.2"}
    assert tasks["I.1.1.a"].lead == ["Các sở, ngành, địa phương"]
    assert tasks["I.1.1.b"].lead == ["Các sở, ngành, địa phương"]
    assert tasks["I.1.2.a.1"].lead == ["Thuế tỉnh Hòa Bình"]


def test_role_noun_heading_and_a_lead_in_sentence_hand_their_units_to_the_items(tmp_path):
    tasks = _tasks(tmp_path, """**II.
Trách nhiệm giải quyết thủ tục**

**1. **Sở Xây dựng, Sở Tài chính, Sở Nông nghiệp và Môi trường,
Ban Quản lý các Khu công nghiệp tỉnh, UBND cấp xã và các sở, ngành quản lý quy hoạch theo chức
năng, nhiệm vụ được giao có trách nhiệm công khai thông tin quy hoạch.

**2. **Cơ quan chủ trì giải quyết thủ tục cấp phép

a) Hướng dẫn người dân hoàn thiện hồ sơ ngay trong lần đầu tiếp nhận.

b) Chủ động phối hợp với các cơ quan liên quan để giải quyết đúng hạn.

**3.** Để nâng cao hiệu quả quản lý, các sở, ngành và UBND cấp xã theo chức năng,
nhiệm vụ triển khai thực hiện những nội dung sau:

a) Kiểm tra việc xây dựng theo giấy phép được cấp.

b) Định kỳ đánh giá tình hình cấp phép trên địa bàn.
""")
    assert set(tasks) == {"II.1", "II.2.a", "II.2.b", "II.3.a", "II.3.b"}
    assert tasks["II.1"].lead[:2] == ["Sở Xây dựng", "Sở Tài chính"] and "UBND cấp xã" in tasks["II.1"].lead
    assert tasks["II.2.a"].lead == ["Cơ quan chủ trì giải quyết thủ tục cấp phép"]
    assert tasks["II.3.b"].lead == ["các sở, ngành", "UBND cấp xã"]


def _paragraphs(tmp_path, text: str) -> list[str]:
    from pipeline.readers.text import read

    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return [b.text for b in read(path).blocks if b.text]


def test_a_first_line_that_recurs_is_no_running_header(tmp_path):
    units = ["Sở Y tế", "Sở Nội vụ", "Sở Tư pháp"]
    text = "".join(f"**{k + 1}. {u}**\n\nChủ trì triển khai các nhiệm vụ\ntại mục {k + 1} của Kế hoạch.\n\n"
                   for k, u in enumerate(units))
    paragraphs = _paragraphs(tmp_path, text)
    assert "Chủ trì triển khai các nhiệm vụ tại mục 2 của Kế hoạch." in paragraphs
    assert "2. Sở Nội vụ" in paragraphs


def test_long_blank_separated_paragraphs_run_on_across_a_capital(tmp_path):
    # paragraphs of four wrapped lines: blank lines are rare, yet every item has one before it
    item = ("{l}) Chủ trì tham mưu Chủ tịch\n"
            "UBND tỉnh về phát triển hạ tầng số theo chương trình, kế hoạch của Bộ Khoa học\n"
            "và Công nghệ, bảo đảm an toàn thông tin mạng trên địa bàn tỉnh trong toàn bộ\n"
            "giai đoạn thực hiện Kế hoạch.\n\n")
    paragraphs = _paragraphs(tmp_path, "".join(item.format(l=letter) for letter in "abcdeghiklmn"))
    assert len(paragraphs) == 12
    assert paragraphs[0].startswith("a) Chủ trì tham mưu Chủ tịch UBND tỉnh về phát triển")


def test_a_heading_that_lists_units_without_a_colon_hands_them_its_paragraph(tmp_path):
    tasks = _tasks(tmp_path, """**I.
Tổ chức thực hiện**

**1. Đài Phát thanh và Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn tỉnh**

Chủ trì, phối hợp với Sở Xây dựng tuyên truyền về thủ tục cấp phép xây dựng.

**2. Sở Xây dựng tỉnh, thành phố trực thuộc Trung ương**

Hướng dẫn chủ đầu tư lập hồ sơ cấp phép đúng quy định.
""")
    assert [t.lead for t in tasks.values()] == [
        ["Đài Phát thanh và Truyền hình tỉnh", "các cơ quan báo chí đóng trên địa bàn tỉnh"],
        ["Sở Xây dựng tỉnh, thành phố trực thuộc Trung ương"]]
