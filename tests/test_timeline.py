"""Time cells and phrases of real plans: rules of the genre, one small case each."""
import pytest

from extractors.tasks import _prose_time
from extractors.timeline import parse_timeline


@pytest.mark.parametrize("printed,start,end,recurrence", [
    # "những năm" folds to "nhung nam", which holds "hung nam" (hừng năm): not a recurrence
    ("Giai đoạn 2026-2030 và những năm tiếp theo", "2026-01-01", "2030-12-31", []),
    # a date of every year / month: no one date, and "liền kề" is no recurrence word
    ("Trước ngày 31/01 năm liền kề", None, None, []),
    ("Chậm nhất là ngày 31/12 năm trước liền kề", None, None, []),
    ("Trước ngày 05 của tháng liền kề", None, None, []),
    # the date of a numbered document is the document's; a deadline after a kind word is the task's
    ("Theo các mốc thời gian tại Phương án số 71/PA-UBND ngày 14/11/2025 của UBND tỉnh", None, None, []),
    ("Ban hành kế hoạch chậm nhất là ngày 15/4/2026 và tổ chức thực hiện", None, "2026-04-15", []),
    # a start with a bare date
    ("Từ 01/7/2025", "2025-07-01", None, []),
    # a dash between two whole dates after "từ" spans them, as "đến" does
    ("Từ ngày 05/02/2026 - 08/02/2026", "2026-02-05", "2026-02-08", []),
    # a year and the years after it: a start only
    ("Năm 2025 và các năm tiếp theo", "2025-01-01", None, []),
    # as the centre directs: on request
    ("Theo hướng dẫn của Trung ương", None, None, ["on_request"]),
    ("Hằng năm hoặc đột xuất", None, None, ["annual", "on_request"]),
])
def test_timeline_cells(printed, start, end, recurrence):
    t = parse_timeline(printed, plan_year=2024)
    assert (t.start, t.end, t.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize("sentence,text,start,end,recurrence", [
    # a weekday of every week, with its "Định kỳ ngày"
    ("Định kỳ ngày Thứ Sáu hằng tuần, tổng hợp, báo cáo kết quả cho UBND cấp huyện.",
     "Định kỳ ngày Thứ Sáu hằng tuần", None, None, ["weekly"]),
    # a deadline phrase ends with its date, and keeps a recurrence right after it
    ("Báo cáo kết quả trước ngày 20 hằng tháng lên phần mềm theo dõi Đề án 06 (tại địa chỉ: https://x06.vn).",
     "trước ngày 20 hằng tháng", None, None, ["monthly"]),
    ("Xây dựng kế hoạch và báo cáo kết quả chậm nhất là ngày 15/4/2026.",
     "chậm nhất là ngày 15/4/2026", None, "2026-04-15", []),
    ("Hoàn thành trong quý III và quý IV/2026 để tổng hợp 5 đơn vị.",
     "trong quý III và quý IV/2026", "2026-07-01", "2026-12-31", []),
    # "6 tháng, 1 năm", and the superior who directs ends before the verb
    ("Định kỳ 6 tháng, 1 năm hoặc đột xuất theo chỉ đạo của Thủ tướng Chính phủ báo cáo kết quả.",
     "Định kỳ 6 tháng, 1 năm hoặc đột xuất theo chỉ đạo của Thủ tướng Chính phủ", None, None,
     ["semiannual", "annual", "on_request"]),
    # so many times a month
    ("Thành lập Hội đồng (hoàn thành trong tháng 4/2026). Tổ chức sinh hoạt ít nhất 01 lần/tháng.",
     "trong tháng 4/2026; ít nhất 01 lần/tháng", "2026-04-01", "2026-04-30", ["monthly"]),
    # "chi thường xuyên" is recurrent spending, not continuous work
    ("Chủ trì tham mưu bố trí kinh phí chi thường xuyên hằng năm theo quy định.",
     "hằng năm", None, None, ["annual"]),
    # "định kỳ" opening a clause, or closing one after "theo"; not "báo cáo định kỳ, đột xuất"
    ("Sở Nội vụ theo dõi, kiểm tra; định kỳ tổng hợp, báo cáo kết quả cho UBND tỉnh.", "định kỳ", None, None, []),
    ("Công an tỉnh báo cáo UBND tỉnh theo định kỳ; tùy tình hình tổ chức kiểm tra.", "theo định kỳ", None, None, []),
    ("Thực hiện chế độ báo cáo định kỳ, đột xuất gửi UBND tỉnh.", None, None, None, []),
    # on request of a superior, not "theo yêu cầu công tác"
    ("Báo cáo kết quả thực hiện gửi về Sở Nội vụ (khi có yêu cầu).", "khi có yêu cầu", None, None, ["on_request"]),
    ("Tổng hợp, báo cáo kết quả theo yêu cầu của cấp có thẩm quyền.", "theo yêu cầu của cấp có thẩm quyền", None, None,
     ["on_request"]),
    ("Điều chỉnh cho phù hợp theo yêu cầu công tác của Phòng.", None, None, None, []),
    # an unscheduled report is one asked for; "thường xuyên, liên tục" is one phrase; each further kind
    # of recurrence is a phrase of its own, joined with "; " (contract: prose time phrases)
    ("Hằng năm hoặc đột xuất báo cáo kết quả thực hiện về Sở Nội vụ để tổng hợp.", "Hằng năm hoặc đột xuất",
     None, None, ["annual", "on_request"]),
    ("Theo dõi, đánh giá một cách thường xuyên, liên tục. Tổng hợp kết quả đạt được hàng năm theo tiêu chí.",
     "thường xuyên, liên tục; hàng năm", None, None, ["continuous", "annual"]),
    ("Đánh giá kết quả hằng năm. Gửi báo cáo trước ngày 15/11/2026, báo cáo sơ kết khi có yêu cầu về Sở.",
     "hằng năm; trước ngày 15/11/2026; khi có yêu cầu", None, "2026-11-15", ["annual", "on_request"]),
])
def test_prose_time(sentence, text, start, end, recurrence):
    t = _prose_time(sentence, 2026)
    assert (t.text, t.start, t.end, t.recurrence) == (text, start, end, recurrence)


def test_timeline_is_the_records_own_class():
    """parse_timeline and _prose_time give the record's Timeline, no dict to copy into it."""
    from pipeline.record import Timeline

    assert parse_timeline("Quý II/2025", plan_year=2025) == Timeline("Quý II/2025", "2025-04-01", "2025-06-30", [])
    assert parse_timeline("  ") == Timeline()
    assert _prose_time("Sở Nội vụ báo cáo định kỳ hằng quý.", 2025) == Timeline("định kỳ hằng quý", None, None,
                                                                                   ["quarterly"])


def test_each_year_and_each_term_in_prose_are_recurrences_as_every_year():
    from extractors.tasks.reading import _prose_time
    assert _prose_time("Phối hợp tuyên truyền (đảm bảo mỗi năm tại mỗi trường tổ chức ít nhất 1 buổi).", 2026) \
        == parse_timeline("mỗi năm", 2026)
    assert parse_timeline("mỗi năm").recurrence == ["annual"]
    assert _prose_time("Bảo đảm mỗi học kỳ tổ chức ít nhất 1 buổi/cơ sở giáo dục.", 2026).recurrence == ["semiannual"]
    assert _prose_time("Mỗi xã xây dựng 01 mô hình.", 2026).text is None  # "mỗi" before a unit is not a time


def test_work_a_superiors_instruction_sets_off_is_on_request():
    from extractors.tasks.reading import _prose_time
    found = _prose_time("Đẩy mạnh ứng dụng công nghệ thông tin (khi có chỉ đạo của Bộ Công an).", 2026)
    assert (found.text, found.recurrence) == ("khi có chỉ đạo của Bộ Công an", ["on_request"])


def test_those_months_are_no_recurrence():
    # "những tháng" folds to "nhung thang", which holds "hung thang" (hằng tháng)
    assert _prose_time("xuất nhập khẩu linh hoạt trong những tháng cuối năm; tăng cường", 2025).recurrence == []


def test_deadlines_in_a_row_span_to_the_last():
    t = _prose_time("Bộ Tài chính hoàn thành trước ngày 01 tháng 5 năm 2026; Bảo hiểm xã hội Việt Nam thanh toán "
                    "trước ngày 01 tháng 8 năm 2026.", 2026)
    assert (t.text, t.end) == ("trước ngày 01 tháng 5 năm 2026; trước ngày 01 tháng 8 năm 2026", "2026-08-01")
