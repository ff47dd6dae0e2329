"""A decision issuing a plan, scanned: its task table's time cells, its reporting prose, its header
lines with OCR specks. One small case of the genre each, written for the rule."""
import pytest

from extractors.fields import column_role
from extractors.tasks import _bulleted_units
from extractors.timeline import parse_timeline
from extractors.units import split_units


@pytest.mark.parametrize("cell,start,end", [
    # a time column holding only years: the span, or the one year
    ("2025 - 2030", "2025-01-01", "2030-12-31"),
    ("2026–2028", "2026-01-01", "2028-12-31"),
    ("2027", "2027-01-01", "2027-12-31"),
    ("Năm 2026", "2026-01-01", "2026-12-31"),
])
def test_time_cell_of_bare_years(cell, start, end):
    t = parse_timeline(cell, plan_year=2025)
    assert (t["text"], t["start"], t["end"]) == (cell, start, end)


def test_period_column_is_the_time_column():
    # "Giai đoạn thực hiện" heads the time column of a plan's task table, not its implementers
    assert column_role("Giai đoạn\nthực hiện") == "timeline"
    assert column_role("Thời gian thực hiện") == "timeline"
    assert column_role("Đơn vị thực hiện") == "implementers"


@pytest.mark.parametrize("cell,units", [
    # bullets of a cell joined into one line: each bullet one unit, a collective kept whole
    ("- Các sở, ban, ngành - Ủy ban nhân dân cấp huyện", ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"]),
    # an OCR'd dash ("~") still parts them; a dash inside a ministry's name does not
    ("- Bộ Y tế ~ Bộ Lao động - Thương binh và Xã hội", ["Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội"]),
    ("Bộ Lao động - Thương binh và Xã hội", ["Bộ Lao động - Thương binh và Xã hội"]),
])
def test_bulleted_units_of_a_role_cell(cell, units):
    assert split_units(_bulleted_units(cell)) == units
