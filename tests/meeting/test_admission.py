"""One person, one vote: open, desk and slip modes, and people without phones."""

import pytest

from kiosk.decisions.rounds import cast_vote, open_round, tally
from kiosk.errors import Refused
from kiosk.meeting.admission import (
    admit,
    make_slips,
    redeem_slip,
    set_mode,
    set_without_phones,
    slip_counts,
    waiting,
)
from kiosk.meeting.meetings import attendance, check_in, get_meeting


def mode(db, meeting, name):
    """Switch the meeting's mode and return the fresh meeting row."""
    set_mode(db, meeting, name)
    return get_meeting(db, meeting["code"])


def test_open_mode_admits_every_phone_at_check_in(db, meeting):
    assert check_in(db, meeting, "A", True, True)["admitted"] == 1


def test_desk_mode_needs_the_greeter_before_voting(db, meeting):
    meeting = mode(db, meeting, "desk")
    person = check_in(db, meeting, "Ann", True, False)
    rnd = open_round(db, meeting, "Plant trees")
    with pytest.raises(Refused, match=f"Show number {person['id']} at the desk"):
        cast_vote(db, person, rnd["id"], "agree")
    assert waiting(db, meeting["id"]) == [{"id": person["id"], "display_name": "Ann"}]
    admitted = admit(db, meeting, person["id"])
    cast_vote(db, admitted, rnd["id"], "agree")
    assert tally(db, rnd["id"])["agree"] == 1 and waiting(db, meeting["id"]) == []


def test_slips_work_once_and_are_stored_only_as_hashes(db, meeting):
    meeting = mode(db, meeting, "slips")
    codes = make_slips(db, meeting, 3)
    assert len(set(codes)) == 3
    stored = [r["code_hash"] for r in db.query("SELECT code_hash FROM slips")]
    assert not set(codes) & set(stored)
    first = check_in(db, meeting, "", True, False)
    assert redeem_slip(db, first, codes[0].lower()[:5] + "-" + codes[0][5:])["admitted"] == 1
    # A cleared cookie is a new phone: it must redeem a slip again, and a used one fails.
    again = check_in(db, meeting, "", True, False)
    with pytest.raises(Refused, match="does not work"):
        redeem_slip(db, again, codes[0])
    with pytest.raises(Refused, match="does not work"):
        redeem_slip(db, again, "NOTASLIP")
    assert slip_counts(db, meeting["id"]) == {"printed": 3, "redeemed": 1}
    rnd = open_round(db, meeting, "Plant trees")
    with pytest.raises(Refused, match="admission slip"):
        cast_vote(db, again, rnd["id"], "agree")


def test_slips_from_another_meeting_do_not_work(db, meeting):
    codes = make_slips(db, mode(db, meeting, "slips"), 1)
    from kiosk.meeting.meetings import create_meeting

    other = mode(db, create_meeting(db), "slips")
    person = check_in(db, other, "", True, False)
    with pytest.raises(Refused, match="does not work"):
        redeem_slip(db, person, codes[0])


def test_changing_mode_means_everyone_is_admitted_again(db, meeting):
    person = check_in(db, meeting, "A", True, True)
    assert person["admitted"] == 1
    mode(db, meeting, "desk")
    assert attendance(db, meeting["id"])["admitted"] == 0
    mode(db, meeting, "open")
    assert attendance(db, meeting["id"])["admitted"] == 1


@pytest.mark.parametrize("bad", [0, 1001, -3])
def test_slip_batches_are_bounded(db, meeting, bad):
    with pytest.raises(Refused, match="between 1 and 1000"):
        make_slips(db, meeting, bad)


def test_people_without_phones_are_counted_present(db, meeting):
    check_in(db, meeting, "A", True, True)
    set_without_phones(db, meeting, 12)
    assert attendance(db, meeting["id"])["present"] == 13
    with pytest.raises(Refused, match="0 or more"):
        set_without_phones(db, meeting, -1)
    with pytest.raises(Refused):
        set_mode(db, meeting, "lottery")
