"""`kehoach serve`: the web view over a real archive, driven in headless Chromium.

The archive is built here from small Vietnamese plans run through the real
extractor (pipeline.extract) and stored with Archive.put; one of them carries
`<script>alert(1)</script>` in a task. The app runs on a free loopback port in
a thread. Each page is screenshotted into a temporary folder (scripts/screenshots.py makes
docs/screenshots/ from the sample documents). Browser tests are skipped only when /usr/bin/chromium is
missing; the HTTP-level safety tests run regardless.
"""
from __future__ import annotations

import csv
import hashlib
import io
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from pipeline.archive import Archive
from pipeline.cli import build_parser
from pipeline.extract import extract_file
from pipeline.web.app import TABLE_COLUMNS, create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCRIPT = "<script>alert(1)</script>"

PLANS = {
    "ubnd_ma_tuy.txt": (Path(__file__).parent / "data" / "ubnd_ma_tuy.txt").read_text(encoding="utf-8"),
    "syt_dieu_tri.txt": f"""SỞ Y TẾ TỈNH LÂM ĐỒNG
Số: 45/KH-SYT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đà Lạt, ngày 20 tháng 3 năm 2024

KẾ HOẠCH
Triển khai Kế hoạch số 12/KH-UBND về phòng, chống ma túy năm 2024

Căn cứ Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị; Kế hoạch số 12/KH-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh; Sở Y tế ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm điều trị nghiện hiệu quả.
II. NHIỆM VỤ
1. Tổ chức điều trị methadone cho người nghiện {SCRIPT} tại cơ sở.
- Chủ trì: Trung tâm Kiểm soát bệnh tật tỉnh.
- Phối hợp: Công an tỉnh.
- Thời gian thực hiện: Quý III/2024.
2. Tập huấn cán bộ y tế cơ sở theo Chỉ thị số 36-CT/TW.
- Chủ trì: Phòng Nghiệp vụ Y.
- Thời gian thực hiện: Tháng 5/2024.
3. Tổng hợp, báo cáo kết quả.
- Chủ trì: Văn phòng Sở.
- Thời gian thực hiện: trước ngày 15/12/2024.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Văn An
""",
    "duc_trong.txt": """ỦY BAN NHÂN DÂN
HUYỆN ĐỨC TRỌNG
Số: 88/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đức Trọng, ngày 02 tháng 4 năm 2024

KẾ HOẠCH
Thực hiện công tác phòng, chống tệ nạn xã hội trên địa bàn huyện năm 2024

Căn cứ Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị; Kế hoạch số 12/KH-UBND ngày 05/3/2024 của UBND tỉnh Lâm Đồng; UBND huyện ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Kiềm chế, giảm tệ nạn xã hội.
II. NHIỆM VỤ
1. Rà soát, lập danh sách người sử dụng trái phép chất ma túy.
- Chủ trì: Công an huyện.
- Phối hợp: UBND các xã, thị trấn.
- Thời gian thực hiện: Quý II/2024.
2. Tuyên truyền lưu động tại các thôn, tổ dân phố.
- Chủ trì: Trung tâm Văn hóa - Thể thao và Truyền thông huyện.
- Thời gian thực hiện: Tháng 6 đến tháng 8/2024.
3. Sơ kết 6 tháng, tổng kết năm.
- Chủ trì: Phòng Lao động - Thương binh và Xã hội.
- Thời gian thực hiện: Định kỳ 6 tháng, năm.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình
""",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    path = root / "kehoach.db"
    with Archive(path) as archive:
        for name, text in PLANS.items():
            plan = root / name
            plan.write_text(text, encoding="utf-8")
            # a stable stored path (not the temp dir), so the screenshots only change when the pages do
            assert archive.put(extract_file(plan), path=f"plans/{name}") == "stored"
    return path


@pytest.fixture(scope="module")
def app(db):
    return create_app(db)


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def server(app):
    """The app on a free loopback port, served from a thread for the browser."""
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: the browser tests need Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, screenshots):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    pg.screenshots = screenshots
    yield pg
    context.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """A temporary folder: a test run leaves the working tree as it found it (the pictures in
    docs/screenshots/ are made by scripts/screenshots.py)."""
    return tmp_path_factory.mktemp("screenshots")


