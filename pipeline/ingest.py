"""ingest: files and folders → plan records in the archive, in parallel, resumable.

    from pipeline.ingest import ingest
    summary = ingest(["plans/"], db="kehoach.db", workers=4)

Each file ends in exactly one state: stored, unchanged (its sha256 is already
archived — hashed here, before dispatch, so unchanged files cost no
extraction) or failed (its one-line reason goes to the `failures` table).
Workers extract, turn each record into the rows it is stored as
(pipeline.archive.document_rows) and store them through a connection of their
own: a chunk of small files is extracted first, then written in one
transaction (Archive.batched), each document whole or not at all (a
savepoint), committed before its results go back. The archive's one write lock
(SQLite's, or an advisory lock on PostgreSQL) orders the workers' chunks and
the failures this process records. So a killed ingest (even SIGKILL) loses only
the chunks in flight, and a rerun picks them up without storing anything twice:
the archive is keyed by each file's sha256. On a Dask cluster, whose workers
may not see the archive, the workers hand the rows back and this process
stores each document in a transaction of its own.
"""
from __future__ import annotations

import errno
import functools
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.archive import Archive, DocumentRows, document_rows
from pipeline.errors import KehoachError, ReadError
from pipeline.limits import max_memory_mb, regular_file, worker_init
from pipeline.names import path_bytes, shown
from pipeline.parallel import default_workers, map_unordered
from pipeline.readers import SUPPORTED, sha256_of


@dataclass
class Summary:
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    new_failures: int = 0  # failed now but not already, with the same content and reason, before
    pages: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)  # unsupported files found in walked folders
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def line(self) -> str:
        text = (f"stored {self.stored}, unchanged {self.unchanged}, failed {self.failed}, "
                f"skipped {len(self.skipped)} (unsupported), {self.pages} pages, {self.seconds:.1f} s")
        if not self.stored and not self.new_failures:
            text += " — nothing changed"
        return text


def _resolved(path: Path) -> Path:
    """The path with links resolved, or as given when it cannot be (a symlink loop): the
    reader then reports it as this file's failure instead of ending the whole ingest."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def collect(paths, exclude=()) -> tuple[list[Path], list[Path]]:
    """(files to ingest, unsupported files skipped). Folders are walked; a file named
    on the command line is always tried (the reader sniffs its content). Anything
    that is not a regular file (a FIFO, a device, a link loop) is listed too and
    fails on its own, with a reason, when its turn comes."""
    exclude = {_resolved(Path(p)) for p in exclude}
    files, skipped, seen = [], [], set()
    for arg in paths:
        root = Path(arg)
        if root.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # .git, .cache
                found += [Path(dirpath) / f for f in sorted(filenames) if not f.startswith(".")]
            for f in found:
                (files if f.suffix.lower() in SUPPORTED else skipped).append(f)
        elif os.path.lexists(root):
            files.append(root)
        else:
            raise KehoachError(f"{shown(arg)}: no such file or folder")
    result = []
    for f in files:
        key = _resolved(f)
        if key not in seen and key not in exclude:
            seen.add(key)
            # a link to a FIFO or a device is reported under its own name, not /dev/zero's
            result.append(key if key.is_file() else f.absolute())
    return result, [f for f in skipped if _resolved(f) not in exclude]


# Small files go to a worker up to CHUNK_FILES at a time (see pipeline.parallel.map_unordered), and the
# worker stores a chunk in one commit (a commit costs more than a small plan's inserts); a file over
# CHUNK_BYTES goes alone, so that a chunk never holds several slow files behind one worker.
CHUNK_FILES, CHUNK_BYTES = 8, 64 * 1024
DEFAULT_TIMEOUT = 1800  # seconds for one file; a 200-page scan (the OCR page limit) takes ~15 min on 2 cores
_KILLED_EXIT = 70  # exit status of a worker that overran its time limit inside C code


class TimeLimit(BaseException):
    """A BaseException, like KeyboardInterrupt: readers turn any Exception into "cannot
    read", and the time limit must get through them."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise TimeLimit in this thread once `seconds` have passed.

    A timer thread sends SIGALRM to the main thread itself (pthread_kill): a signal
    for the process may land on any thread, e.g. an idle BLAS or OCR thread, and
    its handler would then wait until the main thread woke up. The signal breaks
    into Python code and into waits (for OCR pages, for LibreOffice), whose child
    processes are killed on the way out. Code stuck inside C never sees it, so in
    a pool worker a second timer ends the whole process a minute later; the pool
    then reports the file as a dead worker. Python runs signal handlers in the main
    thread only: on a Dask worker thread there is no limit.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    timers = [threading.Timer(seconds, signal.pthread_kill, (threading.main_thread().ident, signal.SIGALRM))]
    if multiprocessing.parent_process() is not None:  # never end the caller's own process
        timers.append(threading.Timer(seconds + 60, os._exit, (_KILLED_EXIT,)))
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        for timer in timers:
            timer.cancel()
        # an alarm already on its way must land while our handler is still in place
        # (the default action for SIGALRM ends the process)
        timers[0].join()
        signal.signal(signal.SIGALRM, previous)


