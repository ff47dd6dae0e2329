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
    from extractors.facts import Task
    from extractors.tasks import _add_roles

    task = Task(id="1", origin="item", text="Rà soát thủ tục hành chính")
    _add_roles(task, "lead", "Theo phân công tại Quyết định số 12/QĐ-UBND ngày 2/3/2025 của UBND tỉnh")
    assert task.lead == []
    _add_roles(task, "implementers", "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ")  # the value names the lead itself
    assert (task.lead, task.implementers, task.coordinators) == (["Sở Tư pháp"], [], ["Sở Nội vụ"])
    assert _coordinators("Phối hợp với các cơ quan có liên quan tham gia bảo vệ an ninh.") == ["các cơ quan có liên quan"]


# -- units as entities (pipeline/units.py) -----------------------------------------------------------

def test_unit_rules_conjunction_province_and_national_bodies():
    from pipeline.actors import normalize_actor
    from pipeline.units import NATIONAL, plan_scope, unit_name

    def key(printed, scope):
        return unit_name(normalize_actor(printed), scope).key

    assert key("Sở Khoa học Công nghệ", "LĐ") == key("Sở Khoa học và Công nghệ", "LĐ") == key("Sở KH&CN", "LĐ")
    # the plan's own province at the end is no part of the name; another province is another unit
    assert key("UBND tỉnh", "LĐ") == key("Ủy ban nhân dân tỉnh Lâm Đồng", "LĐ") == key("UBND tỉnh Lâm Đồng", "HN")
    assert key("UBND tỉnh", "ĐN") != key("UBND tỉnh", "LĐ")
    assert key("Trung tâm Dịch vụ việc làm Quảng Bình", "QB") == key("Trung tâm Dịch vụ việc làm", "QB")
    # bodies that exist once in the country are one unit whoever names them; a province's Bộ Chỉ huy is not
    assert key("Bộ Công an", "LĐ") == key("Bộ Công an", "ĐN") == f"{NATIONAL}|bo cong an"
    assert key("Bộ Chỉ huy Quân sự tỉnh", "LĐ") != key("Bộ Chỉ huy Quân sự tỉnh", "ĐN")
    # a central body's plan is dated in Hà Nội but its generic "Sở Tài chính" is every province's
    assert plan_scope("Thủ tướng Chính phủ", "Hà Nội") == NATIONAL
    assert plan_scope("Ban Chỉ đạo phát triển khoa học", "Lâm Đồng") == "LĐ"


def test_fuzzy_joins_a_slip_never_another_head_number_or_level():
    from pipeline.units import FUZZY_MIN, fuzzy_twin

    assert fuzzy_twin("so say dung", ["so xay dung", "so tai chinh"])[0] == "so xay dung"
    assert fuzzy_twin("ngan hang nha nuoc khu vuc 8", ["ngan hang nha nuoc khu vuc 10"]) is None
    assert fuzzy_twin("chi cuc hai quan khu vuc xi", ["chi cuc hai quan khu vuc xii"]) is None
    assert fuzzy_twin("vien kiem sat nhan dan tinh", ["vien kiem sat nhan dan toi cao"]) is None
    assert fuzzy_twin("ban dan toc", ["so dan toc"]) is None  # "Sở" never joins "Ban"
    assert FUZZY_MIN >= 90


def _record(sha: str, issuer: str, place: str, *leads: str) -> dict:
    return {"source": {"sha256": sha, "path": f"{sha}.txt"},
            "document": {"kind": "Kế hoạch", "issuer": issuer, "place": place, "date": "2025-03-01"},
            "tasks": [{"id": str(i), "text": f"Nhiệm vụ {i}", "lead": [lead]} for i, lead in enumerate(leads, 1)]}


PLANS = [
    _record("a", "Ủy ban nhân dân tỉnh Lâm Đồng", "Lâm Đồng", "Sở Khoa học và Công nghệ", "Công an tỉnh",
            "Sở Khoa học và Công nghệ", "Bộ Công an"),
    _record("b", "UBND tỉnh Lâm Đồng", "Lâm Đồng", "Sở Khoa học Công nghệ", "Ủy ban nhân dân tỉnh Lâm Đồng",
            "UBND tỉnh", "Sở Nông nghiệp và", "Sở Nông nghiệp và Môi trường"),
    _record("c", "Ủy ban nhân dân tỉnh Đồng Nai", "Đồng Nai", "Công an tỉnh", "Sở Xây dựng", "Sở Xây dựng",
            "Sở Sây dựng", "Bộ Công an"),
]


def _units(archive) -> dict[str, tuple[int, set[str]]]:
    from pipeline.units import unit_table

    return {r.name: (r.tasks, set(r.printings)) for r in unit_table(archive, "lead").itertuples()}


