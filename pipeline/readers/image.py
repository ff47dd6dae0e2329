"""Scanned pages as image files (.png, .jpg, .tif; a multi-page TIFF is many pages), via OCR."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import ReadError
from pipeline.source import Source

_FORMATS = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg", "TIFF": "tiff"}


def _dpi(frame: Image.Image) -> float | None:
    dpi = frame.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and dpi[0]:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError):
            return None
        # Pillow reports 72 or 1 for "unknown" often enough that it says nothing
        return value if value > 75 else None
    return None


def read(path: Path) -> Source:
    from pipeline.readers import ocr, sha256_of
    from pipeline.readers.pdf import max_ocr_pages

    path = Path(path)
    try:
        img = Image.open(path)
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ReadError(f"{path}: not a readable image ({type(exc).__name__}: {exc})".splitlines()[0]) from exc
    fmt = _FORMATS.get(img.format or "", (img.format or path.suffix.lstrip(".")).lower())
    frames = [frame.copy() for frame in ImageSequence.Iterator(img)]
    if len(frames) > max_ocr_pages():
        raise ReadError(f"{path}: {len(frames)} pages need OCR, over the limit of {max_ocr_pages()} "
                        f"(set KEHOACH_MAX_OCR_PAGES to raise it)")
    # bboxes stay in the image's own pixels (scale 1): there is no other page space
    jobs = [(frame, i + 1, _dpi(frame), 1.0) for i, frame in enumerate(frames)]
    pages = ocr.ocr_pages(jobs, label=path.name)
    blocks = [b for page in pages for b in page]
    return Source(path=path, format=fmt, sha256=sha256_of(path), pages=len(frames), blocks=blocks, ocr=True)
