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
