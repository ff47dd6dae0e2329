"""The pure extractors on small texts whose right answer is known."""
import pytest

from extractors.citations import canonical_key, find_citations
from extractors.fields import parse_field
from extractors.header import parse_header
from extractors.timeline import parse_timeline
from extractors.units import split_units


@pytest.mark.parametrize("printed,start,end,recurrence", [
    ("Trong tháng 02/2024.", "2024-02-01", "2024-02-29", []),
    ("Quý I/2024", "2024-01-01", "2024-03-31", []),
    ("Quý IV năm 2025", "2025-10-01", "2025-12-31", []),
    ("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30", []),
    ("Trước ngày 30/6", None, "2024-06-30", []),
    ("Hoàn thành trước ngày 15/3/2025", None, "2025-03-15", []),
    ("Năm 2024", "2024-01-01", "2024-12-31", []),
    ("Từ tháng 3 đến tháng 6/2024", "2024-03-01", "2024-06-30", []),
    ("Thường xuyên", None, None, ["continuous"]),
    ("Hằng năm", None, None, ["annual"]),
    ("Định kỳ 6 tháng, năm và theo chỉ đạo của cấp trên", None, None, ["semiannual", "annual", "on_request"]),
    ("Ban hành trong tháng 2/2024 và thường xuyên", "2024-02-01", "2024-02-29", ["continuous"]),
    ("Giai đoạn 2026 - 2030", "2026-01-01", "2030-12-31", []),
    ("Năm 2025 - 2026", "2025-01-01", "2026-12-31", []),
    # time cells of real task tables
    ("Trong năm", "2024-01-01", "2024-12-31", []),
    ("Chậm nhất trong tháng 6", None, "2024-06-30", []),
    ("Trước tháng 6/2024", None, "2024-05-31", []),
    ("Trước ngày 31 tháng 10 năm 2025", None, "2025-10-31", []),
    ("Trước ngày 15 của tháng liền kề", None, None, []),
    ("Theo các mốc thời gian tại Quyết định số 123/QĐ-UBND ngày 05/3/2025", None, None, []),
    ("Theo quy định", None, None, []),
    ("Định kỳ theo quy định", None, None, []),
    ("Quý III và quý IV/2026", "2026-07-01", "2026-12-31", []),
    ("Tháng 6 và tháng 12", "2024-06-01", "2024-12-31", []),
    ("Từ tháng 6/2025", "2025-06-01", None, []),
    ("Báo cáo kỳ 6 tháng, kỳ 12 tháng", None, None, ["semiannual", "annual"]),
    ("Trước hết", None, None, []),
])
def test_timeline(printed, start, end, recurrence):
    t = parse_timeline(printed, plan_year=2024)
    assert (t.start, t.end, t.recurrence) == (start, end, recurrence)
    assert t.text == printed.rstrip(".")


def test_timeline_missing_year_is_plan_year():
    assert parse_timeline("Tháng 9", plan_year=2031).end == "2031-09-30"


