"""Header shapes met in real documents: each a fragment written for the rule it pins."""
from __future__ import annotations

import pytest

from extractors.header import parse_header


def test_a_number_cited_in_the_preamble_is_not_the_documents_own():
    doc = parse_header(["SỞ NỘI VỤ", "PHÒNG THI ĐUA, KHEN THƯỞNG", "Quảng Bình, ngày 04 tháng 5 năm 2021",
                        "Căn cứ Quyết định số 135/QĐ-SNV ngày 29/4/2021 của Giám đốc Sở Nội vụ;"], [])
    assert doc.number is None


def test_a_blank_number_slot_is_not_filled_by_the_document_its_subject_names():
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: /UBND-NC",
                        "Số 45/KH-BCA thực hiện kế hoạch của Bộ Công an", "Hà Tĩnh, ngày 12 tháng 3 năm 2025"], [])
    assert doc.number is None


def test_the_number_slot_after_the_issuer_on_one_flattened_line_is_read():
    doc = parse_header(["UBND TỈNH LÂM ĐỒNG Số: 12/KH-UBND", "KẾ HOẠCH", "Thực hiện năm 2025"], [])
    assert doc.number == "12/KH-UBND"


def test_place_and_date_glued_by_ocr_and_a_quoted_phrase_in_prose_is_no_place():
    doc = parse_header(["THỦ TƯỚNG CHÍNH PHỦ", "Số: 464/TTg-CĐS", "Hà Nội, ngày30 tháng 4 năm 2026",
                        "V/v triển khai các Nghị quyết cắt giảm thủ tục hành chính",
                        "Triển khai mục tiêu tăng trưởng “2 con số”, ngày 29 tháng 4 năm 2026, Chính phủ đã ban hành"],
                       [])
    assert (doc.place, doc.date) == ("Hà Nội", "2026-04-30")


def test_a_blank_day_or_month_keeps_the_place_and_the_signature_stamp_dates_it():
    preamble = ["Cơ quan: UBND tỉnh Quảng Bình Giờ ký: 17/04/2024 10:39:42", "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH",
                "Số: /KH-UBND", "Quảng Bình, ngày !7 tháng năm 2024", "KẾ HOẠCH", "Thu thập thông tin lao động"]
    doc = parse_header(preamble, [])
    assert (doc.place, doc.date) == ("Quảng Bình", "2024-04-17")
    # a stamp of another year (a copy signed later) does not date the document
    preamble[0] = "Cơ quan: UBND tỉnh Quảng Bình Giờ ký: 17/04/2025 10:39:42"
    assert parse_header(preamble, []).date is None
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Lâm Đồng, ngày    tháng     năm 2026", "KẾ HOẠCH", "X"], [])
    assert (doc.place, doc.date) == ("Lâm Đồng", None)


def test_an_unlisted_kind_word_after_the_date_line_is_the_kind_not_part_of_the_issuer():
    doc = parse_header(["SỞ NỘI VỤ", "PHÒNG THI ĐUA, KHEN THƯỞNG", "Quảng Bình, ngày 04 tháng 5 năm 2021",
                        "PHÂN CÔNG NHIỆM VỤ", "CÁC THÀNH VIÊN PHÒNG THI ĐUA KHEN THƯỞNG",
                        "Căn cứ Quy định chức năng, nhiệm vụ của các tổ chức thuộc Sở Nội vụ,"], [])
    assert (doc.kind, doc.issuer) == ("Phân công nhiệm vụ", "Phòng Thi đua, Khen thưởng")
    assert doc.title == "CÁC THÀNH VIÊN PHÒNG THI ĐUA KHEN THƯỞNG"


