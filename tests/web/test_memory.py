"""Memory: the heap frozen once pages stop connecting; nothing loaded before it is used."""

import gc
import subprocess
import sys
from pathlib import Path

from kiosk.web.memory import Freezer

REPO = Path(__file__).resolve().parents[2]


def test_the_heap_is_frozen_once_connections_are_quiet():
    tasks, naps = [], []
    freezer = Freezer(tasks.append, naps.append, quiet=0)
    freezer.connected()
    freezer.connected()  # already waiting: one task, not two
    assert len(tasks) == 1 and freezer.freezes == 0
    try:
        tasks[0]()
        assert freezer.freezes == 1 and naps == [0]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


STARTED = """
import sys, tempfile
import app
app.leave_out_clients(redis=True)
from kiosk import create_app
create_app({"DATA_DIR": tempfile.mkdtemp(), "SECRET_KEY": "x"})
print(" ".join(sorted(name for name in LATER if sys.modules.get(name) is not None)))
"""


def test_a_started_kiosk_holds_no_printing_and_no_client_libraries_until_it_needs_them():
    later = [
        "reportlab",
        "printouts.fonts",
        "uharfbuzz",
        "zxingcpp",
        "requests",
        "aiohttp",
        "redis",
    ]
    script = f"LATER = {later!r}\n{STARTED}"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