# A job: (path, its content or None, time limit in s or None, its sha256 as hashed by the parent).
Job = tuple[str, bytes | None, float | None, str]


def extract_job(job: Job) -> tuple[DocumentRows | None, str | None]:
    """Runs on a worker: a job → (the record as archive rows, None) or (None, reason). The rows, not the
    record: building them (JSON, actor normalisation, the search bodies) is pure work for the workers.

    Never raises: one bad file must not end the batch. The content travels with
    the job only for a remote Dask cluster, whose workers may not see our disk.
    """
    path, data, timeout, _ = job
    try:
        with time_limit(timeout):
            return document_rows(_extract(path, data)), None
    except TimeLimit:
        return None, f"extraction took longer than the limit of {timeout:g} s (ingest --timeout)"
    except MemoryError:
        return None, memory_reason()
    except KehoachError as exc:
        return None, _one_line(str(exc))
    except Exception as exc:  # an extractor bug is still this file's failure, not the batch's
        if isinstance(exc, RuntimeError) and "can't start new thread" in str(exc):
            return None, memory_reason()  # a thread's stack did not fit under the memory ceiling
        return None, _one_line(f"{type(exc).__name__}: {exc}")


def store_jobs(jobs: list[Job]) -> list[tuple[tuple[str, int] | None, str | None]]:
    """Runs on a local worker: extract a chunk of files, then store the good ones through the worker's own
    connection in one transaction, committed before the results go back (what the parent hears of is in
    the archive). Each → ((state, pages), None), state "stored" or "unchanged", or (None, reason).

    All are extracted before the first write: a transaction takes the archive's one write lock, and held
    over the chunk's extractions it left the other worker waiting (1.0× at 2 workers, 1.88-1.92× so, in a
    prototype). Storing here and not in the parent took two workers from 1.65-1.74× one to 1.80-1.89× (README,
    "Measured"): with one writer for all, its share of every plan (2.3 ms of a plan's 30) and the rows' trip
    back held them.
    A failed write (a full disk) raises: the parent stops the ingest with its reason."""
    extracted = [extract_job(job) for job in jobs]
    if _worker_archive is None:
        raise KehoachError("an ingest worker could not open the archive")
    done: list[tuple[tuple[str, int] | None, str | None]] = []
    with _worker_archive.batched(len(jobs), float("inf")):
        for (path, _, _, sha), (rows, reason) in zip(jobs, extracted):
            if rows is None:
                done.append((None, reason))
                continue
            # the record's own hash wins: the file may have changed since the parent hashed it
            state = _worker_archive.put(rows, path=shown(path), sha256=rows.sha256 or sha)
            done.append(((state, rows.pages), None))
    return done


