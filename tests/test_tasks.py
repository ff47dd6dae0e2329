"""Ways plans write who does what, each in a small plan run through `extract_file`.

Each shape below was met in plans labelled by someone other than the author of the
rules (tests/data/independent): responsibility written into an item's own sentence,
items titled by a unit, headings that address units, recurrences in running text,
a responsibility line under an item, and text copied out of a PDF.
"""
from __future__ import annotations

import pytest

from pipeline.extract import extract_file

HEADER = """ỦY BAN NHÂN DÂN
HUYỆN THẠCH HÀ
Số: 12/KH-UBND
Thạch Hà, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác văn thư, lưu trữ năm 2025

{preamble}

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng công tác văn thư, lưu trữ.

II. NHIỆM VỤ VÀ GIẢI PHÁP

"""


def _tasks(tmp_path, body: str, preamble: str = "Căn cứ tình hình thực tế, UBND huyện ban hành Kế hoạch như sau:"):
    path = tmp_path / "plan.txt"
    path.write_text(HEADER.format(preamble=preamble) + body, encoding="utf-8")
    record = extract_file(path)
    return record, {t.id: t for t in record.tasks}


def _plan_tasks(tmp_path, text: str) -> list[dict]:
    """The task records of a whole plan written as given (no HEADER around it)."""
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).to_dict()["tasks"]


def test_responsibility_inside_an_item_sentence(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Tổ chức hội nghị quán triệt các văn bản mới. Phòng Nội vụ chủ trì, phối hợp với "
                                "Văn phòng HĐND và UBND huyện tham mưu tổ chức hội nghị; thời gian: trong quý II/2025.\n")
    t = tasks["II.1"]
    assert t.lead == ["Phòng Nội vụ"] and t.coordinators == ["Văn phòng HĐND và UBND huyện"]
    assert (t.timeline.start, t.timeline.end) == ("2025-04-01", "2025-06-30")


def test_item_titled_by_a_unit_gives_the_lead_and_keeps_the_rest_as_text(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Phòng Văn hóa và Thông tin: Hướng dẫn các cơ quan bảo đảm an toàn thông tin; "
                                "thời gian thực hiện: thường xuyên.\n\n"
                                "2. Phòng Tài chính - Kế hoạch: Chủ trì, phối hợp với Phòng Nội vụ thẩm định kinh phí, "
                                "hoàn thành trước ngày 30/4/2025.\n")
    assert tasks["II.1"].lead == ["Phòng Văn hóa và Thông tin"]
    assert tasks["II.1"].text.startswith("Hướng dẫn")
    assert tasks["II.1"].timeline.recurrence == ["continuous"]
    assert tasks["II.2"].lead == ["Phòng Tài chính - Kế hoạch"] and tasks["II.2"].coordinators == ["Phòng Nội vụ"]
    assert tasks["II.2"].timeline.text == "trước ngày 30/4/2025" and tasks["II.2"].timeline.end == "2025-04-30"


def test_heading_that_addresses_units_hands_them_its_sub_items(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, thị trấn theo "
                                "chức năng, nhiệm vụ được giao:\n"
                                "a) Quán triệt, triển khai nghiêm túc Kế hoạch này.\n"
                                "b) Tăng cường kiểm tra việc lập hồ sơ công việc.\n\n"
                                "2. Văn phòng HĐND và UBND huyện (cơ quan thường trực):\n"
                                "- Chủ trì, phối hợp với Phòng Nội vụ kiểm tra việc thực hiện.\n"
                                "- Tổng hợp kết quả, báo cáo UBND huyện định kỳ 6 tháng, năm.\n")
    for tid in ("II.1.a", "II.1.b"):
        assert tasks[tid].lead == ["Thủ trưởng các cơ quan, đơn vị", "Chủ tịch UBND các xã, thị trấn"], tid
    assert "II.1" not in tasks  # the heading itself assigns nothing
    assert tasks["II.2.1"].lead == tasks["II.2.2"].lead == ["Văn phòng HĐND và UBND huyện"]
    assert tasks["II.2.1"].coordinators == ["Phòng Nội vụ"]


@pytest.mark.parametrize("sentence,phrase,recurrence", [
    ("Văn phòng: Tổng hợp kết quả, báo cáo UBND huyện định kỳ 6 tháng, năm.", "định kỳ 6 tháng, năm",
     ["semiannual", "annual"]),
    ("Văn phòng: Theo dõi việc thực hiện; hằng quý báo cáo kết quả.", "hằng quý", ["quarterly"]),
    ("Văn phòng: Tổ chức kiểm tra từ ngày 15/01/2025 đến ngày 15/3/2025.", "từ ngày 15/01/2025 đến ngày 15/3/2025",
     []),
    ("Văn phòng: Thường xuyên kiểm tra việc lập hồ sơ công việc.", "Thường xuyên", ["continuous"]),
])
def test_time_phrase_of_running_text(tmp_path, sentence, phrase, recurrence):
    _, tasks = _tasks(tmp_path, "1. " + sentence + "\n")
    assert tasks["II.1"].timeline.text == phrase and tasks["II.1"].timeline.recurrence == recurrence


def test_responsibility_on_the_line_under_an_item(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Rà soát, chỉnh lý tài liệu tồn đọng.\n"
                                "Phòng Nội vụ chủ trì, phối hợp với Trung tâm Văn hóa huyện thực hiện; thời gian: "
                                "quý III/2025.\n\n"
                                "2. Số hóa tài liệu lưu trữ.\n")
    assert tasks["II.1"].lead == ["Phòng Nội vụ"] and tasks["II.1"].coordinators == ["Trung tâm Văn hóa huyện"]
    assert not [tid for tid in tasks if tid.startswith("II.1.")]  # not a second task of its own


def test_a_verb_inside_a_unit_name_does_not_end_it(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Giám đốc Trung tâm Trợ giúp pháp lý nhà nước chỉ đạo việc lập hồ sơ.\n\n"
                                "2. Tổ giúp việc Ban Chỉ đạo tham mưu tổng hợp kết quả.\n")
    assert tasks["II.1"].lead == ["Giám đốc Trung tâm Trợ giúp pháp lý nhà nước"]
    assert tasks["II.2"].lead == ["Tổ giúp việc Ban Chỉ đạo"]