def shot(page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=str(page.screenshots / f"{name}.png"), full_page=full_page)


def table_rows(page) -> list[dict]:
    """The tasks table as the user sees it: one dict per row, keyed by column."""
    cells = page.locator("#tasks tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => td.innerText))")
    return [dict(zip(TABLE_COLUMNS, row)) for row in cells]


# -- in the browser ------------------------------------------------------------------------
@pytest.mark.slow  # a browser
def test_filter_open_task_and_export(page, server, db, tmp_path):
    page.goto(f"{server}/tasks")
    all_rows = table_rows(page)
    with Archive(db) as archive:
        assert len(all_rows) == len(archive.tasks()) > 0
        expected = archive.tasks(actor="Công an tỉnh", role="lead")
    shot(page, "tasks")

    # filter by a unit, as a user would: type it, pick the role, press the button
    page.fill("input[name=actor]", "Công an tỉnh")
    page.select_option("select[name=role]", "lead")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/tasks?*")
    rows = table_rows(page)
    assert len(rows) == len(expected) == 2
    assert all("Công an tỉnh" in r["lead"] for r in rows)
    assert page.locator("#count").inner_text() == "2"
    shot(page, "tasks-filtered")

    # export: the CSV holds exactly the rows and columns on screen
    with page.expect_download() as info:
        page.click("#export-csv")
    exported = tmp_path / "tasks.csv"
    info.value.save_as(exported)
    with exported.open(encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    assert list(csv_rows[0].keys()) == TABLE_COLUMNS
    assert [(r["task_id"], r["text"], r["lead"]) for r in csv_rows] == \
           [(r["task_id"], r["text"], r["lead"]) for r in rows]

    with page.expect_download() as info:
        page.click("#export-xlsx")
    xlsx = tmp_path / "tasks.xlsx"
    info.value.save_as(xlsx)
    from openpyxl import load_workbook
    sheet = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert list(sheet[0]) == TABLE_COLUMNS
    assert [r[TABLE_COLUMNS.index("text")] for r in sheet[1:]] == [r["text"] for r in rows]

    # open the first task: its span is highlighted in the source text, with page and line
    first = rows[0]
    page.click("#tasks tbody tr >> nth=0 >> td.col-task_id a")
    page.wait_for_url("**/tasks/*")
    assert page.locator("#task-text").inner_text() == first["text"]
    marked = " ".join(page.locator("mark.task").all_inner_texts())
    assert first["text"] in marked
    assert page.locator("mark.task").first.is_visible()
    where = page.locator("#where").inner_text()
    assert "trang 1" in where and "dòng" in where
    assert page.locator("mark.task .fact-unit", has_text="Công an tỉnh").count() >= 1
    shot(page, "task", full_page=True)


@pytest.mark.slow  # a browser
def test_script_in_a_plan_shows_as_text(page, server):
    page.goto(f"{server}/tasks?q=methadone")
    rows = table_rows(page)
    assert len(rows) == 1 and SCRIPT in rows[0]["text"]
    page.click("#tasks tbody tr >> nth=0 >> td.col-task_id a")
    page.wait_for_url("**/tasks/*")
    assert SCRIPT in page.locator("#task-text").inner_text()
    assert SCRIPT in page.locator("#source").inner_text()
    assert page.locator("main script").count() == 0
    page.locator("mark.task").first.scroll_into_view_if_needed()
    shot(page, "task-script")
    page.goto(f"{server}/")  # and on the next page: still nothing ran
    assert page.dialogs == []


@pytest.mark.slow  # a browser
def test_other_pages(page, server):
    page.goto(f"{server}/")
    assert page.locator("table.grid tbody tr").count() == len(PLANS)
    assert page.get_by_text("Tuyên truyền phòng, chống ma túy năm 2024").is_visible()  # Vietnamese intact
    shot(page, "documents")

    page.goto(f"{server}/directives")
    page.click("text=Chỉ thị 36-CT/TW")
    page.wait_for_url("**/directives/**")
    assert page.locator("#mentions tbody tr").count() >= len(PLANS)  # every plan cites it
    assert page.get_by_text("Tập huấn cán bộ y tế cơ sở").is_visible()  # the task citing it
    shot(page, "directive")

    # a directive that is itself in the archive links to it
    page.goto(f"{server}/directives")
    page.locator("a", has_text="Kế hoạch 12/KH-UBND").first.click()
    page.wait_for_url("**/directives/**")
    assert page.locator("dl.facts a", has_text="12/KH-UBND").count() == 1

    page.goto(f"{server}/timeline")
    assert page.locator("svg.timeline rect.bar").count() >= 5
    assert page.locator("svg.timeline path.deadline").count() >= 2  # "trước ngày ..." tasks
    shot(page, "timeline")

    page.goto(f"{server}/units")
    assert page.locator("svg.units rect.bar").count() >= 5
    assert page.locator("svg.units text.label", has_text="Công an tỉnh").count() == 1
    shot(page, "units")

    page.goto(f"{server}/audit")
    assert page.locator("#findings").count() + page.locator("#audit-note").count() == 1
    shot(page, "audit")
    assert page.dialogs == []


# -- over HTTP, no browser needed ------------------------------------------------------------------
def test_document_strings_are_escaped(client):
    body = client.get("/tasks?q=methadone").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and SCRIPT not in body
    resp = client.get("/")
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src" not in resp.headers["Content-Security-Policy"]  # default-src 'none': no script at all
    assert "default-src 'none'" in resp.headers["Content-Security-Policy"]


def test_read_only(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in ("/", "/tasks", "/tasks.csv", "/tasks.xlsx", "/directives", "/timeline", "/units", "/audit",
                "/documents/1", "/tasks/1"):
        assert client.get(url).status_code == 200, url
    assert client.post("/tasks").status_code == 405
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_no_file_outside_static(client):
    assert client.get("/static/style.css").status_code == 200
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static//etc/passwd",
                "/static/../../archive.py", "/../pipeline/web/app.py"):
        resp = client.get(url, follow_redirects=True)  # "//" redirects to "/" first
        assert resp.status_code == 404, url
        assert b"create_app" not in resp.data and b"root:" not in resp.data


def test_bad_filters_and_missing_rows(client):
    resp = client.get("/tasks?due_before=31/6/2024")  # dd/mm/yyyy is the page's way; June has 30 days
    assert resp.status_code == 400 and "dd/mm/yyyy" in resp.get_data(as_text=True)
    resp = client.get("/tasks?due_before=6/30/2024")
    assert resp.status_code == 400 and "dd/mm/yyyy" in resp.get_data(as_text=True)
    assert client.get("/tasks?sort=password").status_code == 400
    assert client.get("/tasks?sort=end&order=sideways").status_code == 400
    assert client.get("/tasks/999999").status_code == 404
    assert client.get("/documents/999999").status_code == 404
    assert client.get("/directives/no-such-key").status_code == 404


def test_exports_follow_filters(client, db):
    with Archive(db) as archive:
        expected = archive.tasks(due_after="2024-07-01", issuer="Sở Y tế")
    data = client.get("/tasks.csv?due_after=2024-07-01&issuer=S%E1%BB%9F+Y+t%E1%BA%BF").data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["text"] for r in rows] == list(expected.text) and len(rows) == 2


def test_serve_binds_loopback_by_default():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
