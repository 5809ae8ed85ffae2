"""The one place that reads the process environment for settings."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def default_database() -> dict:
    """DATABASE_URL when set, else the embedded PostgreSQL in ARCHIVE_PGDATA."""
    if env.str("DATABASE_URL", default=""):
        return env.db("DATABASE_URL")
    from config.devdb import database_settings

    pgdata = Path(env.str("ARCHIVE_PGDATA", default=str(BASE_DIR / ".pgdata")))
    return database_settings(pgdata)
