"""Extract throughput on a multi-page text PDF, next to pdfplumber's own extract_text().

    python benchmarks/bench_extract.py [--pages 40]

Both run in fresh subprocesses on the same file in one go; the figures are pages/s
and peak RSS, and the ratio kehoach/pdfplumber is what to compare across commits
(absolute seconds depend on the machine).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

ITEM = """{n}. Tổ chức tuyên truyền, phổ biến Kế hoạch số {n}/KH-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh về
cải cách hành chính; rà soát thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã.
- Cơ quan chủ trì: Sở Nội vụ.
- Cơ quan phối hợp: Sở Tư pháp, Văn phòng Ủy ban nhân dân tỉnh, Sở Lao động - Thương binh và Xã hội.
- Thời gian thực hiện: Quý {q}/2024 và thường xuyên."""


def make_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    n = 0
    for page in range(pages):
        c.setFont("DejaVu", 10)
        y = 800
        if page == 0:
            for line in ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 45/KH-UBND", "KẾ HOẠCH",
                         "Cải cách hành chính năm 2024", "I. NHIỆM VỤ"]:
                c.drawString(60, y, line)
                y -= 16
        while y > 120:
            n += 1
            for line in ITEM.format(n=n, q="I" if n % 2 else "II").splitlines():
                c.drawString(60, y, line[:110])
                y -= 14
            y -= 6
        c.drawString(290, 40, str(page + 1))
        c.showPage()
    c.save()


RUNNERS = {
    "kehoach": "from pipeline import extract; r = extract(p); n = len(r.tasks)",
    "pdfplumber": "import pdfplumber\nwith pdfplumber.open(p) as pdf:\n    n = sum(len(pg.extract_text() or '') for pg in pdf.pages)",
}


def run(name: str, pdf: Path) -> dict:
    code = (f"import time, resource, json\np = {str(pdf)!r}\nt = time.perf_counter()\n{RUNNERS[name]}\n"
            "print(json.dumps({'seconds': time.perf_counter() - t, "
            "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'n': n}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "plan.pdf"
        make_pdf(pdf, args.pages)
        results = {name: run(name, pdf) for name in RUNNERS}
    for name, r in results.items():
        print(f"{name:11s} {args.pages / r['seconds']:8.1f} pages/s  {r['seconds']:7.2f} s  peak {r['peak_mb']:7.1f} MB"
              f"  ({'tasks' if name == 'kehoach' else 'chars'}: {r['n']})")
    ratio = results["kehoach"]["seconds"] / results["pdfplumber"]["seconds"]
    print(f"ratio kehoach/pdfplumber time: {ratio:.2f}x")


if __name__ == "__main__":
    main()
