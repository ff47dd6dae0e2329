"""The word lists of extractors/data/ as the extractors read them (flag columns, not parallel lists)."""
import pytest

from extractors.lexicon import heads, levels, rows, unit_heads
from extractors.repair import repair_ocr_line

FLAGS = ("actor", "needs_name", "name_goes_on", "letterhead", "enacting", "issuer_subject", "two_words")


def test_unit_head_flags_are_one_or_blank_and_every_row_has_a_use():
    for row in rows("unit_heads.csv"):
        assert {row[f] for f in FLAGS} <= {"1", ""}, row
        assert any(row[f] for f in FLAGS), f"{row['head']} has no use"


def test_a_head_that_needs_a_name_opens_an_actor():
    assert {h.lower() for h in heads("needs_name")} <= set(unit_heads())
    assert "bộ" in unit_heads() and "học viện" not in unit_heads()  # "Học viện" only lets a name go on


@pytest.mark.parametrize("line, letterhead, enacting", [
    ("SỞ Y TẾ", True, False),
    ("THỦ TƯỚNG CHÍNH PHỦ", False, True),
    ("UBND TỈNH LÂM ĐỒNG", True, True),
    ("KẾ HOẠCH", False, False),
])
def test_letterhead_and_enacting_lines(line, letterhead, enacting):
    from extractors.header import _ENACTING, _UNIT_START

    assert bool(_UNIT_START.match(line)) is letterhead
    assert bool(_ENACTING.match(line)) is enacting


def test_levels_a_place_follows_are_unit_levels_too():
    assert set(levels("place_follows")) < set(levels("unit_level"))
    assert "đặc khu" in levels("unit_level") and "đặc khu" not in levels("place_follows")


@pytest.mark.parametrize("ocr, meant", [
    ("HI. NHIỆM VỤ", "III. NHIỆM VỤ"),
    ("PHẦN H", "PHẦN II"),
    ("Hoàn thành trong Quý II1/2025", "Hoàn thành trong Quý III/2025"),
    ("Đà Lạt, ngày O5 tháng l2 năm 2025", "Đà Lạt, ngày 05 tháng 12 năm 2025"),
])
def test_ocr_readings_from_data(ocr, meant):
    assert repair_ocr_line(ocr)[0] == meant


@pytest.mark.parametrize("name, key", [("name_ends.csv", "word"), ("paragraph_openers.csv", "opener"),
                                       ("issuing_verbs.csv", "verb"), ("kind_qualifiers.csv", "qualifier")])
def test_use_columns_are_one_or_blank_and_every_word_has_a_use(name, key):
    for row in rows(name):
        uses = [v for k, v in row.items() if k != key]
        assert set(uses) <= {"1", ""}, row
        assert any(uses), f"{row[key]} of {name} has no use"


def test_alternatives_take_each_word_literally():
    import re

    from extractors.lexicon import alternatives

    pattern = re.compile(alternatives(["TP.", "V/v"]) + "$")
    assert pattern.match("TP.") and pattern.match("V/v") and not pattern.match("TPx")


@pytest.mark.parametrize("caps, cased", [
    ("VĂN PHÒNG TỈNH ỦY", "Văn phòng Tỉnh ủy"),  # unit_heads.csv two_words
    ("HUYỆN ỦY ĐẠI TỪ", "Huyện ủy Đại Từ"),  # party_committees.csv place_follows
    ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),  # acronyms.txt
])
def test_name_case_reads_its_words_from_data(caps, cased):
    from extractors.header import name_case

    assert name_case(caps) == cased


def test_a_rank_of_military_ranks_is_no_part_of_the_signers_name():
    from extractors.header import parse_header

    assert parse_header(["KẾ HOẠCH", "X"], ["CHỈ HUY TRƯỞNG", "Thiếu uý Trần Văn An"]).signer.name == "Trần Văn An"
