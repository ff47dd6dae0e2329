"""Pictures of one generated page per format for corpus/README.md.

    python -m corpus.doc_images corpus/samples corpus/docs-img

docx goes through `libreoffice --headless --convert-to pdf`, PDFs through
`pdftoppm -png -r 60`; txt and md are drawn as text with PIL.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .render_pdf import FONT_DIRS


def _text_page(src: Path, dst: Path, lines: int = 60) -> None:
    # DejaVu Sans has every precomposed Vietnamese letter (the Mono face lacks some)
    font_path = next(Path(d) / "DejaVuSans.ttf" for d in FONT_DIRS if d and (Path(d) / "DejaVuSans.ttf").exists())
    font = ImageFont.truetype(str(font_path), 11)
    text = src.read_text(encoding="utf-8").splitlines()[:lines]
    img = Image.new("L", (900, 16 * len(text) + 20), 255)
    g = ImageDraw.Draw(img)
    for i, line in enumerate(text):
        g.text((10, 10 + 16 * i), line[:150], font=font, fill=0)
    img.save(dst, optimize=True)


def _pdf_page(src: Path, dst: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(src),
                        str(Path(tmp) / "p")], check=True)
        Image.open(Path(tmp) / "p.png").convert("RGB").quantize(64).save(dst, optimize=True)


def main(samples: str, out: str) -> None:
    samples_dir, out_dir = Path(samples) / "docs", Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    first = {fmt: next(iter(sorted(samples_dir.glob(f"*_{fmt}.*")))) for fmt in ("txt", "md", "docx", "pdf", "scan")}
    _text_page(first["txt"], out_dir / "txt.png")
    _text_page(first["md"], out_dir / "md.png")
    _pdf_page(first["pdf"], out_dir / "pdf.png")
    _pdf_page(first["scan"], out_dir / "scan.png")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([shutil.which("libreoffice") or "soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        str(first["docx"])], check=True, capture_output=True)
        _pdf_page(Path(tmp) / (first["docx"].stem + ".pdf"), out_dir / "docx.png")


if __name__ == "__main__":
    main(*sys.argv[1:3])
