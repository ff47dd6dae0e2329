"""A "scanned" copy: the text PDF rasterised and mildly damaged, saved image-only.

Damage imitates an office scanner and stays mild enough for Tesseract `vie`:
a slight skew (at most 1.5°), a little blur, paper tint and sensor noise, JPEG
artefacts, and a red stamp with a blue signature in the signature space (which
the PDF renderer reports, so they never cover text). The page images are also
returned for PNG output.
"""
from __future__ import annotations

import io
import math
import random
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

PAPER = 250
FIXED_DATE = time.gmtime(1704067200)  # 2024-01-01: no wall-clock time in the file


def _stamp(page: Image.Image, box: tuple[int, int, int, int], rng: random.Random) -> Image.Image:
    """A round red seal and a signature scribble inside `box` (pixels, left/top/right/bottom)."""
    x0, y0, x1, y1 = box
    d = int(min(x1 - x0, y1 - y0) * 0.95)
    cx = x0 + (x1 - x0) // 2 - int(d * rng.uniform(0.2, 0.5))
    cy = y0 + (y1 - y0) // 2
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))  # ink is drawn on its own layer, then blended
    g = ImageDraw.Draw(layer)
    red = (205, 30, 35, 170)
    r = d // 2
    w = max(2, d // 40)
    g.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=w)
    g.ellipse([cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72], outline=red, width=max(1, w // 2))
    for k in range(36):  # the ring of lettering, suggested by short strokes
        a = 2 * math.pi * k / 36
        p0 = (cx + r * 0.8 * math.cos(a), cy + r * 0.8 * math.sin(a))
        p1 = (cx + r * 0.92 * math.cos(a + 0.05), cy + r * 0.92 * math.sin(a + 0.05))
        g.line([p0, p1], fill=red, width=max(1, w // 2))
    star = [(cx + (r * 0.3 if i % 2 == 0 else r * 0.12) * math.cos(math.pi / 2 + i * math.pi / 5),
             cy - (r * 0.3 if i % 2 == 0 else r * 0.12) * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    g.polygon(star, fill=red)
    # signature: a few connected loops in blue ink, right of the seal centre
    blue = (25, 45, 140, 200)
    sx, sy = cx + r * 0.3, cy
    pts = []
    for t in range(60):
        u = t / 59
        pts.append((sx + u * (x1 - sx - 10) * 0.9,
                    sy + math.sin(u * rng.uniform(9, 14)) * r * 0.35 * (1 - u * 0.5) + rng.uniform(-2, 2)))
    g.line(pts, fill=blue, width=max(2, w))
    layer = layer.filter(ImageFilter.GaussianBlur(0.8))  # stamped ink bleeds a little
    return Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB")


def _damage(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """Skew, blur and noise on a grayscale page (office scanners default to grayscale)."""
    img = img.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.8)))
    a = np.asarray(img).astype(np.float32)
    a += nrng.standard_normal(a.shape, dtype=np.float32) * rng.uniform(3, 6)
    # auto-levels flatten near-white paper to one tone, as office scanners do; noise
    # survives only around the ink, which keeps files small
    a[a > 215] = PAPER
    return Image.fromarray(np.clip(a, 0, PAPER).astype(np.uint8), "L")


def render_scan(pdf_path: Path, signature: dict, rng: random.Random, out_pdf: Path,
                dpi: int = 200, quality: int = 40) -> list[Image.Image]:
    """Rasterise `pdf_path`, damage it, write an image-only PDF; return the page images."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    pdf = pdfium.PdfDocument(str(pdf_path))
    scale = dpi / 72
    pages: list[Image.Image] = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = _damage(page.render(scale=scale, grayscale=True).to_pil().convert("L"), rng, nrng)
        if signature and signature.get("page") == i + 1:
            h = page.get_height()
            box = (int(signature["x"] * scale), int((h - signature["y"] - signature["h"]) * scale),
                   int((signature["x"] + signature["w"]) * scale), int((h - signature["y"]) * scale))
            img = _stamp(img.convert("RGB"), box, rng)  # the page with the seal is scanned in colour
        # the JPEG round trip gives the artefacts a real scan has, in the PNGs too
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    pdf.close()
    pages[0].save(out_pdf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=quality,
                  creationDate=FIXED_DATE, modDate=FIXED_DATE, producer="kehoach corpus")
    return pages


def png_page(img: Image.Image) -> Image.Image:
    """A page image for PNG output: a few grey levels (or colours on the sealed page)
    keep ink, paper and seal while the file stays small."""
    if img.mode == "L":
        return img.point(lambda v: min(255, (v // 64) * 85 + (PAPER - 255 if v >= 192 else 0)))
    return img.quantize(6, dither=Image.Dither.NONE)