def test_one_unit_per_real_unit_in_a_real_archive(tmp_path):
    from pipeline.archive import Archive

    with Archive(tmp_path / "k.db") as archive:
        for plan in PLANS:
            archive.put(plan)
        units = _units(archive)
        assert units["Sở Khoa học và Công nghệ · Lâm Đồng"] == (3, {"Sở Khoa học và Công nghệ", "Sở Khoa học Công nghệ"})
        assert units["Ủy ban nhân dân tỉnh Lâm Đồng"] == (2, {"Ủy ban nhân dân tỉnh Lâm Đồng", "UBND tỉnh"})
        assert units["Công an tỉnh · Lâm Đồng"][0] == units["Công an tỉnh · Đồng Nai"][0] == 1
        assert units["Bộ Công an"][0] == 2  # one body, named in two provinces
        assert units["Sở Xây dựng · Đồng Nai"] == (3, {"Sở Xây dựng", "Sở Sây dựng"})
        assert units["Sở Nông nghiệp và Môi trường · Lâm Đồng"] == (2, {"Sở Nông nghiệp và Môi trường",
                                                                        "Sở Nông nghiệp và"})
        assert len(units) == 7

        # filters take the resolved unit; the record keeps the printed form
        found = archive.tasks(actor="Sở Khoa học và Công nghệ")
        assert sorted(found["lead"]) == ["Sở Khoa học Công nghệ", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"]
        assert len(archive.tasks(actor="Công an tỉnh")) == 2
        assert list(archive.tasks(actor="Công an tỉnh Đồng Nai")["source"]) == ["c.txt"]
        assert len(archive.tasks(lead="UBND tỉnh Lâm Đồng")) == 2
        unit = archive.sql("SELECT DISTINCT unit FROM task_actors WHERE actor = 'Sở Sây dựng'")["unit"][0]
        assert len(archive.tasks(unit=unit)) == 3


def test_an_archive_written_before_units_is_resolved_on_open(tmp_path):
    import sqlite3

    from pipeline.archive import Archive

    db = tmp_path / "old.db"
    with Archive(db) as archive:
        for plan in PLANS:
            archive.put(plan)
        before = _units(archive)
    with sqlite3.connect(db) as con:  # as an older kehoach left it: no units table, no unit column
        # (and no index over that column)
        con.executescript("DROP TABLE units; DROP INDEX task_actors_match; DROP INDEX task_actors_order; "
                          "ALTER TABLE task_actors DROP COLUMN unit;")
    with Archive(db) as archive:
        assert len(archive.tasks(actor="Sở Khoa học Công nghệ")) == 3  # a read upgrades it
        assert _units(archive) == before
        assert archive.sql("SELECT count(*) AS n FROM task_actors WHERE unit IS NULL")["n"][0] == 0


def test_units_command_lists_the_merges(tmp_path, capsys):
    import json

    from pipeline.archive import Archive
    from pipeline.cli import main

    db = tmp_path / "k.db"
    with Archive(db) as archive:
        for plan in PLANS:
            archive.put(plan)
    assert main(["units", "--db", str(db), "--merges", "--format", "json"]) == 0
    merges = json.loads(capsys.readouterr().out)
    rules = {m["printed"]: m["rule"] for m in merges}
    assert rules["Sở Sây dựng"].startswith("fuzzy") and rules["Sở Nông nghiệp và"].endswith("cut-conjunction")
    assert rules["Ủy ban nhân dân tỉnh Lâm Đồng"] == "own-province"
    assert "Công an tỉnh" not in rules  # one printing per province: nothing merged
    assert main(["units", "--db", str(db), "--format", "csv"]) == 0
    assert "Sở Khoa học và Công nghệ; Sở Khoa học Công nghệ" in capsys.readouterr().out


def test_after_bare_group_nouns_the_last_ones_long_qualifier_qualifies_them_all():
    from extractors.units import split_units
    assert split_units("cơ quan, tổ chức, đơn vị trực tiếp quản lý người ứng cử") == [
        "cơ quan, tổ chức, đơn vị trực tiếp quản lý người ứng cử"]
    assert split_units("Sở Y tế, các đơn vị trực tiếp quản lý người ứng cử") == [
        "Sở Y tế", "các đơn vị trực tiếp quản lý người ứng cử"]


def test_either_or_names_two_actors_and_a_conjunction_not_split_on_stays_as_printed():
    from extractors.units import split_units
    assert split_units("cơ quan, tổ chức, đơn vị trực tiếp quản lý người đó hoặc Ủy ban nhân dân xã nơi người đó cư trú") \
        == ["cơ quan, tổ chức, đơn vị trực tiếp quản lý người đó", "Ủy ban nhân dân xã nơi người đó cư trú"]
    # "cùng cấp" is no second actor, and it keeps its own word (it was rewritten "và cấp")
    assert split_units("Ủy ban nhân dân cùng cấp") == ["Ủy ban nhân dân cùng cấp"]
    assert split_units("Trưởng thôn và các chi hội, đoàn thể ở thôn") == ["Trưởng thôn", "các chi hội, đoàn thể ở thôn"]


def test_what_a_person_is_in_charge_of_stays_with_the_name():
    from extractors.units import split_units
    assert split_units("Đồng chí Phó Chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội; "
                       "các Phó Chủ tịch") == [
        "Đồng chí Phó Chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội", "các Phó Chủ tịch"]
    assert split_units("các chuyên viên tham mưu, giúp việc thuộc Cơ quan Ủy ban MTTQ Việt Nam xã") == [
        "các chuyên viên tham mưu, giúp việc thuộc Cơ quan Ủy ban MTTQ Việt Nam xã"]


def test_one_comrade_holding_several_posts_is_one_actor():
    from extractors.units import split_units
    assert split_units("Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã") == [
        "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã"]
    # each with an honorific of their own, or a group, is another actor
    assert split_units("Đồng chí Chủ tịch, đồng chí Phó Chủ tịch") == ["Đồng chí Chủ tịch", "đồng chí Phó Chủ tịch"]
    assert split_units("Đồng chí Chủ tịch, các Phó Chủ tịch") == ["Đồng chí Chủ tịch", "các Phó Chủ tịch"]
