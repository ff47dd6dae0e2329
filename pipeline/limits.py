"""Budgets per file: what one file may cost before it fails alone, with a reason.

An archivist ingesting a shared folder cannot choose the files in it, so every
input is treated as possibly hostile: a zip that inflates to gigabytes, a table
cell spanning a hundred million columns, a one-line 20 MB text, a FIFO named
.txt. Each budget is checked where the work would happen, before the work:

- only regular files are read (`regular_file`): a FIFO or a device never opens;
- any file is at most KEHOACH_MAX_FILE_MB (hashing and reading stay bounded);
- an OOXML/ODF zip is judged from its directory and a streamed count of its XML
  tags before any parser sees it (`check_zip`);
- the text a reader hands on is at most KEHOACH_MAX_TEXT_CHARS characters, no
  block longer than MAX_LINE_CHARS, nesting no deeper than MAX_INDENT /
  MAX_OUTLINE_DEPTH (`check_source`);
- a worker process may grow by at most KEHOACH_MAX_MEMORY_MB of address space
  (`cap_memory`), so a runaway file meets MemoryError in its own worker.

Each limit is far above what real plans need (the largest plan seen so far has
44,000 characters of text and 28,000 XML tags) and can be raised through its
environment variable, read at each use so a test or a caller can set it.
"""
from __future__ import annotations

import os
import re
import stat
import zipfile
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import ReadError


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, "") or default)
    except ValueError:
        return default


def max_file_bytes() -> int:
    return _env_int("KEHOACH_MAX_FILE_MB", 512) << 20


def max_text_chars() -> int:
    return _env_int("KEHOACH_MAX_TEXT_CHARS", 1_000_000)


def max_memory_mb() -> int:
    """Address space one file may add to a worker; 0 means no ceiling. A 3-page scan peaks
    near 650 MB in all (Tesseract's own memory is its process's, not ours)."""
    return _env_int("KEHOACH_MAX_MEMORY_MB", 2048)


MAX_LINE_CHARS = 50_000  # one paragraph or cell: ~15 pages without a break
MAX_INDENT = 400  # leading spaces: a Markdown list nested ~200 levels deep
MAX_OUTLINE_DEPTH = 16  # "1.1.1.1..." at a line start; real plans stop near 5
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_BYTES = 256 << 20  # all members inflated (python-docx holds every part in memory)
MAX_XML_BYTES = 64 << 20  # the XML parts inflated
MAX_XML_TAGS = 1_000_000  # "<" in the XML parts: lxml and the docx walk cost per element


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n} bytes"


