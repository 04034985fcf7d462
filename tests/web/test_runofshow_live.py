"""Socket.IO for the run of show: moving on moves every phone, the pre-flight, the reasons
the console sees (and the projector never), questions from the floor and the word cloud."""

import pytest
from helpers import events, last, ok, refused


@pytest.fixture
def phones(phone):
    """Return a function making n checked-in phones' sockets."""

    def make(n: int):
        return [phone(f"P{i}")[1] for i in range(n)]

    return make


def test_moving_past_the_harvest_ends_breakouts_on_every_phone(console, projector, phones, code):
    crowd = phones(4)
    ok(console, "agenda_template")
    for _ in range(4):
        ok(console, "agenda_go", {})
    ok(console, "breakouts_start", {"mode": "random", "size": 2, "minutes": 20})
    mine = ok(crowd[0], "process_sync", {"code": code})["process"]
    assert mine["group"] is not None and mine["breakout"]["running"]
    ok(console, "agenda_go", {})  # the harvest: the groups carry on
    assert last(crowd[0], "process")["breakout"]["running"] is True
    ok(console, "agenda_go", {})  # proposals: they end, and so does their timer
    told = last(crowd[0], "process")
    assert told["breakout"]["running"] is False and "breakouts" not in told["timers"]
    shown = last(projector, "process")
    assert shown["scene"] == "proposals" and shown["breakout"]["running"] is False
    assert ok(crowd[0], "process_sync", {"code": code})["process"]["group"] is None


def test_the_question_reaches_phones_once_its_stage_began(console, phones, code):
    (phone,) = phones(1)
    ok(console, "agenda_template")
    ok(console, "agenda_go", {})
    assert last(phone, "process")["question"] is None
    ok(console, "agenda_go", {})
    ok(console, "agenda_go", {})
    assert last(phone, "process")["question"] == {
        "title": "Tonight's question",
        "text": "What would make our neighbourhood a better home?",
    }


def test_the_chime_is_off_until_the_facilitator_wants_it(console, projector):
    assert ok(projector, "hello", {"role": "projector"})["snapshot"]["process"]["chime"] is False
    ok(console, "process_set", {"chime": True})
    assert last(projector, "process")["chime"] is True


def test_the_preflight_confirms_the_clock_and_sees_the_projector(console, client, connect):
    preflight = ok(console, "hello", {"role": "facilitator"})["snapshot"]["process"]["preflight"]
    assert preflight["clock_confirmed_at"] is None and preflight["projector_opened_at"] is None
    assert ok(console, "clock_confirm")["preflight"]["clock_confirmed_at"] is not None
    connect(client, "projector")
    seen = last(console, "process")["preflight"]
    assert seen["projector_opened_at"] is not None and seen["clock_confirmed_at"] is not None


def test_reasons_reach_the_console_without_names_and_never_the_projector(
    console, projector, phones, code
):
    crowd = phones(3)
    opened = ok(console, "open_round", {"text": "Plant trees", "kind": "consent"})["round"]
    assert opened["purpose"] == "proposal" and opened["opened_at"]
    blocked = {"choice": "block", "reason": "It blocks the only step-free route."}
    ok(crowd[0], "vote", {"code": code, "round_id": opened["id"], **blocked})
    ok(crowd[1], "vote", {"code": code, "round_id": opened["id"], "choice": "agree"})
    heard = last(console, "counts")["round"]
    assert heard["reasons"] == [
        {"choice": "block", "reason": "It blocks the only step-free route."}
    ]
    assert "reasons" not in last(projector, "counts")["round"]
    again = ok(console, "hello", {"role": "facilitator"})["snapshot"]["round"]
    assert again["reasons"] == heard["reasons"]
    assert "reasons" not in ok(projector, "hello", {"role": "projector"})["snapshot"]["round"]


def test_questions_stay_with_the_facilitator_until_released(console, projector, phones, code):
    asker, voter = phones(2)
    asked = ok(asker, "question_ask", {"code": code, "text": "Who waters the garden?"})
    question_id = asked["question"]["id"]
    assert last(projector, "process")["floor"]["questions"] == []
    waiting = last(console, "process")["floor"]["questions"]
    assert waiting == [
        {"id": question_id, "text": "Who waters the garden?", "upvotes": 0, "released": False}
    ]
    assert events(voter, "process") == []  # nobody else heard of it
    assert "not open for upvotes" in refused(
        voter, "question_upvote", {"code": code, "question_id": question_id}
    )
    assert refused(asker, "question_moderate", {"question_id": question_id, "action": "release"})

    ok(console, "question_moderate", {"question_id": question_id, "action": "release"})
    assert last(voter, "process")["floor"]["released"][0]["text"] == "Who waters the garden?"
    voted = ok(voter, "question_upvote", {"code": code, "question_id": question_id})
    assert voted["upvote"] == {"id": question_id, "upvoted": True, "upvotes": 1}
    assert last(projector, "process")["floor"]["questions"][0]["upvotes"] == 1
    mine = ok(voter, "process_sync", {"code": code})["process"]["my_floor"]
    assert mine["upvoted"] == [question_id]


def test_the_word_cloud_shows_only_when_the_facilitator_shows_it(console, projector, phones, code):
    crowd = phones(3)
    ok(console, "words_ask", {"text": "In one word: this place?"})
    assert last(crowd[0], "process")["floor"]["prompt"]["text"] == "In one word: this place?"
    for sock, word in zip(crowd, ["Green", "green", "rude"], strict=True):
        ok(sock, "word_send", {"code": code, "word": word})
    assert "One word, please" in refused(crowd[0], "word_send", {"code": code, "word": "two words"})
    assert last(projector, "process")["floor"]["cloud"] is None
    ok(console, "words_set", {"action": "hide", "word": "rude"})
    ok(console, "words_set", {"action": "show"})
    shown = last(projector, "process")
    assert shown["scene"] == "words"
    assert shown["floor"]["cloud"]["words"] == [{"word": "green", "count": 2}]
