"""The record kept before and after a meeting: details, outreach, roles, deadlines."""

from datetime import date, datetime

import pytest

from kiosk.errors import Refused
from kiosk.meeting import admission
from kiosk.process import settings as process
from kiosk.records import meeting_record as record


def stored(db, meeting_id: int) -> list[dict]:
    """Return the meeting_details rows as stored."""
    return [
        dict(r)
        for r in db.query("SELECT * FROM meeting_details WHERE meeting_id = ?", [meeting_id])
    ]


def test_details_start_empty_and_the_date_is_the_day_the_meeting_opened(db, meeting):
    found = record.details(db, meeting["id"])
    opened = datetime.fromtimestamp(meeting["created_at"]).date().isoformat()
    assert found == {
        "held_on": None,
        "date": opened,
        "venue": "",
        "access_features": [],
        "notice_on": None,
        "notice_channels": [],
        "residents_without_phones": 0,
        "starts_at": None,
        "childcare": "",
        "results_go_to": "",
        "next_meeting": "",
    }
    assert stored(db, meeting["id"]) == []  # reading writes nothing


def test_details_are_tidied_and_stored(db, meeting):
    found = record.set_details(
        db,
        meeting["id"],
        {
            "held_on": "2026-05-14",
            "venue": "  St Mark's   hall ",
            "access_features": ["Step-free entrance", " ", "Hearing loop", "Step-free entrance"],
            "notice_on": "2026-05-01",
            "notice_channels": ["Library noticeboard"],
            "results_go_to": "The council's housing committee",
        },
    )
    assert found["venue"] == "St Mark's hall"
    assert found["access_features"] == ["Step-free entrance", "Hearing loop"]
    assert (found["held_on"], found["date"], found["notice_on"]) == (
        "2026-05-14",
        "2026-05-14",
        "2026-05-01",
    )
    assert process.settings(db, meeting["id"])["destination"] == "The council's housing committee"
    assert record.meeting_date(db, meeting["id"]) == date(2026, 5, 14)


def test_an_empty_venue_is_allowed(db, meeting):
    record.set_details(db, meeting["id"], {"venue": "Hall"})
    assert record.set_details(db, meeting["id"], {"venue": ""})["venue"] == ""


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"held_on": "14/05/2026"}, "like 2026-05-14"),
        ({"notice_on": "2026-02-30"}, "like 2026-05-14"),
        ({"notice_on": "20260501"}, "like 2026-05-14"),
        ({"notice_on": 20260501}, "like 2026-05-14"),
        ({"held_on": "2026-05-01", "notice_on": "2026-05-02"}, "after the meeting"),
        ({"venue": "x" * 201}, "under 200"),
        ({"venue": 3}, "as words"),
        ({"access_features": "Hearing loop"}, "one per line"),
        ({"access_features": [f"x{n}" for n in range(21)]}, "at most 20"),
        ({"notice_channels": ["y" * 81]}, "under 80"),
        ({"residents_without_phones": 1}, "from 0 to the 0 counted"),
        ({"residents_without_phones": True}, "from 0"),
        ({"results_go_to": "z" * 201}, "under 200"),
        ({"colour": "red"}, "not part of a meeting's record"),
    ],
)
def test_bad_details_are_refused_and_nothing_changes(db, meeting, changes, words):
    record.set_details(db, meeting["id"], {"venue": "Hall", "results_go_to": "Council"})
    before = stored(db, meeting["id"])
    with pytest.raises(Refused, match=words):
        record.set_details(db, meeting["id"], {"venue": "Changed", **changes})
    assert stored(db, meeting["id"]) == before
    assert process.settings(db, meeting["id"])["destination"] == "Council"


def test_residents_without_phones_are_at_most_those_counted(db, meeting):
    admission.set_without_phones(db, meeting, 4)
    assert (
        record.set_details(db, meeting["id"], {"residents_without_phones": 4})[
            "residents_without_phones"
        ]
        == 4
    )
    with pytest.raises(Refused, match="from 0 to the 4 counted"):
        record.set_details(db, meeting["id"], {"residents_without_phones": 5})


