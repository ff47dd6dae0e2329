"""A unit named once and its work as numbered clauses: "Sở X: (1) …; (2) …" (notices of conclusions
and dispatches write assignments so). Each text here is written for the test."""
from __future__ import annotations

from pipeline.extract import extract_file

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 15/TB-UBND
An Giang, ngày 10 tháng 3 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số

I. KẾT QUẢ
Các sở, ngành đã hoàn thành phần lớn nhiệm vụ năm 2024.

II. NHIỆM VỤ THỜI GIAN TỚI
a) Sở Khoa học và Công nghệ: (1) trình Ủy ban nhân dân tỉnh Kế hoạch chuyển đổi số năm 2025, hoàn thành trong tháng 4 năm 2025; (2) chủ trì, phối hợp với Sở Tài chính hướng dẫn các xã đăng ký kinh phí, hoàn thành trước ngày 30 tháng 5 năm 2025; (3) theo dõi, đôn đốc việc thực hiện, nhiệm vụ thường xuyên.
b) Sở Nội vụ tham mưu sắp xếp tổ chức bộ máy, hoàn thành trong quý II năm 2025.
"""


def test_numbered_clauses_after_a_unit_are_its_tasks(tmp_path):
    path = tmp_path / "tb.txt"
    path.write_text(NOTICE, encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    clauses = [tasks[f"II.a.{k}"] for k in (1, 2, 3)]
    assert [t.text[:20] for t in clauses] == ["trình Ủy ban nhân dâ", "chủ trì, phối hợp vớ", "theo dõi, đôn đốc vi"]
    assert all(t.lead == ["Sở Khoa học và Công nghệ"] for t in clauses)
    assert clauses[1].coordinators == ["Sở Tài chính"]
    assert [t.timeline.end for t in clauses] == ["2025-04-30", "2025-05-30", None]
    assert clauses[2].timeline.recurrence == ["continuous"]
    assert tasks["II.b"].lead == ["Sở Nội vụ"]  # one sentence, one task


TOPICS = NOTICE.replace("b) Sở Nội vụ tham mưu", """c) Đẩy mạnh cải cách thủ tục hành chính: (1) Sở Tư pháp ban hành hướng dẫn trước ngày 15 tháng 4 năm 2025; (2) Công an tỉnh chủ trì, phối hợp với các sở rà soát dữ liệu dân cư, hoàn thành trong tháng 6 năm 2025.
d) Hoàn thiện thể chế: Các sở khẩn trương trình Ủy ban nhân dân tỉnh ban hành các quy định, nhiệm vụ thường xuyên.
e) Thành lập Tổ công tác: Tổ trưởng là Giám đốc Sở Nội vụ.
b) Sở Nội vụ tham mưu""")


def test_a_topic_then_its_work_after_a_colon(tmp_path):
    path = tmp_path / "tb.txt"
    path.write_text(TOPICS, encoding="utf-8")
    tasks = {t.id: t for t in extract_file(path).tasks}
    assert (tasks["II.c.1"].lead, tasks["II.c.1"].timeline.end) == (["Sở Tư pháp"], "2025-04-15")
    assert (tasks["II.c.2"].lead, tasks["II.c.2"].coordinators) == (["Công an tỉnh"], ["các sở"])
    assert tasks["II.d"].lead == ["Các sở"] and tasks["II.d"].text.startswith("Các sở khẩn trương")
    assert "II.e" not in tasks  # who heads a team is not work given to him
