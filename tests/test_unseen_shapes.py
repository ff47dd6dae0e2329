"""Shapes met in real plans of several agencies (issue 11), each in a small fragment written for the test
and run through `extract_file`: the rule must hold for the genre, not for the document it was seen in."""
from __future__ import annotations

from pipeline.extract import extract_file

HEADER = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 21/KH-UBND
Hà Nam, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai chuyển đổi số năm 2025

Căn cứ tình hình thực tế, UBND tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao hiệu quả chuyển đổi số.

II. NHIỆM VỤ

"""


def _tasks(tmp_path, body: str):
    path = tmp_path / "plan.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    record = extract_file(path)
    return record, {t.id: t for t in record.tasks}


def test_a_table_row_whose_work_names_its_partners_after_chủ_trì(tmp_path):
    # a table with a lead column only: the row's own words "Chủ trì, phối hợp với Y ..." name its coordinators;
    # "Phối hợp với Y ..." without "chủ trì" is the lead's part in another's work, no coordinators
    _, tasks = _tasks(tmp_path, (
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 1 | Chủ trì, phối hợp với Sở Tư pháp và các cơ quan liên quan xây dựng quy chế dữ liệu | Sở Nội vụ | 30/6/2025 |\n"
        "| 2 | Chủ trì cân đối kinh phí và phối hợp với Sở Nội vụ, Công an tỉnh tổng hợp nhu cầu | Sở Tài chính | 30/9/2025 |\n"
        "| 3 | Phối hợp với Sở Nội vụ cập nhật dữ liệu cán bộ | Sở Y tế | 31/10/2025 |\n"
        "| 4 | Chủ trì, phối hợp, đôn đốc các địa phương làm sạch dữ liệu | Sở Tư pháp | 31/12/2025 |\n"
        "| 5 | Về dữ liệu hộ tịch, chủ trì, phối hợp với Công an tỉnh và các cơ quan liên quan bám sát lộ trình, "
        "tháo gỡ vướng mắc | Sở Tư pháp | 31/12/2025 |\n"))
    assert tasks["II.1"].lead == ["Sở Nội vụ"]
    assert tasks["II.1"].coordinators == ["Sở Tư pháp", "các cơ quan liên quan"]
    assert tasks["II.2"].coordinators == ["Sở Nội vụ", "Công an tỉnh"]
    assert tasks["II.3"].coordinators == []
    assert tasks["II.4"].coordinators == []
    assert tasks["II.5"].coordinators == ["Công an tỉnh", "các cơ quan liên quan"]  # "bám sát" is the work's verb


def test_a_heading_that_names_who_leads_and_joins_hands_them_to_its_bullets(tmp_path):
    # "X chủ trì, phối hợp Y" / "X chỉ đạo" printed as a heading without a colon over bullets: the heading is no
    # task; each bullet is X's, with Y as its partners unless the bullet names its own
    _, tasks = _tasks(tmp_path, (
        "1. Sở Nội vụ chủ trì, phối hợp các sở, ban, ngành\n"
        "- Rà soát vị trí việc làm của các cơ quan hành chính.\n"
        "- Phối hợp với Sở Tài chính đề xuất kinh phí đào tạo cán bộ.\n"
        "2. Chủ tịch Ủy ban nhân dân cấp xã chỉ đạo\n"
        "- Tuyên truyền chuyển đổi số tại các khu dân cư.\n"
        "3. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn pháp luật trong quý II/2025.\n"))
    assert "II.1" not in tasks and "II.2" not in tasks
    assert (tasks["II.1.1"].lead, tasks["II.1.1"].coordinators) == (["Sở Nội vụ"], ["các sở, ban, ngành"])
    assert (tasks["II.1.2"].lead, tasks["II.1.2"].coordinators) == (["Sở Nội vụ"], ["Sở Tài chính"])
    assert tasks["II.2.1"].lead == ["Chủ tịch Ủy ban nhân dân cấp xã"]
    # a sentence of work with nothing under it stays one task
    assert (tasks["II.3"].lead, tasks["II.3"].coordinators) == (["Sở Tư pháp"], ["Sở Nội vụ"])


def test_a_collective_subject_qualified_by_the_work_this_plan_gives_it_stays_whole(tmp_path):
    # "Các cơ quan được giao nhiệm vụ tại Kế hoạch này có trách nhiệm ...": the qualifier up to the plan it names
    # is part of the one collective actor (contract: collective actors stay whole), not cut at its first verb
    _, tasks = _tasks(tmp_path, (
        "1. Các cơ quan, đơn vị được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm "
        "bố trí nguồn lực triển khai.\n"
        "2. Các sở, ngành có liên quan đến việc thực hiện Kế hoạch này thường xuyên phối hợp với Sở Nội vụ "
        "trao đổi thông tin.\n"
        "3. Các cơ quan có liên quan xây dựng kế hoạch chi tiết.\n"))
    assert tasks["II.1"].lead == ["Các cơ quan, đơn vị được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này"]
    assert tasks["II.2"].lead == ["Các sở, ngành có liên quan đến việc thực hiện Kế hoạch này"]
    assert tasks["II.3"].lead == ["Các cơ quan có liên quan"]


def test_a_timetable_line_that_opens_with_its_deadline(tmp_path):
    # "- Trước ngày 30/6/2025: Sở X hoàn thành ..." under "Năm 2025: ... theo tiến độ sau:": each line is a task of
    # the unit it names, due on the date it opens with; the line over them only introduces the timetable
    _, tasks = _tasks(tmp_path, (
        "1. Năm 2025: Tổ chức rà soát dữ liệu cán bộ theo tiến độ sau:\n"
        "- Trước ngày 30/6/2025: Sở Nội vụ hoàn thành rà soát dữ liệu cán bộ cấp tỉnh.\n"
        "- Chậm nhất ngày 15/9/2025: UBND cấp xã cập nhật dữ liệu cán bộ cấp xã.\n"))
    assert "II.1" not in tasks
    first, second = tasks["II.1.1"], tasks["II.1.2"]
    assert (first.lead, first.timeline.text, first.timeline.end) == (["Sở Nội vụ"], "Trước ngày 30/6/2025", "2025-06-30")
    assert first.text.startswith("Sở Nội vụ hoàn thành")
    assert (second.lead, second.timeline.end) == (["UBND cấp xã"], "2025-09-15")


def test_a_peoples_committee_of_places_named_after_its_colon_is_one_actor(tmp_path):
    # "Ủy ban nhân dân các xã: A, B, C" names one actor, the committees of the places it lists: as a heading
    # over bullets, as a sentence's subject, and not a unit titling the names after its colon
    _, tasks = _tasks(tmp_path, (
        "1. Ủy ban nhân dân các xã: Bình Minh, Tân Hòa, Phú Thịnh Đông, An Lạc Tây\n"
        "- Xây dựng kế hoạch bảo vệ môi trường biển tại địa phương.\n"
        "2. Ủy ban nhân dân các phường: Hòa Bình, Tân Phú thực hiện rà soát dữ liệu đất đai trong năm 2025.\n"
        "3. Sở Nông nghiệp và Môi trường phối hợp với Ủy ban nhân dân 02 xã: Bình Minh, Tân Hòa thành lập khu bảo vệ "
        "nguồn lợi thủy sản.\n"))
    assert "II.1" not in tasks
    assert tasks["II.1.1"].lead == ["Ủy ban nhân dân các xã: Bình Minh, Tân Hòa, Phú Thịnh Đông, An Lạc Tây"]
    assert tasks["II.2"].lead == ["Ủy ban nhân dân các phường: Hòa Bình, Tân Phú"]
    assert tasks["II.2"].text.startswith("Ủy ban nhân dân các phường: Hòa Bình")
    assert tasks["II.3"].coordinators == ["Ủy ban nhân dân 02 xã: Bình Minh, Tân Hòa"]


def test_a_law_named_with_theo_in_its_name_and_an_amending_law_read_by_ocr(tmp_path):
    # "Luật Đầu tư theo phương thức đối tác công tư" is one law, not "Luật Đầu tư" ("theo" usually ends a name);
    # an amending law whose "đổi"/"bổ" lost a tone mark to OCR ("sửa đôi, bồ sung") is still one citation
    record, _ = _tasks(tmp_path, (
        "1. Sở Tài chính rà soát các dự án theo Luật Đầu tư theo phương thức đối tác công tư và Luật Đầu tư công.\n"
        "2. Sở Nội vụ triển khai Luật sửa đôi, bồ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
        "quyền địa phương ngày 22 tháng 11 năm 2019.\n"))
    laws = [(c.title, c.date) for c in record.citations if c.kind == "Luật"]
    assert ("Đầu tư theo phương thức đối tác công tư", None) in laws and ("Đầu tư", None) not in laws
    amending = [c for c in record.citations if c.kind == "Luật" and c.title and c.title.startswith("sửa")]
    assert len(amending) == 1 and amending[0].date == "2019-11-22"


def test_one_head_noun_over_the_names_that_open_a_sentence(tmp_path):
    # "Các Bộ: Công Thương, Văn hóa, Thể thao và Du lịch, Y tế nghiên cứu ...": the names after the colon are
    # the units (as printed), not "Các Bộ" titling a sentence that begins with names
    _, tasks = _tasks(tmp_path, (
        "1. Các Bộ: Công Thương, Văn hóa, Thể thao và Du lịch, Y tế nghiên cứu đề xuất của Bộ Tư pháp, "
        "có văn bản gửi Bộ Tư pháp trước ngày 30/4/2025.\n"))
    t = tasks["II.1"]
    assert t.lead == ["Công Thương", "Văn hóa, Thể thao và Du lịch", "Y tế"]
    assert t.text.startswith("Các Bộ: Công Thương")


def test_a_ministry_or_department_named_by_its_fields_capitalises_each_field(tmp_path):
    # "BỘ KHOA HỌC VÀ CÔNG NGHỆ" is "Bộ Khoa học và Công nghệ": each field a ministry, department or office is named
    # for opens with a capital, after "và", a comma or a dash; other bodies keep their usual casing
    from extractors.header import name_case

    assert name_case("BỘ KHOA HỌC VÀ CÔNG NGHỆ") == "Bộ Khoa học và Công nghệ"
    assert name_case("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Sở Văn hóa, Thể thao và Du lịch"
    assert name_case("PHÒNG TÀI CHÍNH - KẾ HOẠCH") == "Phòng Tài chính - Kế hoạch"
    assert name_case("BỘ CHỈ HUY QUÂN SỰ TỈNH") == "Bộ Chỉ huy quân sự tỉnh"
    assert name_case("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    path = tmp_path / "kh.txt"
    path.write_text(HEADER.replace("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
                    .replace("21/KH-UBND", "21/KH-BNNMT").replace("Hà Nam,", "Hà Nội,")
                    + "1. Vụ Kế hoạch rà soát dữ liệu trong quý II/2025.\n", encoding="utf-8")
    assert extract_file(path).document.issuer == "Bộ Nông nghiệp và Môi trường"


def test_ocr_repair_leaves_every_correct_title_verb_and_group_word_alone():
    # issue 11 point 11: a repair that rewrote "Thứ trưởng" to "Thủ trưởng" (they fold alike) made correct words
    # wrong; no word the extractors know as a position, title, rank, verb or group may be rewritten
    from extractors.lexicon import words
    from extractors.repair import repair_ocr_line

    changed = []
    for name in ("signer_positions.txt", "person_titles.txt", "heads_of_units.txt", "military_ranks.txt",
                 "verbs.txt", "collective_nouns.txt"):
        for w in words(name):
            line = (w.capitalize() if w.isupper() else w[:1].upper() + w[1:]) + " Nguyễn Văn An chỉ đạo thực hiện."
            if repair_ocr_line(line)[0] != line:
                changed.append(line)
    assert changed == []
    assert repair_ocr_line("Thứ trưởng Nguyễn Văn An")[0] == "Thứ trưởng Nguyễn Văn An"
    assert repair_ocr_line("Chỉ bộ tổ chức sinh hoạt")[0] == "Chi bộ tổ chức sinh hoạt"  # a wrong tone is still undone


def test_a_part_titled_with_aims_and_tasks_keeps_the_tasks_of_its_tasks_item():
    # "II. CHỈ TIÊU, NHIỆM VỤ" over "1. ... a) Mục tiêu ... b) Nhiệm vụ": the part names tasks as well as aims, so only
    # its "Mục tiêu" items state aims; the assignments under "Nhiệm vụ" are tasks
    import tempfile
    from pathlib import Path

    body = HEADER.replace("II. NHIỆM VỤ\n", "II. CHỈ TIÊU, NHIỆM VỤ\n") + (
        "1. Cải cách thể chế\na) Mục tiêu\n- Sở Tư pháp bảo đảm 100% văn bản được thẩm định.\nb) Nhiệm vụ\n"
        "- Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh ứng dụng trí tuệ nhân tạo trong phổ biến pháp luật.\n"
        "- Giao Công an tỉnh tham mưu bảo đảm an ninh mạng trong quý III/2025.\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kh.txt"
        path.write_text(body, encoding="utf-8")
        tasks = {t.id: t for t in extract_file(path).tasks}
    assert tasks["II.1.b.1"].lead == ["Sở Tư pháp"] and tasks["II.1.b.2"].lead == ["Công an tỉnh"]
    assert not any(t.startswith("II.1.a") for t in tasks)


def test_a_field_of_the_unit_that_leads_the_advice(tmp_path):
    # "Đơn vị chủ trì tham mưu thực hiện: Sở X." names the unit that drafts the work for the committee: an advisor
    _, tasks = _tasks(tmp_path, (
        "1. Tổ chức tập huấn kỹ năng xây dựng pháp luật cho cán bộ, công chức.\n"
        "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\n"
        "Đơn vị phối hợp thực hiện: Sở Nội vụ.\n"
        "Thời gian thực hiện: Quý III/2025.\n"))
    t = tasks["II.1"]
    assert (t.advisors, t.lead, t.coordinators) == (["Sở Tư pháp"], [], ["Sở Nội vụ"])


def test_a_coordination_lead_in_hands_its_lead_to_the_partners_below(tmp_path):
    # "b) Chủ trì, phối hợp:" under a unit's heading (or "X chủ trì, phối hợp" with the partners on the next line):
    # the lead-in is no task; each line below names the partners of the heading's (or X's) work
    _, tasks = _tasks(tmp_path, (
        "1. Công an tỉnh\n"
        "a) Tham mưu triển khai Chương trình phòng, chống ma túy.\n"
        "b) Chủ trì, phối hợp:\n"
        "- Sở Tài chính và các đơn vị có liên quan tham mưu bố trí ngân sách thực hiện Chương trình.\n"
        "- Sở Nội vụ tham mưu phân cấp quản lý các cơ sở cai nghiện.\n"
        "2. Đài Phát thanh và Truyền hình tỉnh chủ trì, phối hợp\n"
        "Sở Văn hóa, Thể thao và Du lịch, các cơ quan liên quan xây dựng phóng sự tuyên truyền.\n"))
    assert "II.1.b" not in tasks
    first, second = tasks["II.1.b.1"], tasks["II.1.b.2"]
    assert (first.lead, first.coordinators) == (["Công an tỉnh"], ["Sở Tài chính", "các đơn vị có liên quan"])
    assert (second.lead, second.coordinators) == (["Công an tỉnh"], ["Sở Nội vụ"])
    joined = tasks["II.2"]
    assert joined.lead == ["Đài Phát thanh và Truyền hình tỉnh"]
    assert joined.coordinators == ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan liên quan"]
    assert joined.text.startswith("Đài Phát thanh và Truyền hình tỉnh chủ trì, phối hợp Sở Văn hóa")


def test_a_dispatch_cited_in_lower_case():
    # mid-sentence "theo công văn số ..." cites a Công văn, like "văn bản số ..."; a bare "số 12" cites nothing
    from extractors.citations import find_citations

    found = find_citations("Thực hiện theo công văn số 6001/BKHCN-CĐSQG ngày 24/10/2025 và văn bản số 10781/VPCP-CN "
                           "ngày 01/11/2025; báo cáo số liệu theo số 12 của biểu mẫu.")
    assert [(c.kind, c.number, c.date) for c in found] == [
        ("Công văn", "6001/BKHCN-CĐSQG", "2025-10-24"), ("Công văn", "10781/VPCP-CN", "2025-11-01")]


def test_a_membership_list_is_no_unit_addressed(tmp_path):
    # "Các nhóm khảo sát gồm: Nhóm 1 ...; Nhóm 2 ..." lists who belongs to what (issue 11 point 9): "... gồm:" does not
    # address a unit the way "Sở Y tế: ..." does
    _, tasks = _tasks(tmp_path, (
        "1. Các nhóm khảo sát gồm: Nhóm 1 khảo sát tại xã Bình Minh; Nhóm 2 khảo sát tại xã Tân Hòa.\n"
        "2. Sở Y tế: Tổ chức khảo sát cơ sở khám bệnh trong quý II/2025.\n"))
    assert "II.1" not in tasks
    assert tasks["II.2"].lead == ["Sở Y tế"]


def test_a_law_named_after_a_lower_case_luật():
    # "triển khai luật Thực hiện dân chủ ở cơ sở": the law is named though its kind word is in lower case
    # (issue 11 point 1); "luật pháp", "luật sư" and "các luật có liên quan" name no law
    from extractors.citations import find_citations

    found = find_citations("Triển khai luật Thực hiện dân chủ ở cơ sở; tuyên truyền luật pháp, mời luật sư tư vấn "
                           "và rà soát các luật có liên quan.")
    assert [(c.kind, c.title, c.text) for c in found] == [
        ("Luật", "Thực hiện dân chủ ở cơ sở", "luật Thực hiện dân chủ ở cơ sở")]


def test_a_collective_heading_with_a_qualifier_after_its_comma_hands_its_items_down(tmp_path):
    # "19. Các cơ sở đào tạo đại học, sau đại học" over a), b): one collective actor ("sau đại học" qualifies it,
    # it names no body of its own), heading the items below
    _, tasks = _tasks(tmp_path, (
        "1. Các cơ sở đào tạo đại học, sau đại học\n"
        "a) Mở thêm chuyên ngành về chuyển đổi số trong từng lĩnh vực.\n"
        "b) Phối hợp với các viện nghiên cứu để phát triển công nghệ mới.\n"))
    assert tasks["II.1.a"].lead == ["Các cơ sở đào tạo đại học, sau đại học"]
    assert tasks["II.1.b"].coordinators == ["các viện nghiên cứu"]


def test_the_head_of_units_after_a_fronted_clause_in_lower_case(tmp_path):
    # "Đối với ..., thủ trưởng cơ quan, đơn vị bám sát ...": the subject after the fronted clause's comma is the heads
    # of the units, written in lower case mid-sentence
    _, tasks = _tasks(tmp_path, (
        "1. Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ quan, đơn vị bám sát chương trình "
        "hành động để triển khai thực hiện.\n"))
    assert tasks["II.1"].lead == ["thủ trưởng cơ quan, đơn vị"]


def test_reporting_periods_listed_as_reports(tmp_path):
    # "(gồm: báo cáo tuần, báo cáo tháng, báo cáo quý, báo cáo 6 tháng, báo cáo năm)": each report names a
    # recurrence of the work (issue 11 point 4, reporting periods); "báo cáo năm 2025" is one report, no recurrence
    _, tasks = _tasks(tmp_path, (
        "1. Văn phòng Sở tổng hợp, báo cáo định kỳ về công tác thi đua (gồm: báo cáo tuần, báo cáo tháng, báo cáo quý, "
        "báo cáo 6 tháng, báo cáo năm).\n"
        "2. Văn phòng Sở xây dựng báo cáo năm 2025 về công tác thi đua.\n"))
    t = tasks["II.1"]
    assert t.timeline.text == "báo cáo tuần, báo cáo tháng, báo cáo quý, báo cáo 6 tháng, báo cáo năm"
    assert t.timeline.recurrence == ["weekly", "monthly", "quarterly", "semiannual", "annual"]
    assert tasks["II.2"].timeline.recurrence == []


def test_a_deadline_and_then_every_month(tmp_path):
    # "báo cáo ... trước ngày 20 tháng 11 năm 2025 và hàng tháng": a first deadline, then a monthly report
    _, tasks = _tasks(tmp_path, (
        "1. Sở Tài chính triển khai chương trình tín dụng, báo cáo UBND tỉnh trước ngày 20 tháng 11 năm 2025 và "
        "hàng tháng; rà soát điều kiện cho vay.\n"))
    tl = tasks["II.1"].timeline
    assert (tl.text, tl.end, tl.recurrence) == ("trước ngày 20 tháng 11 năm 2025 và hàng tháng", "2025-11-20", ["monthly"])


def _letter(tmp_path, text: str):
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).tasks


def test_a_letter_paragraph_that_hands_work_by_giao_is_a_task(tmp_path):
    # a letter of plain paragraphs: "Giao các Bộ: X, Y có ý kiến ..." hands work to the names under the head;
    # the letter's account of what it received and its closing formula hand nothing
    tasks = _letter(tmp_path, (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 120/VPCP-KTTH\nV/v đề xuất của tỉnh Nghệ An\nHà Nội, ngày 02 tháng 3 năm 2026\n"
        "Kính gửi:\n- Các Bộ: Tài chính, Xây dựng;\n- Ủy ban nhân dân tỉnh Nghệ An.\n"
        "Xét đề nghị của Ủy ban nhân dân tỉnh Nghệ An tại văn bản số 45/UBND-KT, Phó Thủ tướng có ý kiến như sau:\n"
        "Giao các Bộ: Tài chính, Xây dựng có ý kiến về đề xuất của tỉnh Nghệ An trước ngày 20 tháng 3 năm 2026.\n"
        "Văn phòng Chính phủ thông báo để các Bộ, cơ quan biết, thực hiện./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"))
    assert [(t.lead, t.timeline.end) for t in tasks] == [(["Tài chính", "Xây dựng"], "2026-03-20")]


def test_a_notice_without_addressee_carries_its_requests_and_duties(tmp_path):
    # a Thông báo has no "Kính gửi": its paragraphs start after its title; "X đề nghị các ... <verb>" asks
    # the units after "đề nghị", "Y có trách nhiệm ..." gives Y a duty
    tasks = _letter(tmp_path, (
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 15/TB-UBND\nNinh Bình, ngày 02 tháng 4 năm 2026\n"
        "THÔNG BÁO\nVề việc nghỉ lễ\n"
        "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị treo cờ Tổ quốc từ ngày 28/4/2026 đến hết ngày 01/5/2026.\n"
        "Sở Nội vụ có trách nhiệm kiểm tra việc thực hiện Thông báo này.\n"
        "Nơi nhận:\n- Các sở, ban, ngành;\n- Lưu: VT.\n"))
    assert [(t.text[:20], t.lead) for t in tasks] == [("Ủy ban nhân dân tỉnh", ["các cơ quan, đơn vị"]),
                                                      ("Sở Nội vụ có trách n", ["Sở Nội vụ"])]
    assert (tasks[0].timeline.start, tasks[0].timeline.end) == ("2026-04-28", "2026-05-01")
    assert "Về việc" not in tasks[0].text


def test_the_signer_is_the_name_under_the_signature_not_a_list_printed_after_it(tmp_path):
    # a decision's list printed after the signature without a "Phụ lục" heading ends on a name-shaped row
    path = tmp_path / "decision.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/QĐ-UBND\nLâm Đồng, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\n"
        "Về việc công nhận xã miền núi\nĐiều 1. Công nhận các xã có tên tại danh sách kèm theo.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Bình\n"
        "DANH SÁCH XÃ MIỀN NÚI\n1\nXã Đam Rông\n2\nXã Hàm Thuận Bắc\n", encoding="utf-8")
    assert extract_file(path).document.signer.name == "Trần Văn Bình"


def test_a_decision_whose_letterhead_was_lost_is_issued_by_the_body_that_decides(tmp_path):
    # an OCR that kept the motto but lost the header's left column: the line above "Căn cứ" names who decides
    path = tmp_path / "decision.md"
    path.write_text(
        "# CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\nSố: /QĐ-UBND\n\n"
        "Điện Biên, ngày tháng năm 2025\n\n# QUYẾT ĐỊNH\n\nVề việc công bố thủ tục hành chính\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n\n"
        "# QUYẾT ĐỊNH:\n\nĐiều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n", encoding="utf-8")
    assert extract_file(path).document.issuer == "Ủy ban nhân dân tỉnh Điện Biên"


GAZETTE_DECISION = """CÔNG BÁO/Số 286/Ngày 27-05-2026
89

