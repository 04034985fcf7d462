"""Socket.IO events of the process: who may send them, what they store, who hears about it."""

import pytest
from helpers import events, ok, rows


@pytest.fixture
def phones(phone, code):
    """Return a function making n checked-in phones' sockets."""

    def make(n: int):
        return [phone(f"P{i}")[1] for i in range(n)]

    return make


def sync(sock, code):
    """A phone asks for its part of the process (and joins its group's room)."""
    return ok(sock, "process_sync", {"code": code})["process"]


def test_the_template_drives_scenes_and_timers_on_every_page(console, projector, phones, code):
    (phone,) = phones(1)
    ok(console, "agenda_template")
    agenda = events(console, "process")[-1]["agenda"]
    assert [i["kind"] for i in agenda][:3] == ["welcome", "agreements", "question"]
    ok(console, "agenda_go", {})
    ok(console, "agenda_go", {})
    shown = events(projector, "process")[-1]
    assert shown["scene"] == "agreements" and shown["item"]["title"] == "Our agreements"
    assert shown["timers"]["item"]["duration"] == 5 * 60
    assert events(phone, "process")[-1]["item"] == {"kind": "agreements", "title": "Our agreements"}
    ok(console, "scene_show", {"scene": "close"})
    assert events(projector, "process")[-1]["scene"] == "close"
    ok(console, "process_set", {"theme": "meadow", "destination": "Town hall, 3 June"})
    assert events(projector, "process")[-1]["theme"] == "meadow"
    record = events(console, "process")[-1]
    assert [s["kind"] for s in record["stamps"]] == ["welcome", "agreements"]
    done = {c["key"] for c in record["checklist"] if c["done"]}
    assert done == {"hand_signals", "inclusivity", "destination"}


def test_timers_reach_every_page_and_a_reconnecting_page_gets_the_time_left(
    console, projector, phones, client, connect, code
):
    (phone,) = phones(1)
    started = ok(console, "timer", {"kind": "breakouts", "action": "start", "minutes": 20})
    assert started["timer"]["remaining"] == pytest.approx(1200, abs=2)
    ok(console, "timer", {"kind": "breakouts", "action": "pause"})
    ok(console, "timer", {"kind": "breakouts", "action": "add_minute"})
    pushed = events(phone, "timer")[-1]["timer"]
    assert pushed["paused"] and pushed["remaining"] == pytest.approx(1260, abs=2)
    assert "now" in pushed
    again = connect(client).emit("hello", {"role": "projector"}, callback=True)
    timer = again["snapshot"]["process"]["timers"]["breakouts"]
    assert timer["paused"] and timer["remaining"] == pytest.approx(1260, abs=2)
    stopped = ok(console, "timer", {"kind": "breakouts", "action": "stop"})
    assert stopped["timer"] is None and events(projector, "timer")[-1]["timer"] is None


def test_a_breakout_from_groups_to_harvest(app, console, projector, phones, code):
    phones = phones(8)
    ok(console, "breakouts_start", {"mode": "count_off", "size": 4, "minutes": 20})
    mine = [sync(p, code)["group"] for p in phones]
    assert [g["name"] for g in mine] == ["Otter", "Badger"] * 4
    otters = [p for p, g in zip(phones, mine, strict=True) if g["name"] == "Otter"]
    taker, member = otters[0], otters[1]
    ok(taker, "volunteer", {"code": code, "role": "note_taker"})
    assert events(member, "group")[-1]["note_taker_id"] is not None  # the group's room hears
    assert events(phones[1], "group") == []  # a Badger does not
    refused = member.emit(
        "point_add", {"code": code, "text": "Hi", "agreement": "all"}, callback=True
    )
    assert refused == {"ok": False, "error": "Only Group Otter's note-taker can send its points."}
    for n in range(5):
        ok(taker, "point_add", {"code": code, "text": f"Point {n}", "agreement": "most"})
    sixth = taker.emit(
        "point_add", {"code": code, "text": "Six", "agreement": "all"}, callback=True
    )
    assert sixth["ok"] is False and "at most 5 points" in sixth["error"]
    group = events(member, "group")[-1]
    assert [p["text"] for p in group["points"]] == [f"Point {n}" for n in range(5)]
    ok(member, "read_back_confirm", {"code": code})
    harvest = events(projector, "process")[-1]["harvest"]
    otter = next(g for g in harvest["groups"] if g["name"] == "Otter")
    assert len(otter["points"]) == 5 and otter["read_back"]
    cluster = ok(console, "cluster_add", {"title": "Play"})["cluster"]
    point_id = otter["points"][0]["id"]
    ok(console, "cluster_point", {"point_id": point_id, "cluster_id": cluster["id"]})
    assert rows(app, "SELECT cluster_id FROM harvest_points WHERE id = 1") == [
        {"cluster_id": cluster["id"]}
    ]
    assert events(projector, "process")[-1]["harvest"]["clusters"][0]["title"] == "Play"


def test_a_late_arrival_joins_the_smallest_group(console, phones, phone, code):
    phones = phones(5)
    ok(console, "breakouts_start", {"mode": "count_off", "size": 3})
    for p in phones:
        sync(p, code)
    _, late = phone("Late")
    assert sync(late, code)["group"]["name"] == "Badger"  # 3 Otters, 2 Badgers


