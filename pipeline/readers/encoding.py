"""Text that is UTF-8 but for a few damaged bytes stays UTF-8.

Strict UTF-8 decoding fails on a single bad byte, and the text reader then tried
the legacy 8-bit code pages, which read the whole plan as mojibake (six bad bytes
in a UTF-8 plan: 0 tasks, exit 0, no warning). A file whose valid multi-byte
sequences far outnumber its invalid ones is UTF-8 with damage: the bad bytes
become U+FFFD and the record says so in its warnings.
"""
from __future__ import annotations

_REPLACEMENT = "\ufffd"
EVIDENCE = 20  # valid multi-byte characters needed per damaged sequence


def damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, number of invalid sequences) when `data` is UTF-8 with a few bad bytes; else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    if bad <= 0:
        return None
    multibyte = sum(1 for ch in text if ch > "\x7f") - text.count(_REPLACEMENT)
    return (text, bad) if multibyte >= EVIDENCE * bad else None


def decode_with_warnings(data: bytes, decode) -> tuple[str, list[str]]:
    """`decode(data)` (the text reader's: BOMs, UTF-16, UTF-8, legacy code pages), except that
    damaged UTF-8 is read as UTF-8 with a warning instead of as a legacy code page."""
    unmarked = not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and not (
        len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00")
    if unmarked:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            damaged = damaged_utf8(data)
            if damaged is not None:
                text, bad = damaged
                return text, [f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced by U+FFFD"]
    return decode(data), []
