"""Targets: the items of a part titled "Chỉ tiêu", "Mục tiêu cụ thể" or "Mục tiêu" that lists
concrete aims item by item (../shared/contract.md, "Rules settled on real documents")."""
from __future__ import annotations

from pipeline.extract import extract_file

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 14/KH-UBND\n\nKẾ HOẠCH\nPhát triển kinh tế số năm 2026\n\n"


def _targets(tmp_path, body: str):
    path = tmp_path / "plan.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return [(t.id, t.text, t.value, t.unit) for t in extract_file(path).targets]


def test_a_part_titled_muc_tieu_lists_its_aims_with_or_without_figures(tmp_path):
    got = _targets(tmp_path, "I. MỤC TIÊU CHỦ YẾU\n1. 100% xã, phường bố trí công chức pháp chế.\n"
                             "2. Không có văn bản ban hành trái quy định.\n"
                             "II. NHIỆM VỤ\n1. Sở Tư pháp rà soát văn bản.\n")
    assert [(i, v, u) for i, _, v, u in got] == [("I.1", 100, "%"), ("I.2", None, None)]


def test_aims_grouped_under_lead_ins_are_the_bullets_not_the_lead_ins(tmp_path):
    got = _targets(tmp_path, "I. MỤC TIÊU\n1. Phát triển kinh tế số đến năm 2030\n"
                             "- Kinh tế số chiếm 45% GRDP tỉnh.\n- Phát triển từ 05 bộ dữ liệu mở mỗi năm.\n"
                             "2. Phát triển xã hội số đến năm 2030\n- Về môi trường số:\n"
                             "- Tỷ lệ phủ sóng 5G đạt 100% dân số.\n"
                             "II. NHIỆM VỤ\n1. Sở Khoa học và Công nghệ xây dựng nền tảng số.\n")
    assert [(t, v, u) for _, t, v, u in got] == [
        ("Kinh tế số chiếm 45% GRDP tỉnh", 45, "%"), ("Phát triển từ 05 bộ dữ liệu mở mỗi năm", 5, "bộ"),
        ("Tỷ lệ phủ sóng 5G đạt 100% dân số", 100, "%")]


def test_the_general_aim_is_not_a_target_and_the_specific_aims_are(tmp_path):
    got = _targets(tmp_path, "I. MỤC TIÊU, YÊU CẦU\n1. Mục tiêu\na) Mục tiêu chung:\n"
                             "- Đánh giá thực chất kết quả cải cách hành chính.\n"
                             "b) Mục tiêu cụ thể:\n- Đánh giá khách quan kết quả hằng năm.\n"
                             "- So sánh, xếp hạng kết quả các sở.\n2. Yêu cầu\n- Bảo đảm khách quan.\n"
                             "II. NHIỆM VỤ\n1. Sở Nội vụ theo dõi, đánh giá.\n")
    assert [(t, v) for _, t, v, _ in got] == [("Đánh giá khách quan kết quả hằng năm", None),
                                             ("So sánh, xếp hạng kết quả các sở", None)]


def test_a_bare_muc_tieu_under_a_task_group_keeps_its_aims_without_figures(tmp_path):
    got = _targets(tmp_path, "I. CHỈ TIÊU, NHIỆM VỤ\n1. Cải cách thể chế\na) Mục tiêu\n"
                             "- 100% văn bản được kiểm tra theo quy định.\n- Có ứng dụng AI hỗ trợ phổ biến pháp luật.\n"
                             "b) Nhiệm vụ\n- Sở Tư pháp rà soát 20 văn bản.\n")
    assert [(t, v) for _, t, v, _ in got] == [("100% văn bản được kiểm tra theo quy định", 100),
                                             ("Có ứng dụng AI hỗ trợ phổ biến pháp luật", None)]