def test_the_stack_in_progressive_order_with_a_speaker_timer(console, projector, phones, code):
    ann, bob, cat = phones(3)
    ok(ann, "stack_join", {"code": code, "kind": "speak"})
    ok(console, "stack_call")
    shown = events(projector, "process")[-1]
    assert shown["stack"]["speaker"]["name"] == "P0"
    assert shown["timers"]["speaker"]["label"] == "P0"
    ok(ann, "stack_join", {"code": code, "kind": "speak"})
    ok(bob, "stack_join", {"code": code, "kind": "speak"})
    joined = ok(cat, "stack_join", {"code": code, "kind": "process"})
    assert joined["my_stack"]["place"] == 1
    queue = events(projector, "process")[-1]["stack"]["queue"]
    assert [e["name"] for e in queue] == ["P2", "P1", "P0"]
    refused = bob.emit("stack_call", {"code": code}, callback=True)
    assert refused == {
        "ok": False,
        "error": "Only the facilitator or the stack-keeper can do that.",
    }
    ok(console, "stack_keeper", {"name": "P1"})
    ok(bob, "stack_call", {"code": code})
    assert events(projector, "process")[-1]["stack"]["speaker"]["name"] == "P2"


def test_signals_are_rate_limited_and_reach_only_the_big_screens(console, projector, phones, code):
    a, b = phones(2)
    for _ in range(5):
        ok(a, "signal", {"code": code, "kind": "agree"})
    flood = a.emit("signal", {"code": code, "kind": "agree"}, callback=True)
    assert flood["ok"] is False and "few seconds" in flood["error"]
    ok(b, "signal", {"code": code, "kind": "cant_hear"})
    latest = events(console, "signals")[-1]
    assert latest["counts"]["agree"] == 5 and latest["counts"]["cant_hear"] == 1
    assert events(projector, "signals")
    assert events(b, "signals") == []


FACILITATOR_EVENTS = [
    ("agenda_template", {}),
    ("agenda_add", {"kind": "welcome", "title": "Hi", "minutes": 5}),
    ("agenda_go", {}),
    ("scene_show", {"scene": "close"}),
    ("process_set", {"theme": "meadow"}),
    ("timer", {"kind": "item", "action": "start", "minutes": 5}),
    ("breakouts_start", {"mode": "random", "size": 7}),
    ("breakout_themes", {"themes": ["Health"]}),
    ("energiser_add", {"key": "wave"}),
    ("checklist_tick", {"key": "hand_signals"}),
    ("action_add", {"text": "Print flyers", "owner": "Sam"}),
    ("cluster_add", {"title": "Play"}),
    ("stack_keeper", {"name": "P0"}),
]


@pytest.mark.parametrize("event, payload", FACILITATOR_EVENTS)
def test_phones_and_projector_cannot_run_the_process(app, phones, projector, code, event, payload):
    (phone,) = phones(1)
    for sock in (phone, projector):
        reply = sock.emit(event, {**payload, "code": code}, callback=True)
        assert reply == {"ok": False, "error": "Only the facilitator can do that."}
    for table in (
        "agenda_items",
        "timers",
        "breakouts",
        "breakout_themes",
        "close_actions",
        "checklist_ticks",
        "harvest_clusters",
    ):
        assert rows(app, f"SELECT COUNT(*) AS n FROM {table}") == [{"n": 0}]
    assert rows(app, "SELECT COUNT(*) AS n FROM process WHERE theme != 'dusk'") == [{"n": 0}]


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"mode": "random", "size": 0}, "between 2 and 30"),
        ({"mode": "random", "size": 1000}, "between 2 and 30"),
        ({"mode": "random", "size": "7"}, "not understood"),
    ],
)
def test_bad_breakouts_are_refused_and_change_nothing(app, console, phones, payload, message):
    phones(2)
    reply = console.emit("breakouts_start", payload, callback=True)
    assert reply["ok"] is False and message in reply["error"]
    assert rows(app, "SELECT COUNT(*) AS n FROM breakouts") == [{"n": 0}]


def test_breakouts_with_nobody_checked_in_are_refused(app, console):
    reply = console.emit("breakouts_start", {"mode": "random", "size": 7}, callback=True)
    assert reply == {
        "ok": False,
        "error": "Nobody has checked in yet, so there is nobody to put in groups.",
    }
    assert rows(app, "SELECT COUNT(*) AS n FROM breakouts") == [{"n": 0}]


@pytest.mark.parametrize("title", ["", "   ", "x" * 100_000])
def test_empty_or_huge_titles_are_refused(app, console, title):
    reply = console.emit(
        "agenda_add", {"kind": "welcome", "title": title, "minutes": 5}, callback=True
    )
    assert reply["ok"] is False and reply["error"]
    assert rows(app, "SELECT COUNT(*) AS n FROM agenda_items") == [{"n": 0}]


def test_timer_actions_from_a_phone_are_refused(app, phones, code):
    (phone,) = phones(1)
    for action in ("start", "pause", "resume", "add_minute", "stop"):
        reply = phone.emit(
            "timer", {"code": code, "kind": "item", "action": action, "minutes": 1}, callback=True
        )
        assert reply == {"ok": False, "error": "Only the facilitator can do that."}
    assert rows(app, "SELECT COUNT(*) AS n FROM timers") == [{"n": 0}]
