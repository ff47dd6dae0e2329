"""Documents copied from a legal-text site with the page around them: the site's notices above the
header and its listing of the document, related documents and notices after the signature. Each
text here is written for the test."""
from __future__ import annotations

from pipeline.extract import extract_file

PAGE = """|
Bản quyền thuộc về **TRANG LUẬT**. Sao chép khi chưa được phép là vi phạm Luật Sở hữu trí tuệ.
**TRANG LUẬT** has the copyright on this page.
|
**Số hiệu:**
|
15/CV-STC
|
|
**SỞ TÀI CHÍNH**
**TỈNH AN GIANG**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 15/CV-STC
*V/v rà soát hồ sơ quyết toán*
|
*An Giang, ngày 03 tháng 3 năm 2025*
|
**Kính gửi:** Các phòng thuộc Sở.

Thực hiện Thông tư số 12/2024/TT-BTC ngày 05/3/2024 của Bộ Tài chính, Sở Tài chính đề nghị các phòng
rà soát hồ sơ quyết toán, báo cáo trước ngày 30/3/2025.

|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
**GIÁM ĐỐC**
Lê Văn Hòa
|
Công văn 15/CV-STC năm 2025 rà soát hồ sơ quyết toán do Sở Tài chính tỉnh An Giang ban hành
Văn bản liên quan
Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân yêu cầu thành viên xác nhận sự đồng ý.
"""


def test_the_page_around_a_crawled_document_cites_nothing(tmp_path):
    path = tmp_path / "cv.md"
    path.write_text(PAGE, encoding="utf-8")
    record = extract_file(path)
    assert record.document.number == "15/CV-STC"
    # the site's notice above the header and its own notices after its listing of the document are not
    # the document; what the document cites stays
    assert [c.number or c.text for c in record.citations] == ["12/2024/TT-BTC"]


def test_a_unit_name_broken_after_its_head_is_one_line(tmp_path):
    from pipeline.readers import read

    path = tmp_path / "qd.md"
    path.write_text("**Điều 2. **Sở\nNội vụ có trách nhiệm chủ trì, phối hợp với các cơ quan liên quan thực hiện\n"
                    "Quyết định này.\n|\nKT. GIÁM ĐỐC\nPhó Giám đốc Sở\nNguyễn Văn An\n|\n", encoding="utf-8")
    texts = [b.text for b in read(path).blocks if not b.is_table]
    assert texts[0].startswith("Điều 2. Sở Nội vụ có trách nhiệm chủ trì")
    # a position over the signer's name keeps its line: a name is not a sentence going on
    assert "Nguyễn Văn An" in texts and "Phó Giám đốc Sở" in texts


LETTER = """|
**CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN**
Các nội dung của văn bản này được văn bản khác thay đổi.
|
**Số hiệu:**
|
88/CT-CS
|
|
BỘ TÀI CHÍNH
**CỤC THUẾ**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 88/CT-CS
*V/v hoàn thuế giá trị gia tăng*
|
*Hà Nội, ngày 05 tháng 3 năm 2025*
|
**Kính gửi:** Thuế tỉnh An Giang.
Cục Thuế nhận được công văn của Thuế tỉnh An Giang. Về vấn đề này, Cục Thuế có ý kiến như sau:
Về việc hồ sơ đã đủ điều kiện hay chưa, đề nghị Thuế tỉnh An Giang xem xét, xử lý theo quy định.
|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Lê Văn Hòa
|
"""


def test_a_crawled_letter_is_headed_by_its_own_letterhead_and_subject(tmp_path):
    path = tmp_path / "cv.md"
    path.write_text(LETTER, encoding="utf-8")
    doc = extract_file(path).document
    # the site's notices above the header are no part of the issuer; the unit under its parent issues
    assert (doc.kind, doc.number, doc.issuer) == ("Công văn", "88/CT-CS", "Cục Thuế")
    # the subject is the V/v line: a paragraph of the body opening "Về việc" is not
    assert doc.title == "hoàn thuế giá trị gia tăng"


def test_an_item_marker_after_a_page_break_opens_its_own_item(tmp_path):
    # a gazette text: the running head and the page number stand between "1. Bộ Ngoại giao" and its "a)"
    from pipeline.readers.text import _blocks
    lines = ["VI. TỔ CHỨC THỰC HIỆN", "1. Bộ Ngoại giao", "", "CÔNG BÁO/Số 302/Ngày 02-06-2026", "52", "", "",
             "a) Chủ trì, phối hợp tổ chức thực hiện các nhiệm vụ của Đề án.", "", "CÔNG BÁO/Số 302/Ngày 02-06-2026",
             "53", "", "b) Tổng hợp, báo cáo Thủ tướng Chính phủ kết quả thực hiện"]
    texts = [b.text for b in _blocks(lines) if b.text.strip()]
    assert "1. Bộ Ngoại giao" in texts
    assert texts[-1].startswith("b) Tổng hợp")


def test_a_crawled_pages_source_line_and_page_title_above_the_letterhead_are_dropped(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("\n".join([
        "*Source: https://thuvienphapluat.vn/van-ban/Giao-duc/Quyet-dinh-986-QD-UBND-2024.aspx*", "",
        "# Về việc giải quyết chế độ trợ cấp một lần của UBND tỉnh Bạc Liêu", "",
        "| ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |",
        "|---|---|", "| Số: 986/QĐ-UBND | Tuyên Quang, ngày 13 tháng 8 năm 2024 |", "", "QUYẾT ĐỊNH", "",
        "BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC 2024-2025", "", "Điều 1. Giao Sở Giáo dục và Đào tạo tổ chức thực hiện.", "",
        "| Nơi nhận: - Bộ Giáo dục và Đào tạo; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Việt Phương |", "|---|---|"]),
        encoding="utf-8")
    doc = extract_file(page).to_dict()["document"]
    assert (doc["kind"], doc["number"], doc["title"]) == ("Quyết định", "986/QĐ-UBND",
                                                         "BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC 2024-2025")
    assert doc["signer"]["name"] == "Hoàng Việt Phương"
