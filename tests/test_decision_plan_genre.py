"""A decision issuing a plan, scanned: its task table's time cells, its reporting prose, its header
lines with OCR specks. One small case of the genre each, written for the rule."""


from extractors.fields import column_role


def test_period_column_is_the_time_column():
    # "Giai đoạn thực hiện" heads the time column of a plan's task table, not its implementers
    assert column_role("Giai đoạn\nthực hiện") == "timeline"
    assert column_role("Thời gian thực hiện") == "timeline"
    assert column_role("Đơn vị thực hiện") == "implementers"
