"""Hand signals: a per-phone rate limit, rolling counts and bursts, the energiser library."""

import pytest

from kiosk.errors import Refused
from kiosk.process import signals


def test_each_phone_may_send_five_signals_in_any_ten_seconds():
    limit = signals.RateLimit(limit=5, window=10)
    assert [limit.allow("a", now=t) for t in range(6)] == [True] * 5 + [False]
    assert limit.allow("b", now=5)  # another phone is not held back
    assert not limit.allow("a", now=9.9)
    assert limit.allow("a", now=10.0)  # the first signal has left the window


def test_the_tally_reports_rolling_counts_and_the_burst_since_last_time():
    tally = signals.Tally(shown_for=30)
    for kind in ("agree", "agree", "cant_hear"):
        tally.add(1, kind, now=100)
    first = tally.report(1, now=101)
    assert first["counts"]["agree"] == 2 and first["counts"]["cant_hear"] == 1
    assert first["burst"] == {"agree": 2, "cant_hear": 1}
    assert tally.report(1, now=102)["burst"] == {}
    assert tally.report(1, now=131)["counts"] == dict.fromkeys(signals.KINDS, 0)
    assert tally.report(2, now=131)["counts"]["agree"] == 0  # meetings are kept apart


def test_send_refuses_unknown_signals_and_a_flood():
    limit, tally = signals.RateLimit(limit=2, window=10), signals.Tally()
    phone = {"id": 7, "meeting_id": 1}
    with pytest.raises(Refused, match="does not exist"):
        signals.send(limit, tally, phone, "<script>", now=0)
    signals.send(limit, tally, phone, "agree", now=0)
    signals.send(limit, tally, phone, "agree", now=1)
    with pytest.raises(Refused, match="Give it a few seconds"):
        signals.send(limit, tally, phone, "agree", now=2)
    assert tally.report(1, now=3)["counts"]["agree"] == 2


def test_the_energiser_library_has_short_games_with_instructions():
    assert len(signals.ENERGISERS) >= 4
    for game in signals.ENERGISERS.values():
        assert game.title and game.instructions and 1 <= game.minutes <= 5
    with pytest.raises(Refused):
        signals.energiser("nap")
