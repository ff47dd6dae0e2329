"""Citations across the archive (pipeline.link and the cites / cited-by / registry / audit commands).

Three plans of one province are written here as text, extracted with the real pipeline and
stored in a real SQLite archive, with a registry of every other directive they cite. Exactly
four faults are planted, and the audit must report those four and nothing else:

    plan B prints Chỉ thị 02/CT-UBND with 25/01/2024, plan A (and the registry) 24/01/2024  → date-conflict
    plan C prints Quyết định 15-QĐ/UBND, plan A 15/QĐ-UBND                                  → number-variant
    plan C cites Nghị quyết 05-NQ/TU, neither archived nor in the registry                 → unresolved
    plan C (01/4/2024) cites Quyết định 30/QĐ-UBND of 15/5/2024                            → future-date
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.citations import canonical_key
from pipeline import extract
from pipeline.archive import Archive
from pipeline.cli import main
from pipeline.link import (audit_file, citation_graph, cited_by, cites, link, link_archive, number_id,
                           read_registry_file, record_inputs)

ROOT = Path(__file__).resolve().parents[1]
DEV_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs"


def plan(header: str, number: str, date: str, title: str, body: str, signer: str = "Nguyễn Văn An") -> str:
    d, m, y = date.split("/")
    return (f"{header}\nSố: {number}\nĐà Lạt, ngày {d} tháng {m} năm {y}\n\nKẾ HOẠCH\n{title}\n\n{body}\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Triển khai kịp thời các nội dung trên địa bàn tỉnh Lâm Đồng.\n\n"
            "II. NHIỆM VỤ\n\n1. Tổ chức phát động phong trào thi đua trong toàn ngành.\n- Chủ trì: Sở Nội vụ.\n"
            f"- Thời gian: quý II/{y}.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\nGIÁM ĐỐC\n{signer}\n")


PLAN_A = plan("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "10/KH-UBND", "01/3/2024",
              "thực hiện phong trào thi đua yêu nước năm 2024",
              "Căn cứ Chỉ thị số 02/CT-UBND, ngày 24/01/2024 của UBND tỉnh về phát động phong trào thi đua yêu "
              "nước năm 2024; Quyết định số 15/QĐ-UBND, ngày 10/01/2024 của UBND tỉnh về ban hành quy chế thi đua; "
              "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:")
PLAN_B = plan("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ", "20/KH-SNV", "15/3/2024", "triển khai thi đua trong ngành nội vụ",
              "Căn cứ Luật Thi đua, khen thưởng; Chỉ thị số 02/CT-UBND, ngày 25/01/2024 của UBND tỉnh về phát động "
              "phong trào thi đua yêu nước năm 2024; Kế hoạch số 10/KH-UBND, ngày 01/3/2024 của UBND tỉnh về thực "
              "hiện phong trào thi đua yêu nước năm 2024; để thực hiện Chỉ thị số 02/CT-UBND, Sở Nội vụ xây dựng "
              "Kế hoạch như sau:")
PLAN_C = plan("UBND TỈNH LÂM ĐỒNG\nSỞ TÀI CHÍNH", "05/KH-STC", "01/4/2024", "thi đua trong ngành tài chính",
              "Căn cứ Quyết định số 15-QĐ/UBND, ngày 10/01/2024 của UBND tỉnh về ban hành quy chế thi đua; Nghị "
              "quyết số 05-NQ/TU, ngày 10/12/2023 của Tỉnh ủy về công tác thi đua; Quyết định số 30/QĐ-UBND, ngày "
              "15/5/2024 của UBND tỉnh về khen thưởng thành tích năm 2023; tiếp tục thực hiện Kế hoạch số "
              "10/KH-UBND của UBND tỉnh, Sở Tài chính xây dựng Kế hoạch như sau:")

REGISTRY_CSV = """number,kind,date,issuer,title
06/2022/QH15,Luật,2022-06-15,Quốc hội,"Luật Thi đua, khen thưởng"
02/CT-UBND,Chỉ thị,24/01/2024,Ủy ban nhân dân tỉnh Lâm Đồng,phát động phong trào thi đua yêu nước năm 2024
15/QĐ-UBND,Quyết định,2024-01-10,Ủy ban nhân dân tỉnh Lâm Đồng,ban hành quy chế thi đua
30/QĐ-UBND,Quyết định,2024-05-15,Ủy ban nhân dân tỉnh Lâm Đồng,khen thưởng thành tích năm 2023
"""

PLANTED = {("date-conflict", "CT-UBND-LĐ/2/2024"), ("number-variant", "QD-UBND-LĐ/15/2024"),
           ("unresolved", "NQ-TU-LĐ/5/2023"), ("future-date", "QD-UBND-LĐ/30/2024")}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """(folder, archive path): plans A, B, C archived and the registry loaded through the CLI."""
    root = tmp_path_factory.mktemp("link")
    db = root / "kehoach.db"
    with Archive(db) as archive:
        for name, text in (("a.txt", PLAN_A), ("b.txt", PLAN_B), ("c.txt", PLAN_C)):
            (root / name).write_text(text, encoding="utf-8")
            assert archive.put(extract(root / name)) == "stored"
    (root / "registry.csv").write_text(REGISTRY_CSV, encoding="utf-8")
    assert main(["registry", "load", str(root / "registry.csv"), "--db", str(db)]) == 0
    return root, db


def _kinds(findings) -> set[tuple[str, str]]:
    return {(f.kind, f.directive) for f in findings}


# -- keys -----------------------------------------------------------------------

def test_number_variants_of_one_issuer_and_year_share_a_key():
    keys = {canonical_key("Chỉ thị", n, "2024", None, "UBND tỉnh Lâm Đồng")
            for n in ("02-CT/UBND", "02/CT-UBND", "02 /CT-UBND", "số 02-CT/UBND", "Số: 2/CT-UBND")}
    assert keys == {"CT-UBND-LĐ/2/2024"}
    assert number_id("02-CT/UBND") == number_id("2/CT-UBND") == number_id("02/2024/CT-UBND")
    assert number_id("02-CT/TU") != number_id("02-CT/UBND")


def test_local_issuer_takes_the_citing_plans_province():
    text = "Căn cứ Chỉ thị số 02-CT/UBND, ngày 24/01/2024 của UBND tỉnh về phát động thi đua."
    from extractors.citations import find_citations

    lam_dong = find_citations(text, home_issuer="Ủy ban nhân dân tỉnh Lâm Đồng")[0].key
    binh_thuan = find_citations(text, home_issuer="Ban Dân vận Tỉnh ủy Bình Thuận")[0].key
    assert lam_dong == "CT-UBND-LĐ/2/2024" and binh_thuan == "CT-UBND-BT/2/2024"
    # a central issuer has no province; a term suffix (QH15) is still the central Quốc hội
    assert canonical_key("Luật", "06/2022/QH15", None, None, None, "LĐ") == "LUAT-QH15/6/2022"


def _mention(doc: int, idx: int, kind: str, title: str, number=None, date=None, issuer=None) -> dict:
    return {"document_id": doc, "idx": idx, "text": f"{kind} {title}", "kind": kind, "number": number, "date": date,
            "issuer": issuer, "title": title, "key": None, "page": 1}


def test_unnumbered_names_are_fuzzy_matched_within_a_kind():
    docs = [{"id": 1, "path": "x.txt", "kind": "Kế hoạch", "number": None, "date": None, "issuer": None}]
    linked = link(docs, [
        _mention(1, 0, "Luật", "Thi đua, khen thưởng"),
        _mention(1, 1, "Luật", "Thi đua - Khen thưởng"),
        _mention(1, 2, "Đề án", "Trồng một tỷ cây xanh giai đoạn 2021 - 2025"),
        _mention(1, 3, "Đề án", "Trồng một tỷ cây xanh giai đoạn 2016 - 2020"),  # another period: another Đề án
        _mention(1, 4, "Pháp lệnh", "Thi đua, khen thưởng"),  # another kind: another document
    ])
    d = list(linked.mentions["directive"])
    assert d[0] == d[1] and len(set(d)) == 4


def test_same_number_of_two_issuers_or_years_is_two_directives():
    docs = [{"id": 1, "path": "x.txt", "kind": "Kế hoạch", "number": None, "date": None,
             "issuer": "Ủy ban nhân dân tỉnh Lâm Đồng"}]
    linked = link(docs, [
        _mention(1, 0, "Chỉ thị", "thi đua", "02-CT/UBND", "2024-01-24", "UBND tỉnh"),
        _mention(1, 1, "Chỉ thị", "thi đua", "02-CT/TU", "2024-01-24", "Tỉnh ủy"),
        _mention(1, 2, "Chỉ thị", "thi đua", "02-CT/UBND", "2023-01-24", "UBND tỉnh"),
        _mention(1, 3, "Chỉ thị", "thi đua", "02/CT-UBND", "2024-01-24", "UBND tỉnh Bình Thuận"),
    ])
    assert len(set(linked.mentions["directive"])) == 4


# -- the archive: planted faults ----------------------------------------------------

def test_audit_finds_each_planted_fault_and_nothing_else(world):
    _, db = world
    with Archive(db) as archive:
        linked = link_archive(archive)
    assert _kinds(linked.findings) == PLANTED
    by_kind = {f.kind: f for f in linked.findings}

    wrong_date = by_kind["date-conflict"]
    assert sorted((Path(m["document"]).name, m["date"]) for m in wrong_date.mentions) == \
        [("a.txt", "2024-01-24"), ("b.txt", "2024-01-25")]
    assert all(m["page"] == 1 and m["text"].startswith("Chỉ thị số 02/CT-UBND") for m in wrong_date.mentions)

    variant = by_kind["number-variant"]
    assert sorted((Path(m["document"]).name, m["text"]) for m in variant.mentions) == [
        ("a.txt", "Quyết định số 15/QĐ-UBND, ngày 10/01/2024 của UBND tỉnh"),
        ("c.txt", "Quyết định số 15-QĐ/UBND, ngày 10/01/2024 của UBND tỉnh")]

    assert [Path(m["document"]).name for m in by_kind["unresolved"].mentions] == ["c.txt"]
    future = by_kind["future-date"].mentions
    assert [(Path(m["document"]).name, m["date"], m["document_date"]) for m in future] == \
        [("c.txt", "2024-05-15", "2024-04-01")]


def test_citations_resolve_to_archived_plans_and_registry_entries(world):
    root, db = world
    with Archive(db) as archive:
        m = link_archive(archive).mentions
        a_id = int(archive.sql("SELECT id FROM documents WHERE path LIKE '%a.txt'")["id"][0])
    m = m.assign(name=m["document"].map(lambda p: Path(p).name))
    # plan A cited by B (dated) and by C (undated: its year comes from the archived plan itself)
    to_a = m[m["target"] == f"document:{a_id}"]
    assert sorted(to_a["name"]) == ["b.txt", "c.txt"]
    assert set(to_a["directive"]) == {"KH-UBND-LĐ/10/2024"}
    # "Luật Thi đua, khen thưởng" by name reaches the registry's Luật 06/2022/QH15
    law = m[m["kind"] == "Luật"]
    assert list(law["target"].str.startswith("registry:")) == [True]


def test_cites_and_cited_by(world, capsys):
    root, db = world
    with Archive(db) as archive:
        # another printing of the number finds the same directive, dated and undated mentions alike
        frame = cites(archive, "02-CT/UBND")
        assert sorted(Path(p).name for p in frame["document"]) == ["a.txt", "b.txt", "b.txt"]
        assert set(frame["directive"]) == {"CT-UBND-LĐ/2/2024"}
        assert len(cites(archive, "Luật Thi đua, khen thưởng")) == 1
        by = cited_by(archive, str(root / "a.txt"))
        assert sorted(Path(p).name for p in by["document"]) == ["b.txt", "c.txt"]
        assert by.equals(cited_by(archive, "10-KH/UBND"))
        graph = citation_graph(archive)
    a = next(n for n, d in graph.nodes(data=True) if d.get("label") == "10/KH-UBND")
    assert sorted(graph.nodes[n]["label"] for n in graph.predecessors(a)) == ["05/KH-STC", "20/KH-SNV"]
    assert graph.nodes["NQ-TU-LĐ/5/2023"]["kind"] == "unresolved"

    assert main(["cites", "02 /CT-UBND", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "directive,document,document_number,page,line,text" and len(out) == 4
    assert all("Chỉ thị số 02/CT-UBND" in line for line in out[1:])

    assert main(["cited-by", str(root / "a.txt"), "--db", str(db), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((r["document_number"], r["page"], r["text"]) for r in rows) == [
        ("05/KH-STC", 1, "Kế hoạch số 10/KH-UBND của UBND tỉnh"),
        ("20/KH-SNV", 1, "Kế hoạch số 10/KH-UBND, ngày 01/3/2024 của UBND tỉnh")]

    assert main(["cited-by", "99/KH-XYZ", "--db", str(db)]) == 1  # nothing by that number: an error


def test_audit_command_formats(world, capsys, tmp_path):
    root, db = world
    assert main(["audit", "--db", str(db), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {(f["kind"], f["directive"]) for f in findings} == PLANTED
    assert all(m["document"] and m["page"] == 1 and m["text"] for f in findings for m in f["mentions"])

    # FILE with --db: the archive's findings that involve that file (A: the date and the variant)
    assert main(["audit", str(root / "a.txt"), "--db", str(db), "--format", "json"]) == 0
    assert {f["kind"] for f in json.loads(capsys.readouterr().out)} == {"date-conflict", "number-variant"}

    assert main(["audit", "--db", str(db), "-o", str(tmp_path / "audit.csv")]) == 0
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads it as UTF-8
    lines = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "finding,kind,directive,message,document,page,line,text" and len(lines) == 1 + 2 + 2 + 1 + 1

    assert main(["audit", "--db", str(db), "-o", str(tmp_path / "audit.html")]) == 0
    html = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<style>" in html and "Quyết định số 15-QĐ/UBND" in html
    assert "<script" not in html and "src=" not in html and "<link" not in html  # self-contained


# -- one file alone -------------------------------------------------------------------

def test_single_file_audit_partial_mentions_and_escaping(tmp_path, capsys):
    path = tmp_path / "d.txt"
    path.write_text(plan(
        "UBND TỈNH LÂM ĐỒNG\nSỞ Y TẾ", "07/KH-SYT", "01/3/2024", "thi đua ngành y tế",
        "Căn cứ Quyết định số 15/QĐ-UBND, ngày 10/01/2024 của UBND tỉnh về ban hành quy chế thi đua; Chỉ thị "
        "số 02- ngày 24/01/2024 của UBND tỉnh; Quyết định số ..., ngày 05/02/2024 của UBND tỉnh; thực hiện "
        "Quyết định số 15/QĐ-UBND và Đề án “<script>alert(1)</script>”; Sở Y tế xây dựng Kế hoạch số hóa hồ sơ như sau:"),
        encoding="utf-8")
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY_CSV, encoding="utf-8")
    linked = audit_file(path, read_registry_file(registry))
    # the undated second mention of 15/QĐ-UBND is whole, not partial; "Kế hoạch số hóa" is no citation
    assert sorted((f.kind, f.mentions[0]["text"]) for f in linked.findings) == [
        ("partial", "Chỉ thị số 02- ngày 24/01/2024"),
        ("partial", "Quyết định số ..., ngày 05/02/2024"),
        ("unresolved", "Đề án “<script>alert(1)</script>”")]
    assert all(f.mentions[0]["page"] == 1 for f in linked.findings)

    out = tmp_path / "d.html"
    assert main(["audit", str(path), "--registry", str(registry), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_dev_plan_two_spellings_of_chi_thi_02_are_one_directive(capsys):
    docs = sorted(DEV_DOCS.glob("*.txt"))
    if not docs:
        pytest.skip("the dev example (shared/corpus/dev/docs) is not available")
    linked = audit_file(docs[0])
    variants = [f for f in linked.findings if f.kind == "number-variant"]
    assert len(variants) == 1
    mentions = variants[0].mentions
    assert sorted(m["number"] for m in mentions) == ["02-CT/UBND", "02/CT-UBND"]
    assert all(isinstance(m["page"], int) and m["text"].startswith("Chỉ thị số 02") for m in mentions)
    # each mention names the line it stands on, in the document's normalised text
    from pipeline import extract

    lines = extract(docs[0]).text.split("\n")
    assert all(m["text"] in lines[m["line"] - 1] for m in mentions)
    assert mentions[0]["line"] < mentions[1]["line"]
    # the two spellings are one directive: one unresolved finding names both
    unresolved = [f for f in linked.findings if f.kind == "unresolved" and f.directive == variants[0].directive]
    assert len(unresolved) == 1 and len(unresolved[0].mentions) == 2

    assert main(["audit", str(docs[0]), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    variant = [f for f in findings if f["kind"] == "number-variant"]
    assert [m["number"] for m in variant[0]["mentions"]] == ["02-CT/UBND", "02/CT-UBND"]


def test_record_inputs_match_archive_rows(world):
    """A record audited alone and the same record in the archive give the same keys."""
    root, db = world
    record = extract(root / "b.txt").to_dict(with_text=True)
    documents, citations = record_inputs(record)
    alone = link(documents, citations).mentions
    with Archive(db) as archive:
        archived = link_archive(archive).mentions
    in_archive = archived[archived["document"].str.endswith("b.txt")]
    assert list(alone["key"]) == list(in_archive["key"])


def test_registry_files(tmp_path):
    good = tmp_path / "r.json"
    good.write_text(json.dumps([{"number": "05-NQ/TU", "kind": "Nghị quyết", "date": "10/12/2023",
                                 "issuer": "Tỉnh ủy Lâm Đồng", "title": "công tác thi đua"},
                                {"kind": None, "title": "Luật Đất đai"}], ensure_ascii=False), encoding="utf-8")
    rows = read_registry_file(good)
    assert rows[0]["date"] == "2023-12-10" and rows[1]["kind"] == "Luật"  # the kind read off the title
    bad = tmp_path / "bad.csv"
    bad.write_text("number,kind,date\n1/X-Y,,2024-01-01\n", encoding="utf-8")
    assert main(["registry", "load", str(bad), "--db", str(tmp_path / "k.db")]) == 1
    example = ROOT / "extractors" / "data" / "registry_example.csv"
    assert len(read_registry_file(example)) >= 5


def _linked_text(*texts: str):
    """link() over plans given as text, their citations read by the real extractor."""
    from extractors.citations import find_citations

    docs, cites = [], []
    for i, text in enumerate(texts, 1):
        docs.append({"id": i, "path": f"p{i}.txt", "kind": "Kế hoạch", "number": None, "date": "2025-01-10",
                     "issuer": None, "text": text})
        cites += [{"document_id": i, "idx": n, "text": c.text, "kind": c.kind, "number": c.number, "date": c.date,
                   "issuer": c.issuer, "title": c.title, "key": c.key, "page": c.span.page,
                   "span_start": c.span.start, "span_end": c.span.end} for n, c in enumerate(find_citations(text, None, None))]
    return link(docs, cites)


def test_a_date_of_the_amending_law_is_no_date_conflict_of_the_law_it_amends():
    # OCR printed "sửa đôi": the amending law is not read as one citation, so "Luật Ngân sách nhà nước
    # ngày 29 tháng 11 năm 2024" comes out whole, with the amending law's date
    linked = _linked_text(
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\nLuật sửa đôi, bổ sung một số điều của Luật "
        "Chứng khoán, Luật Kế toán và Luật Ngân sách nhà nước ngày 29 tháng 11 năm 2024;",
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015, được sửa đổi, bổ sung bởi Luật số 56/2024/QH15 "
        "ngày 29 tháng 11 năm 2024;")
    assert [f.message for f in linked.findings if f.kind in ("date-conflict", "future-date")] == []
    # the amending law named after "bởi" keeps its own date
    assert "2024-11-29" in set(linked.mentions[linked.mentions["number"] == "56/2024/QH15"]["date"])


def test_a_real_date_conflict_beside_an_amendment_is_still_found():
    linked = _linked_text(
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\nLuật sửa đôi, bổ sung một số điều của Luật "
        "Kế toán và Luật Ngân sách nhà nước ngày 29 tháng 11 năm 2024;",
        "Căn cứ Luật Ngân sách nhà nước ngày 26 tháng 6 năm 2015;")
    conflicts = [f for f in linked.findings if f.kind == "date-conflict"]
    assert len(conflicts) == 1 and sorted(m["date"] for m in conflicts[0].mentions) == ["2015-06-25", "2015-06-26"]
