"""Phones in several languages at one meeting: what the server builds for phones is built once
for each language they read, each phone hears its own, the big screens hear the meeting's, and a
refused vote is answered in the voter's language on both paths a vote can take."""

import pytest
from helpers import check_in, last
from liveserver import LiveServer, socket_facilitator, socket_phone

from kiosk.extensions import socketio
from kiosk.web.live import push as live_push

WELSH_CONSENT = ["Cytuno", "Pryderon", "Sefyll o’r neilltu", "Blocio"]
ENGLISH_CONSENT = ["Agree", "Concerns", "Stand aside", "Block"]


@pytest.fixture
def phone_in(app, code):
    """Return a function making a checked-in phone whose page reads a language."""
    sockets = []

    def make(name: str, lang: str):
        http = app.test_client()
        assert check_in(http, code, name).status_code == 302
        sock = socketio.test_client(app, flask_test_client=http, query_string=f"lang={lang}")
        sockets.append(sock)
        assert sock.emit("hello", {"role": "phone", "code": code}, callback=True)["ok"]
        return sock

    yield make
    for sock in sockets:
        if sock.is_connected():
            sock.disconnect()


def open_consent(console) -> dict:
    reply = console.emit("open_round", {"text": "Plant trees", "kind": "consent"}, callback=True)
    assert reply["ok"], reply
    return reply["round"]


def labels(round_event: dict) -> list[str]:
    return [option["label"] for option in round_event["options"]]


def test_one_push_reaches_each_phone_in_its_own_language(phone_in, console):
    welsh, english, urdu = phone_in("Gwen", "cy"), phone_in("Sam", "en"), phone_in("Ayesha", "ur")
    open_consent(console)
    heard = last(welsh, "round")
    assert labels(heard) == WELSH_CONSENT
    assert heard["rule_label"] == "Consensws: mae unrhyw floc yn ei atal"
    assert labels(last(english, "round")) == ENGLISH_CONSENT
    assert labels(last(urdu, "round"))[0] == "متفق"
    assert labels(last(console, "round")) == ENGLISH_CONSENT  # the meeting speaks English


def test_each_phone_hears_the_outcome_in_its_language(phone_in, console, code):
    welsh, english = phone_in("Gwen", "cy"), phone_in("Sam", "en")
    rnd = open_consent(console)
    vote = {"code": code, "round_id": rnd["id"], "choice": "agree"}
    assert welsh.emit("vote", vote, callback=True)["ok"]
    assert console.emit("close_round", {"round_id": rnd["id"]}, callback=True)["ok"]
    assert last(english, "round")["explanation"] == "Passed: no blocks, 1 of 1 agree."
    assert last(welsh, "round")["explanation"] == "Wedi’i basio: dim blociau, 1 o 1 yn cytuno."
    assert last(console, "round")["explanation"] == "Passed: no blocks, 1 of 1 agree."


def test_the_process_reaches_each_phone_in_its_language(phone_in, console, code):
    welsh, english = phone_in("Gwen", "cy"), phone_in("Sam", "en")
    assert welsh.emit("stack_join", {"code": code, "kind": "speak"}, callback=True)["ok"]
    assert console.emit("stack_call", {}, callback=True)["ok"]  # tells every phone
    assert last(welsh, "process")["stack_kinds"]["speak"] == "I siarad"
    assert last(english, "process")["stack_kinds"]["speak"] == "To speak"


def test_a_welsh_phones_action_reaches_the_console_in_the_meetings_language(
    phone_in, console, code
):
    welsh = phone_in("Gwen", "cy")
    assert welsh.emit("stack_join", {"code": code, "kind": "speak"}, callback=True)["ok"]
    libraries = last(console, "process")["libraries"]
    assert libraries["signals"]["agree"] == "Agree (twinkles)"


def test_a_meeting_whose_phones_read_its_language_builds_each_push_once(
    phone_in, console, projector, monkeypatch
):
    sent = []

    def spy(event, payload, rooms):
        sent.append((event, list(rooms)))
        return push(event, payload, rooms)

    push = live_push.push
    monkeypatch.setattr(live_push, "push", spy)
    phones = [phone_in(f"Voter {n}", "en") for n in range(3)]
    rnd = open_consent(console)
    built = [rooms for event, rooms in sent if event == "round"]
    assert len(built) == 1  # the projector, console, desk and every phone: one build, one push
    assert sorted(built[0]) == sorted(
        ["projector:1", "facilitator:1", "desk:1", live_push.phone_room(1, "en")]
    )
    assert all(labels(last(p, "round")) == ENGLISH_CONSENT for p in [*phones, projector])
    welsh = phone_in("Gwen", "cy")
    sent.clear()
    assert console.emit("close_round", {"round_id": rnd["id"]}, callback=True)["ok"]
    built = [rooms for event, rooms in sent if event == "round"]
    assert len(built) == 2  # English for the room and three phones, Welsh for one
    assert built[1] == [live_push.phone_room(1, "cy")]
    assert labels(last(welsh, "round")) == WELSH_CONSENT


def test_a_welsh_phones_refused_vote_is_answered_in_welsh(phone_in, console, code):
    welsh, english = phone_in("Gwen", "cy"), phone_in("Sam", "en")
    rnd = open_consent(console)
    odd = {"code": code, "round_id": rnd["id"], "choice": "maybe"}
    assert welsh.emit("vote", odd, callback=True) == {
        "ok": False,
        "error": "Nid yw hwnnw’n un o’r dewisiadau yn y rownd hon.",
    }
    assert english.emit("vote", odd, callback=True)["error"] == (
        "That is not one of the choices in this round."
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("languages") / "data") as server:
        yield server


def test_votes_on_the_short_path_are_answered_in_each_phones_language(live):
    console = socket_facilitator(live)
    welsh, english = socket_phone(live, "Gwen", "cy"), socket_phone(live, "Sam")
    try:
        rnd = console.sio.call("open_round", {"text": "Plant trees", "kind": "consent"})["round"]
        odd = {"code": live.code, "round_id": rnd["id"], "choice": "maybe", "reason": ""}
        assert welsh.sio.call("vote", odd, timeout=10)["error"] == (
            "Nid yw hwnnw’n un o’r dewisiadau yn y rownd hon."
        )
        assert english.sio.call("vote", odd, timeout=10)["error"] == (
            "That is not one of the choices in this round."
        )
        assert welsh.sio.call("vote", {**odd, "choice": "agree"}, timeout=10)["ok"]
        console.sio.call("close_round", {"round_id": rnd["id"]})
        late = welsh.sio.call("vote", {**odd, "choice": "block"}, timeout=10)
        assert (
            late["error"] == "Mae’r rownd hon wedi cau, felly ni chafodd eich pleidlais ei chyfrif."
        )
    finally:
        for client in (console, welsh, english):
            client.close()