THỦ TƯỚNG CHÍNH PHỦ
Số: 844/QĐ-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 13 tháng 5 năm 2026
QUYẾT ĐỊNH
Ban hành Kế hoạch hành động thực hiện bảo hiểm y tế toàn dân
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hành động thực hiện bảo hiểm y tế toàn dân.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
[
Phạm Thị Thanh Trà

Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-05-27 07:55:25 +07:00

CÔNG BÁO/Số 286/Ngày 27-05-2026
90

THỦ TƯỚNG CHÍNH PHỦ
KẾ HOẠCH HÀNH ĐỘNG
Thực hiện bảo hiểm y tế toàn dân
(Kèm theo Quyết định số 844/QĐ-TTg ngày 13 tháng 5 năm 2026 của Thủ tướng Chính phủ)
I. NHIỆM VỤ
1. Bộ Y tế chủ trì xây dựng đề án truyền thông về bảo hiểm y tế trong năm 2026.
"""


def test_a_gazette_reprint_keeps_the_decisions_number_and_signer_and_its_plans_tasks(tmp_path):
    # the gazette's running head and the e-signature's stamp are the printer's; the reprint leaves out
    # "Nơi nhận", so the signature after the articles closes the decision; "KẾ HOẠCH HÀNH ĐỘNG" opens its plan
    path = tmp_path / "congbao.txt"
    path.write_text(GAZETTE_DECISION, encoding="utf-8")
    record = extract_file(path)
    doc = record.document
    assert (doc.kind, doc.number, doc.issuer) == ("Quyết định", "844/QĐ-TTg", "Thủ tướng Chính phủ")
    assert (doc.signer.name, doc.signer.position) == ("Phạm Thị Thanh Trà", "Phó Thủ tướng")
    assert [(t.lead, t.timeline.text) for t in record.tasks] == [(["Bộ Y tế"], "trong năm 2026")]
    assert "Ký bởi" not in record.text and "CÔNG BÁO/Số" not in record.text


CRAWLED_LETTER = """Công văn 296/BHXH-CSYT năm 2021 hướng dẫn một số quy định do Bảo hiểm xã hội Việt Nam ban hành. BẢO HIỂM XÃ HỘI VIỆT NAM --------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 296/BHXH-CSYT V/v hướng dẫn một số quy định
Hà Nội, ngày 02 tháng 02 năm 2021
Kính gửi: Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương.
Công văn 296/BHXH-CSYT năm 2021 hướng dẫn một số quy định do Bảo hiểm xã hội Việt Nam ban hành. 1. Rà soát giường bệnh
Đề nghị Bảo hiểm xã hội các tỉnh rà soát số giường bệnh kê thêm, báo cáo trước ngày 15/3/2021.
Nơi nhận:
- Như trên;
- Lưu: VT, CSYT.
KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn
"""


def test_a_crawled_page_loses_the_sites_breadcrumbs_and_its_one_line_signature_is_read(tmp_path):
    # the crawler opens each section with the document's name ("Công văn 296/... năm 2021 ... ban hành. ");
    # it prints the signature block on one line: authority, position, name
    path = tmp_path / "crawled.txt"
    path.write_text(CRAWLED_LETTER, encoding="utf-8")
    record = extract_file(path)
    assert record.document.issuer.casefold() == "bảo hiểm xã hội việt nam"  # (its casing is not this rule's)
    assert (record.document.signer.name, record.document.signer.position) == ("Phạm Lương Sơn", "Phó Tổng giám đốc")
    assert [t.text[:20] for t in record.tasks] == ["Đề nghị Bảo hiểm xã "]
    assert "năm 2021 hướng dẫn một số quy định do" not in record.text.split("Hà Nội")[1]


def test_the_duties_of_a_team_named_by_its_work_are_led_by_that_team(tmp_path):
    # "Điều 2. Nhiệm vụ của <Tổ ...>:" over bullets: the team leads each; its name keeps its commas
    _, tasks = _tasks(tmp_path, "1. Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại, tố cáo của công dân:\n"
                                "- Tiếp nhận, phân loại các đơn thư của công dân.\n"
                                "2. Tổ chức hội nghị triển khai có nhiệm vụ:\n"
                                "- Chuẩn bị tài liệu hội nghị.\n")
    assert [t.lead for t in tasks.values()] == [["Tổ tiếp công dân, xử lý khiếu nại, tố cáo của công dân"]]


def test_a_standing_body_under_its_parent_is_named_with_it():
    from extractors.header import _issuer
    assert _issuer(["ỦY BAN MTTQ VIỆT NAM", "XÃ LƯƠNG MINH", "BAN THƯỜNG TRỰC"]).casefold() \
        == "ban thường trực ủy ban mttq việt nam xã lương minh"
    assert _issuer(["ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN"]) == "Tiểu ban Thông tin, tuyên truyền"


def test_who_is_asked_does_the_work_and_a_requested_lead_in_hands_its_bullets_on(tmp_path):
    _, tasks = _tasks(tmp_path, "1. Bộ Y tế đề nghị BHXH Việt Nam chỉ đạo BHXH các tỉnh triển khai thực hiện.\n"
                                "2. Đề nghị Thủ trưởng các đơn vị chủ trì, phối hợp với BHXH tỉnh và các cơ quan có liên quan:\n"
                                "a) Quán triệt đến viên chức thuộc quyền quản lý.\n")
    assert [(t.lead, t.coordinators) for t in tasks.values()] == [
        (["BHXH Việt Nam"], []),
        (["Thủ trưởng các đơn vị"], ["BHXH tỉnh", "các cơ quan có liên quan"])]


def test_a_one_line_signature_takes_the_longest_position_it_ends_with():
    from extractors.header import _signature_lines
    assert _signature_lines("KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn") == [
        "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trường Sơn"]
    # a position signing in its own name, without an authority (a crawled decision's side-by-side block)
    assert _signature_lines("CHỦ TỊCH Hoàng Quốc Khánh") == ["CHỦ TỊCH", "Hoàng Quốc Khánh"]
    assert _signature_lines("THỦ TƯỚNG Nguyễn Xuân Phúc") == ["THỦ TƯỚNG", "Nguyễn Xuân Phúc"]
    assert _signature_lines("CỘNG HÒA Xã hội") == ["CỘNG HÒA Xã hội"]


def test_a_heading_asking_a_unit_to_work_with_others_hands_its_bullets_on(tmp_path):
    # "Đề nghị X phối hợp" over bullets: X leads each, the heading is no task; "X tổ chức ... phối hợp với Y
    # thực hiện các nội dung sau:" gives Y to each bullet; "Nội dung:" is a label, not a unit
    _, tasks = _tasks(tmp_path, "1. Đề nghị Ủy ban nhân dân xã phối hợp\n"
                                "- Bảo đảm an ninh trật tự tại hội nghị.\n"
                                "2. Ban Thường trực Ủy ban MTTQ xã tổ chức hội nghị phối hợp với Ủy ban nhân dân xã "
                                "thực hiện các nội dung sau:\n"
                                "a) Xây dựng kế hoạch tổ chức hội nghị tiếp xúc cử tri.\n"
                                "3. Nội dung: Công an xã phối hợp với Ủy ban nhân dân xã bảo đảm an ninh.\n")
    assert [(t.lead, t.coordinators) for t in tasks.values()] == [
        (["Ủy ban nhân dân xã"], []),
        (["Ban Thường trực Ủy ban MTTQ xã"], ["Ủy ban nhân dân xã"]),
        (["Công an xã"], ["Ủy ban nhân dân xã"])]


# --- round 17 --------------------------------------------------------------------------------------------

def _ministry_letter(tmp_path, body: str, header: str | None = None):
    path = tmp_path / "letter.txt"
    path.write_text((header or "BỘ XÂY DỰNG\nSố: 512/BXD-KHTC\nHà Nội, ngày 12 tháng 5 năm 2025\n"
                              "V/v triển khai Nghị định số 35/2025/NĐ-CP\n\n") + body, encoding="utf-8")
    record = extract_file(path)
    return record, {t.id: t for t in record.tasks}


def test_a_letters_lead_in_after_other_sentences_and_an_alias_in_brackets_asks_its_units(tmp_path):
    # the lead-in is the paragraph's last sentence; "(sau đây gọi là …)" names no unit; "các nhiệm vụ, giải pháp
    # trọng tâm sau:" leads in as "các nhiệm vụ sau:" does
    _, tasks = _ministry_letter(tmp_path, (
        "Kính gửi:\n- Các Bộ, cơ quan ngang bộ;\n- Ủy ban nhân dân các tỉnh, thành phố.\n\n"
        "Ngày 02/4/2025, Chính phủ ban hành Nghị định số 35/2025/NĐ-CP. Để triển khai thực hiện Nghị định, Bộ Xây "
        "dựng đề nghị các Bộ, cơ quan ngang bộ (sau đây gọi là Bộ, ngành) và Ủy ban nhân dân các tỉnh, thành phố "
        "chỉ đạo thực hiện; trong đó lưu ý các nhiệm vụ, giải pháp trọng tâm sau:\n\n"
        "1. Tổ chức phổ biến nội dung Nghị định tới các cơ quan, đơn vị.\n\n"
        "2. Rà soát các văn bản đã ban hành để sửa đổi, bổ sung cho phù hợp.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"))
    assert tasks["1"].lead == ["các Bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố"]
    assert tasks["2"].lead == tasks["1"].lead


def test_an_item_for_units_and_an_item_directing_them_hand_their_lettered_items_on(tmp_path):
    # "Đối với các Bộ quản lý chuyên ngành (…)" names whose duties follow; "X có trách nhiệm chỉ đạo … thực hiện
    # việc:" is no task, its lettered items are X's
    _, tasks = _ministry_letter(tmp_path, (
        "Kính gửi: Các Bộ, ngành.\n\n"
        "1. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 Nghị định)\n"
        "a) Công bố danh mục tài sản thuộc phạm vi quản lý.\n"
        "b) Hướng dẫn việc lập hồ sơ tài sản.\n"
        "2. Các Bộ, Ủy ban nhân dân cấp tỉnh có trách nhiệm chỉ đạo các cơ quan, đơn vị trực thuộc thực hiện việc:\n"
        "a) Rà soát, thống kê tài sản.\n"
        "b) Lập hồ sơ, lưu trữ hồ sơ tài sản.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"))
    assert sorted(tasks) == ["1.a", "1.b", "2.a", "2.b"]
    assert tasks["1.a"].lead == ["các Bộ quản lý chuyên ngành"]
    assert tasks["2.b"].lead == ["Các Bộ", "Ủy ban nhân dân cấp tỉnh"]


def test_an_ocr_one_read_as_roman_numeral_is_the_first_item(tmp_path):
    # "I." over items numbered 2, 3 and no II: OCR made "1." a roman one; the letter's items are 1, 2, 3
    record, tasks = _ministry_letter(tmp_path, (
        "Kính gửi: Ủy ban nhân dân các tỉnh.\n\n"
        "Bộ Xây dựng đề nghị Ủy ban nhân dân các tỉnh thực hiện các nhiệm vụ sau:\n\n"
        "I. Tổ chức phổ biến nội dung Nghị định tới các cơ quan, đơn vị.\n\n"
        "2. Rà soát các văn bản đã ban hành để sửa đổi, bổ sung cho phù hợp.\n\n"
        "3. Báo cáo kết quả thực hiện trước ngày 30/6/2025.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"))
    assert record.sections == []
    assert sorted(tasks) == ["1", "2", "3"] and tasks["1"].lead == ["Ủy ban nhân dân các tỉnh"]


def test_an_ocr_number_with_letters_for_digits_and_a_body_named_by_its_decision(tmp_path):
    record, _ = _ministry_letter(tmp_path, "Kính gửi: Các Sở.\n\nĐề nghị các Sở báo cáo.\n", header=(
        "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: Z32Ø/BTC-QLCS Hà Nội, ngày 19 tháng 6 năm 2025\n\n"))
    assert (record.document.number, record.document.place) == ("Z32Ø/BTC-QLCS", "Hà Nội")
    record, _ = _ministry_letter(tmp_path, "KẾ HOẠCH\nKiểm tra an toàn\n\n1. Mục tiêu\n- Đánh giá tình hình.\n", header=(
        "SỞ CÔNG THƯƠNG\nĐOÀN KIỂM TRA\nTHEO QUYẾT ĐỊNH\nSỐ 210/QĐ-SCT          Lào Cai, ngày 10 tháng 3 năm 2025\n"
        "Số: 215/KH-ĐKT\n\n"))
    assert record.document.number == "215/KH-ĐKT"
    assert record.document.issuer == "Đoàn Kiểm tra theo quyết định số 210/QĐ-SCT"


def test_a_roster_stops_a_persons_title_with_a_dot(tmp_path):
    _, tasks = _tasks(tmp_path, (
        "1. Phân công nhiệm vụ\n"
        "1.1. Ông. Trần Văn Bình - Trưởng đoàn: Phụ trách chung, ký các văn bản của Đoàn.\n"
        "1.2. Bà. Lê Thị Hoa - Thư ký: Tổng hợp báo cáo kết quả kiểm tra.\n"))
    assert tasks["II.1.1"].lead == ["Ông. Trần Văn Bình - Trưởng đoàn"]
    assert tasks["II.1.2"].lead == ["Bà. Lê Thị Hoa - Thư ký"]


def test_a_timetable_without_border_keyed_by_its_period(tmp_path):
    # no outer pipes: a row opening on "|" has an empty first cell, its period the one above in its group;
    # "I | GIAI ĐOẠN 1" and "1 | Lập nhiệm vụ" are group rows; "10-11/2025" is two months, "12/2025" one
    _, tasks = _tasks(tmp_path, (
        "Thời gian | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp\n"
        "I | GIAI ĐOẠN 1: LẬP NHIỆM VỤ\n"
        "1 | Lập nhiệm vụ\n"
        "10-11/2025 | Xây dựng dự thảo nhiệm vụ | Sở Xây dựng | Sở Tài chính\n"
        " | Lấy ý kiến các sở, ngành | Sở Xây dựng | Văn phòng UBND tỉnh\n"
        "2 | Phê duyệt nhiệm vụ\n"
        "12/2025 | Trình phê duyệt nhiệm vụ | Sở Xây dựng | \n"))
    rows = [t for t in tasks.values() if t.origin == "table"]
    assert [t.text for t in rows] == ["Xây dựng dự thảo nhiệm vụ", "Lấy ý kiến các sở, ngành", "Trình phê duyệt nhiệm vụ"]
    assert [(t.timeline.start, t.timeline.end) for t in rows] == [
        ("2025-10-01", "2025-11-30"), ("2025-10-01", "2025-11-30"), ("2025-12-01", "2025-12-31")]
    assert rows[1].coordinators == ["Văn phòng UBND tỉnh"]


def test_a_subject_cut_before_a_number_and_a_heading_that_is_one_qualified_collective(tmp_path):
    # "V/v … Nghị định số ↵ 35/2025/NĐ-CP …": the subject goes on; "2. Các cơ quan, đơn vị được giao quản lý tài sản"
    # is one collective whose duties are its lettered items
    record, tasks = _ministry_letter(tmp_path, (
        "Kính gửi: Các sở, ban, ngành.\n\n"
        "1. Sở Tài chính\na) Hướng dẫn việc lập hồ sơ tài sản.\n"
        "2. Các cơ quan, tổ chức, đơn vị được giao quản lý, sử dụng tài sản kết cấu hạ tầng\n"
        "a) Thực hiện quản lý tài sản đúng mục đích.\n"
        "b) Kê khai, cập nhật thông tin vào Cơ sở dữ liệu.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), header=(
        "BỘ XÂY DỰNG\nSố: 512/BXD-KHTC\nHà Nội, ngày 12 tháng 5 năm 2025\nV/v triển khai Nghị định số\n"
        "35/2025/NĐ-CP ngày 02/4/2025\ncủa Chính phủ\n\n"))
    assert record.document.title == "triển khai Nghị định số 35/2025/NĐ-CP ngày 02/4/2025 của Chính phủ"
    assert tasks["2.b"].lead == ["Các cơ quan, tổ chức, đơn vị được giao quản lý, sử dụng tài sản kết cấu hạ tầng"]


# --- round 18 --------------------------------------------------------------------------------------------

def test_a_topic_items_opening_paragraph_hands_its_bullets_to_the_units_it_asks(tmp_path):
    # "2. Kiến nghị ↵ …, Sở X yêu cầu đơn vị nêu trên thực hiện một số nội dung sau: ↵ - …": the paragraph only
    # leads in; a notice's closing formula ("… thông báo cho các đơn vị được biết và thực hiện./.") hands nothing
    _, tasks = _ministry_letter(tmp_path, (
        "1. Kết quả kiểm tra\nCông ty đã chấp hành cơ bản các quy định.\n"
        "2. Kiến nghị\n"
        "Để việc quản lý được tốt hơn, Sở Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:\n"
        "- Rà soát, bổ sung biển báo tại kho.\n"
        "- Tổ chức huấn luyện định kỳ cho người lao động.\n"
        "Sở Công Thương thông báo cho các đơn vị được biết và thực hiện./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), header=(
        "SỞ CÔNG THƯƠNG CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 19/TB-SCT Lào Cai, ngày 09 tháng 4 năm 2025\n\nTHÔNG BÁO\nKết quả kiểm tra\n\n"))
    assert sorted(tasks) == ["2.1", "2.2"]
    assert tasks["2.2"].lead == ["đơn vị nêu trên"]


def test_a_joint_code_over_two_lines_cyrillic_look_alikes_and_a_mistyped_motto(tmp_path):
    record, _ = _ministry_letter(tmp_path, "1. Các Bộ tổ chức thực hiện Hướng dẫn.\n", header=(
        "BỘ CÔNG AN BỘ Y TẾ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 24/HDLN-BCA-BYT-     Hà Nội, ngày 25 tháng 6 năm 2025\nВСТ-ВТC\n\n"
        "HƯỚNG DẪN LIÊN NGÀNH\nVề việc xử lý vi phạm\n\n"))
    document = record.document
    assert (document.number, document.place, document.date) == ("24/HDLN-BCA-BYT-BCT-BTC", "Hà Nội", "2025-06-25")
    assert (document.kind, document.title) == ("Hướng dẫn", "Về việc xử lý vi phạm")
    record, _ = _ministry_letter(tmp_path, "1. Các phòng rà soát hồ sơ.\n", header=(
        "SỞ CÔNG THƯƠNG CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 19/SCT-VP Lào Cai, ngày 09 tháng 4 năm 2025\n\n"))
    assert record.document.issuer.casefold() == "sở công thương"


# --- round 19 --------------------------------------------------------------------------------------------

def test_a_leaders_instructions_passed_on_by_a_letter_are_tasks_and_a_number_slot_keeps_its_blank(tmp_path):
    # "…, Phó Thủ tướng X có ý kiến như sau:" over a paragraph opening with a unit and its work; the number printed
    # with a blank before its year ("Số: 64          /2025/VPCP-NN") beside the place is one number
    record, tasks = _ministry_letter(tmp_path, (
        "Kính gửi: Bộ Tài chính.\n\n"
        "Về đề nghị của Bộ Nông nghiệp và Môi trường tại Tờ trình số 87/TTr-BNNMT, Phó Thủ tướng Chính phủ Trần Văn A "
        "có ý kiến như sau:\n\n"
        "Bộ Tài chính rà soát cơ chế tài chính; trên cơ sở đó chủ trì, phối hợp với Bộ Nông nghiệp và Môi trường xây "
        "dựng Đề án, báo cáo Thủ tướng Chính phủ.\n\n"
        "Văn phòng Chính phủ thông báo để các Bộ biết, thực hiện./.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), header=(
        "VĂN PHÒNG CHÍNH PHỦ                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                                         Độc lập - Tự do - Hạnh phúc\n"
        "Số: 64          /2025/VPCP-NN            Hà Nội, ngày 26 tháng 01 năm 2025\n"
        "V/v Đề án thị trường các-bon\n\n"))
    assert (record.document.number, record.document.place) == ("64/2025/VPCP-NN", "Hà Nội")
    assert list(tasks) == ["1"] and tasks["1"].lead == ["Bộ Tài chính"]
    assert tasks["1"].coordinators == ["Bộ Nông nghiệp và Môi trường"]


def test_a_body_named_by_its_role_leads_its_duty(tmp_path):
    # "Sở quản lý ngành, lĩnh vực có trách nhiệm …": one body named by its role (a verb in its words, a comma
    # that names no second body); "Cơ quan tiếp nhận kê khai giá có trách nhiệm …" likewise
    _, tasks = _tasks(tmp_path, (
        "1. Bình ổn giá\n"
        "a) Sở quản lý ngành, lĩnh vực có trách nhiệm tham mưu Ủy ban nhân dân tỉnh tổ chức bình ổn giá.\n"
        "b) Cơ quan tiếp nhận kê khai giá có trách nhiệm thông báo hình thức tiếp nhận cho các tổ chức.\n"
        "c) Trường hợp cần thiết điều chỉnh danh mục bình ổn giá, Sở quản lý ngành, lĩnh vực chuẩn bị hồ sơ đề nghị "
        "điều chỉnh danh mục.\n"))
    assert tasks["II.1.a"].lead == ["Sở quản lý ngành, lĩnh vực"]
    assert tasks["II.1.b"].lead == ["Cơ quan tiếp nhận kê khai giá"]
    # the sector's body before any verb, after a fronted clause too ("quản lý" is part of its name)
    assert tasks["II.1.c"].lead == ["Sở quản lý ngành, lĩnh vực"]


def test_a_subject_whose_words_after_a_comma_name_no_body_stays_whole(tmp_path):
    # "Các Sở, cơ quan quản lý ngành, lĩnh vực chủ trì …": "lĩnh vực" names no body; one lead, not two
    _, tasks = _tasks(tmp_path, (
        "1. Các Sở, cơ quan quản lý ngành, lĩnh vực chủ trì, phối hợp với Sở Tài chính tổng hợp giá thị trường.\n"))
    assert tasks["II.1"].lead == ["Các Sở, cơ quan quản lý ngành, lĩnh vực"]
    assert tasks["II.1"].coordinators == ["Sở Tài chính"]


def test_a_heading_that_names_units_hands_them_its_duties(tmp_path):
    # "1. Trách nhiệm của Sở Xây dựng" (no colon) over its paragraph; "2. Trách nhiệm của A, B." (a full stop);
    # "3. Các Bộ: Y tế, Công Thương" over points: the names under the head noun; "Các Bộ: Y tế, Tài chính và Ủy ban
    # nhân dân tỉnh, thành phố có trách nhiệm …": the body joined by "và" is one more lead
    record, tasks = _tasks(tmp_path, (
        "1. Trách nhiệm của Sở Xây dựng\n\n"
        "Chủ trì, phối hợp Sở Tài chính tổng hợp ý kiến về giá dịch vụ nhà chung cư.\n\n"
        "2. Trách nhiệm của Chủ đầu tư, Ban quản trị nhà chung cư.\n\n"
        "Xây dựng giá dịch vụ, báo cáo Hội nghị nhà chung cư quyết định.\n\n"
        "3. Các Bộ: Y tế, Công Thương, Nông nghiệp và Phát triển nông thôn\n"
        "a) Hướng dẫn thi hành Nghị quyết số 66.13/2026/NQ-CP ngày 27/01/2026 của Chính phủ.\n"
        "4. Trách nhiệm phối hợp\n"
        "Các Bộ: Y tế, Tài chính và Ủy ban nhân dân tỉnh, thành phố có trách nhiệm kết nối dữ liệu an toàn thực phẩm.\n"))
    def leads(item):
        return [(t.lead, t.coordinators) for i, t in tasks.items() if i.startswith(item)]

    assert leads("II.1") == [(["Sở Xây dựng"], ["Sở Tài chính"])]
    assert leads("II.2") == [(["Chủ đầu tư", "Ban quản trị nhà chung cư"], [])]
    assert leads("II.3") == [(["Y tế", "Công Thương", "Nông nghiệp và Phát triển nông thôn"], [])]
    assert leads("II.4") == [(["Y tế", "Tài chính", "Ủy ban nhân dân tỉnh, thành phố"], [])]
    assert "66.13/2026/NQ-CP" in [c.number for c in record.citations]


def test_a_regulation_whose_heading_was_lost_opens_at_its_first_chapter(tmp_path):
    # a decision issuing a Quy chế "kèm theo Quyết định này", the Quy chế's own heading lost with a page: its first
    # "Chương" after the signature opens it; a chapter's title in capitals goes on over lines; "Điều 2. Đối tượng áp
    # dụng" names who the rules cover, no task; "Điều 4 Điều khoản thi hành" (no full stop) is the next article;
    # "Sở, ban, ngành; …" (no "Các") leads
    path = tmp_path / "decision.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 35/2024/QĐ-UBND\nHà Nội, ngày 28 tháng 5 năm 2024\n\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế xét tặng danh hiệu\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu.\n"
        "Điều 2. Chánh Văn phòng Ủy ban nhân dân Thành phố; Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết "
        "định này./.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn A\n\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
        "Điều 2. Đối tượng áp dụng\n1. Sở Nội vụ, các cơ quan nhà nước có liên quan.\n"
        "Chương II\nTỔ CHỨC THỰC HIỆN VÀ\nĐIỀU KHOẢN THI HÀNH\n"
        "Điều 3. Tổ chức thực hiện\n"
        "1. Sở, ban, ngành; Ủy ban nhân dân các quận, huyện có trách nhiệm triển khai thực hiện Quy chế này.\n"
        "2. Sở Nội vụ có trách nhiệm hướng dẫn, đôn đốc thực hiện Quy chế này.\n"
        "Điều 4 Điều khoản thi hành\n"
        "Quá trình thực hiện, các đơn vị báo cáo Ủy ban nhân dân Thành phố xem xét, sửa đổi./.\n", encoding="utf-8")
    record = extract_file(path)
    tasks = {t.id: t for t in record.tasks}
    assert [(s.id, s.title) for s in record.sections] == [
        ("I", "QUY ĐỊNH CHUNG"), ("II", "TỔ CHỨC THỰC HIỆN VÀ ĐIỀU KHOẢN THI HÀNH")]
    assert sorted(tasks) == ["3.1", "3.2"]
    assert tasks["3.1"].lead == ["Sở, ban, ngành", "Ủy ban nhân dân các quận, huyện"]
    assert tasks["3.2"].lead == ["Sở Nội vụ"] and "báo cáo" not in tasks["3.2"].text


def test_a_sentence_broken_by_a_blank_line_goes_on_in_lower_case(tmp_path):
    # a PDF's text copy breaks a sentence with a blank line ("… tham gia bảo vệ" / "" / "môi trường, …"): a
    # Vietnamese paragraph never opens in lower case, so the line goes on; "a. Chủ trì …" after a blank opens a point
    _, tasks = _tasks(tmp_path, (
        "1. Ủy ban nhân dân tỉnh\n\n"
        "- Tổ chức triển khai các phong trào toàn dân tham gia bảo vệ\n\n"
        "môi trường, chủ động ứng phó với biến đổi khí hậu trên địa bàn.\n\n"
        "2. Sở Văn hóa, Thể thao và Du lịch\n\n"
        "a. Chủ trì tuyên truyền nếp sống văn minh.\n\n"
        "b. Phối hợp kiểm tra việc thực hiện.\n"))
    assert [t.text for t in tasks.values() if t.lead == ["Ủy ban nhân dân tỉnh"]] == [
        "Tổ chức triển khai các phong trào toàn dân tham gia bảo vệ môi trường, chủ động ứng phó với biến đổi khí "
        "hậu trên địa bàn."]
    assert sum(t.lead == ["Sở Văn hóa, Thể thao và Du lịch"] for t in tasks.values()) == 2


def test_a_page_number_after_a_form_feed_is_no_paragraph(tmp_path):
    # a PDF's text copy starts each page with a form feed and the page's number ("\f2"): no task of its own,
    # nothing added to the task before it
    _, tasks = _tasks(tmp_path, (
        "1. Sở Công Thương chủ trì kiểm tra việc sử dụng vật liệu nổ công nghiệp trong năm 2025.\n\n"
        "\f2\n\n"
        "2. Sở Xây dựng phối hợp kiểm tra các công trình.\n"))
    assert sorted(tasks) == ["II.1", "II.2"]
    assert tasks["II.1"].text.endswith("trong năm 2025.")


def test_a_code_in_a_table_cell_is_no_signature(tmp_path):
    # "TMD" (a land-use code) in a table before the decision's duties is no "TM. D" signature block: the body goes on
    record, tasks = _tasks(tmp_path, (
        "| STT | Chỉ tiêu sử dụng đất | Mã | Tổng diện tích |\n| --- | --- | --- | --- |\n"
        "| 2.5 | Đất thương mại, dịch vụ | TMD | 80,69 |\n| 2.6 | Đất cơ sở sản xuất | SKC | 384,69 |\n\n"
        "1. Sở Tài nguyên và Môi trường có trách nhiệm tham mưu thu hồi đất theo kế hoạch.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Chiến\n"))
    assert [t.lead for t in tasks.values()] == [["Sở Tài nguyên và Môi trường"]]
    assert record.document.signer.name == "Trần Văn Chiến"


def test_a_crawled_header_with_the_date_kind_and_title_on_one_line(tmp_path):
    # a crawl flattened "Tây Ninh, ngày …", "QUYẾT ĐỊNH", its title and the authority it speaks as onto one line
    path = tmp_path / "decision.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH -------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 3745/QĐ-UBND Tây Ninh, ngày 30 tháng 12 năm 2021 QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG ĐẤT NĂM "
        "2022 HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch sử dụng đất năm 2022 huyện Châu Thành.\n"
        "Điều 2. Sở Tài nguyên và Môi trường có trách nhiệm tham mưu thu hồi đất theo kế hoạch.\n", encoding="utf-8")
    doc = extract_file(path).document
    assert (doc.kind, doc.number, doc.date) == ("Quyết định", "3745/QĐ-UBND", "2021-12-30")
    assert doc.title == "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG ĐẤT NĂM 2022 HUYỆN CHÂU THÀNH"


def test_a_crawled_letter_passing_on_the_governments_assignment(tmp_path):
    # the addressee after the date on one line (a crawl); "…, Thủ tướng Chính phủ giao Bộ X …" in a Văn phòng Chính
    # phủ letter is Bộ X's task; an item over steps of its own under a lead-in heads them, it is no task of the units
    # asked
    record, tasks = _ministry_letter(tmp_path, (
        "Báo Đấu thầu đưa tin nhiều công ty cổ phần chưa thực hiện quy định về quản trị doanh nghiệp.\n"
        "Về nội dung nêu trên, Thủ tướng Chính phủ giao Bộ Kế hoạch và Đầu tư nghiên cứu, có giải pháp phù hợp; "
        "trường hợp vượt thẩm quyền, báo cáo Thủ tướng Chính phủ.\n"
        "Văn phòng Chính phủ thông báo để Bộ Kế hoạch và Đầu tư biết, thực hiện./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), header=(
        "VĂN PHÒNG CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp\n"
        "Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.\n"))
    assert [(t.lead, t.text[:22]) for t in tasks.values()] == [(["Bộ Kế hoạch và Đầu tư"], "Về nội dung nêu trên, ")]
    _, tasks = _ministry_letter(tmp_path, (
        "Kính gửi:\n- Bảo hiểm xã hội các tỉnh, thành phố.\n\n"
        "Để thống nhất thực hiện, Bảo hiểm xã hội Việt Nam đề nghị Bảo hiểm xã hội các tỉnh, thành phố thực hiện một số "
        "nội dung sau:\n\n"
        "1. Rà soát việc kê thêm giường tại các cơ sở khám, chữa bệnh\n"
        "- Đối với các cơ sở đã mở rộng quy mô, cơ sở khám, chữa bệnh có trách nhiệm làm thủ tục điều chỉnh giấy phép.\n"
        "2. Tổng hợp số giường thực kê, báo cáo trước ngày 15/3/2025.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"))
    assert "1" not in tasks and tasks["2"].lead == ["Bảo hiểm xã hội các tỉnh, thành phố"]


def test_a_recurring_deadline_before_the_subject_and_the_committees_of_several_levels(tmp_path):
    # "Định kỳ trước ngày 15 tháng 12 hằng năm và khi có yêu cầu, X có trách nhiệm báo cáo …": the period put first;
    # "Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, …" is one long lead, not a sentence misread
    _, tasks = _tasks(tmp_path, (
        "1. Định kỳ trước ngày 15 tháng 12 hằng năm và khi có yêu cầu, Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
        "trung ương có trách nhiệm báo cáo kết quả đào tạo nghề.\n"
        "2. Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, thành phố trực thuộc Trung ương có trách "
        "nhiệm lập phương án đào tạo, chuyển đổi nghề.\n"))
    assert tasks["II.1"].lead == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert tasks["II.1"].timeline.recurrence == ["annual", "on_request"]
    assert tasks["II.2"].lead == ["Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, thành phố trực thuộc "
                                  "Trung ương"]


def test_a_wrapped_table_numbering_its_rows_within_groups(tmp_path):
    # a PDF's text lost the table's layout: a row's number alone on its line, its cells wrapped one after another;
    # "1." over its title and rows "1.1", "1.2" is a group; "2." with no "2.1" after it is a row of its own; a time
    # cell "Nhiệm vụ thường xuyên"
    record, tasks = _tasks(tmp_path, (
        "TT \nNhiệm vụ, giải pháp \nCơ quan \nchủ trì \nCơ quan \n phối hợp \nSản phẩm \nThời gian \n thực hiện \n"
        "1. \nRà soát, hoàn thiện thể chế \n"
        "1.1 \nNghiên cứu, rà soát, sửa đổi, bổ \nsung các quy định về đầu tư, kinh \ndoanh sản phẩm công nghệ số. \n"
        "Bộ Tài chính \nBộ Khoa học và \nCông nghệ \nCơ quan, tổ chức \nvà doanh nghiệp \nliên quan \n"
        "Cơ chế, chính sách \nđược ban hành \nNhiệm vụ thường \nxuyên \n"
        "1.2 \nNghiên cứu, xây dựng cơ chế tài \nchính, tín dụng khuyến khích \ndoanh nghiệp công nghệ số. \n"
        "Bộ Tài chính \nBộ Khoa học và \nCông nghệ \nCơ chế, chính sách \nđược ban hành \nQuý IV/2026 \n"
        "2. \nNghiên cứu đề xuất xây dựng hệ \nthống thông tin quản lý doanh \nnghiệp công nghệ số. \n"
        "Bộ Khoa học và \nCông nghệ \nBộ Tài chính \nHệ thống thông tin \nQuý II/2027 \n"))
    table = {t.id: t for t in record.tasks if t.origin == "table"}
    assert list(table) == ["II.1.1", "II.1.2", "II.2"]  # the group's row is no task; rows keep their numbers
    assert [t.lead for t in table.values()] == [["Bộ Tài chính"], ["Bộ Tài chính"], ["Bộ Khoa học và Công nghệ"]]
    assert [t.timeline.text for t in table.values()] == ["Nhiệm vụ thường xuyên", "Quý IV/2026", "Quý II/2027"]
    # the partners' cell lists two bodies, each on lines of its own
    assert table["II.1.1"].coordinators == ["Bộ Khoa học và Công nghệ", "Cơ quan, tổ chức và doanh nghiệp liên quan"]


def test_an_ocrd_letter_that_demands_work_of_the_comrades_it_addresses(tmp_path):
    # "Tổng cục Thuế yêu cầu đồng chí Cục trưởng … như sau:" leads into the items as "đề nghị" does (and its closing
    # "… yêu cầu … nghiêm túc thực hiện" asks nothing); "TỔNG CỤC THUẾ" under its ministry issues the letter; an OCR'd
    # date line ("ngàyA2 thang 3") still names the place, "Noi nhận:}" still opens the recipients; a converter's
    # "--- PAGE BREAK ---" is a page break (not a bullet that makes item 2 a heading over steps); under the
    # lead-in, "3/ Tổ chức thực hiện" over a paragraph that names its own doers heads it, it is no task of theirs
    record, tasks = _ministry_letter(tmp_path, (
        "Kính gửi: Cục trưởng Cục Thuế các tỉnh, thành phố.\n\n"
        "Để hoàn thành nhiệm vụ năm 2020, Tổng cục Thuế yêu cầu đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố chỉ "
        "đạo triển khai thực hiện một số công việc như sau:\n\n"
        "1/ Tổ chức quán triệt nhiệm vụ đến từng phòng, đội thanh tra.\n\n"
        "2/ Rà soát danh sách doanh nghiệp, tập trung thanh tra doanh nghiệp có rủi ro cao về thuế và thanh tra\n\n"
        "--- PAGE BREAK ---\n\n"
        "chéo theo đúng nguyên tắc.\n\n"
        "3/ Tổ chức thực hiện\n\n"
        "Phòng Thanh tra các Cục Thuế chịu trách nhiệm tổng hợp kết quả, báo cáo hằng tháng.\n\n"
        "Tổng cục Thuế yêu cầu các đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố nghiêm túc triển khai thực hiện.\n\n"
        "Noi nhận:}\n- Như trên;\n- Lưu: VT.\n"), header=(
        "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1046 /TCT-TTKT Hà Nội, ngàyA2 thang 3 năm 2020\n\nV/v tăng cường công tác thanh tra\n\n"))
    doc = record.document
    assert (doc.issuer, doc.place, doc.date) == ("Tổng cục Thuế", "Hà Nội", None)
    asked = ["đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố"]
    assert tasks["1"].lead == tasks["2"].lead == asked
    assert tasks["2"].text.endswith("thanh tra chéo theo đúng nguyên tắc.")
    assert "3" not in tasks and tasks["3.1"].lead == ["Phòng Thanh tra các Cục Thuế"]
    assert not any("nghiêm túc" in t.text for t in tasks.values())
    assert "Như trên" in doc.recipients


def test_a_crawled_decision_whose_plan_heading_follows_the_signature_on_its_line(tmp_path):
    # a crawl flattened the signature and the heading of the plan the decision issues onto one line: the plan's
    # body opens after it and the signer is still read; a department named by two fields of work keeps its comma
    # ("Vụ Phổ biến, giáo dục pháp luật"), one named by what it is about keeps its verb ("… chung về xây dựng
    # pháp luật" heads its lettered items); quarters listed span the first to the last; partners "trong và ngoài
    # tỉnh" stay one group, and a list cut by a verb that is a noun here ("và tổ chức pháp chế") loses its "và"
    path = tmp_path / "qd.txt"
    path.write_text(
        "BỘ TƯ PHÁP --------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 173/QĐ-BTP\nHà Nội, ngày 29 tháng 01 năm 2015 QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH PHỐI HỢP NĂM 2015 "
        "BỘ TRƯỞNG BỘ TƯ PHÁP\nCăn cứ Nghị định số 22/2013/NĐ-CP ngày 13/3/2013 của Chính phủ, QUYẾT ĐỊNH:\n"
        "Điều 1.\nBan hành kèm theo Quyết định này Kế hoạch phối hợp năm 2015.\n"
        "Điều 2.\nQuyết định này có hiệu lực thi hành kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH PHỐI HỢP NĂM 2015 (Ban hành kèm theo Quyết định số "
        "173/QĐ-BTP ngày 29 tháng 01 năm 2015 của Bộ trưởng Bộ Tư pháp)\n"
        "I. NỘI DUNG THỰC HIỆN\n"
        "1. Công tác phổ biến, giáo dục pháp luật\n"
        "a) Biên soạn tài liệu pháp luật cho đồng bào dân tộc thiểu số\n"
        "- Đơn vị chủ trì: Vụ Phổ biến, giáo dục pháp luật.\n"
        "- Đơn vị phối hợp: Vụ Pháp luật quốc tế và các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh.\n"
        "- Thời gian thực hiện: Quý II, III/2015.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Vụ Các vấn đề chung về xây dựng pháp luật\n"
        "a) Tổ chức triển khai thực hiện Kế hoạch.\n"
        "b) Phối hợp với Cơ quan công tác dân tộc và tổ chức pháp chế các bộ, tham mưu lãnh đạo Bộ.\n",
        encoding="utf-8")
    record = extract_file(path)
    tasks = {t.id: t for t in record.tasks}
    assert (record.document.signer.name, record.document.signer.position) == ("Đinh Trung Tụng", "Thứ trưởng")
    first = tasks["I.1.a"]
    assert first.lead == ["Vụ Phổ biến, giáo dục pháp luật"]
    assert first.coordinators == ["Vụ Pháp luật quốc tế", "các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh"]
    assert (first.timeline.start, first.timeline.end) == ("2015-04-01", "2015-09-30")
    assert "II.1" not in tasks and tasks["II.1.a"].lead == ["Vụ Các vấn đề chung về xây dựng pháp luật"]
    assert tasks["II.1.b"].coordinators == ["Cơ quan công tác dân tộc"]


def test_a_crawled_customs_letter_with_its_page_title_and_a_flattened_letterhead(tmp_path):
    # the site's page title ("Công văn 778/TCHQ-GSQL.") before the letterhead, the ministry and its Tổng cục on one
    # line: the Tổng cục issues; "KT." on a line of its own goes with the signature under it, whose name ends where a
    # form's capitals begin; a heading that names a unit by the place of its work ("Chi cục Hải quan nơi đăng ký tờ
    # khai:") hands its bullets to that unit
    path = tmp_path / "cv.txt"
    path.write_text(
        "Công văn 778/TCHQ-GSQL. BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
        "Tự do - Hạnh phúc ---------------\n"
        "Số: 778/TCHQ-GSQL V/v xử lý vướng mắc thực hiện Điều 41 Luật Hải quan\n"
        "Hà Nội, ngày 13 tháng 02 năm 2017 Kính gửi: Cục Hải quan các tỉnh, thành phố.\n"
        "Tổng cục Hải quan yêu cầu Cục Hải quan các tỉnh, thành phố hướng dẫn thực hiện nội dung sau:\n"
        "1. Khai báo tờ khai vận chuyển độc lập:\n"
        "a) Chi cục Hải quan nơi đăng ký tờ khai (nơi đi):\n"
        "- Hướng dẫn người khai khai báo thông tin tờ khai lên Hệ thống V5.\n"
        "Tổng cục Hải quan thông báo để các đơn vị biết, thực hiện.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT, GSQL(03b).\nKT.\n"
        "TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Vũ Ngọc Anh TÊN ĐƠN VỊ CUNG CẤP:……….\n", encoding="utf-8")
    record = extract_file(path)
    doc = record.document
    assert doc.issuer == "Tổng cục Hải quan"
    assert (doc.signer.name, doc.signer.position) == ("Vũ Ngọc Anh", "Phó Tổng cục trưởng")
    tasks = {t.id: t for t in record.tasks}
    assert tasks["1.a.1"].lead == ["Chi cục Hải quan nơi đăng ký tờ khai"]


def test_an_ocrd_first_part_numbered_1_before_part_II(tmp_path):
    # an OCR made "I." of the first part "1.": its title in capitals, and the body's parts going on at "II." — the
    # part and its items are the body's, not the preamble's
    path = tmp_path / "ct.txt"
    path.write_text(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 11/CT-TTg\nHà Nội, ngày 04 tháng 3 năm 2020\n\nCHỈ THỊ\n"
        "Về các nhiệm vụ, giải pháp cấp bách\n\n"
        "Thủ tướng Chính phủ yêu cầu các Bộ, ngành, địa phương thực hiện các nhiệm vụ sau:\n\n"
        "1. TINH THẦN CHỈ ĐẠO HÀNH ĐỘNG\n\n"
        "1. Quán triệt tinh thần chỉ đạo của Ban Bí thư.\n\n"
        "2. Tập trung thực hiện nhiệm vụ kép.\n\n"
        "II. CÁC NHIỆM VỤ, GIẢI PHÁP CỤ THỂ\n\n"
        "1. Bộ Tài chính trình Chính phủ Nghị định về gia hạn nộp thuế trong tháng 3 năm 2020.\n", encoding="utf-8")
    record = extract_file(path)
    assert [(s.id, s.title) for s in record.sections][:2] == [("I", "TINH THẦN CHỈ ĐẠO HÀNH ĐỘNG"),
                                                              ("II", "CÁC NHIỆM VỤ, GIẢI PHÁP CỤ THỂ")]
    assert any(t.id == "II.1" and t.lead == ["Bộ Tài chính"] for t in record.tasks)


def test_an_ocrd_letter_without_kinh_whose_item_of_work_spells_itself_out_in_bullets(tmp_path):
    # "gửi: Đồng chí …" (an OCR lost "Kính") still addresses the letter and ends its subject line; "… yêu cầu X chỉ
    # đạo thực hiện:" leads into the items; an item that is a sentence of work over bullets is X's task, and so is
    # each bullet (an item that only titles its steps heads them, as before)
    record, tasks = _ministry_letter(tmp_path, (
        "gửi: Đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố.\n\n"
        "Từ kết quả công tác thanh tra, Tổng cục Thuế yêu cầu đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố chỉ "
        "đạo thực hiện:\n\n"
        "1. Huy động và bổ sung nguồn nhân lực tối đa cho công tác thanh tra, kiểm tra thuế.\n\n"
        "2. Tập trung triển khai thanh tra, kiểm tra người nộp thuế có dấu hiệu rủi ro cao về thuế.\n\n"
        "- Rà soát, tập trung thanh tra ngay đối với doanh nghiệp có rủi ro cao về thuế.\n\n"
        "- Chú trọng công tác chuẩn bị thanh tra tại trụ sở người nộp thuế.\n\n"
        "3. Đào tạo nghiệp vụ\n\n"
        "- Tổ chức tập huấn nghiệp vụ thanh tra cho công chức.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"), header=(
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 4302/TCT-TTr\nHà Nội, ngày 05 tháng 11 năm 2018\n\n"
        "V/v tăng cường công tác thanh tra, kiểm tra.\n\n"))
    assert record.document.title == "tăng cường công tác thanh tra, kiểm tra."
    asked = ["đồng chí Cục trưởng Cục Thuế các tỉnh, thành phố"]
    assert all(tasks[k].lead == asked for k in ("1", "2", "2.1", "2.2", "3.1"))
    assert "3" not in tasks


def test_an_ocrd_motto_that_lost_its_marks_and_a_national_body_respelled(tmp_path):
    # "CONG HOA XÃ HOI CHỦ NGHĨA VIỆT NAM" (an OCR dropped hats and tones) is still the motto that splits a flattened
    # header, and the issuer before it, "VAN PHONG CHÍNH PHU", is the one Văn phòng Chính phủ of the country
    path = tmp_path / "tb.txt"
    path.write_text("VAN PHONG CHÍNH PHU CONG HOA XÃ HOI CHỦ NGHĨA VIỆT NAM\n————— Độc lập - Tự do - Hanh phúc\n\n"
                    "Số: 330/TB-VPCP Hà Nội, ngày 18 tháng 10 năm 2022\n\nTHÔNG BÁO\nKết luận của Thủ tướng Chính phủ\n\n"
                    "1. Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính hoàn thiện Đề án trong tháng 10 năm 2022.\n",
                    encoding="utf-8")
    assert extract_file(path).document.issuer == "Văn phòng Chính phủ"


def test_a_resolutions_lead_in_asks_ministers_under_a_heading_over_the_situation_and_the_tasks(tmp_path):
    # "II. Về tình hình kinh tế - xã hội …; phương hướng, nhiệm vụ và giải pháp …" heads the situation and the tasks
    # alike (not an aims part); under its item, a paragraph "…; Chính phủ yêu cầu các Bộ trưởng, … những nội dung
    # sau:" hands its lettered points to the units it asks
    path = tmp_path / "nq.txt"
    path.write_text(
        "CHÍNH PHỦ\nSố: 122/NQ-CP\nHà Nội, ngày 06 tháng 5 năm 2026\n\nNGHỊ QUYẾT\nPhiên họp Chính phủ thường kỳ tháng 4\n\n"
        "QUYẾT NGHỊ:\n"
        "I. Về tình hình kinh tế - xã hội tháng 4; phương hướng, nhiệm vụ và giải pháp thời gian tới\n"
        "1. Những kết quả nổi bật\n"
        "Kinh tế vĩ mô cơ bản ổn định, lạm phát được kiểm soát.\n"
        "2. Phương hướng, nhiệm vụ, giải pháp trọng tâm tháng 5 Thời gian tới, dự báo tình hình còn khó khăn.\n"
        "Để hoàn thành các mục tiêu năm 2026; Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch "
        "Ủy ban nhân dân các tỉnh, thành phố tập trung chỉ đạo, điều hành hiệu quả, trong đó chú trọng những nội dung sau:\n"
        "a) Chủ động rà soát, tổ chức triển khai các nhiệm vụ theo Kết luận số 18-KL/TW.\n"
        "b) Theo dõi chặt chẽ diễn biến tình hình thế giới, kịp thời có giải pháp ứng phó.\n", encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    asked = ["các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"]
    assert tasks["I.2.a"].lead == tasks["I.2.b"].lead == asked