@pytest.mark.parametrize("value,units", [
    ("Lãnh đạo Ban, Chi ủy và Ban Chấp hành Công đoàn.", ["Lãnh đạo Ban", "Chi ủy", "Ban Chấp hành Công đoàn"]),
    ("Sở Lao động - Thương binh và Xã hội; Sở Nội vụ", ["Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh", ["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh"]),
    ("Đảng ủy Khối CQ và DN tỉnh", ["Đảng ủy Khối CQ và DN tỉnh"]),
    ("UBND các xã, phường, đặc khu", ["UBND các xã, phường, đặc khu"]),
    ("Từng đảng viên, đoàn viên", ["đảng viên", "đoàn viên"]),
    # two names with commas and "và" in one list: the second is found where it really stands
    ("Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa - Xã hội, Trung tâm Phục vụ hành chính công",
     ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"]),
])
def test_split_units(value, units):
    assert split_units(value) == units


@pytest.mark.parametrize("line,role,value", [
    ("- Chủ trì: Sở Nội vụ.", "lead", "Sở Nội vụ"),
    ("* Cơ quan phối hợp: Sở Tài chính", "coordinators", "Sở Tài chính"),
    ("a) Cơ quan chủ trì: Công an thành phố", "lead", "Công an thành phố"),
    ("+ Chịu trách nhiệm tham mưu: Văn phòng", "advisors", "Văn phòng"),
    ("- Đơn vị thực hiện: Các phòng", "implementers", "Các phòng"),
    ("- Thời hạn hoàn thành: Quý II/2024", "timeline", "Quý II/2024"),
    ("- Chu tri: So Noi vu", "lead", "So Noi vu"),  # diacritics lost in OCR
    ("Thòi gian thuc hiên: tháng 3", "timeline", "tháng 3"),
])
def test_field_lines(line, role, value):
    f = parse_field(line)
    assert f is not None and (f.role, f.value) == (role, value)


def test_not_a_field_line():
    assert parse_field("- Chủ trì, phối hợp với các sở triển khai") is None


def test_citation_grammar_and_keys():
    text = ("Căn cứ Chỉ thị số 02-CT/UBND, ngày 24/01/2024 của UBND tỉnh về phát động thi đua; "
            "Nghị định số 25/2025/NĐ-CP ngày 21/02/2025 của Chính phủ; Luật Cán bộ, công chức và Luật Viên chức; "
            "thực hiện Chỉ thị số 02/CT-UBND và Đề án “Chuyển đổi số” của tỉnh; Kế hoạch này ...")
    cites = find_citations(text, home_issuer="UBND tỉnh Lâm Đồng")
    assert [c.kind for c in cites] == ["Chỉ thị", "Nghị định", "Luật", "Luật", "Chỉ thị", "Đề án"]
    first, decree = cites[0], cites[1]
    assert (first.number, first.date, first.issuer) == ("02-CT/UBND", "2024-01-24", "UBND tỉnh")
    assert first.text == "Chỉ thị số 02-CT/UBND, ngày 24/01/2024 của UBND tỉnh"
    assert decree.number == "25/2025/NĐ-CP" and decree.date == "2025-02-21"
    assert cites[2].title == "Cán bộ, công chức" and cites[3].title == "Viên chức"
    assert cites[4].key == first.key  # the second spelling, without date, is the same directive
    assert cites[5].title == "Chuyển đổi số"
    assert len({c.key for c in cites}) == 5


def test_keys_differ_by_issuer_and_year():
    assert canonical_key("Chỉ thị", "02-CT/UBND", "2024", None) != canonical_key("Chỉ thị", "02-CT/TU", "2024", None)
    assert canonical_key("Chỉ thị", "02-CT/UBND", "2024", None) != canonical_key("Chỉ thị", "02-CT/UBND", "2023", None)
    assert canonical_key("Chỉ thị", "02-CT/UBND", "2024", None, "UBND tỉnh Lâm Đồng") != \
        canonical_key("Chỉ thị", "02-CT/UBND", "2024", None, "UBND tỉnh Cần Thơ")


def test_header_and_signature():
    doc = parse_header(
        ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc",
         "Số: 45/KH-UBND Lâm Đồng, ngày 20 tháng 02 năm 2024", "KẾ HOẠCH", "Cải cách hành chính",
         "giai đoạn 2026 - 2030", "Căn cứ Luật Tổ chức chính quyền địa phương;"],
        ["Nơi nhận:", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
         "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"])
    assert doc.kind == "Kế hoạch" and doc.number == "45/KH-UBND"
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert (doc.place, doc.date) == ("Lâm Đồng", "2024-02-20")
    assert doc.title == "Cải cách hành chính giai đoạn 2026 - 2030"
    assert doc.signer.name == "Nguyễn Văn Bình" and doc.signer.position == "Phó Chủ tịch"
    assert doc.recipients == ["Thường trực Tỉnh ủy", "Lưu: VT, NC"]


def test_blank_number_and_date_are_null():
    doc = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: /KH-UBND", "Lâm Đồng, ngày tháng 3 năm 2026",
                        "KẾ HOẠCH", "Phòng, chống ma túy năm 2026"], [])
    assert doc.number is None and doc.date is None and doc.place == "Lâm Đồng"


