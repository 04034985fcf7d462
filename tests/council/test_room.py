"""Seats in the council's room: alternates by the council's rule, observers, speaking rights on
the stack, and pairing a delegate's phone with the code shown at the greeter's desk.
"""

import pytest
from district import CLOSE

from kiosk.council import agenda, checkin, items, members, pairing, phones, room
from kiosk.council import votes as council_votes
from kiosk.errors import Refused
from kiosk.meeting.meetings import attendance
from kiosk.process import stack


def card(loop, key: str) -> str:
    """Return the QR payload of a mandate's card."""
    return loop["mandates"][key]["payload"]


def close_round(loop) -> dict:
    """Open a round on the published "Close the library" item."""
    district = loop["district"]
    item = next(i for i in agenda.items(district.db, district.meeting) if i["text"] == CLOSE)
    return items.open_round(district.db, district.meeting, item["id"])


def test_an_alternate_shares_the_seat_by_default(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    ada = checkin.check_in(db, meeting, card(loop, "mill"), "delegate")
    cy = checkin.check_in(db, meeting, card(loop, "mill"), "alternate")
    assert cy["seat_id"] == ada["seat_id"] and cy["stood_down_at"] is None
    rnd = close_round(loop)
    council_votes.cast(db, meeting, checkin.checkin(db, meeting, cy["id"]), rnd["id"], "no")


def test_an_alternate_sits_only_while_the_delegate_is_absent(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    room.set_settings(db, "absent_only", own_items=False)
    cy = checkin.check_in(db, meeting, card(loop, "mill"), "alternate")
    rnd = close_round(loop)
    council_votes.cast(db, meeting, checkin.checkin(db, meeting, cy["id"]), rnd["id"], "no")
    checkin.check_in(db, meeting, card(loop, "mill"), "delegate")  # Ada arrives
    seat = checkin.checkin(db, meeting, cy["id"])
    assert seat["stood_down_at"] is not None
    with pytest.raises(Refused, match="Ada Brook arrived at .* holds Mill Lane's seat"):
        council_votes.cast(db, meeting, seat, rnd["id"], "no")
    assert council_votes.for_phone(db, meeting, seat, rnd)["may_vote"] is False
    with pytest.raises(Refused, match="stood down|holds Mill Lane's seat"):
        phones.join_stack(db, meeting, {"checkin": cy["id"]}, "speak")


def test_an_alternate_is_refused_while_the_delegate_is_here(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    room.set_settings(db, "absent_only", own_items=False)
    checkin.check_in(db, meeting, card(loop, "mill"), "co_delegate")
    with pytest.raises(Refused, match="Ben Cole is here for Mill Lane.*only when the delegate"):
        checkin.check_in(db, meeting, card(loop, "mill"), "alternate")


def test_observers_check_in_without_a_card_and_never_vote(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    checkin.check_in(db, meeting, card(loop, "mill"), "delegate")
    watcher = room.observe(db, meeting, "  Gus   Hart ")
    assert watcher["display_name"] == "Gus Hart" and watcher["admitted"] == 0
    assert attendance(db, meeting["id"])["present"] == 1  # seats with a vote, not observers
    rnd = close_round(loop)
    with pytest.raises(Refused, match="Observers do not vote"):
        phones.cast(db, meeting, {"token": watcher["token"]}, rnd["id"], "yes")
    with pytest.raises(Refused, match="Observers sit and listen"):
        phones.join_stack(db, meeting, {"token": watcher["token"]}, "speak")
    assert [o["name"] for o in room.observers(db, meeting["id"])] == ["Gus Hart"]
    with pytest.raises(Refused, match="Give your name"):
        room.observe(db, meeting, "")


def test_speaking_rights_are_enforced_on_the_stack(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    eve = checkin.check_in(db, meeting, card(loop, "hill"), "delegate")  # Hilltop: sit only
    with pytest.raises(Refused, match="may sit and listen.*cannot join the stack"):
        phones.join_stack(db, meeting, {"checkin": eve["id"]}, "speak")
    hill = members.member_named(db, "Hilltop")
    members.set_rights(db, meeting, hill["id"], "speak", "Notice was late")
    entry = phones.join_stack(db, meeting, {"checkin": eve["id"]}, "speak")
    assert entry["place"] == 1 and stack.queue(db, meeting["id"])[0]["name"] == "Hilltop"


def test_the_desk_pairs_a_phone_with_a_short_code(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    ada = checkin.check_in(db, meeting, card(loop, "mill"), "delegate")
    made = pairing.make_code(db, meeting, ada["id"])
    assert len(made["code"]) == 6 and made["code"].isdigit()
    assert pairing.redeem(db, meeting, made["spaced"])["name"] == "Ada Brook"
    with pytest.raises(Refused, match="does not match"):
        pairing.redeem(db, meeting, made["code"])  # used once
    late = pairing.make_code(db, meeting, ada["id"])
    with pytest.raises(Refused, match="does not match"):
        pairing.redeem(db, meeting, late["code"], now=late["expires_at"] + 1)


def test_guessing_pairing_codes_is_slowed_down(loop):
    district = loop["district"]
    db, meeting = district.db, district.meeting
    ada = checkin.check_in(db, meeting, card(loop, "mill"), "delegate")
    real = pairing.make_code(db, meeting, ada["id"])["code"]
    wrong = [f"{n:06d}" for n in range(1000) if f"{n:06d}" != real][: pairing.TRIES]
    for guess in wrong:
        with pytest.raises(Refused, match="does not match"):
            pairing.redeem(db, meeting, guess)
    with pytest.raises(Refused, match="Too many wrong codes"):
        pairing.redeem(db, meeting, real)
