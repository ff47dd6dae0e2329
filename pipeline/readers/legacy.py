"""Legacy inputs: Word 97-2003 .doc, .rtf and .odt through LibreOffice, and the
pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI-Windows, VISCII, Windows-1258).

Binary Word is converted to .docx by a headless LibreOffice with its own profile
directory (two conversions sharing a profile lock each other out), then read by
the docx reader, which also converts runs set in .VnTime / VNI-Times fonts.

The character tables come from `viparse` (validated against real government
documents); this module only decides which table fits a given text.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.source import Source

TIMEOUT = 120
_MARGIN = 0.15  # a legacy reading must beat the plain one by this much (viparse's own margin)


# ---------------------------------------------------------------- encodings


def _as_latin1(text: str) -> str:
    """Text whose 8-bit bytes were decoded as cp1252, re-expressed byte-for-byte as latin-1.

    cp1252 turns bytes 0x80-0x9F into € ‚ ƒ ...; VISCII keeps letters there, and the
    viparse tables are keyed on the latin-1 surface, so those go back to their byte.
    """
    out = []
    for ch in text:
        if ord(ch) > 0xFF:
            try:
                ch = ch.encode("cp1252").decode("latin-1")
            except UnicodeEncodeError:
                pass
        out.append(ch)
    return "".join(out)


def _score(text: str) -> float:
    from viparse.normalize.frequency import vietnamese_score

    return vietnamese_score(text)


# Vietnamese writes each syllable as its own word and has no f, j, w or z; a conversion that
# reads as long words or those letters is another diacritic-heavy language (Spanish, German),
# which a character model alone scores as well. Ceilings as viparse measured them on real documents.
_WORD = re.compile(r"[^\W\d_]+")
_FOREIGN_LETTERS = frozenset("fjwzFJWZ")
_FOREIGN_RATE = 0.05
_LONG_WORD = 7  # letters
_LONG_WORD_RATE = 0.04


def _is_vietnamese(text: str) -> bool:
    """Does a converted string read as Vietnamese (counted over words of two letters or more)?"""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if not words:
        return True
    foreign = sum(1 for w in words if _FOREIGN_LETTERS & set(w)) / len(words)
    long_words = sum(1 for w in words if len(w) > _LONG_WORD) / len(words)
    return foreign <= _FOREIGN_RATE and long_words <= _LONG_WORD_RATE


def fix_legacy_text(text: str) -> str | None:
    """Unicode text for `text` that is really TCVN3/VNI/VISCII read as cp1252/latin-1.

    None when no legacy table reads clearly better than the text as it is — text that
    is already Unicode Vietnamese (or not Vietnamese at all) is never rewritten.
    """
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS
    from viparse.normalize.tables import convert

    if not text or all(ord(c) < 0x80 for c in text):
        return None
    surface = _as_latin1(text)
    base = _score(text)
    best, best_gain, runner_up = None, 0.0, 0.0
    for charmap in AUTO_DETECT_CHARMAPS.values():
        converted = convert(surface, charmap)
        gain = _score(converted) - base
        if gain > best_gain:
            runner_up, best_gain, best = best_gain, gain, converted
        elif gain > runner_up:
            runner_up = gain
    # two tables that both read well is ambiguity, not evidence
    if best is None or best_gain < _MARGIN or best_gain - runner_up < 0.05 or not _is_vietnamese(best):
        return None
    return best


def decode_legacy_bytes(data: bytes) -> str | None:
    """Decode 8-bit Vietnamese text of unknown encoding; None when nothing fits.

    Tried: TCVN3/VNI/VISCII (through their latin-1 surface), Windows-1258 (which
    writes tones as combining marks), then plain cp1252 for text that is almost
    all ASCII (an English or unaccented file with a stray symbol).
    """
    latin = data.decode("latin-1")
    fixed = fix_legacy_text(latin)
    if fixed is not None:
        return fixed
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    if cp1258 is not None and _score(cp1258) - _score(latin) >= _MARGIN and _is_vietnamese(cp1258):
        return cp1258
    non_ascii = sum(1 for b in data if b >= 0x80)
    if non_ascii <= max(2, len(data) // 50):
        return data.decode("cp1252", errors="replace")
    return None


# ---------------------------------------------------------------- LibreOffice


def _kind(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK"):
        return "odt"
    return path.suffix.lower().lstrip(".") or "doc"


def convert_to_docx(path: Path, workdir: Path, kind: str) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ReadError(f"{path}: .{kind} needs LibreOffice to convert (apt-get install libreoffice-writer-nogui)")
    src = workdir / "in" / f"source.{kind}"  # a plain name: LibreOffice chokes on some paths
    src.parent.mkdir()
    shutil.copyfile(path, src)
    out = workdir / "out"
    cmd = [exe, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"{path}: LibreOffice took longer than {TIMEOUT} s to convert .{kind}") from exc
    result = out / "source.docx"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit {proc.returncode}, no output"
        raise ReadError(f"{path}: LibreOffice could not convert .{kind}: {reason}")
    return result


# ---------------------------------------------------------------- honest reading
#
# LibreOffice converts anything: random bytes named .doc come back as a .docx of
# CJK and private-use characters, which would be archived as a document. Cheap
# checks of the bytes refuse most such files before LibreOffice starts (seconds
# saved each); what gets through is judged by the text LibreOffice produced.

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_VIETNAMESE_LETTERS = frozenset("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstu"
                                "ùúủũụưừứửữựvwxyỳýỷỹỵz")
MIN_PLAUSIBLE = 0.9  # converted real plans score 1.0; random bytes 0.05, random bytes behind RTF magic 0.67


def _control_share(data: bytes) -> float:
    """Share of bytes that no text file holds (controls other than tab, CR, LF, FF)."""
    if not data:
        return 0.0
    return sum(1 for b in data if b < 0x20 and b not in (9, 10, 12, 13)) / len(data)


def check_bytes(path: Path, kind: str) -> None:
    """Refuse, before LibreOffice, bytes that cannot be a .doc/.rtf/.odt."""
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # the OLE2 header: byte order FFFE, major version 3 (512-byte sectors) or 4 (4096)
        if not (head.startswith(_OLE_MAGIC) and head[28:30] == b"\xfe\xff"
                and (head[26:28], head[30:32]) in ((b"\x03\x00", b"\x09\x00"), (b"\x04\x00", b"\x0c\x00"))):
            raise ReadError(f"{path}: not a Word 97-2003 file: the OLE2 header is damaged or random")
    elif head.startswith(b"{\\rtf"):
        # RTF is 7-bit text (other characters are escaped as \'xx or \uN)
        high = sum(1 for b in head if b >= 0x80) / len(head)
        if high > 0.05 or _control_share(head) > 0.01:
            raise ReadError(f"{path}: not an RTF file: binary data after the {{\\rtf signature")
    elif head.startswith(b"PK"):
        from pipeline.limits import check_zip

        check_zip(path, "OpenDocument package")
    elif _control_share(head) > 0.01:
        raise ReadError(f"{path}: not a .{kind} file: binary data with no Word, RTF or OpenDocument signature")


def plausibility(text: str) -> float:
    """Share of non-space characters that Vietnamese text is made of: Vietnamese letters,
    digits, ASCII and punctuation."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    good = sum(1 for c in chars if c.lower() in _VIETNAMESE_LETTERS or c.isdigit() or " " < c <= "~"
               or unicodedata.category(c).startswith("P"))
    return good / len(chars)


def _source_text(source: Source) -> str:
    return "\n".join([b.text for b in source.blocks if b.text]
                     + [c for b in source.blocks if b.rows for row in b.rows for c in row if c])


def read(path: Path) -> Source:
    from pipeline.readers import docx, sha256_of

    path = Path(path)
    kind = _kind(path)
    check_bytes(path, kind)
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as tmp:
        converted = convert_to_docx(path, Path(tmp), kind)
        try:
            source = docx.read(converted)
        except ReadError as exc:
            raise ReadError(f"{path}: converted .{kind} unreadable: {exc}".splitlines()[0]) from exc
    score = plausibility(_source_text(source)[:200_000])
    if score < MIN_PLAUSIBLE:
        raise ReadError(f"{path}: does not read as a document: only {score:.0%} of what LibreOffice extracted "
                        f"from the .{kind} is letters, digits or punctuation (random or binary data?)")
    source.path = path
    source.format = kind
    source.sha256 = sha256_of(path)
    return source
