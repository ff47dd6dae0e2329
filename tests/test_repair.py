"""OCR line repair: strings as Tesseract `vie` returned them from scans of plans."""
import pytest

from extractors.repair import repair_ocr_line

REPAIRED = [
    # field labels at line start, diacritics lost or misread
    ("Chu tri: Sở Nội vụ", "Chủ trì: Sở Nội vụ"),
    ("Thòi gian thuc hiên: Quý III/2025", "Thời gian thực hiện: Quý III/2025"),
    ("- Cơ quan chú trì: Sở Y tế", "- Cơ quan chủ trì: Sở Y tế"),
    ("+ Co quan phói hop: Công an tỉnh", "+ Cơ quan phối hợp: Công an tỉnh"),
    ("a) Thời gian thực hlện: tháng 6/2024", "a) Thời gian thực hiện: tháng 6/2024"),
    # the bullet "•" read as a guillemet or a letter
    ("« Chủ trì thực hiện: Bảo hiểm xã hội tỉnh.", "• Chủ trì thực hiện: Bảo hiểm xã hội tỉnh."),
    ("»« Đơn vị phối hợp: Ủy ban MTTQ Việt Nam tỉnh", "• Đơn vị phối hợp: Ủy ban MTTQ Việt Nam tỉnh"),
    ("s Thời hạn: 6 tháng cuối năm 2025", "• Thời hạn: 6 tháng cuối năm 2025"),
    # kind heading and mottos
    ("KẺ HOẠCH", "KẾ HOẠCH"),
    ("KÉ HOẠCH", "KẾ HOẠCH"),
    ("CỘNG HÒA XẢ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Độc lập — Tự do — Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Độc lập - Tư do - Hanh phúc", "Độc lập - Tự do - Hạnh phúc"),
    # Nơi nhận with its N lost to the italic, or a speck before it
    ("ơi nhận:", "Nơi nhận:"),
    ("1U ơi nhận:", "Nơi nhận:"),
    ("Noi nhan: - Như trên;", "Nơi nhận: - Như trên;"),
    # place/date line
    ("Cân Thơ, ngày 15_ tháng 3 năm 2025", "Cần Thơ, ngày 15 tháng 3 năm 2025"),
    ("Thanh Hóa, ngày O4 tháng 8 năm 2025", "Thanh Hóa, ngày 04 tháng 8 năm 2025"),
    ("Lâm Đông, ngảy 20 tháng 02 năm 2024", "Lâm Đồng, ngày 20 tháng 02 năm 2024"),
    # document numbers
    ("Số: 70 /KH-UBND", "Số: 70/KH-UBND"),
    ("Chỉ thị số O2-CT/UBND ngày 24/01/2024", "Chỉ thị số 02-CT/UBND ngày 24/01/2024"),
    ("Kế hoạch số 993 / KH - UBND của UBND tỉnh", "Kế hoạch số 993/KH-UBND của UBND tỉnh"),
    ("Chỉ thị 34-CT/ TW của Bộ Chính trị", "Chỉ thị 34-CT/TW của Bộ Chính trị"),
    ("theo Kế hoạch số l2-KH/UBNO", "theo Kế hoạch số 12-KH/UBND"),
    ("Số: II /TB-UBND", "Số: 11/TB-UBND"),  # the header's slot: strokes alone are the serial "11"
    # roman numerals
    ("PHẨNI MỤC ĐÍCH VÀ YÊU CẦU", "PHẦN I MỤC ĐÍCH VÀ YÊU CẦU"),
    ("PHẦN H CÁC CHỈ TIÊU CHỦ YẾU", "PHẦN II CÁC CHỈ TIÊU CHỦ YẾU"),
    ("Quý II1/2025", "Quý III/2025"),
    ("L/ Mục đích, yêu cầu, chỉ tiêu", "I/ Mục đích, yêu cầu, chỉ tiêu"),
    ("H. Chỉ tiêu", "II. Chỉ tiêu"),
    ("HI/ Tổ chức thực hiện", "III/ Tổ chức thực hiện"),
    # a wrong tone on a unit head or a recurrence word
    ("b) Cơ quan tham mưu: Chỉ bộ", "b) Cơ quan tham mưu: Chi bộ"),
    ("Lãnh đạo Ban, Chỉ ủy", "Lãnh đạo Ban, Chi ủy"),
    ("Hãng tháng", "Hằng tháng"),
]

UNCHANGED = [
    "Chủ trì: Sở Nội vụ",
    "• Thời hạn: Quý III/2025.",
    "KẾ HOẠCH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Nơi nhận:",
    "- Lưu: VT, NC.",
    "Thanh Hóa, ngày 04 tháng 8 năm 2025",
    "Phan Thiết, ngày 20 tháng 02 năm 2024",  # a city, not in the province list: left as read
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
    "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023",
    "Luật số 06/2022/QH15",
    "Trước đó, ngay sau khi có kết quả",  # "ngay" is a word: no place, no repair
    "Tổ chức thực hiện: các sở, ngành",
    "1. Sở Văn hóa, Thể thao và Du lịch:",
    "Mục tiêu: nâng cao chất lượng",
    "Số lượng: 5 người",
    "số 5 - Tổ dân phố 3",
    "theo Thông báo số II/TB-UBND",  # outside the header's slot, strokes alone are not read as digits
    "Quý 1/2025",
    "PHẦN HỖ TRỢ",
    "I. Mục đích, yêu cầu",
    "1- Mục tiêu chung",
    "Hãng sản xuất ô tô",
    "Chỉ bộ phận một cửa tiếp nhận",
    "ỦY BAN NHÂN DÂN",  # a unit head in capitals is not a wrong tone
    "TỈNH ỦY THANH HÓA",
    "ủy ban nhân dân các xã",
    "e) Tuyên truyền: phổ biến pháp luật",
    "- Chủ trì, phối hợp với Sở Tư pháp: rà soát văn bản",
    "",
]


@pytest.mark.parametrize("ocr, expected", REPAIRED)
def test_repairs(ocr, expected):
    assert repair_ocr_line(ocr)[0] == expected


@pytest.mark.parametrize("line", UNCHANGED)
def test_correct_text_is_left_alone(line):
    assert repair_ocr_line(line) == (line, [])


def test_guesses_are_noted_and_sure_fixes_are_not():
    fixed, notes = repair_ocr_line("Chỉ thị số O2-CT/UBND")
    assert fixed == "Chỉ thị số 02-CT/UBND" and len(notes) == 1 and "O2-CT/UBND" in notes[0]
    # lost diacritics on a known label fold to the label exactly: nothing to doubt
    assert repair_ocr_line("Chu tri: Sở Y tế")[1] == []
    assert repair_ocr_line("Độc lập — Tự do — Hạnh phúc")[1]


def test_short_labels():
    # a short word near a label is not taken for it
    assert repair_ocr_line("Tiến đô: tháng 3")[0] == "Tiến độ: tháng 3"  # folds to the label exactly
    assert repair_ocr_line("Tin bài: 12 tin")[0] == "Tin bài: 12 tin"