def store_job(job: Job) -> tuple[tuple[str, int] | None, str | None]:
    """store_jobs for a file on its own (a big one, or one rerun after a worker died)."""
    return store_jobs([job])[0]


def _extract(path: str, data: bytes | None) -> dict:
    # pipeline.extract(path) wraps this; calling it by name would break on the second
    # file, since importing the submodule pipeline.extract rebinds that package attribute
    from pipeline.extract import extract_file as extract

    if data is None:
        record = extract(path)
    else:
        with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
            local = Path(tmp) / Path(path).name
            local.write_bytes(data)
            record = extract(local)
    d = record.to_dict(with_text=True)
    d["source"]["path"] = shown(path)
    if path_bytes(path):  # a name that is not UTF-8: its exact bytes, beside the escaped form
        d["source"]["path_bytes"] = path_bytes(path)
    return d


# A small plan every worker extracts once before its first file (see start_worker).
_WARM_UP_PLAN = ("KẾ HOẠCH\nTổ chức hội nghị\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức hội nghị "
                 "trong quý I/2025 theo Quyết định số 1/QĐ-UBND ngày 02/01/2025.\n")


# The archive as an ingest worker writes it (start_worker opens it; store_jobs writes through it).
_worker_archive: Archive | None = None


def start_worker(archive: str | None = None) -> None:
    """Initializer of each ingest worker: its limits, its own connection to the `archive` (a path or a URL)
    when it stores what it extracts, then one small extraction, so that --timeout measures each file's own
    extraction and not the imports and lexicons every file shares (about 0.6 s on a quiet machine, several
    seconds under load: a first file was failed for it)."""
    global _worker_archive
    worker_init()
    try:
        if archive is not None:
            _worker_archive = Archive(archive).open_for_writing()
        with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
            plan = Path(tmp) / "warm-up.txt"
            plan.write_text(_WARM_UP_PLAN, encoding="utf-8")
            document_rows(_extract(str(plan), None))
    except Exception:  # noqa: BLE001 - a failing initializer would break the whole pool, while the first
        pass  # file, failing the same way, gets its own one-line reason (store_jobs: no archive, the ingest stops)


def memory_reason() -> str:
    return (f"extraction needed more than the memory limit of {max_memory_mb()} MB "
            f"(KEHOACH_MAX_MEMORY_MB)")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _short(name: str, width: int = 30) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def _one_line(text: str) -> str:
    return (text.strip().splitlines() or ["unknown error"])[0][:500]


