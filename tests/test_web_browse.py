"""Browsing the web view as a user does: sorting by a column, narrowing by a facet, search words
marked, dates typed day/month/year, a task opening at its source lines, the timeline's today line,
each page's .json twin, and the labels in Vietnamese (English on request); and `kehoach search`
marking the words it found.

The archive is test_web's: three small plans through the real extractor into a real SQLite file.
The browser tests run headless Chromium (marked slow, skipped without /usr/bin/chromium).
"""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from extractors.text import fold
from pipeline.archive import Archive
from pipeline.cli import main as cli_main
from pipeline.extract import extract_file
from pipeline.web import app as web_app
from pipeline.web.app import source_lines, timeline_chart
from tests.test_web import browser, db, page, screenshots, server, shot  # noqa: F401  (fixtures)
from tests.test_web import app as app  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client(app):  # noqa: F811
    return app.test_client()


def column(browser_page, name: str) -> list[str]:
    return browser_page.locator(f"#tasks tbody td.col-{name}").all_inner_texts()


def iso(dmy: str) -> str:
    day, month, year = dmy.split("/")
    return f"{year}-{month}-{day}"


# -- in the browser --------------------------------------------------------------------------
@pytest.mark.slow  # a browser
def test_sort_by_clicking_a_header(page, server, db):  # noqa: F811
    page.goto(f"{server}/tasks")
    page.click("#tasks th.col-end a.sort")
    page.wait_for_url("**/tasks?*sort=end*")
    assert "order=asc" in page.url
    ends = column(page, "end")
    dated = [iso(e) for e in ends if e]
    assert dated == sorted(dated) and len(set(dated)) > 2
    assert ends[:len(dated)] == [e for e in ends if e]  # tasks without an end come last
    assert page.locator("#tasks th.col-end").get_attribute("aria-sort") == "ascending"

    page.click("#tasks th.col-end a.sort")  # again: the other way
    page.wait_for_url("**order=desc*")
    dated_desc = [iso(e) for e in column(page, "end") if e]
    assert dated_desc == sorted(dated, reverse=True)
    with Archive(db) as archive:  # the database's order, not the browser's
        expected = archive.tasks().sort_values("end", ascending=False, kind="stable", na_position="last")
    assert column(page, "text") == list(expected.text)
    shot(page, "tasks-sorted")


@pytest.mark.slow  # a browser
def test_a_facet_narrows_and_is_removed(page, server, db):  # noqa: F811
    page.goto(f"{server}/tasks")
    total = int(page.locator("#count").inner_text())
    item = page.locator("#facet-issuer li").filter(has_text="Sở Y tế")
    count = int(item.locator(".n").inner_text())
    item.locator("a").click()
    page.wait_for_url("**/tasks?*issuer=*")
    assert int(page.locator("#count").inner_text()) == count == len(column(page, "text")) < total
    assert set(column(page, "issuer")) == {"Sở Y tế tỉnh Lâm Đồng"}
    with Archive(db) as archive:
        assert count == len(archive.tasks(issuer="Sở Y tế tỉnh Lâm Đồng"))

    # a second facet on top of the first, then the first removed by its ✕
    page.locator("#facet-role li a", has_text="Phối hợp").click()
    page.wait_for_url("**role=coordinators*")
    assert 0 < int(page.locator("#count").inner_text()) < count
    page.locator("#facet-issuer .active a.remove").click()
    page.wait_for_url("**/tasks?*")
    assert "issuer=" not in page.url and "role=coordinators" in page.url
    assert page.locator("#facet-role .active").inner_text().startswith("Phối hợp")


@pytest.mark.slow  # a browser
def test_search_words_marked_and_the_json_twin(page, server):  # noqa: F811
    page.goto(f"{server}/tasks")
    page.fill("input[name=q]", "ma tuy")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=ma+tuy*")
    marks = page.locator("#tasks mark.hit").all_inner_texts()
    assert marks and {fold(m) for m in marks} == {"ma", "tuy"}
    assert "túy" in marks  # marked as printed, diacritics and all
    shot(page, "tasks-search")

    # the JSON twin of this very page: the same rows in the same order
    texts = column(page, "text")
    page.click("header a.json")
    data = json.loads(page.locator("body").inner_text())
    assert [r["text"] for r in data["rows"]] == texts
    assert data["filters"]["q"] == "ma tuy" and {"issuer", "kind", "year", "role"} <= set(data["facets"])