def test_fields_written_inside_a_line():
    from extractors.fields import split_fields

    head, fields = split_fields("Tổ chức hội nghị sơ kết (Chủ trì: Sở Y tế; phối hợp: các đơn vị; thời gian: Quý II/2024).")
    assert head == "Tổ chức hội nghị sơ kết"
    assert [(f.role, f.value) for f in fields] == [("lead", "Sở Y tế"), ("coordinators", "các đơn vị"),
                                                   ("timeline", "Quý II/2024")]
    assert split_fields("Tổ chức tuyên truyền về thời gian làm việc") == ("Tổ chức tuyên truyền về thời gian làm việc", [])


@pytest.mark.parametrize("preamble,issuer", [
    ("Căn cứ Chỉ thị số 02-CT/UBND của UBND tỉnh; Ban Dân vận Tỉnh ủy phối hợp chi bộ xây dựng Kế hoạch như sau:",
     "Ban Dân vận Tỉnh ủy"),
    ("Thực hiện Kế hoạch số 12-KH/TU của Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng Kế hoạch thực hiện như sau:",
     "Ban Thường vụ Huyện ủy"),
    ("Để triển khai thực hiện, Sở Nội vụ ban hành Kế hoạch như sau:", "Sở Nội vụ"),
])
def test_issuer_named_in_the_preamble_when_there_is_no_header(preamble, issuer):
    assert parse_header(["KẾ HOẠCH", "Thực hiện năm 2024"], [], preamble).issuer == issuer


def test_a_law_cited_by_name_and_number():
    first, second = find_citations("Căn cứ Luật Lưu trữ số 01/2011/QH13 ngày 11 tháng 11 năm 2011; "
                                   "Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")
    assert (first.kind, first.title, first.number, first.date) == ("Luật", "Lưu trữ", "01/2011/QH13", "2011-11-11")
    assert first.text == "Luật Lưu trữ số 01/2011/QH13 ngày 11 tháng 11 năm 2011"
    assert (second.title, second.number, second.date) == ("Tổ chức chính quyền địa phương", None, "2015-06-19")


@pytest.mark.parametrize("sentence,laws", [
    ("Thực hiện Luật Phòng, chống ma túy trên địa bàn tỉnh.", ["Luật Phòng, chống ma túy"]),
    ("Căn cứ Luật Đầu tư, gồm các nội dung sau", ["Luật Đầu tư"]),
    ("triển khai Luật phòng, chống ma túy năm 2021 và Luật Xử lý vi phạm hành chính.",
     ["Luật phòng, chống ma túy", "Luật Xử lý vi phạm hành chính"]),
    ("Luật Bảo vệ dữ liệu cá nhân, Luật Dữ liệu, như sau", ["Luật Bảo vệ dữ liệu cá nhân", "Luật Dữ liệu"]),
    ("Luật Thực hiện dân chủ ở cơ sở", ["Luật Thực hiện dân chủ ở cơ sở"]),
    ("Đoàn Luật sư tỉnh và Hội Luật gia", []),
    ("phù hợp với Hiến pháp, pháp luật", ["Hiến pháp"]),
])
def test_a_law_named_without_a_number_ends_with_its_name(sentence, laws):
    assert [c.text for c in find_citations(sentence)] == laws


@pytest.mark.parametrize("sentence,expected", [
    ("các Quyết định của Bộ trưởng (Số 1226/QĐ-BVHTTDL ngày 29/4/2025 và số 2657/QĐ-BVHTTDL ngày 29/7/2025);",
     [("Quyết định", "1226/QĐ-BVHTTDL"), ("Quyết định", "2657/QĐ-BVHTTDL")]),
    ("Nghị định số 37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ngày 12/8/2023 sửa đổi",
     [("Nghị định", "37/2019/NĐ-CP"), ("Nghị định", "58/2023/NĐ-CP")]),
    ("theo văn bản số 123/VPCP-CN ngày 2/3/2025", [("Công văn", "123/VPCP-CN")]),
    ("Công điện số 12/CĐ-TTg ngày 1/2/2025 của Thủ tướng", [("Công điện", "12/CĐ-TTg")]),
    ("Số: 12/KH-UBND", []),  # the plan's own number
])
def test_a_number_without_its_kind_word_is_cited_by_its_code(sentence, expected):
    found = find_citations(sentence, own_number="12/KH-UBND")
    assert [(c.kind, c.number) for c in found] == expected