def test_plural_word_makes_a_verb_a_noun(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội huyện "
                                "tuyên truyền, vận động Nhân dân thực hiện.\n")
    assert tasks["II.1"].lead == ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "các tổ chức chính trị - xã hội huyện"]


def test_title_stops_where_the_running_text_begins(tmp_path):
    record, _ = _tasks(tmp_path, "", preamble="Thời gian qua, công tác văn thư được quan tâm. Tuy nhiên, việc lập "
                                              "hồ sơ còn chậm; để khắc phục, UBND huyện ban hành Kế hoạch như sau:")
    assert record.document.title == "Thực hiện công tác văn thư, lưu trữ năm 2025"


def test_page_number_between_the_halves_of_a_sentence(tmp_path):
    wrapped = ("1. Văn phòng: Chủ trì, phối hợp với các cơ quan liên quan kiểm tra việc lập hồ sơ công\n"
               "việc tại các cơ quan, đơn vị thuộc huyện; chủ động xử lý kịp thời các vướng mắc phát\n\n"
               "2\n\n"
               "sinh trong quá trình thực hiện, hoàn thành trước ngày 30/6/2025.\n")
    filler = "".join(f"{i + 2}. Các phòng chuyên môn tổ chức thực hiện nhiệm vụ được giao theo kế hoạch năm số {i}.\n"
                     for i in range(8))  # enough full-width lines for the reader to see a wrap width
    _, tasks = _tasks(tmp_path, wrapped + "\n" + filler)
    t = tasks["II.1"]
    assert "phát sinh trong quá trình" in t.text and t.timeline.end == "2025-06-30"


def test_plan_issued_by_a_decision_after_its_signature(tmp_path):
    path = tmp_path / "qd.txt"
    path.write_text("""ỦY BAN NHÂN DÂN
HUYỆN ĐỨC TRỌNG
Số: 186/QĐ-UBND
Đức Trọng, ngày 20 tháng 01 năm 2025

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch phòng, chống dịch bệnh năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;
Theo đề nghị của Trưởng phòng Y tế tại Tờ trình số 09/TTr-PYT ngày 15/01/2025.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh năm 2025.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Minh

ỦY BAN NHÂN DÂN
HUYỆN ĐỨC TRỌNG

KẾ HOẠCH
Phòng, chống dịch bệnh năm 2025
(Ban hành kèm theo Quyết định số 186/QĐ-UBND ngày 20/01/2025 của Chủ tịch UBND huyện)

I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng, chống dịch bệnh.

II. NHIỆM VỤ
1. Kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh huyện (Cơ quan chủ trì: Phòng Y tế; cơ quan phối hợp: Trung tâm Y tế huyện; thời gian hoàn thành: tháng 3/2025).
2. Tổ chức chiến dịch vệ sinh môi trường (Cơ quan chủ trì: Trung tâm Y tế huyện; thời gian hoàn thành: quý II/2025).
""", encoding="utf-8")
    record = extract_file(path)
    assert (record.document.kind, record.document.number) == ("Quyết định", "186/QĐ-UBND")
    assert record.document.signer.name == "Trần Thị Minh"
    assert [(t.id, t.lead) for t in record.tasks] == [("II.1", ["Phòng Y tế"]), ("II.2", ["Trung tâm Y tế huyện"])]
    cited = [(c.kind, c.title, c.date) for c in record.citations]
    assert cited[:4] == [
        ("Luật", "Tổ chức chính quyền địa phương", "2015-06-19"),
        ("Luật", "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
         "2019-11-22"),
        ("Luật", "Tổ chức Chính phủ", None),  # named inside the amending law's title: a mention of its own
        ("Luật", "Tổ chức chính quyền địa phương", None)]
    assert not [c for c in record.citations if c.kind == "Tờ trình"]  # not a kind the contract cites


def test_running_header_and_wrapped_dates_in_a_pdf_copy(tmp_path):
    wrapped = ("1. Văn phòng: Chủ trì, phối hợp với Phòng Công chức, viên chức rà soát hồ sơ công việc của\n"
               "các cơ quan, đơn vị thuộc huyện; tổng hợp kết quả báo cáo UBND huyện trong quý\n"
               "IV/2025; hướng dẫn các đơn vị lập danh mục hồ sơ, báo cáo trước ngày\n"
               "15/12/2025; phối hợp với Trung tâm Y tế các huyện, thành phố, thị xã kiểm tra tại\n\n"
               "Kế hoạch số 12/KH-UBND\n\n"
               "các cơ sở trong toàn huyện.\n")
    filler = "".join(f"{i + 2}. Các phòng chuyên môn tổ chức thực hiện nhiệm vụ được giao theo kế hoạch năm số {i}.\n"
                     for i in range(8)) + "\nKế hoạch số 12/KH-UBND\n"
    _, tasks = _tasks(tmp_path, wrapped + filler)
    t = tasks["II.1"]
    assert "trong quý IV/2025" in t.text and "trước ngày 15/12/2025" in t.text
    assert "kiểm tra tại các cơ sở" in t.text and "Kế hoạch số" not in t.text
    assert t.coordinators == ["Phòng Công chức, viên chức"]
    assert (t.timeline.start, t.timeline.end) == ("2025-10-01", "2025-12-31")


def test_marks_a_scan_or_another_house_style_prints():
    from extractors.outline import marker_of

    assert marker_of("II PHÂN CÔNG TỔ CHỨC THỰC HIỆN") == ("roman", "II", "PHÂN CÔNG TỔ CHỨC THỰC HIỆN")
    assert marker_of("B. NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ") == ("part", "B", "NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ")
    assert marker_of("VI Tổ chức thực hiện") is None and marker_of("A. Mục tiêu chung") is None