@pytest.mark.slow  # a browser
def test_dates_day_month_year_and_vietnamese_labels(page, server, db):  # noqa: F811
    page.goto(f"{server}/tasks")
    headers = page.locator("#tasks thead th").all_inner_texts()
    assert {"Chủ trì", "Phối hợp", "Thời gian", "Nhiệm vụ"} <= set(headers)
    assert page.locator("#facet-year h3").inner_text() == "Năm ban hành"
    assert page.locator("html").get_attribute("lang") == "vi"

    page.fill("input[name=due_after]", "01/07/2024")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**due_after=*")
    with Archive(db) as archive:
        expected = archive.tasks(due_after="2024-07-01")
    assert column(page, "text") == list(expected.text)
    assert page.input_value("input[name=due_after]") == "01/07/2024"  # shown as typed, day first
    assert all(e.count("/") == 2 for e in column(page, "end") if e)

    page.goto(f"{server}/tasks?lang=en&due_after=2024-07-01")  # ISO in an address still works
    assert int(page.locator("#count").inner_text()) == len(expected)
    assert {"Lead", "Coordinators"} <= set(page.locator("#tasks thead th").all_inner_texts())
    assert page.locator("#facet-year h3").inner_text() == "Year issued"


@pytest.mark.slow  # a browser
def test_task_opens_at_its_source_lines(page, server):  # noqa: F811
    page.goto(f"{server}/tasks?sort=task_id&order=desc")
    page.locator("#tasks tbody tr >> nth=0 >> td.col-task_id a").click()
    page.wait_for_url("**/tasks/*#task-start")
    assert page.evaluate("window.scrollY") > 0
    first_marked = page.locator(".source .line.in-span").first
    assert first_marked.is_visible()
    top, height = first_marked.bounding_box()["y"], page.viewport_size["height"]
    at_bottom = page.evaluate("window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1")
    # near the top of the window with a few lines of context above, unless the page ends first
    assert 0 < top < height and (top < height / 2 or at_bottom)


@pytest.mark.slow  # a browser
def test_units_and_timeline_link_to_tasks(page, server):  # noqa: F811
    page.goto(f"{server}/units")
    page.locator("svg.units a", has_text="Công an tỉnh").click()
    page.wait_for_url("**/tasks?*")
    assert all("Công an tỉnh" in lead for lead in column(page, "lead"))

    page.goto(f"{server}/timeline")
    month = page.locator("svg.timeline a.month").first
    month.click()
    page.wait_for_url("**due_after=*due_before=*")
    assert page.locator("#count").count() == 1


# -- over HTTP and in-process ----------------------------------------------------------------
def test_paging_a_sorted_list_is_stable(client, monkeypatch):
    monkeypatch.setattr(web_app, "PAGE_SIZE", 2)
    whole = [r["task_row"] for r in client.get("/tasks.json?sort=lead").get_json()["rows"]]
    pages = client.get("/tasks.json?sort=lead").get_json()["pages"]
    paged = [r["task_row"] for p in range(1, pages + 1)
             for r in client.get(f"/tasks.json?sort=lead&page={p}").get_json()["rows"]]
    monkeypatch.setattr(web_app, "PAGE_SIZE", 100)
    full = [r["task_row"] for r in client.get("/tasks.json?sort=lead").get_json()["rows"]]
    assert paged == full and len(set(paged)) == len(paged) and len(whole) == 2


def test_documents_and_directives_sort_and_facet(client):
    docs = client.get("/documents.json?sort=n_tasks&order=desc").get_json()
    counts = [d["n_tasks"] for d in docs["docs"]]
    assert counts == sorted(counts, reverse=True)
    kind = docs["facets"]["kind"][0]
    narrowed = client.get(f"/documents.json?kind={kind['value']}").get_json()["docs"]
    assert len(narrowed) == kind["n"] and {d["kind"] for d in narrowed} == {kind["value"]}
    rows = client.get("/directives.json?sort=mentions").get_json()["rows"]
    assert [r["mentions"] for r in rows] == sorted(r["mentions"] for r in rows)
    assert client.get("/directives?sort=drop+table").status_code == 400


