"""Readers: one module per format, each with `read(path) -> Source`.

`read` picks the reader by the file's content first (a PDF renamed .txt is
still a PDF) and its suffix second, and turns every failure into a one-line
ReadError so a batch can report it and go on.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.source import Source

# suffix -> reader module (pipeline.readers.<name>)
READERS = {
    ".txt": "text", ".md": "text", ".markdown": "text",
    ".docx": "docx", ".doc": "legacy", ".rtf": "legacy", ".odt": "legacy",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}
SUPPORTED = frozenset(READERS)

_MAGIC = [(b"%PDF", ".pdf"), (b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"II*\x00", ".tif"),
          (b"MM\x00*", ".tif"), (b"\xd0\xcf\x11\xe0", ".doc"), (b"{\\rtf", ".rtf")]


def sniff(path: Path, head: bytes) -> str:
    """The suffix that the content says, or the file's own suffix."""
    for magic, suffix in _MAGIC:
        if head.startswith(magic):
            return suffix
    return path.suffix.lower()


def sha256_of(path: Path) -> str:
    from pipeline.limits import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as fh:  # never blocks on a FIFO; ReadError for anything but a file
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read(path) -> Source:
    from pipeline.limits import check_source, max_text_chars, open_regular, regular_file

    path = Path(path)
    if not os.path.lexists(path):
        raise ReadError(f"{path}: no such file")
    if path.is_dir():
        raise ReadError(f"{path}: is a folder, not a file")
    size = regular_file(path).st_size  # a FIFO, a device, a link loop or a huge file ends here
    if size == 0:
        raise ReadError(f"{path}: empty file")
    with open_regular(path) as fh:
        head = fh.read(8)
    suffix = sniff(path, head)
    if suffix not in READERS:
        raise ReadError(f"{path}: unsupported format {path.suffix or '(no suffix)'}; "
                        f"supported: {', '.join(sorted(SUPPORTED))}")
    if READERS[suffix] == "text" and size > 4 * max_text_chars():  # 4 bytes: the most one character takes
        raise ReadError(f"{path}: {size / 1e6:.1f} MB of text, over the limit of {max_text_chars():,} characters "
                        f"(KEHOACH_MAX_TEXT_CHARS)")
    reader = importlib.import_module(f"pipeline.readers.{READERS[suffix]}")
    try:
        source = reader.read(path)
    except (ReadError, MemoryError):  # MemoryError: the worker's memory ceiling, reported as such
        raise
    except Exception as exc:  # a reader library's own error becomes one line about this file
        if isinstance(exc, RuntimeError) and "can't start new thread" in str(exc):
            # under the worker's memory ceiling a thread's stack is the allocation that fails
            raise MemoryError(str(exc)) from exc
        raise ReadError(f"{path}: cannot read as {suffix[1:]}: {type(exc).__name__}: {exc}".splitlines()[0]) from exc
    if not any(b.text.strip() or b.rows for b in source.blocks):
        raise ReadError(f"{path}: no text found")
    check_source(source)
    return source