def ingest(paths, db=None, workers: int | None = None, scheduler: str | None = None,
           progress: bool = True, timeout: float | None = DEFAULT_TIMEOUT, progress_bar=None) -> Summary:
    """Ingest every supported file under `paths` into the archive at `db`; a file whose
    extraction takes longer than `timeout` seconds (None or 0: no limit) fails.

    progress_bar: a tqdm class (or factory taking total= and unit=) to draw progress with whatever
    stderr is, e.g. tqdm.auto.tqdm in a notebook; by default a bar on stderr when it is a terminal."""
    started = time.perf_counter()
    archive = Archive(db)
    try:
        archive.open_for_writing()
    except Exception as exc:
        if not disk_full(exc):
            raise
        raise KehoachError(f"{archive.location}: cannot write the archive ({shown(exc).splitlines()[0]}): "
                           f"is the disk full? Nothing was stored") from exc
    files, skipped = collect(paths, exclude=archive.store.files)
    summary = Summary(skipped=[str(p) for p in skipped])
    workers = workers or default_workers()
    ship = bool(scheduler) and scheduler != "local"
    hashes: dict[str, str] = {}

    from tqdm import tqdm

    # no frames when stderr is a pipe or a log: the redrawn bar would fill it with carriage returns
    if progress_bar is not None and progress:
        bar = progress_bar(total=len(files), unit="file")
    else:
        bar = tqdm(total=len(files), unit="file", file=sys.stderr,
                   disable=not progress or not _is_terminal(sys.stderr), dynamic_ncols=True)

    def fail(path: str, sha: str | None, reason: str) -> None:
        path, reason = shown(path), shown(reason)
        summary.new_failures += archive.fail(path, sha, reason)
        summary.failed += 1
        summary.failures.append((path, reason))
        bar.write(f"failed: {reason if reason.startswith(path) else f'{path}: {reason}'}", file=sys.stderr)

    def jobs():
        # Hashing here, lazily, keeps unchanged files away from the workers and lets
        # extraction start before the whole tree has been read.
        for f in files:
            path = str(f)
            try:
                regular_file(f)  # a FIFO, a device or a link loop is never opened; a huge file never hashed
                sha = sha256_of(f)
            except ReadError as exc:
                fail(path, None, str(exc))
                bar.update()
                continue
            except OSError as exc:
                fail(path, None, f"{path}: cannot read: {exc.strerror or exc}")
                bar.update()
                continue
            if archive.has(sha):
                archive.clear_failure(shown(path))
                summary.unchanged += 1
                bar.update()
                continue
            hashes[path] = sha
            yield path, (f.read_bytes() if ship else None), timeout, sha

    def alone(job) -> bool:
        try:
            return os.stat(job[0]).st_size > CHUNK_BYTES
        except OSError:
            return True  # gone since it was hashed: it fails alone, with its own reason

    def crashed(job, exc):
        return None, (f"worker process died while extracting ({type(exc).__name__}): a crash, memory "
                      f"exhausted, or stuck past the time limit")

    # local workers store what they extract (store_jobs); a Dask cluster's hand their rows back
    run, many, start = ((extract_job, None, None) if scheduler else
                        (store_job, store_jobs, functools.partial(start_worker, archive.address)))
    try:
        for (path, *_), (done, reason) in map_unordered(run, jobs(), workers, scheduler, crashed, initializer=start,
                                                        many=many, chunk=chunk_files(len(files), workers),
                                                        alone=alone):
            sha = hashes.pop(path)
            if done is None:
                fail(path, sha, reason)
            else:
                if scheduler:  # the record's own hash wins: the file may have changed since we hashed it
                    done = archive.put(done, path=shown(path), sha256=done.sha256 or sha), done.pages
                state, pages = done
                if state == "stored":
                    summary.stored += 1
                    summary.pages += pages
                else:
                    summary.unchanged += 1
            # the file that just came back (jobs are handed out ahead, so the last one sent says little)
            bar.set_description_str(_short(shown(Path(path).name)), refresh=False)
            bar.update()
            elapsed = time.perf_counter() - started
            bar.set_postfix_str(f"{summary.pages / elapsed:.1f} pages/s, {summary.failed} failed", refresh=False)
    except Exception as exc:
        if not disk_full(exc):
            raise
        raise KehoachError(f"{archive.location}: cannot write the archive ({shown(exc).splitlines()[0]}): is the "
                           f"disk full? Stopped after storing {summary.stored} files this run; free some space "
                           f"and rerun the same ingest to complete it") from exc
    finally:
        bar.close()
        try:
            archive.close()
        except Exception as exc:  # closing writes too (a WAL checkpoint); the disk-full error above says it all
            if not disk_full(exc):
                raise
    summary.seconds = time.perf_counter() - started
    return summary


def chunk_files(files: int, workers: int) -> int:
    """How many small files a worker is handed at a time: CHUNK_FILES, fewer when there are too few files
    to keep each worker's queue (four chunks) full of them; one for a few dozen files, as before chunks."""
    return max(1, min(CHUNK_FILES, files // (workers * 8)))


def disk_full(exc: BaseException) -> bool:
    """Whether a storage error means the archive cannot grow: the disk, a quota or the file size limit."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text = str(exc).lower()
    return type(exc).__name__ == "DiskFull" or any(
        words in text for words in ("database or disk is full", "no space left", "disk quota", "file too large",
                                    "disk i/o error"))  # SQLite's word for a write refused (EFBIG)
