"""Citations of named documents and mentions printed in other shapes (rules settled on real plans)."""
from extractors.citations import find_citations


def test_a_programme_named_in_lowercase_up_to_its_horizon_is_cited():
    found = find_citations("Bám sát Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030 và "
                           "Đề án phát triển du lịch biển, đảo Việt Nam đến năm 2030, tầm nhìn đến năm 2045; "
                           "xây dựng kế hoạch công tác năm 2025.")
    assert [(c.kind, c.text) for c in found] == [
        ("Chương trình", "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"),
        ("Đề án", "Đề án phát triển du lịch biển, đảo Việt Nam đến năm 2030, tầm nhìn đến năm 2045")]


def test_a_scheme_known_by_its_number_and_the_national_target_programme_are_cited():
    found = find_citations("Triển khai Đề án 06 và Chương trình MTQG trên địa bàn; Chương trình TCMR đạt 95%.")
    assert [(c.kind, c.text) for c in found] == [("Đề án", "Đề án 06"), ("Chương trình", "Chương trình MTQG")]


def test_a_short_name_given_in_brackets_shares_the_key_of_the_document_it_names():
    found = find_citations("Quyết định số 06/QĐ-TTg phê duyệt Đề án phát triển dữ liệu dân cư giai đoạn 2022 - 2025 "
                           "(sau đây gọi tắt là Đề án 06). Các sở triển khai Đề án 06 và Đề án 07.")
    keys = {c.text: c.key for c in found}
    assert keys["Đề án 06"] == keys["Đề án phát triển dữ liệu dân cư giai đoạn 2022 - 2025"]
    assert [c.key for c in found].count(keys["Đề án 06"]) == 3
    assert keys["Đề án 07"] != keys["Đề án 06"]


def test_an_issuer_left_unprinted_is_the_body_the_number_names():
    found = find_citations("Căn cứ Nghị định số 22/2025/NĐ-CP ngày 11/02/2025; Quyết định số 1226/QĐ-BVHTTDL; "
                           "văn bản số 5166/BTC-PC; Nghị quyết số 81/2023/QH15; Kết luận số 18-KL/TW; "
                           "Quyết định số 12/QĐ-UBND.")
    assert [c.issuer for c in found] == ["Chính phủ", "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", "Bộ Tài chính",
                                         "Quốc hội", None, None]


def test_a_known_body_is_held_whole_as_issuer():
    found = find_citations("Căn cứ Thông tư số 11/2022/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội hướng dẫn; "
                           "Kế hoạch số 07-KH/TU của Ban thường vụ Tỉnh ủy về X; Kế hoạch số 02-KH/BCĐTW của Ban chỉ đạo "
                           "Trung ương về Y; Quyết định số 991/QĐ-TTg của Thủ tướng\nChính phủ phê duyệt Z; "
                           "Chỉ thị số 02/CT-UBND của UBND tỉnh chỉ đạo các sở.")
    assert [c.issuer for c in found] == ["Bộ Lao động - Thương binh và Xã hội", "Ban thường vụ Tỉnh ủy",
                                         "Ban chỉ đạo Trung ương", "Thủ tướng Chính phủ", "UBND tỉnh"]


def test_a_mention_in_a_title_in_capitals_is_found_and_quoted_as_printed():
    found = find_citations("KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT SỐ 48/NQ-CP NGÀY 03/4/2023 CỦA CHÍNH\n"
                           "PHỦ PHÊ DUYỆT CHIẾN LƯỢC BIỂN\nVÀ THI HÀNH LUẬT BẢO VỆ DỮ\nLIỆU CÁ NHÂN TRÊN ĐỊA BÀN TỈNH\n"
                           "Căn cứ Nghị quyết số 48/NQ-CP ngày 03/4/2023 của Chính phủ.")
    assert [(c.kind, c.text, c.date, c.issuer) for c in found] == [
        ("Nghị quyết", "NGHỊ QUYẾT SỐ 48/NQ-CP NGÀY 03/4/2023 CỦA CHÍNH\nPHỦ", "2023-04-03", "Chính phủ"),
        ("Luật", "LUẬT BẢO VỆ DỮ\nLIỆU CÁ NHÂN", None, None),
        ("Nghị quyết", "Nghị quyết số 48/NQ-CP ngày 03/4/2023 của Chính phủ", "2023-04-03", "Chính phủ")]
    assert found[0].key == found[2].key


