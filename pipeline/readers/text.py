"""Plain text and Markdown: decoding (UTF-8, BOM, UTF-16, legacy 8-bit) and emphasis."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.source import Block, Source

# Markdown emphasis around words (*x*, **x**, _x_); a "* " bullet at line start is not emphasis.
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_BULLET = re.compile(r"^(\s*)[*+]\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00":  # UTF-16 LE without BOM
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from pipeline.readers.legacy import decode_legacy_bytes

    text = decode_legacy_bytes(data)
    if text is None:
        raise ReadError("not UTF-8/UTF-16 text and no known Vietnamese legacy encoding fits")
    return text


def strip_markdown(line: str) -> str:
    line = _HEADING.sub("", line)
    line = _BULLET.sub(r"\1- ", line)
    return _EMPHASIS.sub(r"\2", line).replace("**", "")


def read(path: Path) -> Source:
    from pipeline.readers import sha256_of

    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[1:2] != b"\x00":
        raise ReadError(f"{path}: binary data, not text")
    text = decode(data)
    blocks = [Block(text=strip_markdown(line)) for line in text.splitlines()]
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return Source(path=path, format=fmt, sha256=sha256_of(path), pages=1, blocks=blocks)