def test_work_calendar_and_content_labels(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Tuyên truyền\n"
                                "- Nội dung: Tổ chức tuyên truyền Nghị quyết; Đơn vị chủ trì: Văn phòng; "
                                "Thời gian: Quý II/2025.\n\n"
                                "III. LỊCH CÔNG TÁC\n\n"
                                "Tháng 4/2025: Tổ chức Hội thi tìm hiểu pháp luật (Phòng Tư pháp chủ trì, phối hợp "
                                "với Huyện đoàn).\n\n"
                                "Tháng 6 - 8/2025: Ra quân chiến dịch tình nguyện hè.\n")
    assert tasks["II.1.1"].text.startswith("Tổ chức tuyên truyền") and tasks["II.1.1"].lead == ["Văn phòng"]
    april = tasks["III.1"]
    assert april.lead == ["Phòng Tư pháp"] and april.coordinators == ["Huyện đoàn"]
    assert (april.timeline.start, april.timeline.end) == ("2025-04-01", "2025-04-30")
    assert (tasks["III.2"].timeline.start, tasks["III.2"].timeline.end) == ("2025-06-01", "2025-08-31")


def test_pandoc_markdown_line_breaks_and_escapes():
    from pipeline.readers.text import strip_markdown

    assert strip_markdown("*Chủ trì:* Ban Tuyên giáo Tỉnh ủy.\\") == "Chủ trì: Ban Tuyên giáo Tỉnh ủy."
    assert strip_markdown("1\\. Nội dung \\*quan trọng\\*") == "1. Nội dung *quan trọng*"


def test_a_task_card_with_work_units_and_time_as_lettered_parts(tmp_path):
    """Real plans (Hà Nội, 2025): "a) Nhiệm vụ: …", "b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: …",
    "c) Thời gian thực hiện: …" describe one task; under a bare "Nhiệm vụ:", each bullet is one."""
    _, tasks = _tasks(tmp_path, """1. Xây dựng chiến lược dữ liệu:

a) Nhiệm vụ: Tham mưu UBND huyện rà soát, hoàn thiện chiến lược dữ liệu.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Phòng Văn hóa - Thông tin.

- Đơn vị phối hợp: Các phòng, ban, UBND xã, thị trấn.

c) Thời gian thực hiện: Hoàn thành trong năm 2025.

2. Phát triển dữ liệu:

a) Nhiệm vụ:

- Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.

- Số hóa hồ sơ lưu trữ theo lộ trình.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Các phòng, ban.

c) Thời gian thực hiện: Thực hiện thường xuyên.
""")
    card = tasks["II.1"]
    assert card.text == "Tham mưu UBND huyện rà soát, hoàn thiện chiến lược dữ liệu."
    assert card.lead == ["Phòng Văn hóa - Thông tin"]
    assert card.coordinators == ["Các phòng, ban", "UBND xã, thị trấn"]
    assert (card.timeline.start, card.timeline.end) == ("2025-01-01", "2025-12-31")
    assert [tasks["II.2.1"].text, tasks["II.2.2"].text] == ["Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.",
                                                          "Số hóa hồ sơ lưu trữ theo lộ trình."]
    assert tasks["II.2.2"].lead == ["Các phòng, ban"] and tasks["II.2.2"].timeline.recurrence == ["continuous"]
    assert "II.2" not in tasks and not any(t.endswith(".b") for t in tasks)


def test_a_unit_heading_with_its_role_in_apposition_hands_work_to_bullets_and_their_steps(tmp_path):
    """"a) Bộ Nội vụ, cơ quan chủ trì triển khai Đề án:" (a decision of the Ministry, 2025): the
    unit is the one before the comma; its bullets, and the "+" steps under a bullet, are its tasks."""
    _, tasks = _tasks(tmp_path, """1. Trách nhiệm thực hiện

a) Phòng Nội vụ, cơ quan chủ trì triển khai Kế hoạch:

- Ban hành văn bản hướng dẫn các xã triển khai Kế hoạch.

- Tổ chức đánh giá hằng năm, bao gồm:

+ Tổng hợp, xử lý số liệu, xây dựng báo cáo.

+ Thành lập Hội đồng thẩm định kết quả.
""")
    assert tasks["II.1.a.1"].lead == ["Phòng Nội vụ"]
    assert tasks["II.1.a.2.2"].lead == ["Phòng Nội vụ"]
    assert tasks["II.1.a.2.2"].text.startswith("Thành lập Hội đồng")


