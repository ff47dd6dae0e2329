"""Tables an analyst can use: every column of the source's task table (Sản phẩm; Theo dõi,
kiểm tra, đôn đốc) in every task output, XLSX read back with openpyxl (date cells, a
filter, a frozen header, one sheet each for tasks, documents and citations), CSV files
with a BOM from the CLI and the web alike, JSON lists as arrays; and the audit in the
order an auditor reads it."""
import datetime as dt
import io
import json
import sqlite3

import docx
import openpyxl
import pandas as pd
import pytest

from pipeline.archive import Archive
from pipeline.cli import main
from pipeline.ingest import ingest
from pipeline.link import FINDING_KINDS, Finding, sort_findings

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm",
          "Theo dõi, kiểm tra, đôn đốc"]
ROWS = [["1", "Rà soát thủ tục hành chính theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", "Sở Tư pháp",
         "Các sở, ngành", "Tháng 3/2025", "Báo cáo rà soát", "Văn phòng UBND tỉnh"],
        ["2", "Số hóa hồ sơ", "Sở Khoa học và Công nghệ", "Sở Nội vụ; Sở Tài chính", "31/12/2025",
         "=HYPERLINK(\"http://x\")", "Sở Nội vụ"]]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """A real .docx (python-docx) whose task table has the two columns exports used to drop."""
    root = tmp_path_factory.mktemp("tables")
    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 15/KH-UBND", "Lâm Đồng, ngày 10 tháng 01 năm 2025",
                 "KẾ HOẠCH", "Cải cách hành chính năm 2025", "I. MỤC ĐÍCH, YÊU CẦU", "Bảo đảm thực hiện hiệu quả.",
                 "II. NHIỆM VỤ"]:
        d.add_paragraph(line)
    table = d.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in ["III. TỔ CHỨC THỰC HIỆN", "Các sở, ngành triển khai thực hiện Kế hoạch này.", "CHỦ TỊCH",
                 "Nguyễn Văn A"]:
        d.add_paragraph(line)
    (root / "docs").mkdir()
    path = root / "docs" / "plan.docx"
    d.save(path)
    return path


@pytest.fixture(scope="module")
def archive(plan):
    db = plan.parent.parent / "a.db"
    assert ingest([plan.parent], db=db, workers=1, progress=False).stored == 1
    return db


def _run(capsys, *args):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


def _check_sheet(sheet, frame_columns=None):
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert all(c.font.bold for c in sheet[1])
    header = [c.value for c in sheet[1]]
    if frame_columns:
        assert header == frame_columns
    return header


