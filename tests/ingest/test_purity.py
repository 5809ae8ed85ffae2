"""Parsing is pure Python: importing the parsers must not import Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import sys\n"
    "import archive.ingest.parsers, archive.ingest.jsonout, notices.parsers\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
    "print(','.join(loaded))\n"
)


def test_the_parsers_import_no_django():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == ""
