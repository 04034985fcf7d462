"""Phones share one public part of their snapshot, built again whenever anything is committed."""

import time

from kiosk import words
from kiosk.db import connect as open_db
from kiosk.db import write
from kiosk.meeting.meetings import current_meeting
from kiosk.process import timers

PROPOSAL = "We ask the council to keep the library open on Sundays."
URL = "http://kiosk.test:5000/m/X"


def shared(app):
    """Return a function reading the shared part as a phone's hello would, and the handle."""
    views, db = app.extensions["kiosk_phone_views"], open_db(app.config["DATABASE"])

    def read():
        return views.public(db, current_meeting(db), URL)

    return read, db


def test_phones_share_the_public_part_until_anything_is_committed(app, console):
    read, db = shared(app)
    first = read()
    assert read() is first  # nothing committed: the same part, not built again
    reply = console.emit("open_round", {"text": PROPOSAL, "kind": "consent"}, callback=True)
    assert reply["ok"], reply
    second = read()
    assert second is not first and second["round"]["text"] == PROPOSAL
    assert read() is second
    # Another worker (another handle on the file) commits: the part is built again.
    other = open_db(app.config["DATABASE"])
    write(other, "UPDATE meetings SET title = 'Hall B' WHERE ended_at IS NULL", [])
    third = read()
    assert third is not second and third["meeting"]["title"] == "Hall B"
    with words.speaking("cy"):  # each language is a part of its own
        welsh = read()
        assert welsh is not third and read() is welsh
    assert read() is third


def test_a_phones_own_part_never_changes_what_phones_share(app, code, phone, console):
    reply = console.emit("open_round", {"text": PROPOSAL, "kind": "consent"}, callback=True)
    rnd = reply["round"]
    sockets = [phone(name)[1] for name in ("Sam", "Ann")]
    for sock, choice in zip(sockets, ("agree", "concerns"), strict=True):
        vote = {"code": code, "round_id": rnd["id"], "choice": choice}
        assert sock.emit("vote", vote, callback=True)["ok"]
    read, db = shared(app)
    public = read()
    seen = [
        sock.emit("hello", {"role": "phone", "code": code}, callback=True)["snapshot"]
        for sock in sockets
    ]
    assert read() is public  # both hellos were answered from the one shared part
    assert [s["round"]["my_vote"]["choice"] for s in seen] == ["agree", "concerns"]
    assert "my_vote" not in public["round"]
    assert "me_id" not in public["process"] and "group" not in public["process"]
    assert seen[0]["process"]["me_id"] != seen[1]["process"]["me_id"]
    assert all("standing" not in seat for seat in public["delegates"]["seats"])


def test_a_shared_part_built_earlier_still_gives_each_timer_its_time_left_now(app, code, phone):
    _, sock = phone("Sam")
    read, db = shared(app)
    meeting_id = current_meeting(db)["id"]
    timers.start_timer(db, meeting_id, "breakouts", 20, "Breakouts")
    public = read()
    time.sleep(0.05)
    snapshot = sock.emit("hello", {"role": "phone", "code": code}, callback=True)["snapshot"]
    assert read() is public
    built, now = (
        public["process"]["timers"]["breakouts"],
        snapshot["process"]["timers"]["breakouts"],
    )
    assert now["now"] > built["now"] and now["remaining"] < built["remaining"]