def test_a_letter_named_in_lower_case_is_a_cong_van_whatever_its_code():
    # "công văn số ..." with a code that names no kind ("QTR-KTr2"): the word before "số" says it is a letter
    found = find_citations("Cục Thuế nhận được công văn số 45/QNG-KTr1 ngày 02/7/2025 của Thuế tỉnh Quảng Ngãi về việc")
    assert [(c.kind, c.number, c.issuer) for c in found] == [("Công văn", "45/QNG-KTr1", "Thuế tỉnh Quảng Ngãi")]


def test_collective_actors_stay_whole():
    assert split_units("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh, thành phố "
                       "trực thuộc trung ương") == ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                                                   "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert split_units("các bộ, ngành và địa phương") == ["các bộ, ngành và địa phương"]
    assert split_units("Ủy ban nhân dân các tỉnh, thành phố và cơ quan, tổ chức khác có liên quan") == [
        "Ủy ban nhân dân các tỉnh, thành phố", "cơ quan, tổ chức khác có liên quan"]
    assert split_units("Sở Nội vụ, Sở Tài chính và Công an tỉnh") == ["Sở Nội vụ", "Sở Tài chính", "Công an tỉnh"]
    assert split_units("Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam") == [
        "Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam"]


def test_a_sector_pair_inside_a_group_and_a_joint_office_stay_whole():
    """"cơ quan thông tấn, báo chí", "các hội, hiệp hội", "doanh nghiệp viễn thông, bưu chính": one kind of
    body over two sectors (contract: collective actors stay whole); "Văn phòng Đoàn đại biểu Quốc hội và
    HĐND" is one office serving both."""
    assert split_units("Sở Văn hóa và Thể thao, các cơ quan thông tấn, báo chí trên địa bàn") == [
        "Sở Văn hóa và Thể thao", "các cơ quan thông tấn, báo chí trên địa bàn"]
    assert split_units("Hội Luật gia tỉnh, các hội, hiệp hội doanh nghiệp") == [
        "Hội Luật gia tỉnh", "các hội, hiệp hội doanh nghiệp"]
    assert split_units("Doanh nghiệp bưu chính, viễn thông trên địa bàn") == ["Doanh nghiệp bưu chính, viễn thông trên địa bàn"]
    assert split_units("các cơ quan báo chí, phát thanh, truyền hình của tỉnh") == [
        "các cơ quan báo chí, phát thanh, truyền hình của tỉnh"]
    assert split_units("Văn phòng Đoàn ĐBQH và HĐND tỉnh, Văn phòng Đoàn đại biểu Quốc hội và HĐND thành phố") == [
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng Đoàn đại biểu Quốc hội và HĐND thành phố"]


def test_the_others_concerned_are_an_actor_beside_a_bare_group():
    """"Các bộ, cơ quan ngang bộ, các cơ quan, tổ chức có liên quan": two groups, the listed bodies and the
    others concerned; "Các bộ, các tỉnh" (nothing after the second group) stays one."""
    assert split_units("Các sở, ngành, các cơ quan, tổ chức có liên quan") == [
        "Các sở, ngành", "các cơ quan, tổ chức có liên quan"]
    assert split_units("Các bộ, ngành, các cơ quan, tổ chức liên quan") == ["Các bộ, ngành", "các cơ quan, tổ chức liên quan"]
    assert split_units("các huyện, các xã") == ["các huyện, các xã"]


def test_an_investor_or_a_project_owner_is_an_actor():
    from extractors.units import starts_actor

    assert starts_actor("Chủ đầu tư các công trình") and starts_actor("Chủ dự án khai thác khoáng sản")
    assert split_units("Chủ dự án, cơ sở sản xuất, kinh doanh trên địa bàn") == [
        "Chủ dự án", "cơ sở sản xuất, kinh doanh trên địa bàn"]


def test_a_decision_title_ends_at_the_authority_that_enacts_it():
    doc = parse_header(["THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ", "HỘI CHỦ NGHĨA VIỆT NAM", "Số: 2623/QĐ-TTg",
                        "QUYẾT ĐỊNH", "BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN",
                        "THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"], [])
    assert doc.title == "BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN"
    assert doc.issuer == "Thủ tướng Chính phủ"