def test_a_decision_assigns_work_in_its_articles(tmp_path):
    """A standalone Quyết định (contract): "Điều 2. Giao Bộ trưởng Bộ Tài chính:" hands the numbered
    items under it to that office holder; the execution clause is no task."""
    path = tmp_path / "qd.txt"
    path.write_text("""THỦ TƯỚNG CHÍNH PHỦ
Số: 970/QĐ-TTg
Hà Nội, ngày 13 tháng 9 năm 2024

QUYẾT ĐỊNH
Ban hành Danh mục dịch vụ sự nghiệp công lĩnh vực tài chính

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Ban hành Danh mục dịch vụ sự nghiệp công như sau:
1. Dịch vụ kiểm định chất lượng hàng dự trữ quốc gia.
2. Dịch vụ hiệu chuẩn thiết bị.

Điều 2. Giao Bộ trưởng Bộ Tài chính:
1. Hướng dẫn triển khai việc cung cấp dịch vụ sự nghiệp công.
2. Ban hành định mức kinh tế - kỹ thuật làm cơ sở ban hành giá dịch vụ.

Điều 3. Quyết định này có hiệu lực từ ngày ký ban hành.

Điều 4. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này./.
""", encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    assert sorted(tasks) == ["2.1", "2.2"]
    assert tasks["2.1"].lead == ["Bộ trưởng Bộ Tài chính"]


def test_the_subject_after_a_fronted_clause(tmp_path):
    """"Trên cơ sở báo cáo của …, giao Sở Tài chính chủ trì …" (a notice of conclusions, 2025): the
    unit stands after the clause put before it."""
    _, tasks = _tasks(tmp_path, """1. Trên cơ sở báo cáo của Công ty TNHH MTV Xây dựng, Thương mại và Dịch vụ Thạch Hà, giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ thẩm định phương án, hoàn thành trước ngày 20/02/2025.

2. Quý II/2025, Phòng Nội vụ tổ chức sơ kết công tác văn thư.
""")
    assert tasks["II.1"].lead == ["Phòng Tài chính - Kế hoạch"] and tasks["II.1"].coordinators == ["Phòng Nội vụ"]
    assert tasks["II.2"].lead == ["Phòng Nội vụ"]


def test_a_letter_naming_itself_by_its_bare_head_asks_the_unit_after_it(tmp_path):
    """A ministry's letter (2019): "Để …, Bộ yêu cầu các đồng chí Giám đốc Sở chỉ đạo …" — "Bộ" is the writer,
    the Giám đốc Sở asked does the work, behind a fronted purpose clause; "Bộ Giáo dục" is a name, not a request."""
    _, tasks = _tasks(tmp_path, """1. Để đảm bảo thời hạn báo cáo các cơ quan chức năng tổng hợp dự toán năm 2020, Bộ yêu cầu các đồng chí Giám đốc Sở chỉ đạo các đơn vị chuyên môn xây dựng dự toán, gửi về Bộ trước ngày 12/7/2019.

2. Bộ Giáo dục và Đào tạo chủ trì hướng dẫn các trường tổ chức khai giảng.
""")
    assert tasks["II.1"].lead == ["các đồng chí Giám đốc Sở"]
    assert tasks["II.1"].timeline.end == "2019-07-12"
    assert tasks["II.2"].lead == ["Bộ Giáo dục và Đào tạo"]


def test_a_numbered_conclusion_goes_on_in_its_paragraphs_until_one_names_a_unit(tmp_path):
    """A notice of conclusions: "1. Công ty X (a long legal name) khẩn trương …↵Trường hợp …, thì phối hợp
    với … Hoàn thành … trước ngày …" is one task, led by the company, due on the completion deadline,
    not on the period of its object ("kế hoạch … trong năm 2025"); a paragraph that names its own
    unit is a task of its own."""
    _, tasks = _tasks(tmp_path, """1. Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Thạch Hà tiếp thu các ý kiến tại cuộc họp, khẩn trương rà soát hồ sơ cổ phần hóa. Trường hợp đủ điều kiện thì đề xuất kế hoạch cổ phần hóa trong năm 2025.
Trường hợp không đảm bảo điều kiện thì phối hợp với các cơ quan, đơn vị liên quan nghiên cứu, đề xuất hướng xử lý. Hoàn thành và báo cáo UBND huyện trước ngày 08/02/2025.
Giao Phòng Nội vụ theo dõi, đôn đốc việc thực hiện.
""")
    first = tasks["II.1"]
    assert first.lead == ["Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Thạch Hà"]
    assert first.coordinators == ["các cơ quan, đơn vị liên quan"]
    assert first.text.endswith("trước ngày 08/02/2025.")
    assert (first.timeline.text, first.timeline.end) == ("trước ngày 08/02/2025", "2025-02-08")
    others = [t for k, t in tasks.items() if k != "II.1"]
    assert [t.lead for t in others] == [["Phòng Nội vụ"]]


def test_a_page_that_opens_mid_item_ends_the_item_before_its_first_number(tmp_path):
    """The second page of a notice, extracted alone: the words before "3." close item 2, a task
    when they carry a deadline; words that carry neither time nor unit are no task."""
    path = tmp_path / "page2.txt"
    path.write_text("2\nthực hiện theo đúng quy định và có tính khả thi. Hoàn thành và báo cáo UBND huyện trước ngày "
                    "20/02/2025.\n3. Giao Phòng Nội vụ chủ trì rà soát bộ máy của Ban Quản lý dự án; hoàn thành "
                    "trước ngày 28/02/2025.\n", encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    assert sorted(tasks) == ["2", "3"]
    assert tasks["2"].origin == "prose" and tasks["2"].text.startswith("thực hiện theo đúng quy định")
    assert (tasks["2"].timeline.text, tasks["2"].timeline.end) == ("trước ngày 20/02/2025", "2025-02-20")
    path.write_text("2\nthực hiện theo đúng quy định và có tính khả thi.\n3. Giao Phòng Nội vụ chủ trì rà soát bộ máy "
                    "của Ban Quản lý dự án; hoàn thành trước ngày 28/02/2025.\n", encoding="utf-8")
    assert [t.id for t in extract_file(path).tasks] == ["3"]


def test_one_head_noun_over_the_names_after_its_colon(tmp_path):
    """"phối hợp với các Sở: Tài chính, Kế hoạch và Đầu tư, Công ty X và …": each name under the head
    noun is a unit of that head; a name with its own head ends the run."""
    _, tasks = _tasks(tmp_path, """1. Giao Phòng Nội vụ chủ trì, phối hợp với các phòng: Tài chính - Kế hoạch, Tư pháp, Công ty TNHH MTV Môi trường Đô thị Thạch Hà và các cơ quan, đơn vị liên quan rà soát bộ máy; hoàn thành trước ngày 20/02/2025.
""")
    assert tasks["II.1"].coordinators == ["Phòng Tài chính - Kế hoạch", "Phòng Tư pháp",
                                          "Công ty TNHH MTV Môi trường Đô thị Thạch Hà", "các cơ quan, đơn vị liên quan"]


ROSTER = """ỦY BAN NHÂN DÂN
XÃ HƯƠNG SƠN
Số: 05/PC-UBND
Hương Sơn, ngày 10 tháng 01 năm 2025

PHÂN CÔNG NHIỆM VỤ
Lãnh đạo và công chức Văn phòng - Thống kê xã

Căn cứ chức năng, nhiệm vụ của Văn phòng - Thống kê, phân công nhiệm vụ các thành viên như sau:
{body}
Nơi nhận:
- Chủ tịch UBND xã;
- Lưu: VT.
"""


def test_a_staff_roster_hands_each_duty_to_the_person_above_it(tmp_path):
    """A roster of duties ("phân công nhiệm vụ lãnh đạo, cán bộ", a common shape of administrative
    documents): an item titled by a person and position leads each duty below it; a bullet that only
    gathers duties ("... các nhiệm vụ sau:") is no task; "phối hợp với đ/c X" names a coordinator."""
    path = tmp_path / "roster.txt"
    path.write_text(ROSTER.format(body="""1. Đồng chí Nguyễn Văn Bình - Chánh Văn phòng
- Phụ trách chung hoạt động của Văn phòng.
- Tham mưu xây dựng chương trình công tác, báo cáo hằng tháng.
2. Bà Lê Thị Hoa - Công chức
+ Giúp Chánh Văn phòng thực hiện các nhiệm vụ sau:
- Quản lý công tác văn thư, lưu trữ (phối hợp với đ/c Trần Minh Đức - Kế toán);
- Thực hiện các nhiệm vụ khác do lãnh đạo giao.
"""), encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    assert sorted(tasks) == ["1.1", "1.2", "2.1.1", "2.1.2"]
    assert tasks["1.1"].lead == tasks["1.2"].lead == ["Đồng chí Nguyễn Văn Bình - Chánh Văn phòng"]
    assert tasks["1.2"].timeline.recurrence == ["monthly"]
    assert tasks["2.1.1"].lead == tasks["2.1.2"].lead == ["Bà Lê Thị Hoa - Công chức"]
    assert tasks["2.1.1"].coordinators == ["đ/c Trần Minh Đức - Kế toán"]


def test_a_person_is_named_by_a_title_and_a_capitalised_name():
    from extractors.units import person_named, split_units

    assert person_named("Ông Hồ Văn An - Trưởng phòng") and person_named("đ/c Trần Thị Bích")
    # a title before words that are no name: a position, a place, a common phrase
    assert not person_named("Đồng chí Chủ tịch UBND tỉnh") and not person_named("Bà Rịa - Vũng Tàu")
    assert not person_named("Anh hùng Lao động")
    assert split_units("đ/c Trần Minh Đức - Kế toán và Phòng Nội vụ") == ["đ/c Trần Minh Đức - Kế toán", "Phòng Nội vụ"]


def test_a_roster_in_lettered_parts_with_a_condition_and_a_closing_report(tmp_path):
    """"A. Phân công nhiệm vụ:" / "B. Tổ chức thực hiện:" in sentence case are parts; "Trong trường hợp ...
    thì X thi hành ..." is led by X ("thì X có quyền ..." is a right, no task); "Văn phòng kính báo cáo ..." closing the body is no task."""
    path = tmp_path / "roster.txt"
    path.write_text(ROSTER.format(body="""A. Phân công nhiệm vụ:
1. Ông Trần Văn Minh - Chánh Văn phòng
- Phụ trách chung hoạt động của Văn phòng.
B. Tổ chức thực hiện:
1. Trong trường hợp Chủ tịch UBND xã làm việc trực tiếp với các công chức thì các công chức thi hành ý kiến chỉ đạo và báo cáo Chánh Văn phòng.
2. Trường hợp hồ sơ chưa đầy đủ thì Văn phòng có quyền yêu cầu bổ sung.
Văn phòng - Thống kê kính báo cáo Chủ tịch UBND xã và thông báo để các bộ phận biết, phối hợp./.
"""), encoding="utf-8")
    record = extract_file(path)
    assert [(s.id, s.title) for s in record.sections] == [("A", "Phân công nhiệm vụ"), ("B", "Tổ chức thực hiện")]
    tasks = {t.id: t for t in record.tasks}
    assert sorted(tasks) == ["A.1.1", "B.1"]
    assert tasks["B.1"].lead == ["các công chức"]


def test_a_plan_dated_the_year_before_the_period_its_capitalised_title_names(tmp_path):
    """"KẾ HOẠCH … GIAI ĐOẠN 2026 - 2030" dated 11/2025: a date without a year belongs to 2026, the
    title in capitals as well as in sentence case."""
    path = tmp_path / "plan.txt"
    path.write_text(HEADER.replace("Thạch Hà, ngày 05 tháng 3 năm 2025", "Thạch Hà, ngày 24 tháng 11 năm 2025")
                    .replace("Thực hiện công tác văn thư, lưu trữ năm 2025", "PHÁT TRIỂN KINH TẾ SỐ GIAI ĐOẠN 2026 - 2030")
                    .format(preamble="Căn cứ tình hình thực tế, UBND huyện ban hành Kế hoạch như sau:")
                    + "1. Phòng Văn hóa và Thông tin gửi báo cáo kết quả trước ngày 15/11 hằng năm.\n", encoding="utf-8")
    task = {t.id: t for t in extract_file(path).tasks}["II.1"]
    assert task.timeline.end == "2026-11-15"


def test_tổ_chức_after_a_group_noun_and_its_comma_is_one_more_group_not_the_verb(tmp_path):
    """"các cơ quan, tổ chức có liên quan", "Hợp tác xã, tổ chức, cá nhân ...": after "cơ quan," the word
    "tổ chức" is a group of the list (contract: the collective stays whole); "gửi" is the verb."""
    _, tasks = _tasks(tmp_path, """1. Phòng Nội vụ, các cơ quan, tổ chức có liên quan rà soát hồ sơ lưu trữ của huyện.

2. Các cơ quan, tổ chức, đơn vị gửi danh mục hồ sơ về Phòng Nội vụ trước ngày 15/4/2025.

3. Doanh nghiệp, tổ chức, đơn vị sự nghiệp tự chủ tài chính có trách nhiệm bố trí kinh phí số hóa tài liệu.

4. Các phòng, ban, tổ chức triển khai thu thập tài liệu vào lưu trữ.
""")
    assert tasks["II.1"].lead == ["Phòng Nội vụ", "các cơ quan, tổ chức có liên quan"]
    assert tasks["II.2"].lead == ["Các cơ quan, tổ chức, đơn vị"]
    assert tasks["II.3"].lead == ["Doanh nghiệp, tổ chức, đơn vị sự nghiệp tự chủ tài chính"]
    assert tasks["II.4"].lead == ["Các phòng, ban"]  # "tổ chức triển khai": here the verb


def test_a_body_named_by_its_part_keeps_its_verb_before_có_trách_nhiệm(tmp_path):
    """"Cơ quan tiếp nhận hồ sơ có trách nhiệm ...": the words between "Cơ quan" and "có/chịu trách
    nhiệm" name the body by its part in the work; "Các cơ quan phối hợp với X ..." is still a verb."""
    _, tasks = _tasks(tmp_path, """1. Cơ quan tiếp nhận hồ sơ có trách nhiệm kiểm tra tính hợp lệ của hồ sơ lưu trữ.

2. Đơn vị phối hợp chịu trách nhiệm cung cấp tài liệu đúng thời hạn.

3. Các cơ quan phối hợp với Phòng Nội vụ chỉnh lý tài liệu tồn đọng.
""")
    assert tasks["II.1"].lead == ["Cơ quan tiếp nhận hồ sơ"]
    assert tasks["II.2"].lead == ["Đơn vị phối hợp"]
    assert tasks["II.3"].lead == ["Các cơ quan"]


def test_an_adverb_of_manner_or_đồng_bộ_ends_the_subject(tmp_path):
    """"X quyết liệt triển khai ...", "phối hợp với Y đồng bộ dữ liệu ...": the words end the unit's name."""
    _, tasks = _tasks(tmp_path, """1. Phòng Nội vụ và các cơ quan, đơn vị quyết liệt triển khai số hóa tài liệu lưu trữ.

2. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Trung tâm Lưu trữ lịch sử, Sở Nội vụ đồng bộ cơ sở dữ liệu hồ sơ lưu trữ của huyện.
""")
    assert tasks["II.1"].lead == ["Phòng Nội vụ", "các cơ quan, đơn vị"]
    assert tasks["II.2"].coordinators == ["Trung tâm Lưu trữ lịch sử", "Sở Nội vụ"]


def test_find_tasks_gives_the_records_own_tasks(tmp_path):
    """The task extractor returns the record's Task, span and all: the record holds what it found,
    with only the citations the span covers added."""
    from extractors.outline import parse_outline
    from extractors.tasks import find_tasks
    from pipeline.normalize import normalize
    from pipeline.readers import read
    from pipeline.record import Span, Task

    record, tasks = _tasks(tmp_path, "1. Rà soát thủ tục hành chính theo Quyết định số 15/QĐ-UBND ngày 02/01/2025\n"
                                     "- Chủ trì: Phòng Tư pháp\n- Phối hợp: Văn phòng HĐND và UBND huyện\n"
                                     "- Thời gian: trước ngày 30/6/2025\n")
    text = normalize(read(tmp_path / "plan.txt"))
    found = find_tasks(text, parse_outline(text), 2025)
    assert all(type(t) is Task for t in found) and [t.id for t in found] == ["II.1"]
    t = found[0]
    assert isinstance(t.span, Span) and text.text[t.span.start:t.span.end].startswith("1. Rà soát")
    assert (t.lead, t.coordinators, t.timeline.end, t.citations) == (
        ["Phòng Tư pháp"], ["Văn phòng HĐND và UBND huyện"], "2025-06-30", [])
    assert tasks["II.1"].citations and tasks["II.1"] == Task(**{**vars(t), "citations": tasks["II.1"].citations})


def test_a_quoted_name_in_a_coordinator_list_holds_no_verb(tmp_path):
    # "xây dựng" inside the quoted movement's name is a word of the name: the list goes on past it
    _, tasks = _tasks(tmp_path, "1. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Ban Chỉ đạo phong trào "
                                "“Toàn dân đoàn kết xây dựng đời sống văn hóa” huyện; Ủy ban nhân dân các xã "
                                "tuyên truyền, vận động Nhân dân thực hiện Kế hoạch.\n")
    assert tasks["II.1"].coordinators == [
        "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” huyện", "Ủy ban nhân dân các xã"]


def test_an_execution_clause_that_acts_on_the_decision_is_no_task(tmp_path):
    # "... căn cứ Quyết định thi hành" is the execution clause written the other way round
    path = tmp_path / "qd.txt"
    path.write_text("""ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 55/QĐ-UBND
Bắc Ninh, ngày 10 tháng 3 năm 2025

QUYẾT ĐỊNH
Phê duyệt danh mục địa điểm tổ chức hội chợ năm 2025

QUYẾT ĐỊNH:

Điều 1. Phê duyệt danh mục địa điểm tổ chức hội chợ năm 2025.

Điều 2. Sở Công Thương có trách nhiệm chủ trì, phối hợp với các cơ quan liên quan hướng dẫn doanh nghiệp tổ chức hội chợ.

Điều 3. Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương; Chủ tịch UBND các xã, phường và các tổ chức, cá nhân liên quan căn cứ Quyết định thi hành./.
""", encoding="utf-8")
    tasks = extract_file(path).tasks
    assert [t.lead for t in tasks] == [["Sở Công Thương"]]


LETTER = """CỤC THUẾ
Số: 77/CT-CS
V/v hoàn thuế giá trị gia tăng
Hà Nội, ngày 12 tháng 9 năm 2025
Kính gửi: Thuế tỉnh Hà Tĩnh.
Cục Thuế nhận được công văn của Thuế tỉnh Hà Tĩnh về việc hoàn thuế. Về vấn đề này, Cục Thuế có ý kiến như sau:
Căn cứ quy định nêu trên, trường hợp cơ sở kinh doanh có đề nghị hoàn thuế thì cơ quan thuế xem xét hồ sơ.
{request}
Cục Thuế có ý kiến để Thuế tỉnh Hà Tĩnh biết./.
Nơi nhận:
- Như trên;
- Lưu: VT, CS.
"""


def _letter_tasks(tmp_path, request: str):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER.format(request=request), encoding="utf-8")
    return extract_file(path).tasks


def test_a_request_in_a_letter_body_after_a_comma_is_a_task(tmp_path):
    tasks = _letter_tasks(tmp_path, "Về hồ sơ của doanh nghiệp, đề nghị Thuế tỉnh Hà Tĩnh làm việc với Sở Tài chính "
                                    "để xác định số vốn đã góp. Trên cơ sở đó, Thuế tỉnh Hà Tĩnh xử lý theo quy định.")
    assert [(t.lead, t.coordinators) for t in tasks] == [(["Thuế tỉnh Hà Tĩnh"], ["Sở Tài chính"])]
    assert tasks[0].text.startswith("Về hồ sơ của doanh nghiệp") and tasks[0].text.endswith("theo quy định.")


def test_a_request_opening_a_letter_paragraph_is_a_task(tmp_path):
    tasks = _letter_tasks(tmp_path, "Đề nghị Thuế tỉnh Hà Tĩnh phối hợp với Sở Tài chính rà soát hồ sơ hoàn thuế, "
                                    "báo cáo Cục Thuế trước ngày 30/10/2025.")
    assert [(t.lead, t.coordinators, t.timeline.end) for t in tasks] == \
        [(["Thuế tỉnh Hà Tĩnh"], ["Sở Tài chính"], "2025-10-30")]


def test_a_letter_that_asks_no_unit_carries_no_task(tmp_path):
    # "đề nghị hoàn thuế" names the taxpayer's claim, not a request to a unit
    assert _letter_tasks(tmp_path, "Cơ sở kinh doanh có đề nghị hoàn thuế được xem xét theo quy định.") == []


def test_the_head_of_a_long_group_of_bodies_leads_a_duty(tmp_path):
    # a group that lists its kinds of body is long by nature; its head is still the one who has the duty
    _, tasks = _tasks(tmp_path, "1. Thủ trưởng các cơ quan, đơn vị, doanh nghiệp, tổ chức chính trị - xã hội, hội nghề "
                                "nghiệp; Chủ tịch Ủy ban nhân dân cấp xã có trách nhiệm phổ biến, hướng dẫn cán bộ, "
                                "công chức thực hiện Quy định này.\n")
    assert tasks["II.1"].lead[-1] == "Chủ tịch Ủy ban nhân dân cấp xã"
    assert tasks["II.1"].lead[0].startswith("Thủ trưởng các cơ quan, đơn vị, doanh nghiệp")


def test_a_norm_addressed_to_families_is_no_task(tmp_path):
    # "gia đình" among the subject: the sentence binds everyone who holds a wedding, it assigns no unit
    _, tasks = _tasks(tmp_path, "1. Cơ quan, đoàn thể, gia đình tổ chức lễ cưới đảm bảo trang trọng, tiết kiệm.\n"
                                "2. Ủy ban nhân dân cấp xã tổ chức trao Giấy chứng nhận kết hôn.\n")
    assert sorted(tasks) == ["II.2"]


def test_a_long_summing_up_under_the_last_bullet_is_no_task(tmp_path):
    tasks = _plan_tasks(tmp_path, "KẾ HOẠCH\nTổ chức hội nghị cử tri\n\nV. TỔ CHỨC THỰC HIỆN\n1. Ban Công tác Mặt trận thôn\n"
                                  "- Tham gia điều hành hội nghị theo phân công.\n"
                                  "Trên đây là Kế hoạch tổ chức hội nghị lấy ý kiến nhận xét và tín nhiệm của cử tri nơi cư trú "
                                  "đối với người ứng cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031 của Ban Thường trực "
                                  "Ủy ban MTTQ Việt Nam xã, đề nghị các đơn vị phối hợp thực hiện./.\n")
    assert [t["text"] for t in tasks] == ["Tham gia điều hành hội nghị theo phân công."]


def test_a_sentence_ending_as_follows_hands_its_subject_to_the_items_below(tmp_path):
    tasks = _plan_tasks(tmp_path, "HƯỚNG DẪN\nTham gia công tác bầu cử\n\nIII. TỔ CHỨC THỰC HIỆN\n"
                                  "2. Ban Thường trực Ủy ban MTTQ Việt Nam xã thực hiện chế độ báo cáo với Ban Thường trực Ủy ban "
                                  "MTTQ Việt Nam tỉnh bằng văn bản và thư điện tử (qua địa chỉ Email: a.b@gmail.com) như sau:\n"
                                  "a. Báo cáo tình hình hiệp thương chậm nhất ngày 03/02/2026.\n"
                                  "b. Báo cáo nhanh kết quả ngày bầu cử trong ngày 15/3/2026.\n")
    assert [(t["text"][:30], t["lead"], t["timeline"]["end"]) for t in tasks] == [
        ("Báo cáo tình hình hiệp thương ", ["Ban Thường trực Ủy ban MTTQ Việt Nam xã"], "2026-02-03"),
        ("Báo cáo nhanh kết quả ngày bầu", ["Ban Thường trực Ủy ban MTTQ Việt Nam xã"], "2026-03-15")]


def test_a_mandate_after_the_units_is_not_their_name_and_a_related_group_ends_at_its_work():
    from extractors.tasks.reading import _coordinators, _subject
    assert _subject("Giao các Phó Thủ tướng Chính phủ theo nhiệm vụ được phân công kiểm tra, đôn đốc các Bộ") == [
        "các Phó Thủ tướng Chính phủ"]
    assert _coordinators("Chỉ đạo lực lượng hải quan phối hợp với các đơn vị liên quan quản lý, kiểm soát hàng hóa") \
        == ["các đơn vị liên quan"]
    assert _coordinators("phối hợp với các bộ, ngành liên quan và các địa phương xây dựng mô hình") == [
        "các bộ, ngành liên quan", "các địa phương"]


def test_a_group_of_solutions_is_no_team_and_a_scope_part_assigns_nothing(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("QUYẾT ĐỊNH\nPhê duyệt Đề án bồi dưỡng\n\nIV. NHIỆM VỤ, GIẢI PHÁP\n"
                    "1. Nhóm giải pháp về tuyên truyền, nâng cao nhận thức\n"
                    "- Tuyên truyền, phổ biến rộng rãi về tầm quan trọng của Đề án.\n"
                    "VI. TỔ CHỨC THỰC HIỆN\n"
                    "3. Các bộ, ngành, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương tổ chức thực hiện các "
                    "nhiệm vụ nêu trong Đề án.\nCụ thể:\n- Phối hợp với Bộ Ngoại giao theo dõi, đánh giá Đề án.\n",
                    encoding="utf-8")
    tasks = extract_file(plan).to_dict()["tasks"]
    assert [(t["text"][:25], t["lead"]) for t in tasks] == [
        ("Các bộ, ngành, Ủy ban nhâ", ["Các bộ, ngành", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"]),
        ("Phối hợp với Bộ Ngoại gia", ["Các bộ, ngành", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"])]
    decision = tmp_path / "decision.txt"
    decision.write_text("QUYẾT ĐỊNH\nPhân cấp tuyển dụng viên chức\n\nĐiều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n"
                        "2. Đối tượng áp dụng\na) Ủy ban nhân dân các xã, phường (gọi chung là UBND cấp xã);\n",
                        encoding="utf-8")
    assert extract_file(decision).to_dict()["tasks"] == []


def test_the_day_an_event_is_set_for_and_a_plan_to_do_it():
    from extractors.tasks import _prose_time
    from extractors.tasks.reading import _subject
    body = "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã dự kiến tổ chức hội nghị vào ngày 02/02/2026."
    assert _subject(body) == ["Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã"]
    t = _prose_time(body, 2026)
    assert (t.text, t.start, t.end) == ("ngày 02/02/2026", "2026-02-02", "2026-02-02")


def test_a_recurrence_closed_by_its_comma_fronts_the_sentence_and_a_tense_is_no_name():
    from extractors.tasks.reading import _fronted_subject
    assert _fronted_subject("Định kỳ hoặc đột xuất, Bộ Y tế sẽ phối hợp với các cơ quan có liên quan tổ chức kiểm tra.") \
        == ["Bộ Y tế"]
    assert _fronted_subject("Hằng năm, Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.") == ["Sở Nội vụ"]
    # work first, its comma far away: no fronted period
    assert _fronted_subject("Định kỳ báo cáo Thủ tướng Chính phủ kết quả thực hiện (qua Bộ Nội vụ, Văn phòng Chính "
                            "phủ) vào thứ Sáu hàng tuần") == []


def test_a_field_glued_on_after_a_dash_and_partners_that_end_at_the_work():
    from extractors.fields import split_fields
    head, fields = split_fields("Sở Văn hóa chủ trì, phối hợp với các sở, ngành và địa phương -Thời gian thực hiện: "
                                "Thực hiện thường xuyên hằng năm.")
    assert head == "Sở Văn hóa chủ trì, phối hợp với các sở, ngành và địa phương"
    assert [(f.role, f.value) for f in fields] == [("timeline", "Thực hiện thường xuyên hằng năm")]
    from extractors.facts import Task
    from extractors.tasks.reading import _add_roles
    task = Task(id="1", origin="item", text="Hướng dẫn, phổ biến Luật Doanh nghiệp")
    _add_roles(task, "implementers", "Sở Kế hoạch và Đầu tư chủ trì phối hợp với đơn vị, địa phương có liên quan "
                                     "tham mưu thực hiện.")
    assert (task.lead, task.coordinators) == (["Sở Kế hoạch và Đầu tư"], ["đơn vị, địa phương có liên quan"])


def test_a_part_titled_by_whose_duties_it_lists_hands_its_items_to_that_unit(tmp_path):
    """A ministry's plan (2024): "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" over items that name no
    unit; the partners end at the next verb ("… Vụ Môi trường hoàn thiện …"); "Tạp chí" heads a name of its own."""
    tasks = _plan_tasks(tmp_path, """KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 13/CT-TTg
I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai thực hiện hiệu quả các nhiệm vụ được giao.
II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG
1. Chủ trì, phối hợp với Cục Kiểm soát ô nhiễm môi trường, Vụ Môi trường hoàn thiện dự thảo Kế hoạch giảm phát thải.
2. Nghiên cứu thiết lập Hệ thống đăng ký quốc gia về hạn ngạch phát thải khí nhà kính.
III. TỔ CHỨC THỰC HIỆN
1. Báo Tài nguyên và Môi trường, Tạp chí Tài nguyên và Môi trường thực hiện tuyên truyền về tín chỉ các-bon.
""")
    assert [(t["id"], t["lead"], t["coordinators"]) for t in tasks] == [
        ("II.1", ["Bộ Tài nguyên và Môi trường"], ["Cục Kiểm soát ô nhiễm môi trường", "Vụ Môi trường"]),
        ("II.2", ["Bộ Tài nguyên và Môi trường"], []),
        ("III.1", ["Báo Tài nguyên và Môi trường", "Tạp chí Tài nguyên và Môi trường"], [])]


def test_a_letters_lead_in_asks_its_units_to_do_the_items_under_topics(tmp_path):
    """A ministry's letter as a PDF's text (2025): its header side by side with spaces and no blank line before
    the body; "… kính đề nghị Ủy ban nhân dân các tỉnh … chỉ đạo …, cụ thể như sau:" asks the provinces to do the
    lettered work under topic headings ("1. Về giảm nhẹ phát thải khí nhà kính"); thanks close the letter."""
    tasks = _plan_tasks(tmp_path, """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                      Độc lập - Tự do - Hạnh phúc
       Số: 9389 /BNNMT-BĐKH
                                                    Hà Nội, ngày 20 tháng 11 năm 2025
    V/v triển khai thực hiện các quy định
                 Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
               Để triển khai thực hiện các quy định mới được ban hành, Bộ Nông nghiệp
        và Môi trường kính đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung
        ương chỉ đạo các cơ quan, đơn vị trực thuộc có liên quan quán triệt và thực hiện
        các quy định tại các văn bản nêu trên, cụ thể như sau:
               1. Về giảm nhẹ phát thải khí nhà kính trên địa bàn tỉnh
               a) Chỉ đạo cơ quan chuyên môn trực thuộc có liên quan rà soát số liệu tiêu thụ
        năng lượng gửi Bộ Nông nghiệp và Môi trường trước ngày 30 tháng 6 hằng năm.
               b) Phối hợp với Bộ Tài chính xây dựng sàn giao dịch các-bon.
               Bộ Nông nghiệp và Môi trường trân trọng cảm ơn sự phối hợp chặt chẽ của Quý Ủy ban./.
""")
    assert [(t["id"], t["lead"], t["coordinators"]) for t in tasks] == [
        ("1.a", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], []),
        ("1.b", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], ["Bộ Tài chính"])]
    assert tasks[0]["timeline"]["recurrence"] == ["annual"]


def test_a_unit_directing_others_hands_its_bullets_on_and_party_committees_are_one_group(tmp_path):
    """A Party committee's letter (2026): "1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:"
    over bullets that the province does (it directs the others); "Các cấp ủy, tổ chức đảng" is one group."""
    _, tasks = _tasks(tmp_path, """1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:
- Nghiên cứu, cụ thể hóa các mục tiêu, nhiệm vụ của Chương trình hành động.
- Thường xuyên kiểm tra, giám sát, đôn đốc việc thực hiện.
2. Các cấp ủy, tổ chức đảng chủ động quán triệt và triển khai thực hiện Chương trình hành động.
""")
    assert [(k, t.lead) for k, t in tasks.items()] == [
        ("II.1.1", ["Ủy ban nhân dân tỉnh"]), ("II.1.2", ["Ủy ban nhân dân tỉnh"]),
        ("II.2", ["Các cấp ủy, tổ chức đảng"])]
