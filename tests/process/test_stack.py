"""The speakers' stack: points of process first, new voices before those who have spoken."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.process import stack


def entry(id, attendee, kind="speak", joined=0.0, bump=0):
    return {"id": id, "attendee_id": attendee, "kind": kind, "joined_at": joined, "bump": bump}


def test_progressive_order_puts_process_first_then_those_who_have_not_spoken():
    waiting = [
        entry(1, attendee=10, joined=1),  # has spoken tonight
        entry(2, attendee=20, joined=2),
        entry(3, attendee=30, kind="clarify", joined=3),
        entry(4, attendee=40, kind="process", joined=4),
    ]
    assert [e["id"] for e in stack.order(waiting, spoken={10})] == [4, 2, 3, 1]


def test_moving_someone_up_puts_them_after_points_of_process_only():
    waiting = [entry(1, 10, joined=1), entry(2, 20, kind="process", joined=2), entry(3, 30, bump=1)]
    assert [e["id"] for e in stack.order(waiting, spoken=set())] == [2, 3, 1]


@pytest.fixture
def people(crowd):
    return crowd(["Ann", "Bob", "Cat", "Dev"])


def test_speaking_tonight_sends_you_behind_new_voices(db, people):
    ann, bob, cat, dev = people
    meeting_id = ann["meeting_id"]
    stack.join(db, ann, "speak")
    assert stack.call_next(db, meeting_id)["name"] == "Ann"
    stack.join(db, ann, "speak")  # Ann again, before Bob
    stack.join(db, bob, "speak")
    stack.join(db, cat, "process")
    assert [e["name"] for e in stack.queue(db, meeting_id)] == ["Cat", "Bob", "Ann"]
    assert stack.my_entry(db, ann)["place"] == 3
    stack.move_up(db, meeting_id, stack.my_entry(db, ann)["id"])
    assert [e["name"] for e in stack.queue(db, meeting_id)] == ["Cat", "Ann", "Bob"]
    stack.remove(db, meeting_id, stack.my_entry(db, bob)["id"])
    assert stack.call_next(db, meeting_id)["name"] == "Cat"
    assert stack.call_next(db, meeting_id)["name"] == "Ann"
    assert stack.call_next(db, meeting_id) is None  # Ann thanked, nobody waiting
    with pytest.raises(Refused, match="Nobody is on the stack"):
        stack.call_next(db, meeting_id)


def test_joining_twice_leaving_and_unknown_kinds(db, people):
    ann = people[0]
    stack.join(db, ann, "clarify")
    with pytest.raises(Refused, match="already on the stack"):
        stack.join(db, ann, "speak")
    stack.leave(db, ann)
    with pytest.raises(Refused, match="not on the stack"):
        stack.leave(db, ann)
    with pytest.raises(Refused, match="point of process"):
        stack.join(db, ann, "shout")
    assert stack.queue(db, ann["meeting_id"]) == []


def test_the_stack_keeper_is_found_by_a_unique_name(db, people):
    meeting_id = people[0]["meeting_id"]
    assert stack.set_keeper(db, meeting_id, "  dev ")["id"] == people[3]["id"]
    with pytest.raises(Refused, match="Nobody has checked in as “Eve”"):
        stack.set_keeper(db, meeting_id, "Eve")
    check_in(db, current_meeting(db), "Ann", True, False)
    with pytest.raises(Refused, match="2 people checked in as “Ann”"):
        stack.set_keeper(db, meeting_id, "Ann")
    assert stack.set_keeper(db, meeting_id, "") is None
