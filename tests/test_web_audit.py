"""The audit page an auditor reads at 1,400 px, and the JSON twin of every page.

An archive whose plans cite laws by long names (keys of 100+ characters) used to
stretch the audit table to 2,500 px; the key is now cut with an ellipsis and shown
whole on hover (its title)."""
from __future__ import annotations

import json

import pytest

from pipeline.archive import Archive
from pipeline.extract import extract_file
from pipeline.web.app import create_app
from tests.test_web import CHROMIUM, CHROMIUM_ARGS, PLANS

LONG_LAW = ("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức "
            "đối tác công tư và Luật Đấu thầu")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    path = root / "kehoach.db"
    plans = dict(PLANS)
    # a plan that cites a law by its long name, twice with different dates: an unresolved
    # directive and a date conflict, both with a long key
    first = plans[next(iter(plans))]
    plans["long_keys.txt"] = first.replace(
        "Căn cứ Chỉ thị", f"Căn cứ {LONG_LAW} ngày 11/01/2022; {LONG_LAW} ngày 12/02/2022; Căn cứ Chỉ thị", 1) \
        .replace("Số: 12/KH-UBND", "Số: 99/KH-UBND")
    with Archive(path) as archive:
        for name, text in plans.items():
            plan = root / name
            plan.write_text(text, encoding="utf-8")
            archive.put(extract_file(plan), path=f"plans/{name}")
    return path


@pytest.fixture(scope="module")
def client(db):
    return create_app(db).test_client()


def test_every_page_has_a_json_twin(client):
    task_row = client.get("/tasks.json").get_json()["rows"][0]["task_row"]
    doc_id = client.get("/documents.json").get_json()["docs"][0]["id"]
    key = client.get("/directives.json").get_json()["rows"][0]["key"]
    for page, field in (("/", "docs"), ("/tasks", "rows"), (f"/tasks/{task_row}", "task"),
                        (f"/documents/{doc_id}", "record"), ("/directives", "rows"), (f"/directives/{key}", "mentions"),
                        ("/audit", "findings"), ("/timeline", "tasks"), ("/units", "units")):
        html = client.get(page)
        assert html.status_code == 200 and html.mimetype == "text/html", page
        twin = (html.get_data(as_text=True).split('rel="alternate" type="application/json" href="')[1]).split('"')[0]
        data = client.get(twin)
        assert data.status_code == 200 and data.mimetype == "application/json", twin
        assert json.loads(data.data)[field], (page, field)
    assert client.get("/tasks.json?due_before=2024-13-01").status_code == 400


def test_audit_order_in_the_page_data(client):
    kinds = [f["kind"] for f in client.get("/audit.json").get_json()["findings"]]
    assert "date-conflict" in kinds and "unresolved" in kinds
    assert kinds.index("date-conflict") < kinds.index("unresolved")


@pytest.mark.slow  # a browser
def test_audit_page_fits_1400_px_and_keeps_the_whole_key_on_hover(db):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    import threading

    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, create_app(db), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{srv.server_port}/audit")
            keys = page.locator("#findings td.col-directive .key")
            longest = max(keys.evaluate_all("els => els.map(e => e.title)"), key=len)
            assert len(longest) > 60  # the case that used to stretch the table
            assert page.evaluate("document.documentElement.scrollWidth") <= 1400
            assert page.evaluate("document.querySelector('#findings').getBoundingClientRect().right") <= 1400
            browser.close()
    finally:
        srv.shutdown()
        thread.join(timeout=10)


def test_vietnamese_pages_with_english_on_request(db):
    import re

    def heading(client, url, **headers):
        body = client.get(url, headers=headers).get_data(as_text=True)
        return re.search(r"<h1>(.*?)</h1>", body, re.S).group(1).strip(), body

    vi = create_app(db).test_client()
    en = create_app(db, lang="en").test_client()
    auto = create_app(db, lang="auto").test_client()
    assert heading(vi, "/audit")[0] == "Kiểm tra dẫn chiếu"
    h1, body = heading(en, "/audit")
    assert h1 == "Citation audit" and '<html lang="en">' in body and ">Tasks<" in body
    h1, body = heading(en, "/tasks")
    assert h1 == "Tasks" and ">Lead<" in body and ">Products<" in body
    assert heading(vi, "/tasks?lang=en")[0] == "Tasks"
    assert heading(auto, "/tasks", **{"Accept-Language": "en-GB,en;q=0.8"})[0] == "Tasks"
    assert heading(auto, "/tasks", **{"Accept-Language": "vi-VN,vi;q=0.9"})[0] == "Nhiệm vụ"
    # document content is never translated: a plan's "Chủ trì" stays as printed
    assert "Sở Văn hóa, Thể thao và Du lịch" in heading(en, "/tasks")[1]
    with pytest.raises(Exception):
        create_app(db, lang="fr")