def test_timeline_today_line():
    rows = [{"task_row": 1, "start": "2024-01-10", "end": "2024-03-31", "document_number": "1/KH", "task_id": "1",
             "lead": "Sở Y tế", "text": "x", "timeline": "Quý I"}]
    chart = timeline_chart(rows, 10, today=date(2024, 2, 15))
    assert chart["today"]["date"] == "2024-02-15"
    assert chart["label_w"] < chart["today"]["x"] < chart["plot_right"]
    assert timeline_chart(rows, 10, today=date(2030, 1, 1))["today"] is None
    assert [m["first"] for m in chart["months"]][:2] == ["2024-01-01", "2024-02-01"]
    assert chart["months"][1]["last"] == "2024-02-29"


def test_merged_cell_does_not_highlight_neighbour_rows(tmp_path):
    """A Chủ trì cell merged down three rows is printed once, in the first; the second row's task
    used to span from there and light up the first row as well."""
    from docx import Document

    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 15/KH-UBND", "Đà Lạt, ngày 05 tháng 3 năm 2024",
                 "KẾ HOẠCH", "Phòng chống dịch năm 2024", "I. NHIỆM VỤ"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=5, cols=4)
    rows = [("STT", "Nội dung", "Chủ trì", "Thời gian"), ("1", "Tuyên truyền phòng dịch", "Sở Y tế", "Quý I"),
            ("2", "Tiêm chủng mở rộng", "", "Quý II"), ("3", "Kiểm tra cơ sở", "", "Quý III"),
            ("4", "Báo cáo kết quả", "Văn phòng", "Quý IV")]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(3, 2))
    for line in ("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH"):
        doc.add_paragraph(line)
    path = tmp_path / "merged.docx"
    doc.save(str(path))

    record = extract_file(path)
    second = next(t for t in record.tasks if t.text == "Tiêm chủng mở rộng")
    assert second.lead == ["Sở Y tế"]  # the merged cell still names its lead
    lines = source_lines(record.text, [], (second.span.start, second.span.end))
    marked = ["".join(p["text"] for p in line["pieces"]) for line in lines if line["in_span"]]
    assert "Tiêm chủng mở rộng" in marked and "Quý II" in marked
    assert not {"Tuyên truyền phòng dịch", "Kiểm tra cơ sở", "Quý I", "Quý III"} & set(marked)


def _search_piped(archive_path, capsys, monkeypatch, *args) -> str:
    """`kehoach search` in this process: its standard output is pytest's capture, which is not a
    terminal, as a pipe is not (a process of its own costs 2 s of imports)."""
    monkeypatch.setenv("COLUMNS", "300")
    assert cli_main(["search", "ma tuy", "--db", str(archive_path), *args]) == 0
    return capsys.readouterr().out


def _search_on_a_terminal(archive_path) -> str:
    cmd = [sys.executable, "-m", "pipeline.cli", "search", "ma tuy", "--db", str(archive_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "300"}
    leader, follower = pty.openpty()  # a real terminal for the child's standard output
    proc = subprocess.run(cmd, stdout=follower, stderr=subprocess.PIPE, env=env, check=True)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.returncode == 0
    return out.decode("utf-8")


def test_cli_search_marks_the_words(db, capsys, monkeypatch):  # noqa: F811
    piped = _search_piped(db, capsys, monkeypatch)
    assert "**túy**" in piped and "**ma**" in piped.lower() and "\x1b[" not in piped
    assert "**" not in piped.splitlines()[0]  # the header row is left alone
    on_terminal = _search_on_a_terminal(db)
    assert "\x1b[1mtúy\x1b[0m" in on_terminal and "**" not in on_terminal
    as_csv = _search_piped(db, capsys, monkeypatch, "--format", "csv")
    assert "**" not in as_csv and "túy" in as_csv  # data formats hold the text unmarked