def test_a_kind_printed_with_odd_capitals_is_the_kind_and_a_lowercase_verb_is_not():
    found = find_citations("Căn cứ Nghị Quyết số 48/NQ-CP; Bộ Luật Hình sự; Nghị định SỐ 122/2020/NĐ-CP; "
                           "Ủy ban đã quyết định số 12 người tham gia.")
    assert [(c.kind, c.text) for c in found] == [("Nghị quyết", "Nghị Quyết số 48/NQ-CP"),
                                                ("Bộ luật", "Bộ Luật Hình sự"),
                                                ("Nghị định", "Nghị định SỐ 122/2020/NĐ-CP")]


def test_an_amending_law_ends_with_the_laws_it_amends_or_at_its_date():
    found = find_citations("Tuyên truyền Luật sửa đổi, bổ sung một số điều của Bộ luật hình sự liên quan tội phạm về "
                           "ma túy; Luật sửa đổi, bổ sung Luật Bảo vệ bí mật nhà nước và các văn bản hướng dẫn; "
                           "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày 20/11/2018.")
    amending = [(c.text, c.date) for c in found if "sửa đổi" in c.text]
    assert amending == [("Luật sửa đổi, bổ sung một số điều của Bộ luật hình sự", None),
                        ("Luật sửa đổi, bổ sung Luật Bảo vệ bí mật nhà nước", None),
                        ("Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày 20/11/2018",
                         "2018-11-20")]


def test_a_law_name_stops_before_a_new_paragraph_and_takes_the_date_it_was_passed():
    found = find_citations("TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ\nLIỆU CÁ NHÂN\nTHỦ TƯỚNG CHÍNH PHỦ\n"
                           "Căn cứ Luật Tổ chức\nChính phủ ngày 18 tháng 02 năm 2025; Luật Bảo vệ dữ liệu cá nhân được "
                           "Quốc hội khóa XV thông qua tại kỳ họp thứ 9 ngày 26 tháng 6 năm 2025;")
    assert [(c.title, c.date, c.issuer) for c in found] == [
        ("bảo vệ dữ liệu cá nhân", None, None),
        ("Tổ chức\nChính phủ", "2025-02-18", None),
        ("Bảo vệ dữ liệu cá nhân", "2025-06-26", "Quốc hội")]


def test_a_quoted_name_after_a_lowercase_kind_and_a_name_holding_so_are_cited():
    found = find_citations("Triển khai chương trình “Học từ làm việc thực tế”; các chương trình:\n“Bình dân học vụ số” "
                           "và Chương trình phát triển công nghiệp công nghệ số Việt Nam đến 2030, tầm nhìn 2035.")
    assert [(c.kind, c.title) for c in found] == [
        ("Chương trình", "Học từ làm việc thực tế"), ("Chương trình", "Bình dân học vụ số"),
        ("Chương trình", "Chương trình phát triển công nghiệp công nghệ số Việt Nam đến 2030, tầm nhìn 2035")]


def test_laws_in_general_followed_by_thuoc_are_not_a_law():
    found = find_citations("Các bộ triển khai Luật thuộc thẩm quyền quản lý nhà nước và Luật Đất đai.")
    assert [c.text for c in found] == ["Luật Đất đai"]


def test_the_issuer_is_read_past_a_garbled_date_and_past_the_plenum():
    found = find_citations("Nghị quyết số 171/NQ-HĐND ngày 3Ì tháng 7 năm 2025 của Hội đồng nhân dân thành phố Cần Thơ "
                           "về việc X; Kết luận số 18-KL/TW ngày 02 tháng. 4 năm 2026 của Ban Chấp hành Trung ương; "
                           "Nghị quyết số 36-NQ/TW ngày 22/10/2018, Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng "
                           "khóa XII về Y.")
    assert [(c.date, c.issuer) for c in found] == [
        (None, "Hội đồng nhân dân thành phố Cần Thơ"), ("2026-04-02", "Ban Chấp hành Trung ương"),
        ("2018-10-22", "Ban Chấp hành Trung ương Đảng khóa XII")]


def test_numbers_listed_after_a_letter_are_letters_and_a_report_is_not_cited():
    found = find_citations("Theo các Văn bản: số 423/TTg-CĐS ngày 19/04/2026, số 432/TTg-CĐS ngày 23/04/2026 "
                           "và văn bản số 279/BC-BTP ngày 28 tháng 4 năm 2026 của Bộ Tư pháp.")
    assert [(c.kind, c.number) for c in found] == [("Công văn", "423/TTg-CĐS"), ("Công văn", "432/TTg-CĐS")]


