"""File names that are not valid UTF-8, kept losslessly and shown escaped.

On Linux a file name is bytes; Python hands a name that is not UTF-8 over as a str
with lone surrogates (surrogateescape), which SQLite, JSON and a UTF-8 terminal
all refuse. Such a name is shown with each undecodable byte as \\xNN (what
`ls --quoting-style=escape` would print) and, in a record, its exact bytes are
kept beside it (source.path_bytes, hex) so nothing is lost.
"""
from __future__ import annotations

import os


def is_clean(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def shown(text) -> str:
    """`text` (a str or a path) printable as UTF-8: each byte a surrogate stands for as \\xNN."""
    text = str(text)
    if is_clean(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def path_bytes(path) -> str | None:
    """The exact bytes of a path whose name is not UTF-8, as hex; None for a clean one."""
    text = str(path)
    return None if is_clean(text) else os.fsencode(text).hex()
