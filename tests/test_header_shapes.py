"""Header shapes met in real documents: each a fragment written for the rule it pins."""
from __future__ import annotations

from extractors.header import parse_header


def test_a_number_cited_in_the_preamble_is_not_the_documents_own():
    doc = parse_header(["SỞ NỘI VỤ", "PHÒNG THI ĐUA, KHEN THƯỞNG", "Quảng Bình, ngày 04 tháng 5 năm 2021",
                        "Căn cứ Quyết định số 135/QĐ-SNV ngày 29/4/2021 của Giám đốc Sở Nội vụ;"], [])
    assert doc["number"] is None


def test_a_blank_number_slot_is_not_filled_by_the_document_its_subject_names():
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: /UBND-NC",
                        "Số 45/KH-BCA thực hiện kế hoạch của Bộ Công an", "Hà Tĩnh, ngày 12 tháng 3 năm 2025"], [])
    assert doc["number"] is None


def test_the_number_slot_after_the_issuer_on_one_flattened_line_is_read():
    doc = parse_header(["UBND TỈNH LÂM ĐỒNG Số: 12/KH-UBND", "KẾ HOẠCH", "Thực hiện năm 2025"], [])
    assert doc["number"] == "12/KH-UBND"