def regular_file(path: Path) -> os.stat_result:
    """The file's stat when it is a regular file within the size limit; ReadError otherwise.

    A FIFO would block the reader forever and a device (a link to /dev/zero) never
    ends; a symlink loop or a dangling link cannot be opened. The stat follows links:
    a link to a regular file is that file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise ReadError(f"{path}: symbolic link loop, skipped") from exc
        raise ReadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        kind = ("a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise ReadError(f"{path}: {kind}, not a regular file; skipped")
    if st.st_size > max_file_bytes():
        raise ReadError(f"{path}: {_mb(st.st_size)}, over the limit of {_mb(max_file_bytes())} per file "
                        f"(KEHOACH_MAX_FILE_MB)")
    return st


def open_regular(path: Path):
    """Open for reading without ever blocking on a FIFO swapped in after the check."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadError(f"{path}: not a regular file; skipped")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_zip(path: Path, what: str = "package") -> None:
    """Refuse a zip package whose directory or XML promises more than a plan can need.

    The directory states each member's inflated size and zipfile never inflates a
    member past it, so the sizes are a bound. The tags are counted by streaming the
    XML parts through zlib in chunks: linear, and bounded by MAX_XML_BYTES."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ReadError(f"{path}: {what} has {len(members)} parts, over the limit of {MAX_ZIP_MEMBERS}")
            total = sum(m.file_size for m in members)
            if total > MAX_ZIP_BYTES:
                raise ReadError(f"{path}: {what} inflates to {_mb(total)}, over the limit of {_mb(MAX_ZIP_BYTES)}")
            xml = [m for m in members if m.filename.lower().endswith((".xml", ".rels"))]
            xml_bytes = sum(m.file_size for m in xml)
            if xml_bytes > MAX_XML_BYTES:
                raise ReadError(f"{path}: {what} holds {_mb(xml_bytes)} of XML, over the limit of "
                                f"{_mb(MAX_XML_BYTES)}")
            tags = 0
            for m in xml:
                with z.open(m) as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        tags += chunk.count(b"<")
                if tags > MAX_XML_TAGS:
                    raise ReadError(f"{path}: {what} has over {MAX_XML_TAGS:,} XML elements, over the limit")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise ReadError(f"{path}: not a valid {what}: {type(exc).__name__}: {exc}".splitlines()[0]) from exc
    except RuntimeError as exc:  # an encrypted member
        raise ReadError(f"{path}: {what} is encrypted or unreadable: {exc}".splitlines()[0]) from exc


_DEEP_OUTLINE = re.compile(r"\s*(?:\d+\.){%d}" % MAX_OUTLINE_DEPTH)


def check_source(source) -> None:
    """Refuse text that would make the extractors' cost explode: too much of it, one
    enormous line, or nesting no plan has. Checked once, on what the reader returns."""
    path = source.path
    total = 0
    for block in source.blocks:
        texts = [block.text] if block.rows is None else [c for row in block.rows for c in row]
        for text in texts:
            if not text:
                continue
            total += len(text)
            for line in text.split("\n") if "\n" in text else (text,):
                if len(line) > MAX_LINE_CHARS:
                    raise ReadError(f"{path}: a line of {len(line):,} characters, over the limit of "
                                    f"{MAX_LINE_CHARS:,}")
                indent = len(line) - len(line.lstrip())
                if indent > MAX_INDENT:
                    raise ReadError(f"{path}: text indented {indent:,} characters deep (nested lists), over the "
                                    f"limit of {MAX_INDENT}")
                if line[:1].isspace() or line[:1].isdigit():
                    if _DEEP_OUTLINE.match(line):
                        raise ReadError(f"{path}: outline numbered more than {MAX_OUTLINE_DEPTH} levels deep")
        if total > max_text_chars():
            raise ReadError(f"{path}: more than {max_text_chars():,} characters of text, over the limit "
                            f"(KEHOACH_MAX_TEXT_CHARS)")


# ---------------------------------------------------------------- worker processes


def _address_space() -> int:
    """This process's address space in bytes now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(mb: int | None = None) -> None:
    """Let this process's address space grow by at most `mb` (default KEHOACH_MAX_MEMORY_MB)
    beyond what it holds now: a forked worker inherits its parent's mappings (~400 MB for
    the CLI, over 2 GB inside a test runner that loaded everything), and a ceiling below
    them would fail every allocation. Soft limit only, so a child process may raise it."""
    mb = max_memory_mb() if mb is None else mb
    if mb <= 0:
        return
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = _address_space() + (mb << 20)
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft == resource.RLIM_INFINITY or want < soft:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))


@contextmanager
def memory_capped(mb: int | None = None):
    """cap_memory for the work inside the block, the previous ceiling restored after it: for
    `kehoach extract`, which runs in the caller's process (a test runner, a notebook calling
    cli.main) and must not leave it capped; a later allocation there (the Arrow reader's)
    failing under the ceiling ended the whole process."""
    try:
        import resource
    except ImportError:  # not on Windows
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_AS)
    cap_memory(mb)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, before)  # only the soft limit was lowered: it may rise again


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux), so a kill -9 of
    an ingest does not leave its workers running; elsewhere a thread watches the parent."""
    parent = os.getppid()
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before the call
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kehoach-parent-watch").start()


def worker_init() -> None:
    """Initializer of every extraction worker process."""
    die_with_parent()
    cap_memory()
