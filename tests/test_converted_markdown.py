"""Markdown written by a PDF-to-Markdown converter: headings that lost their numbers, HTML tables (split over pages
under placeholder titles), header words glued together. One small case of each, written for the rule."""
from extractors.fields import column_role
from pipeline.extract import extract_file
from pipeline.readers.html_table import continues_table, html_table_rows


def test_html_table_rows_repeat_a_spanning_cell_and_join_broken_lines():
    rows = html_table_rows("<table><thead><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr></thead>"
                           "<tr><td>**I **</td><td colspan=2>**Nhóm nhiệm vụ**</td></tr>"
                           "<tr><td>1</td><td>Xây dựng Quy hoạch<br>hạ tầng</td><td>Sở Thông tin &amp; Truyền thông</td>"
                           "</tr><tr><td></td><td></td><td></td></tr></table>")
    assert rows == [["TT", "Nhiệm vụ", "Chủ trì"], ["I", "Nhóm nhiệm vụ", "Nhóm nhiệm vụ"],
                    ["1", "Xây dựng Quy hoạch hạ tầng", "Sở Thông tin & Truyền thông"]]
    assert continues_table([["Col1", "Col2", "Col3", "text spilled from above"]])
    assert not continues_table(rows)


def test_a_header_whose_words_lost_their_spaces_still_names_its_column():
    assert column_role("Đơn vịphốihợp") == "coordinators"
    assert column_role("Thờigian<br>thựchiện".replace("<br>", " ")) == "timeline"


def test_a_converted_plan_is_read_by_its_heading_levels_and_its_html_table(tmp_path):
    plan = tmp_path / "converted.md"
    plan.write_text("""# Public_341

Sở Thông tin và Truyền thông ban hành Kế hoạch nâng cao chất lượng mạng viễn thông di động, với những nội dung sau

# MỤC TIÊU

Nâng cao chất lượng mạng viễn thông di động của tỉnh.

# TỔ CHỨC THỰC HIỆN

## Đề nghị các Sở: Giao thông Vận tải, Xây dựng; Công ty

### Điện lực tỉnh

Chủ trì, phối hợp với Sở Thông tin và Truyền thông hỗ trợ doanh nghiệp phát triển hạ tầng.

## Đề nghị Ủy ban nhân dân các huyện, thành phố

* Hỗ trợ các doanh nghiệp viễn thông triển khai thực hiện kế hoạch.

## **PHỤ LỤC**

<table border="1">
<thead><tr><th>TT</th><th>Nhiệm vụ thựchiện</th><th>Đơn vịchủ trì</th><th>Đơn vịphốihợp</th><th>Thờigian<br>thựchiện</th></tr></thead>
<tbody>
<tr><td>**I **</td><td>**Mở rộng vùng phủ sóng**</td><td>**Mở rộng vùng phủ sóng**</td><td>**Mở rộng vùng phủ sóng**</td><td>**Mở rộng vùng phủ sóng**</td></tr>
<tr><td>1</td><td>Tập trung mở rộng vùng phủ<br>sóng 4G, 5G</td><td>Các doanh nghiệp<br>viễn thông</td><td>Sở TT&amp;TT</td><td>2024-2025</td></tr>
</tbody>
</table>
<table border="1">
<thead><tr><th>Col1</th><th>Col2</th><th>Col3</th><th>Col4</th><th>Col5</th></tr></thead>
<tbody>
<tr><td>2</td><td>Đo kiểm chất lượng mạng</td><td>UBND các huyện, thành phố</td><td>Sở TT&amp;TT</td><td>Thường<br>xuyên</td></tr>
</tbody>
</table>
""", encoding="utf-8")
    record = extract_file(plan).to_dict()
    assert [s["title"] for s in record["sections"]] == ["MỤC TIÊU", "TỔ CHỨC THỰC HIỆN"]
    tasks = [(t["id"], t["lead"], t["coordinators"], t["timeline"]["text"]) for t in record["tasks"]]
    # the heading cut in two ("… Công ty" / "Điện lực tỉnh") is one heading over its paragraph
    assert [t for t in tasks if t[0].startswith("II.1")][0][2] == ["Sở Thông tin và Truyền thông"]
    assert ("II.2.1", ["Ủy ban nhân dân các huyện, thành phố"], [], None) in tasks
    # the table's rows, its second page under placeholder titles included; the group row is no task
    assert [t[1:] for t in tasks[-2:]] == [(["Các doanh nghiệp viễn thông"], ["Sở TT&TT"], "2024-2025"),
                                          (["UBND các huyện, thành phố"], ["Sở TT&TT"], "Thường xuyên")]
    assert len(tasks) == 4