def test_every_task_output_keeps_products_and_monitors(plan, archive, tmp_path, capsys):
    expected = {"II.1": ("Báo cáo rà soát", "Văn phòng UBND tỉnh"), "II.2": ('=HYPERLINK("http://x")', "Sở Nội vụ")}

    record = json.loads(_run(capsys, "extract", plan))
    assert {t["id"]: (t["products"], t["monitors"]) for t in record["tasks"] if t["id"] in expected} == expected

    outputs = {"extract csv": ["extract", plan, "--format", "csv", "-o", tmp_path / "e.csv"],
               "tasks csv": ["tasks", "--db", archive, "-o", tmp_path / "t.csv"],
               "tasks json": ["tasks", "--db", archive, "--format", "json", "-o", tmp_path / "t.json"]}
    for name, args in outputs.items():
        _run(capsys, *args)
    for name in ("e.csv", "t.csv"):
        frame = pd.read_csv(tmp_path / name, encoding="utf-8-sig", dtype=str)
        got = {r.task_id: (r.products.lstrip("'"), r.monitors) for r in frame.itertuples() if r.task_id in expected}
        assert got == expected, name
    rows = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert {r["task_id"]: (r["products"], r["monitors"]) for r in rows if r["task_id"] in expected} == expected

    for args in (["extract", plan, "-o", tmp_path / "e.xlsx", "--format", "xlsx"],
                 ["tasks", "--db", archive, "-o", tmp_path / "t.xlsx"]):
        _run(capsys, *args)
        sheet = openpyxl.load_workbook(args[args.index("-o") + 1])["tasks"]
        header = [c.value for c in sheet[1]]
        assert {"products", "monitors"} <= set(header)
        values = {row[header.index("task_id")]: (row[header.index("products")], row[header.index("monitors")])
                  for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert values["II.1"] == expected["II.1"] and values["II.2"] == expected["II.2"]


def test_xlsx_has_date_cells_filters_a_frozen_header_and_three_sheets(plan, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    _run(capsys, "extract", plan, "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["tasks", "documents", "citations"]
    tasks = book["tasks"]
    header = _check_sheet(tasks)
    end = header.index("end") + 1
    cell = next(tasks.iter_rows(min_row=2, min_col=end, max_col=end))[0]
    assert isinstance(cell.value, dt.datetime) and cell.value.date() == dt.date(2025, 3, 31) and cell.is_date
    # the plan's "=HYPERLINK(...)" stays text, never a formula
    products = header.index("products") + 1
    assert all(c.data_type == "s" for (c,) in tasks.iter_rows(min_row=2, min_col=products, max_col=products)
               if c.value)
    # widths fit the content, up to a cap (the long task text does not stretch the sheet)
    text_width = tasks.column_dimensions[openpyxl.utils.get_column_letter(header.index("text") + 1)].width
    assert 30 < text_width <= 62
    documents = book["documents"]
    _check_sheet(documents)
    doc_header = [c.value for c in documents[1]]
    doc_row = [c.value for c in documents[2]]
    assert doc_row[doc_header.index("number")] == "15/KH-UBND"
    assert doc_row[doc_header.index("date")].date() == dt.date(2025, 1, 10)
    citations = book["citations"]
    _check_sheet(citations)
    assert [c.value for c in citations[2]][[c.value for c in citations[1]].index("number")] == "76/NQ-CP"


def test_csv_files_have_a_bom_and_the_web_gives_the_same_bytes(archive, tmp_path, capsys):
    out = tmp_path / "tasks.csv"
    _run(capsys, "tasks", "--db", archive, "-o", out, "--columns",
         "document_number,issuer,task_id,text,lead,advisors,implementers,coordinators,timeline,start,end,"
         "products,monitors,page")
    cli = out.read_bytes()
    assert cli.startswith(b"\xef\xbb\xbf")
    stdout = _run(capsys, "tasks", "--db", archive, "--format", "csv")
    assert not stdout.startswith("\ufeff")  # a pipe gets plain UTF-8
    from pipeline.web.app import create_app

    web = create_app(str(archive)).test_client().get("/tasks.csv")
    assert web.status_code == 200
    assert web.data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(web.data), encoding="utf-8-sig").columns.tolist() == \
        pd.read_csv(io.BytesIO(cli), encoding="utf-8-sig").columns.tolist()
    xlsx = create_app(str(archive)).test_client().get("/tasks.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_json_lists_are_arrays(archive, capsys):
    rows = json.loads(_run(capsys, "tasks", "--db", archive, "--format", "json"))
    second = next(r for r in rows if r["task_id"] == "II.2")
    assert second["lead"] == ["Sở Khoa học và Công nghệ"]
    assert second["coordinators"] == ["Sở Nội vụ", "Sở Tài chính"]
    assert second["recurrence"] == [] and second["advisors"] == []


def test_columns_and_the_narrow_default_table(archive, capsys):
    table = _run(capsys, "tasks", "--db", archive)
    assert "document_number" in table and "coordinators" not in table
    assert max(len(line) for line in table.splitlines()) < 200
    chosen = _run(capsys, "tasks", "--db", archive, "--columns", "task_id,monitors")
    assert chosen.splitlines()[0].split() == ["task_id", "monitors"]
    assert "Văn phòng UBND tỉnh" in chosen


def test_cites_by_name_and_number_find_the_same(archive, capsys):
    plain = _run(capsys, "cites", "76/NQ-CP", "--db", archive, "--format", "csv")
    for query in ("Nghị quyết 76/NQ-CP", "Nghị quyết số 76/NQ-CP ngày 15/7/2021", "76-NQ/CP"):
        assert _run(capsys, "cites", query, "--db", archive, "--format", "csv") == plain, query
    assert "76/NQ-CP" in plain


def test_an_archive_from_before_products_is_upgraded(plan, tmp_path, capsys):
    """An archive whose tasks table has no products/monitors columns (as written before)
    answers queries with them, filled from the records it stored."""
    db = tmp_path / "old.db"
    assert ingest([plan.parent], db=db, workers=1, progress=False).stored == 1
    conn = sqlite3.connect(db)
    conn.executescript("DROP VIEW task_table; ALTER TABLE tasks DROP COLUMN products; "
                       "ALTER TABLE tasks DROP COLUMN monitors;")
    conn.close()
    with Archive(db) as archive:
        frame = archive.tasks()
    assert frame.set_index("task_id").loc["II.1", "monitors"] == "Văn phòng UBND tỉnh"


def test_audit_reads_conflicts_first_then_variants_then_unresolved():
    def finding(kind, label, n=1):
        return Finding(kind, label, label, "", [{"document": "d", "page": 1, "text": label}] * n)

    found = sort_findings([finding("unresolved", "B", 1), finding("partial", "P"), finding("number-variant", "V"),
                           finding("unresolved", "A", 3), finding("date-conflict", "D"),
                           finding("issuer-conflict", "I"), finding("future-date", "F")])
    assert [(f.kind, f.label) for f in found] == [
        ("date-conflict", "D"), ("issuer-conflict", "I"), ("future-date", "F"), ("number-variant", "V"),
        ("unresolved", "A"), ("unresolved", "B"), ("partial", "P")]
    assert FINDING_KINDS[:3] == ("date-conflict", "title-conflict", "issuer-conflict")