def test_one_unnumbered_document_named_longer_or_shorter_keeps_one_key():
    found = find_citations("Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; bám sát "
                           "Chương trình tổng thể cải cách hành chính giai đoạn 2021 - 2030; Luật Đầu tư và "
                           "Luật Đầu tư công.")
    keys = [c.key for c in found]
    assert keys[0] == keys[1]
    assert len(set(keys)) == 3


def test_a_hyphen_doubled_by_the_scan_is_read_once():
    found = find_citations("Quyết định số 90/QĐ- -TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt X.")
    assert [(c.number, c.date) for c in found] == [("90/QĐ-TTg", "2022-01-18")]


def test_a_number_given_as_the_plans_own_but_cited_as_its_basis_is_cited():
    body = ("Căn cứ Kế hoạch số 13-KH/TU ngày 17 tháng 11 năm 2025 của Ban Thường vụ Thành ủy về X; "
            "thực hiện theo Kế hoạch số 13-KH/TU.")
    assert [c.number for c in find_citations(body, own_number="13-KH/TU")] == ["13-KH/TU", "13-KH/TU"]
    own = "Số: 12/KH-UBND\nKẾ HOẠCH\n(Ban hành kèm theo Kế hoạch số 12/KH-UBND)\nCăn cứ Kế hoạch số 5/KH-UBND."
    assert [c.number for c in find_citations(own, own_number="12/KH-UBND")] == ["5/KH-UBND"]


def test_a_known_issuer_ends_where_the_title_runs_on_without_ve():
    # "về" left out: the lowercase word after a known body's whole name opens the title; a closing
    # bracket ends the mention; a known name with commas is held whole
    text = ("Nghị định số 237/2025/NĐ-CP ngày 29 tháng 8 năm 2025 của Chính phủ sửa đổi, bổ sung; "
            "Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ cơ sở dữ liệu quốc gia; "
            "(theo Nghị định số 118/2025/NĐ-CP của Chính phủ) và "
            "Thông tư số 04/2011/TT-BVHTTDL ngày 26/11/2011 của Bộ Văn hóa, Thể thao và Du lịch quy định; "
            "Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương đảng khóa XIII; "
            "Quyết định số 12/QĐ-UBND ngày 3/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng ban hành")
    assert [c.issuer for c in find_citations(text)] == [
        "Chính phủ", "Chính phủ", "Chính phủ", "Bộ Văn hóa, Thể thao và Du lịch",
        "Ban Chấp hành Trung ương đảng khóa XIII", "Ủy ban nhân dân tỉnh Lâm Đồng"]


def test_a_law_name_with_and_in_it_runs_to_its_number():
    from extractors.citations import find_citations
    (law,) = find_citations("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, "
                            "ngày 25/6/2015;")
    assert (law.number, law.date, law.title) == ("85/2015/QH13", "2015-06-25",
                                                 "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân")
    # another document after "và" is a mention of its own
    found = find_citations("theo Luật Đất đai và các văn bản số 12/UBND-KT")
    assert [(c.kind, c.number) for c in found] == [("Luật", None), ("Công văn", "12/UBND-KT")]


def test_a_capitalised_qualifier_and_a_thong_tri_are_read():
    from extractors.citations import find_citations
    (nq,) = find_citations("Căn cứ Nghị quyết Liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN, ngày 15/6/2017")
    assert nq.number == "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"
    (tri,) = find_citations("theo Thông tri số 04/TT-MTTW-BTT, ngày 04/11/2025 của Ban Thường trực Ủy ban Trung ương "
                            "MTTQ Việt Nam; hướng dẫn")
    assert (tri.kind, tri.text.split(" số")[0]) == ("Thông tri", "Thông tri")


def test_a_law_name_ends_before_who_issued_the_letter_and_before_a_place_date_line():
    from extractors.citations import find_citations
    assert [c.text for c in find_citations("về Điều 22 Luật Bảo hiểm y tế do Bộ Y tế ban hành")] == ["Luật Bảo hiểm y tế"]
    assert [c.text for c in find_citations("V/v thực hiện Điều 22 Luật BHYT\nHà Nội, ngày 27 tháng 01 năm 2021")] \
        == ["Luật BHYT"]


def test_an_amending_law_whose_title_capitalises_sửa_đổi_is_named_by_what_it_amends():
    found = find_citations("Căn cứ Luật Sửa đổi bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                           "Chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    assert [(c.kind, c.title, c.date) for c in found][:1] == [
        ("Luật", "Sửa đổi bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương",
         "2019-11-22")]
