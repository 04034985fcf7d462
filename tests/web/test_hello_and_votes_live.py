"""Socket.IO: snapshots on hello, acknowledged votes, live counts, and who may do what."""

import pytest
from helpers import events

from kiosk import create_app
from kiosk.db import connect as open_db
from kiosk.extensions import socketio

PROPOSAL = "We ask the council to keep the library open on Sundays."


def votes_in_db(app):
    """Return every vote row in the app's database file."""
    db = open_db(app.config["DATABASE"])
    try:
        return [dict(r) for r in db.query("SELECT * FROM votes ORDER BY attendee_id")]
    finally:
        db.conn.close()


def open_consent(console, text=PROPOSAL):
    reply = console.emit("open_round", {"text": text, "kind": "consent"}, callback=True)
    assert reply["ok"], reply
    return reply["round"]


def test_hello_gives_each_page_a_full_snapshot(client, connect, phone, console, code):
    phone("Sam")
    rnd = open_consent(console)
    reply = connect(client).emit("hello", {"role": "projector"}, callback=True)
    snapshot = reply["snapshot"]
    assert snapshot["meeting"]["join_url"] == f"http://kiosk.test:5000/m/{code}"
    assert snapshot["attendance"]["present"] == 1
    assert snapshot["round"]["id"] == rnd["id"]
    assert snapshot["round"]["text"] == PROPOSAL
    assert [o["label"] for o in snapshot["round"]["options"]] == [
        "Agree",
        "Concerns",
        "Stand aside",
        "Block",
    ]


def test_a_consent_round_end_to_end(app, phone, console, projector):
    phones = [phone(f"P{i}")[1] for i in range(4)]
    rnd = open_consent(console)
    for sock in phones:
        assert events(sock, "round")[-1]["status"] == "open"
    for sock, choice in zip(phones, ["agree", "agree", "concerns", "stand_aside"], strict=True):
        reply = sock.emit(
            "vote",
            {"code": sock_code(sock), "round_id": rnd["id"], "choice": choice, "reason": "noise"},
            callback=True,
        )
        assert reply == {
            "ok": True,
            "vote": {
                "round_id": rnd["id"],
                "choice": choice,
                "reason": "noise" if choice == "concerns" else "",
            },
        }
    counts = events(projector, "counts")[-1]
    assert counts["round"]["counts"] == {"agree": 2, "concerns": 1, "stand_aside": 1, "block": 0}
    assert counts["attendance"]["present"] == 4
    closed = console.emit("close_round", {"round_id": rnd["id"]}, callback=True)["round"]
    sentence = "Passed: no blocks, 2 of 4 agree (1 with concerns, 1 standing aside)."
    assert closed["explanation"] == sentence
    assert events(projector, "round")[-1]["explanation"] == sentence
    assert events(phones[0], "round")[-1]["outcome"] == "passed"
    assert len(votes_in_db(app)) == 4


def sock_code(sock):
    """Return the meeting code a phone's socket checked in to."""
    return sock.flask_test_client.get("/healthz").get_json()["meeting"]


def test_a_phone_never_counts_twice(app, phone, console, projector, code):
    http, sock = phone()
    rnd = open_consent(console)
    for choice in ["agree", "block", "agree"]:
        assert sock.emit(
            "vote", {"code": code, "round_id": rnd["id"], "choice": choice}, callback=True
        )["ok"]
    # A second tab on the same phone shares the cookie, so it is the same attendee.
    second_tab = socketio.test_client(app, flask_test_client=http)
    second_tab.emit("hello", {"role": "phone", "code": code}, callback=True)
    second_tab.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "stand_aside"}, callback=True
    )
    second_tab.disconnect()
    counts = events(projector, "counts")[-1]["round"]["counts"]
    assert counts == {"agree": 0, "concerns": 0, "stand_aside": 1, "block": 0}
    assert len(votes_in_db(app)) == 1


def test_a_reconnecting_phone_sees_its_own_vote(connect, phone, console, code):
    http, sock = phone()
    rnd = open_consent(console)
    sock.emit(
        "vote",
        {"code": code, "round_id": rnd["id"], "choice": "concerns", "reason": "Parking"},
        callback=True,
    )
    sock.disconnect()
    again = connect(http).emit("hello", {"role": "phone", "code": code}, callback=True)
    assert again["snapshot"]["round"]["my_vote"] == {"choice": "concerns", "reason": "Parking"}


