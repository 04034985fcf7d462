"""The freezer: once pages stop connecting for a moment, the heap is collected and frozen."""

import gc

from kiosk.web.memory import Freezer


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
