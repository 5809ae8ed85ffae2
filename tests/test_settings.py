"""Which database a process uses: DATABASE_URL when set, else the embedded one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOW_DATABASE = (
    "from django.conf import settings; d = settings.DATABASES['default'];"
    "print(d['HOST'], d['NAME'], d['USER'])"
)


def _settings_in_subprocess(module: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ.update(DJANGO_SETTINGS_MODULE=module, PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW_DATABASE],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("module", ["config.settings.dev", "config.settings.test"])
def test_database_url_replaces_the_embedded_server(tmp_path, module):
    never_created = tmp_path / "pgdata"
    result = _settings_in_subprocess(
        module,
        DATABASE_URL="postgres://someone:secret@db.example.internal:6543/archive_x",
        ARCHIVE_PGDATA=str(never_created),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.example.internal", "archive_x", "someone"]
    assert not never_created.exists(), "no embedded server may start"


def test_production_settings_refuse_to_start_without_their_secrets(tmp_path):
    result = _settings_in_subprocess(
        "config.settings.prod", ARCHIVE_PGDATA=str(tmp_path / "pgdata")
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert not (tmp_path / "pgdata").exists()