@pytest.mark.parametrize(
    "event, payload",
    [
        ("open_round", {"text": PROPOSAL}),
        ("close_round", {"round_id": 1}),
    ],
)
def test_phones_and_projector_cannot_act_as_facilitator(app, phone, projector, event, payload):
    _, sock = phone()
    for client in (sock, projector):
        assert client.emit(event, payload, callback=True) == {
            "ok": False,
            "error": "Only the facilitator can do that.",
        }
    db = open_db(app.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM rounds").fetchone()[0] == 0
    db.conn.close()


def test_a_stranger_cannot_say_hello_as_facilitator_or_phone(client, connect, code):
    sock = connect(client)
    assert sock.emit("hello", {"role": "facilitator"}, callback=True)["ok"] is False
    reply = sock.emit("hello", {"role": "phone", "code": code}, callback=True)
    assert reply == {
        "ok": False,
        "error": "Please check in first: scan the code on the big screen.",
    }


def test_a_vote_without_checking_in_is_refused(app, client, connect, console, code):
    rnd = open_consent(console)
    reply = connect(client).emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "agree"}, callback=True
    )
    assert reply["ok"] is False and "check in" in reply["error"]
    assert votes_in_db(app) == []


def test_unknown_meeting_code_is_refused(phone):
    _, sock = phone()
    reply = sock.emit("hello", {"role": "phone", "code": "ZZZZ"}, callback=True)
    assert reply["ok"] is False
    assert "no meeting with the code “ZZZZ”" in reply["error"]


def test_a_vote_on_a_closed_round_is_refused(app, phone, console, code):
    _, sock = phone()
    rnd = open_consent(console)
    sock.emit("vote", {"code": code, "round_id": rnd["id"], "choice": "agree"}, callback=True)
    console.emit("close_round", {"round_id": rnd["id"]}, callback=True)
    reply = sock.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "block"}, callback=True
    )
    assert reply == {"ok": False, "error": "This round has closed, so your vote was not counted."}
    assert [v["choice"] for v in votes_in_db(app)] == ["agree"]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "agree",
        42,
        ["agree"],
        {"code": None, "round_id": 1, "choice": "agree"},
        {"round_id": "1", "choice": "agree"},
        {"round_id": True, "choice": "agree"},
        {"round_id": 10**30, "choice": "agree"},
        {"round_id": 1, "choice": {"$ne": 1}},
        {"round_id": 1, "choice": "agree", "reason": "x" * 60_000},
    ],
)
def test_malformed_payloads_get_a_plain_answer_and_change_nothing(
    app, phone, console, code, payload
):
    _, sock = phone()
    open_consent(console)
    if isinstance(payload, dict) and "code" not in payload:
        payload = {"code": code, **payload}
    reply = sock.emit("vote", payload, callback=True)
    assert reply["ok"] is False
    assert reply["error"] and "Traceback" not in reply["error"]
    assert votes_in_db(app) == []


def test_a_ten_thousand_character_reason_is_explained(app, phone, console, code):
    _, sock = phone()
    rnd = open_consent(console)
    reply = sock.emit(
        "vote",
        {"code": code, "round_id": rnd["id"], "choice": "block", "reason": "x" * 10_000},
        callback=True,
    )
    assert reply == {
        "ok": False,
        "error": "Please keep your reason under 500 characters "
        "(it has 10,000). Nothing was saved yet.",
    }
    assert votes_in_db(app) == []


def test_opening_a_round_with_bad_input_is_refused(console):
    assert console.emit("open_round", {"text": ""}, callback=True)["error"].startswith("Type")
    assert (
        console.emit("open_round", {"text": "x", "kind": "secret"}, callback=True)["error"]
        == "That kind of round does not exist."
    )
    assert console.emit("close_round", {"round_id": 999}, callback=True)["error"] == (
        "That round does not exist."
    )


def test_check_in_updates_the_projectors_count(client, phone, projector):
    phone("Sam", resident="no", first_time="yes")
    assert events(projector, "counts")[-1]["attendance"] == {
        "with_phones": 1,
        "without_phones": 0,
        "admitted": 1,
        "present": 1,
        "residents": 0,
        "first_timers": 1,
    }


def test_a_new_meeting_tells_old_pages_to_move(facilitator_client, projector):
    facilitator_client.post("/facilitate/meeting", data={"title": "Next"})
    assert events(projector, "meeting_changed") == [{}]


def test_counts_are_coalesced_into_few_messages(tmp_path):
    """Many votes in one interval become one announcement per screen, not one per vote."""
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://k.test",
            "FACILITATOR_KEY": "k",
            "SECRET_KEY": "s",
            "TALLY_INTERVAL": 3600,
            "TALLY_QUIET": 3600,
        }
    )
    http = app.test_client()
    code = http.get("/healthz").get_json()["meeting"]
    projector = socketio.test_client(app, flask_test_client=app.test_client())
    projector.emit("hello", {"role": "projector"}, callback=True)
    for _ in range(20):
        app.test_client().post(f"/m/{code}/check-in", data={"resident": "yes", "first_time": "no"})
    assert events(projector, "counts") == []
    app.extensions["kiosk_counts"].flush()
    received = events(projector, "counts")
    assert len(received) == 1 and received[0]["attendance"]["present"] == 20
    projector.disconnect()
