"""Time cells and phrases of real plans: rules of the genre, one small case each."""
import pytest

from extractors.timeline import parse_timeline


@pytest.mark.parametrize("printed,start,end,recurrence", [
    # "những năm" folds to "nhung nam", which holds "hung nam" (hừng năm): not a recurrence
    ("Giai đoạn 2026-2030 và những năm tiếp theo", "2026-01-01", "2030-12-31", []),
])
def test_timeline_cells(printed, start, end, recurrence):
    t = parse_timeline(printed, plan_year=2024)
    assert (t["start"], t["end"], t["recurrence"]) == (start, end, recurrence)
