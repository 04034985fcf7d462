"""Socket.IO for deciding: round set-up, hidden results, hand counts, amendments, the desk."""

import pytest
from helpers import last, rows

WORDS = "Ask the council for a zebra crossing on Mill Lane."


def test_hidden_results_reach_the_projector_only_at_close(console, projector, phone, code):
    _, sock = phone()
    reply = console.emit(
        "open_round",
        {
            "text": WORDS,
            "stage": "final",
            "kind": "vote",
            "rule": "majority",
            "visibility": "secret",
            "hide_results": True,
        },
        callback=True,
    )
    rnd = reply["round"]
    assert rnd["hidden"] and rnd["counts"] is None and rnd["visibility"] == "secret"
    projector.get_received()
    assert sock.emit("vote", {"code": code, "round_id": rnd["id"], "choice": "yes"}, callback=True)[
        "vote"
    ] == {"round_id": rnd["id"], "secret": True}
    update = last(projector, "counts")
    assert update["round"]["counts"] is None and update["round"]["responded"] == 1
    # Secret: not even the console sees a count move as a neighbour taps.
    assert last(console, "counts")["round"]["counts"] is None
    console.emit("close_round", {"round_id": rnd["id"]}, callback=True)
    closed = last(projector, "round")
    assert closed["counts"] == {"yes": 1, "no": 0, "abstain": 0}
    assert closed["explanation"] == "Passed: 1 yes to 0 no, a simple majority."


def test_a_secret_round_is_always_hidden_and_a_counted_hidden_one_shows_the_console(
    console, projector, phone, code
):
    _, sock = phone()
    secret = console.emit(
        "open_round",
        {"text": WORDS, "stage": "final", "kind": "vote", "visibility": "secret"},
        callback=True,
    )["round"]
    assert secret["hidden"] is True  # secret implies hidden, asked or not
    console.emit("close_round", {"round_id": secret["id"]}, callback=True)
    counted = console.emit(
        "open_round",
        {"text": WORDS, "stage": "final", "kind": "vote", "hide_results": True},
        callback=True,
    )["round"]
    console.get_received()
    sock.emit("vote", {"code": code, "round_id": counted["id"], "choice": "no"}, callback=True)
    assert last(projector, "counts")["round"]["counts"] is None
    assert last(console, "counts")["round"]["counts"]["no"] == 1  # the facilitator may look


def test_a_secret_ballot_cannot_be_cast_twice_from_a_second_tab(app, console, phone, connect, code):
    http, sock = phone()
    rnd = console.emit(
        "open_round",
        {"text": WORDS, "stage": "final", "kind": "vote", "visibility": "secret"},
        callback=True,
    )["round"]
    sock.emit("vote", {"code": code, "round_id": rnd["id"], "choice": "yes"}, callback=True)
    second_tab = connect(http, "phone", code)
    reply = second_tab.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "no"}, callback=True
    )
    assert reply == {
        "ok": False,
        "error": "You have already voted in this secret ballot; it cannot be changed.",
    }
    assert rows(app, "SELECT choice, n FROM ballot_counts") == [{"choice": "yes", "n": 1}]


def test_a_forged_cookie_is_not_an_attendee(app, client, console, connect, code):
    rnd = console.emit("open_round", {"text": WORDS}, callback=True)["round"]
    client.set_cookie("session", "eyJjb2RlIjoiWFhYWCIsInRva2VuIjoiZm9yZ2VkIn0.forged.sig")
    reply = connect(client).emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "agree"}, callback=True
    )
    assert reply["ok"] is False and "check in" in reply["error"]
    assert rows(app, "SELECT * FROM votes") == []


def test_hand_counts_over_the_socket(app, console, projector, phone, code):
    _, sock = phone()
    rnd = console.emit(
        "open_round", {"text": WORDS, "stage": "final", "kind": "vote"}, callback=True
    )["round"]
    sock.emit("vote", {"code": code, "round_id": rnd["id"], "choice": "no"}, callback=True)
    bad = console.emit(
        "hand_count",
        {"round_id": rnd["id"], "source": "hands", "counts": {"yes": 3}},
        callback=True,
    )
    assert bad["ok"] is False and "only 1 people are recorded as present" in bad["error"]
    console.get_received()
    desk = console.emit("without_phones", {"count": 3}, callback=True)
    assert desk["desk"]["attendance"]["present"] == 4
    good = console.emit(
        "hand_count",
        {"round_id": rnd["id"], "source": "hands", "counts": {"yes": 3}},
        callback=True,
    )
    assert good["round"]["counts"] == {"yes": 3, "no": 1, "abstain": 0}
    assert good["round"]["sources"] == {"phones": {"no": 1}, "hands": {"yes": 3}}
    assert last(projector, "counts")["round"]["counts"]["yes"] == 3


