"""Meetings and check-in, on an in-memory database."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting.meetings import (
    attendance,
    attendee_by_token,
    check_in,
    create_meeting,
    current_meeting,
    get_meeting,
)
from kiosk.trust import identity


def test_current_meeting_starts_one_when_none_is_running(db):
    meeting = current_meeting(db)
    assert len(meeting["code"]) == 4
    assert current_meeting(db)["id"] == meeting["id"]


def test_a_new_meeting_ends_the_running_one(db):
    first = current_meeting(db)
    second = create_meeting(db, "Spring assembly")
    assert get_meeting(db, first["code"])["ended_at"] is not None
    assert current_meeting(db)["code"] == second["code"] != first["code"]
    assert second["title"] == "Spring assembly"


def test_a_meeting_takes_the_assemblys_name_unless_it_has_its_own(db, key):
    identity.ensure_assembly(db, key, identity.DEFAULT_NAME, "")
    assert current_meeting(db)["title"] == "Neighbourhood assembly"
    identity.rename_assembly(db, "Elm Street Assembly", "Elm Street")
    assert current_meeting(db)["title"] == "Elm Street Assembly"  # the running one follows
    identity.rename_assembly(db, "Elm and Oak Assembly", "")
    assert current_meeting(db)["title"] == "Elm and Oak Assembly"
    assert create_meeting(db)["title"] == "Elm and Oak Assembly"  # and so does the next
    create_meeting(db, "Spring assembly")
    identity.rename_assembly(db, "Oak Assembly", "")
    assert current_meeting(db)["title"] == "Spring assembly"  # a title of its own stays


def test_meeting_codes_are_case_insensitive(db):
    meeting = current_meeting(db)
    assert get_meeting(db, meeting["code"].lower())["id"] == meeting["id"]


def test_unknown_code_is_refused_in_plain_words(db):
    with pytest.raises(Refused, match="no meeting with the code “ZZZZ”") as refusal:
        get_meeting(db, "zzzz")
    assert refusal.value.status == 404


def test_check_in_records_the_three_answers_and_counts_them(db):
    meeting = current_meeting(db)
    sam = check_in(db, meeting, "  Sam   Jones ", resident=True, first_time=True)
    check_in(db, meeting, "", resident=False, first_time=False)
    assert sam["display_name"] == "Sam Jones"
    assert attendee_by_token(db, meeting, sam["token"])["id"] == sam["id"]
    assert attendance(db, meeting["id"]) == {
        "present": 2,
        "with_phones": 2,
        "without_phones": 0,
        "admitted": 2,
        "residents": 1,
        "first_timers": 1,
    }


def test_a_token_from_another_meeting_is_not_recognised(db):
    old = current_meeting(db)
    sam = check_in(db, old, "Sam", True, False)
    new = create_meeting(db)
    assert attendee_by_token(db, new, sam["token"]) is None


def test_check_in_refuses_a_long_name_and_an_ended_meeting(db):
    meeting = current_meeting(db)
    with pytest.raises(Refused, match="under 60 characters"):
        check_in(db, meeting, "x" * 61, True, True)
    create_meeting(db)
    with pytest.raises(Refused, match="has ended"):
        check_in(db, get_meeting(db, meeting["code"]), "Sam", True, True)
    assert attendance(db, meeting["id"])["present"] == 0
