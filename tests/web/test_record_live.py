"""Socket.IO events of the meeting's record: who may send them, what they store, who hears."""

import pytest
from helpers import FACILITATOR_KEY, events, ok, refused, rows

from kiosk import create_app
from kiosk.extensions import socketio

DETAILS = {
    "held_on": "2026-05-14",
    "venue": "St Mark's hall",
    "access_features": ["Step-free entrance", "Hearing loop"],
    "notice_on": "2026-05-01",
    "notice_channels": ["Library noticeboard"],
    "results_go_to": "The council's housing committee",
}


def test_the_console_snapshot_carries_the_panel_and_the_card(facilitator_client, console):
    page = facilitator_client.get("/facilitate/setup").data.decode()
    assert 'id="mr-panel"' in page and "facilitate_meeting.js" in page
    snapshot = ok(console, "hello", {"role": "facilitator"})["snapshot"]
    part = snapshot["meeting_record"]
    assert set(part) == {
        "details",
        "outreach",
        "roles",
        "actions",
        "legitimacy",
        "choices",
        "assembly",
        "access_needs",
        "overdue",
    }
    assert [c["key"] for c in part["legitimacy"]["meeting"]] == [
        "residents",
        "notice",
        "process",
        "gender",
    ]
    # pairs, in the order the forms offer them (a page's JSON sorts an object's keys)
    assert part["choices"]["roles"][:2] == [
        ["facilitator", "Facilitator"],
        ["co_facilitator", "Co-facilitator"],
    ]
    assert [k for k, _ in part["choices"]["outreach_kinds"]][0] == "leaflets"


def test_details_are_stored_and_every_console_and_the_projector_hear(app, console, projector):
    events(console, "meeting_record")
    reply = ok(console, "meeting_details", DETAILS)
    assert reply["meeting_record"]["details"]["venue"] == "St Mark's hall"
    (stored,) = rows(app, "SELECT venue, held_on, notice_on, access_features FROM meeting_details")
    assert stored == {
        "venue": "St Mark's hall",
        "held_on": "2026-05-14",
        "notice_on": "2026-05-01",
        "access_features": '["Step-free entrance", "Hearing loop"]',
    }
    heard = events(console, "meeting_record")[-1]
    assert heard["details"]["notice_channels"] == ["Library noticeboard"]
    assert events(projector, "process")[-1]["destination"] == "The council's housing committee"
    assert events(projector, "meeting_record") == []  # the card is for the console only


def test_an_empty_venue_is_fine(app, console):
    ok(console, "meeting_details", {"venue": "Hall"})
    assert ok(console, "meeting_details", {"venue": ""})["meeting_record"]["details"]["venue"] == ""
    assert rows(app, "SELECT venue FROM meeting_details") == [{"venue": ""}]


@pytest.mark.parametrize(
    ("event", "payload", "words"),
    [
        ("meeting_details", {"notice_on": "1st May"}, "like 2026-05-14"),
        ("meeting_details", {"held_on": "2026-13-01"}, "like 2026-05-14"),
        ("meeting_details", {"held_on": "2026-05-01", "notice_on": "2026-05-09"}, "after"),
        ("meeting_details", {"venue": "v" * 10_000}, "too long"),
        ("meeting_details", {"venue": "v" * 201}, "under 200"),
        ("meeting_details", {"results_go_to": "r" * 10_000}, "too long"),
        ("meeting_details", {"access_features": ["a" * 10_000]}, "too long"),
        ("meeting_details", {"access_features": "Hearing loop"}, "not understood"),
        ("meeting_details", {"residents_without_phones": "2"}, "not understood"),
        ("meeting_details", {"residents_without_phones": 5}, "counted"),
        ("meeting_details", {"password": "x"}, "not part of a meeting's record"),
        (
            "outreach_add",
            {"date": "2026-05-01", "kind": "leaflets", "detail": "d" * 10_000},
            "too long",
        ),
        ("outreach_add", {"date": "yesterday", "kind": "leaflets"}, "like 2026-05-14"),
        ("outreach_add", {"date": "2026-05-01", "kind": "skywriting"}, "kind of outreach"),
        (
            "outreach_add",
            {"date": "2026-05-01", "kind": "posters", "languages": "en"},
            "not understood",
        ),
        ("role_add", {"role": "facilitator", "name": "n" * 10_000, "gender": ""}, "too long"),
        ("role_add", {"role": "facilitator", "name": "", "gender": ""}, "facilitator's name"),
        ("role_add", {"role": "facilitator", "name": "Dana", "gender": 1}, "not understood"),
        ("role_remove", {"role_id": "1"}, "not understood"),
        ("action_deadline", {"action_id": 1, "deadline": "soon"}, "like 2026-05-14"),
    ],
)
def test_bad_input_is_refused_in_plain_words_and_changes_nothing(
    app, console, event, payload, words
):
    ok(console, "meeting_details", {"venue": "Hall"})
    before = [
        rows(app, f"SELECT * FROM {t}") for t in ("meeting_details", "outreach", "meeting_roles")
    ]
    assert words in refused(console, event, payload)
    after = [
        rows(app, f"SELECT * FROM {t}") for t in ("meeting_details", "outreach", "meeting_roles")
    ]
    assert after == before


