"""Shared test fixtures."""
import copy
import fcntl
import functools
import hashlib
import importlib.util
import json
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.fixture(scope="session")
def scorer():
    """The project's own scorer (../shared/eval/score.py), imported as a module."""
    if not SCORER.exists():
        pytest.skip("shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("kehoach_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    _remember_norm(module)
    return module


def _remember_norm(module):
    """The scorer normalises each task's whole text once per (gold, predicted) pair: 90% of the
    time of scoring a 150-task document (8 s of 9). norm is a pure function of one string, so
    the tests keep its answers; the scores are the same, to the last digit."""
    plain = module.norm
    remembered = functools.lru_cache(maxsize=100_000)(plain)

    def norm(s):
        return remembered(s) if s is None or type(s) is str else plain(s)

    module.norm = norm


def _run_folder(tmp_path_factory) -> Path:
    """A folder seen by every process of this test run: the run's base temporary folder, or
    its parent under pytest-xdist (where each worker's base is a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """built_once(name, build) -> folder: `build(folder)` runs once per test run, in whichever
    process asks first; the others (pytest-xdist workers) wait for it and get the same folder.
    For things that take seconds to make and are only read afterwards (a 100-plan archive)."""
    def built(name: str, build) -> Path:
        folder = _run_folder(tmp_path_factory) / name
        with open(f"{folder}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            done = folder / ".built"
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # a build that failed halfway
                folder.mkdir(parents=True)
                build(folder)
                done.touch()
        return folder

    return built


@pytest.fixture(scope="session")
def record_of(tmp_path_factory):
    """record_of(path): the plan record of a document (its to_dict(), through JSON), extracted
    once per test run and shared by the tests that read it (the scores of the labelled sets,
    their snapshots), across pytest-xdist workers too: a scan's OCR takes a minute."""
    folder = _run_folder(tmp_path_factory) / "records"
    folder.mkdir(exist_ok=True)
    here: dict[Path, dict] = {}

    def record_of(path) -> dict:
        path = Path(path).resolve()
        if path not in here:
            key = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:32]
            stored = folder / f"{key}.json"
            with open(folder / f"{key}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker may be extracting it now
                if not stored.exists():
                    from pipeline.extract import extract_file

                    text = json.dumps(extract_file(path).to_dict(), ensure_ascii=False)
                    stored.with_suffix(".part").write_text(text, encoding="utf-8")
                    stored.with_suffix(".part").replace(stored)
                here[path] = json.loads(stored.read_text(encoding="utf-8"))
        return copy.deepcopy(here[path])  # a test may change its copy

    return record_of


# --- A throwaway PostgreSQL server -------------------------------------------------------
# One cluster per test session: initdb into a temporary directory, start it on a free port
# of 127.0.0.1, create the database `kehoach`, stop and delete everything afterwards.
PG_TOOLS = ("initdb", "pg_ctl", "postgres")


def _postgres_binaries():
    """{tool: path} from PATH, else from the newest /usr/lib/postgresql/N/bin (Debian keeps
    the server tools there, off PATH); None when neither has all three."""
    on_path = {tool: shutil.which(tool) for tool in PG_TOOLS}
    if all(on_path.values()):
        return on_path
    versions = sorted(
        (d for d in Path("/usr/lib/postgresql").glob("*/bin") if d.parent.name.isdigit()),
        key=lambda d: int(d.parent.name),
        reverse=True,
    )
    for bindir in versions:
        found = {tool: bindir / tool for tool in PG_TOOLS}
        if all(os.access(p, os.X_OK) for p in found.values()):
            return {tool: str(p) for tool, p in found.items()}
    return None


def _pg_run(cmd, user, cwd, check=True):
    """Run cmd, as `user` when given. PostgreSQL refuses to run as root, so under root the
    server tools go through runuser (or su) to an unprivileged account."""
    if user:
        if shutil.which("runuser"):
            cmd = ["runuser", "-u", user, "--", *cmd]
        else:
            cmd = ["su", "-s", "/bin/sh", user, "-c", shlex.join(cmd)]
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed:\n{result.stdout}{result.stderr}")
    return result


def _has_user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """URL of a database `kehoach` on a PostgreSQL server private to this test session."""
    bins = _postgres_binaries()
    if bins is None:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: "
                    "run `bash scripts/install.sh`", pytrace=False)
    user = None
    base = tmp_path_factory.mktemp("postgres")
    if os.geteuid() == 0:
        # Root: the cluster belongs to `postgres` (Debian's package creates it), else `nobody`.
        user = "postgres" if _has_user("postgres") else "nobody"
        pw = pwd.getpwnam(user)
        os.chown(base, pw.pw_uid, pw.pw_gid)
        if _pg_run(["test", "-w", str(base)], user, cwd="/", check=False).returncode != 0:
            # pytest's base temp (/tmp/pytest-of-root) is 0700, so that user cannot reach it.
            base.rmdir()
            base = Path(tempfile.mkdtemp(prefix="kehoach-pg-", dir="/tmp"))
            os.chown(base, pw.pw_uid, pw.pw_gid)
    data, sockets, log = base / "data", base / "run", base / "server.log"
    # The Unix socket goes in our own directory: /var/run/postgresql may be absent or
    # not writable, and a private socket cannot collide with another server's.
    sockets.mkdir()
    if user:
        os.chown(sockets, pw.pw_uid, pw.pw_gid)
    started = False
    try:
        initdb = [bins["initdb"], "-D", str(data), "-A", "trust", "-U", "kehoach", "-E", "UTF8"]
        if _pg_run([*initdb, "--locale=C.UTF-8"], user, base, check=False).returncode != 0:
            shutil.rmtree(data, ignore_errors=True)
            _pg_run([*initdb, "--locale=C"], user, base)
        with socket.socket() as s:  # a port free right now; the server binds it at once
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = True  # from here on, stop it whatever happens
        start = _pg_run([bins["pg_ctl"], "-D", str(data), "-l", str(log), "-w", "-o", options,
                         "start"], user, base, check=False)
        if start.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed:\n{start.stdout}{start.stderr}"
                               f"{log.read_text(errors='replace') if log.exists() else ''}")
        import psycopg  # imported here: every test loads conftest, few need a database

        with psycopg.connect(f"postgresql://kehoach@127.0.0.1:{port}/postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE kehoach")
        yield f"postgresql://kehoach@127.0.0.1:{port}/kehoach"
    finally:
        if started:
            _pg_run([bins["pg_ctl"], "-D", str(data), "-m", "fast", "-w", "stop"], user, base,
                    check=False)
        shutil.rmtree(base, ignore_errors=True)
