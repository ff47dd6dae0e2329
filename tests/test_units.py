"""Cutting responsibility lists and clauses into actors (contract: collective actors stay whole)."""
from extractors.tasks import _coordinators
from extractors.units import split_units


def test_a_group_with_its_own_cac_after_va_is_another_actor():
    assert split_units("Cơ quan thuế, các đơn vị cấp tỉnh và các địa phương") == [
        "Cơ quan thuế", "các đơn vị cấp tỉnh", "các địa phương"]
    assert split_units("các sở, ban, ngành và địa phương có liên quan") == [
        "các sở, ban, ngành và địa phương có liên quan"]


def test_bare_group_nouns_stay_one_actor():
    assert split_units("Cơ quan, địa phương có liên quan") == ["Cơ quan, địa phương có liên quan"]
    assert split_units("cơ quan, đơn vị, doanh nghiệp trên địa bàn") == ["cơ quan, đơn vị, doanh nghiệp trên địa bàn"]
    assert split_units("Liên đoàn Thương mại, các hội, hiệp hội ngành nghề") == [
        "Liên đoàn Thương mại", "các hội, hiệp hội ngành nghề"]


def test_heads_of_a_group_and_a_closed_group():
    assert split_units("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ") == [
        "Bộ trưởng", "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ"]
    assert split_units("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, cơ quan, tổ chức khác") == [
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "cơ quan, tổ chức khác"]


def test_levels_joined_by_va_and_new_heads():
    assert split_units("Chủ tịch Ủy ban nhân dân xã, phường và đặc khu") == [
        "Chủ tịch Ủy ban nhân dân xã, phường và đặc khu"]
    assert split_units("Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam") == [
        "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]
    assert split_units("Hội Nông dân, Liên minh Hợp tác xã") == ["Hội Nông dân", "Liên minh Hợp tác xã"]
    assert split_units("Phó Trưởng phòng và các thành viên") == ["Phó Trưởng phòng", "các thành viên"]
    assert split_units("lực lượng chuyên trách phòng, chống tội phạm") == ["lực lượng chuyên trách phòng, chống tội phạm"]


def test_partners_after_phoi_hop_without_voi():
    assert _coordinators("Phối hợp Công an tỉnh tham mưu Ủy ban nhân dân tỉnh khen thưởng.") == ["Công an tỉnh"]
    assert _coordinators("Phối hợp tổ chức đào tạo cho cán bộ.") == []
    assert _coordinators("Thường xuyên phối hợp cùng các cơ quan chuyên môn trong việc hỗ trợ vốn.") == [
        "các cơ quan chuyên môn"]
    assert _coordinators("Phối hợp với các ngành tăng cường quản lý.") == ["các ngành"]
    assert _coordinators("Phối hợp chặt chẽ với Công an tỉnh nâng cao hiệu quả xử lý.") == ["Công an tỉnh"]


def test_a_field_pointing_to_another_document_names_no_unit():
    from extractors.tasks import _add_roles

    roles = {"lead": [], "advisors": [], "implementers": [], "coordinators": []}
    _add_roles(roles, "lead", "Theo phân công tại Quyết định số 12/QĐ-UBND ngày 2/3/2025 của UBND tỉnh")
    assert roles["lead"] == []
    assert _coordinators("Phối hợp với các cơ quan có liên quan tham gia bảo vệ an ninh.") == ["các cơ quan có liên quan"]