@pytest.mark.parametrize("caps,issuer", [
    ("TỈNH HÀ TĨNH", "Ủy ban nhân dân tỉnh Hà Tĩnh"),  # "Tĩnh" folds like "tỉnh" but is the province's
    ("THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    ("HUYỆN THẠCH HÀ", "Ủy ban nhân dân huyện Thạch Hà"),
])
def test_the_place_in_the_issuer_keeps_its_capitals(caps, issuer):
    assert parse_header(["ỦY BAN NHÂN DÂN", caps, "Số: 12/KH-UBND", "KẾ HOẠCH", "Thực hiện"], []).issuer == issuer


@pytest.mark.parametrize("name_line", ["Đại tá Nguyễn Văn Hùng", "Thiếu tướng Nguyễn Văn Hùng"])
def test_the_signer_after_a_military_rank(name_line):
    doc = parse_header(["BỘ CHỈ HUY QUÂN SỰ", "TỈNH HÀ TĨNH", "Số: 12/KH-BCH", "KẾ HOẠCH", "Huấn luyện"],
                       ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", name_line])
    assert doc.signer.name == "Nguyễn Văn Hùng"


def test_bullets_of_an_appendix_after_the_signature_are_not_recipients():
    closing = ["Nơi nhận:", "- Bộ LĐ-TBXH;", "- Công an tỉnh;", "- Lưu: VT, KSTTHC.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
               "Hoàng Xuân Tân", "Mẫu số 01", "PHIẾU THÔNG TIN VỀ NGƯỜI LAO ĐỘNG",
               "- Ghi số CCCD, trường hợp chưa có số CCCD thì ghi số CMND;", "- Người thất nghiệp là người đang tìm việc."]
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH", "Số: 672/KH-UBND", "KẾ HOẠCH", "Thu thập"], closing)
    assert doc.recipients == ["Bộ LĐ-TBXH", "Công an tỉnh", "Lưu: VT, KSTTHC"]
    assert doc.signer.name == "Hoàng Xuân Tân"
    # the list also ends at "Lưu" when no heading announces what follows
    doc = parse_header(["KẾ HOẠCH", "Thu thập"], closing[:7] + ["- Ghi rõ họ tên người khai."])
    assert doc.recipients == ["Bộ LĐ-TBXH", "Công an tỉnh", "Lưu: VT, KSTTHC"]


@pytest.mark.parametrize("preamble", [
    ["ĐẾN", "Số: 1530", "Ngày: 14/3/2025", "Chuyển:", "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 45/KH-UBND"],
    ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "CÔNG VĂN ĐẾN Số: 1530 Ngày: 14/3/2025", "Số: 45/KH-UBND"],
])
def test_a_receipt_stamp_is_neither_the_issuer_nor_the_number(preamble):
    doc = parse_header(preamble + ["Hà Tĩnh, ngày 12 tháng 3 năm 2025", "KẾ HOẠCH", "Tuyên truyền"], [])
    assert (doc.issuer, doc.number) == ("Ủy ban nhân dân tỉnh Hà Tĩnh", "45/KH-UBND")


def test_an_e_office_number_on_its_own_line_above_a_blank_slot():
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "4521", "Số: /UBND-NC",
                        "Hà Tĩnh, ngày 12 tháng 3 năm 2025", "V/v tuyên truyền"], [])
    assert doc.number == "4521/UBND-NC"


def test_a_letter_without_header_is_a_cong_van_of_the_body_whose_chair_gives_directions():
    preamble = ["Kính gửi:", "- Các cơ quan chuyên môn thuộc Ủy ban nhân dân Thành phố;",
                "Căn cứ Quyết định số 89/2024/QĐ-UBND của Ủy ban nhân dân Thành phố Hồ Chí Minh về đánh giá;",
                "Chủ tịch Ủy ban nhân dân", "Thành phố có ý kiến chỉ đạo như sau:"]
    doc = parse_header(preamble, [], "\n".join(preamble))
    assert (doc.kind, doc.issuer) == ("Công văn", "Ủy ban nhân dân Thành phố Hồ Chí Minh")


def test_a_recipient_ending_in_a_comma_runs_on_past_signature_lines_read_between():
    closing = ["Nơi nhận:", "TL. CHỦ TỊCH", "- CT, PCT UBND tỉnh;", "KT. CHÁNH VĂN PHÒNG",
               "- Các Sở: Tài chính, Kế hoạch và Đầu tư,", "PHÓ CHÁNH VĂN PHÒNG", "Tài nguyên và Môi trường, Xây dựng,",
               "Nội vụ, Tư pháp;", "- Thanh tra tỉnh;", "- Lưu: VT, KTTH.", "Nguyễn Phước Bình"]
    doc = parse_header(["THÔNG BÁO", "Kết luận"], closing)
    assert doc.recipients == ["CT, PCT UBND tỉnh",
                                 "Các Sở: Tài chính, Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng, Nội vụ, Tư pháp",
                                 "Thanh tra tỉnh", "Lưu: VT, KTTH"]
    assert doc.signer.name == "Nguyễn Phước Bình"


def test_an_urgency_mark_after_the_date_line_is_not_the_kind():
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 45/UBND-NC", "Hà Tĩnh, ngày 12 tháng 3 năm 2025",
                        "HỎA TỐC", "V/v triển khai phòng chống bão số 3"], [])
    assert (doc.kind, doc.title) == ("Công văn", "triển khai phòng chống bão số 3")


def test_ocr_specks_in_capitals_are_no_kind_word():
    """A scan's stamp residue ("—- ———D") between the date line and "QUYẾT ĐỊNH" is not the kind."""
    doc = parse_header(["THỦ TƯỚNG CHÍNH PHỦ", "Số: 222/QĐ-TTg", "Hà Nội, ngày 23 tháng 01 năm 2025", "—- ———D",
                        "QUYẾT ĐỊNH", "Ban hành Kế hoạch hành động quốc gia"], [])
    assert doc.kind == "Quyết định"


def test_a_rule_printed_under_the_title_is_no_part_of_it():
    from extractors.header import parse_header
    doc = parse_header(["CHỈ THỊ", "Về việc sắp xếp thôn, tổ dân phố __"], [])
    assert doc.title == "Về việc sắp xếp thôn, tổ dân phố"


def test_a_month_whose_digits_a_crawler_spaced_is_still_the_date():
    from extractors.grammar import PLACE_DATE
    m = PLACE_DATE.search("Hà Nội, ngày 26 tháng 0 6 năm 2018")
    assert m and (m.group(1), m.group(2), m.group(3).replace(" ", ""), m.group(4)) == ("Hà Nội", "26", "06", "2018")
