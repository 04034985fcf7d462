"""Hand signals: a per-phone rate limit, rolling counts and bursts, the energiser library."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in
from kiosk.process import signals


@pytest.fixture
def phones(db, meeting):
    """Two checked-in phones."""
    return [check_in(db, meeting, name, True, False) for name in ("A", "B")]


def test_each_phone_may_send_five_signals_in_any_ten_seconds(db, phones):
    a, b = phones
    for t in range(5):
        signals.send(db, a, "agree", now=t)
    with pytest.raises(Refused, match="Give it a few seconds"):
        signals.send(db, a, "agree", now=5)
    signals.send(db, b, "agree", now=5)  # another phone is not held back
    with pytest.raises(Refused):
        signals.send(db, a, "agree", now=9.9)
    signals.send(db, a, "agree", now=10.0)  # the first signal has left the window


def test_the_report_gives_rolling_counts_and_the_burst_since_last_time(db, meeting, phones):
    a, b = phones
    for phone, kind in ((a, "agree"), (b, "agree"), (a, "cant_hear")):
        signals.send(db, phone, kind, now=100)
    first = signals.report(db, meeting["id"], now=101)
    assert first["counts"]["agree"] == 2 and first["counts"]["cant_hear"] == 1
    assert first["burst"] == {"agree": 2, "cant_hear": 1}
    assert signals.report(db, meeting["id"], now=102)["burst"] == {}
    assert signals.report(db, meeting["id"], now=131)["counts"] == dict.fromkeys(signals.KINDS, 0)
    assert signals.report(db, meeting["id"] + 1, now=101)["counts"]["agree"] == 0  # kept apart


def test_signals_are_forgotten_after_thirty_seconds(db, meeting, phones):
    signals.send(db, phones[0], "wrap_up", now=0)
    signals.report(db, meeting["id"], now=31)
    assert db.execute("SELECT COUNT(*) FROM signals").fetchone()[0] == 0


def test_send_refuses_unknown_signals(db, meeting, phones):
    with pytest.raises(Refused, match="does not exist"):
        signals.send(db, phones[0], "<script>", now=0)
    assert signals.report(db, meeting["id"], now=1)["burst"] == {}


def test_the_energiser_library_has_short_games_with_instructions():
    assert len(signals.ENERGISERS) >= 4
    for game in signals.ENERGISERS.values():
        assert game.title and game.instructions and 1 <= game.minutes <= 5
    with pytest.raises(Refused):
        signals.energiser("nap")