def test_the_outreach_log_keeps_date_kind_detail_and_languages(db, meeting):
    record.add_outreach(db, meeting["id"], "2026-05-03", "door_knocking", "Elm St", [])
    first = record.add_outreach(
        db, meeting["id"], "2026-05-01", "leaflets", "400 leaflets", ["English", " Polish "]
    )
    assert first == {
        "id": first["id"],
        "date": "2026-05-01",
        "kind": "leaflets",
        "label": "Leaflets",
        "detail": "400 leaflets",
        "languages": ["English", "Polish"],
    }
    assert [o["kind"] for o in record.outreach(db, meeting["id"])] == ["leaflets", "door_knocking"]
    record.remove_outreach(db, meeting["id"], first["id"])
    assert len(record.outreach(db, meeting["id"])) == 1
    with pytest.raises(Refused, match="not logged"):
        record.remove_outreach(db, meeting["id"], first["id"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("", "leaflets", "", []), "Say when"),
        (("2026-5-1", "leaflets", "", []), "like 2026-05-14"),
        (("2026-05-01", "carrier pigeon", "", []), "kind of outreach"),
        (("2026-05-01", "other", " ", []), "what the other outreach was"),
        (("2026-05-01", "posters", "p" * 201, []), "under 200"),
        (("2026-05-01", "posters", "", "English"), "one per line"),
    ],
)
def test_bad_outreach_is_refused(db, meeting, args, words):
    with pytest.raises(Refused, match=words):
        record.add_outreach(db, meeting["id"], *args)
    assert record.outreach(db, meeting["id"]) == []


def test_roles_are_recorded_with_an_optional_gender(db, meeting):
    held = record.add_role(db, meeting["id"], "facilitator", "  Dana  ", "woman")
    assert held == {
        "id": held["id"],
        "key": "facilitator",
        "role": "Facilitator",
        "name": "Dana",
        "gender": "woman",
    }
    record.add_role(db, meeting["id"], "greeter", "Sam", "")
    with pytest.raises(Refused, match="already recorded"):
        record.add_role(db, meeting["id"], "facilitator", "Dana", "")
    for args, words in [
        (("juggler", "Jo", ""), "Choose a role"),
        (("greeter", "", ""), "greeter's name"),
        (("greeter", "Jo", "robot"), "gender option"),
        (("greeter", "J" * 81, ""), "under 80"),
    ]:
        with pytest.raises(Refused, match=words):
            record.add_role(db, meeting["id"], *args)
    assert [r["name"] for r in record.roles(db, meeting["id"])] == ["Dana", "Sam"]
    record.remove_role(db, meeting["id"], held["id"])
    with pytest.raises(Refused, match="not recorded"):
        record.remove_role(db, meeting["id"], held["id"])


def test_roles_the_kiosk_knows_fill_in_what_was_not_recorded(db, meeting):
    from kiosk.meeting.meetings import check_in

    keeper = check_in(db, meeting, "Kay", True, False)
    process.update_settings(db, meeting["id"], stack_keeper_id=keeper["id"])
    record.add_role(db, meeting["id"], "facilitator", "Dana", "woman")
    assert [
        (r["id"] is None, r["key"], r["name"]) for r in record.roles_held(db, meeting["id"])
    ] == [
        (False, "facilitator", "Dana"),
        (True, "stack_keeper", "Kay"),
    ]


def test_actions_take_a_deadline(db, meeting):
    action = process.add_action(db, meeting["id"], "Write to the library", "Dana")
    record.set_deadline(db, meeting["id"], action["id"], "2026-06-01")
    assert record.actions(db, meeting["id"]) == [
        {
            "id": action["id"],
            "what": "Write to the library",
            "owner": "Dana",
            "deadline": "2026-06-01",
        }
    ]
    with pytest.raises(Refused, match="like 2026-05-14"):
        record.set_deadline(db, meeting["id"], action["id"], "next week")
    record.set_deadline(db, meeting["id"], action["id"], "")
    assert record.actions(db, meeting["id"])[0]["deadline"] is None
    with pytest.raises(Refused, match="not part of this meeting"):
        record.set_deadline(db, meeting["id"], 999, "2026-06-01")