def test_approval_round_over_the_socket(console, phone, code):
    _, sock = phone()
    _, other = phone()
    rnd = console.emit(
        "open_round",
        {
            "text": "Which projects this year?",
            "stage": "runoff",
            "kind": "approval",
            "options": ["Garden", "Mural", "Bench"],
            "max_choices": 2,
        },
        callback=True,
    )["round"]
    assert [o["label"] for o in rnd["options"]] == ["Garden", "Mural", "Bench"]
    too_many = sock.emit(
        "vote",
        {"code": code, "round_id": rnd["id"], "choice": ["Garden", "Mural", "Bench"]},
        callback=True,
    )
    assert too_many == {"ok": False, "error": "Pick at most 2."}
    ok = sock.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": ["Garden", "Bench"]}, callback=True
    )
    assert ok["vote"]["choice"] == ["Garden", "Bench"]
    other.emit("vote", {"code": code, "round_id": rnd["id"], "choice": ["Garden"]}, callback=True)
    closed = console.emit("close_round", {"round_id": rnd["id"]}, callback=True)["round"]
    assert closed["winners"] == ["Garden"]


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (
            {"kind": "vote", "rule": "fallback_75", "settings": {"threshold_percent": 150}},
            "at most 100%",
        ),
        (
            {"kind": "vote", "rule": "fallback_75", "settings": {"threshold_percent": 0}},
            "more than 0%",
        ),
        ({"kind": "vote", "settings": {"sneaky": 1}}, "do not belong"),
        ({"kind": "ranked", "stage": "runoff", "options": ["One"]}, "between 2 and 20"),
        ({"kind": "ranked", "stage": "runoff", "options": ["A", "A"]}, "must be different"),
        ({"visibility": "whispered"}, "open, counted or secret"),
        ({"stage": "party"}, "stage does not exist"),
    ],
)
def test_bad_round_set_ups_are_refused_and_nothing_opens(app, console, payload, error):
    reply = console.emit("open_round", {"text": WORDS, **payload}, callback=True)
    assert reply["ok"] is False and error in reply["error"]
    assert rows(app, "SELECT * FROM rounds") == []


def test_amendments_over_the_socket(console):
    rnd = console.emit("open_round", {"text": WORDS, "stage": "temperature"}, callback=True)[
        "round"
    ]
    console.emit("close_round", {"round_id": rnd["id"]}, callback=True)
    reply = console.emit(
        "propose_amendment",
        {
            "proposal_id": rnd["proposal_id"],
            "text": WORDS + " And a speed bump.",
            "proposed_by": "",
        },
        callback=True,
    )
    assert reply["amendment"]["proposed_by"] == "from the floor"
    taken = console.emit(
        "decide_amendment", {"amendment_id": reply["amendment"]["id"], "taken": True}, callback=True
    )
    assert [v["text"] for v in taken["wording"]["versions"]][-1].endswith("speed bump.")


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("hand_count", {"round_id": 1, "source": "hands", "counts": {"agree": 1}}),
        ("propose_amendment", {"proposal_id": 1, "text": "x", "proposed_by": ""}),
        ("decide_amendment", {"amendment_id": 1, "taken": True}),
        ("set_voting_mode", {"mode": "slips"}),
        ("admit", {"attendee_id": 1}),
        ("without_phones", {"count": 5}),
    ],
)
def test_phones_and_projector_cannot_use_facilitator_or_desk_events(
    app, phone, projector, event, payload
):
    _, sock = phone()
    for client in (sock, projector):
        reply = client.emit(event, payload, callback=True)
        assert reply["ok"] is False
        assert reply["error"].startswith("Only the")
    assert rows(app, "SELECT voting_mode, present_without_phones FROM meetings") == [
        {"voting_mode": "open", "present_without_phones": 0}
    ]


def test_the_desk_admits_a_phone_and_the_phone_is_told(app, client, console, phone, connect, code):
    assert console.emit("set_voting_mode", {"mode": "desk"}, callback=True)["ok"]
    _, sock = phone("Nell")
    hello = sock.emit("hello", {"role": "phone", "code": code}, callback=True)
    me = hello["snapshot"]["me"]
    assert me["admitted"] is False
    greeter = app.test_client()
    greeter.get(f"/desk?key={app.config['GREETER_KEY']}")
    desk = connect(greeter, "desk")
    waiting = desk.emit("hello", {"role": "desk"}, callback=True)["snapshot"]["waiting"]
    assert waiting == [{"id": me["number"], "display_name": "Nell"}]
    reply = desk.emit("admit", {"attendee_id": me["number"]}, callback=True)
    assert reply["desk"]["waiting"] == []
    assert last(sock, "admitted") == {"admitted": True}
    assert desk.emit("set_voting_mode", {"mode": "open"}, callback=True)["ok"] is False