def test_a_payload_that_is_not_an_object_is_refused(console):
    assert "not understood" in refused(console, "meeting_details", ["venue"])


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("meeting_details", {"venue": "Somewhere else"}),
        ("outreach_add", {"date": "2026-05-01", "kind": "leaflets"}),
        ("role_add", {"role": "facilitator", "name": "Mallory", "gender": ""}),
        ("action_deadline", {"action_id": 1, "deadline": "2026-06-01"}),
        ("meeting_record_sync", {}),
    ],
)
def test_only_the_facilitator_may_send_these(app, client, connect, phone, event, payload):
    _, phone_socket = phone("Mallory")
    stranger = connect(client, "projector")
    for sock in (phone_socket, stranger):
        assert refused(sock, event, payload) == "Only the facilitator can do that."
    assert rows(app, "SELECT * FROM meeting_details") == []
    assert rows(app, "SELECT * FROM outreach") == rows(app, "SELECT * FROM meeting_roles") == []


def test_outreach_roles_and_deadlines_round_trip(app, console):
    entry = ok(
        console,
        "outreach_add",
        {"date": "2026-05-02", "kind": "door_knocking", "detail": "Elm St", "languages": ["Urdu"]},
    )["outreach"]
    assert entry["label"] == "Door-knocking" and entry["languages"] == ["Urdu"]
    role = ok(console, "role_add", {"role": "greeter", "name": "Sam", "gender": "nonbinary"})[
        "role"
    ]
    part = ok(console, "meeting_record_sync")["meeting_record"]
    assert [(r["key"], r["name"], r["gender"]) for r in part["roles"]] == [
        ("greeter", "Sam", "nonbinary")
    ]
    assert [o["detail"] for o in part["outreach"]] == ["Elm St"]
    ok(console, "action_add", {"text": "Book the hall", "owner": "Sam"})
    action_id = rows(app, "SELECT id FROM close_actions")[0]["id"]
    reply = ok(console, "action_deadline", {"action_id": action_id, "deadline": "2026-06-01"})
    assert reply["meeting_record"]["actions"][0]["deadline"] == "2026-06-01"
    ok(console, "action_deadline", {"action_id": action_id, "deadline": None})
    assert rows(app, "SELECT deadline FROM close_actions") == [{"deadline": None}]
    ok(console, "outreach_remove", {"outreach_id": entry["id"]})
    ok(console, "role_remove", {"role_id": role["id"]})
    assert rows(app, "SELECT * FROM outreach") == rows(app, "SELECT * FROM meeting_roles") == []
    assert "not logged" in refused(console, "outreach_remove", {"outreach_id": entry["id"]})


def test_the_card_follows_check_ins_when_the_console_asks(app, console, phone):
    card = ok(console, "meeting_record_sync")["meeting_record"]["legitimacy"]
    assert card["meeting"][0]["reason"].startswith("0 residents")
    phone("Ada")
    phone("Ben", resident="no")
    card = ok(console, "meeting_record_sync")["meeting_record"]["legitimacy"]
    assert card["meeting"][0]["reason"] == "1 resident was counted; the standard asks for over 150."


def test_the_residents_setting_comes_from_the_app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.test:5000",
            "SECRET_KEY": "s",
            "FACILITATOR_KEY": FACILITATOR_KEY,
            "LEGITIMACY_RESIDENTS": 0,
        }
    )
    http = app.test_client()
    http.get(f"/facilitate?key={FACILITATOR_KEY}")
    sock = socketio.test_client(app, flask_test_client=http)
    try:
        card = ok(sock, "meeting_record_sync")["meeting_record"]["legitimacy"]
        assert card["meeting"][0]["label"] == "Over 0 local residents"
    finally:
        sock.disconnect()
