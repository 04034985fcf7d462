"""Privacy: the notice, erasing one attendee with every count kept, retention, a person's data."""

import json
from datetime import date, timedelta

import pytest

from kiosk.decisions import ballots
from kiosk.decisions.rounds import cast_vote, close_round, get_round, open_round
from kiosk.errors import Refused
from kiosk.meeting import residency
from kiosk.meeting.meetings import check_in, create_meeting
from kiosk.records import legitimacy, minutes, privacy
from kiosk.records import meeting_record as record
from kiosk.trust import identity

SETTINGS = {"LEGITIMACY_RESIDENTS": 2, "NOTICE_DAYS": 7, "LEGITIMACY_WINDOW": 3}


@pytest.fixture
def evening(db, meeting, key):
    """A meeting with an area, postcodes, needs, a note and an open round with reasons."""
    identity.ensure_assembly(db, key, "Riverside Assembly", "Fallowfield")
    residency.set_area(db, ["M14 5", "M14 6"])
    people = [
        check_in(db, meeting, "Amira Khan", False, True, postcode="M14 5AB", needs=["bsl"]),
        check_in(
            db,
            meeting,
            "Bo",
            False,
            False,
            postcode="M14 6CD",
            needs=["step_free", "childcare"],
            access_note="Buggy space, please",
        ),
        check_in(db, meeting, "Chidi", False, False, postcode="M20 1EF"),
        check_in(db, meeting, "", False, False),
    ]
    rnd = open_round(db, meeting, "Open the library on Sundays.", visibility="open")
    for person, choice in zip(people, ("agree", "agree", "concerns", "agree"), strict=True):
        cast_vote(db, person, rnd["id"], choice, "Mind the cost" if choice == "concerns" else "")
    close_round(db, rnd["id"])
    return {"meeting": meeting, "people": people, "round": rnd["id"]}


def everything_but_privacy(built: dict) -> dict:
    """Return the minutes without the parts an erasure is allowed to change."""
    return {k: v for k, v in built.items() if k not in ("privacy", "generated_at")}


def test_erasing_one_attendee_keeps_every_count_and_the_minutes_consistent(db, evening):
    meeting_id, bo = evening["meeting"]["id"], evening["people"][1]
    before = minutes.build(db, meeting_id, SETTINGS)
    named_before = ballots.named_votes(db, get_round(db, evening["round"]))
    assert privacy.erase(db, bo["id"]) == {"id": bo["id"], "name": f"Attendee {bo['id']}"}
    after = minutes.build(db, meeting_id, SETTINGS)

    assert everything_but_privacy(after) == everything_but_privacy(before)
    assert after["attendance"] == before["attendance"]
    assert after["legitimacy"]["residency"] == before["legitimacy"]["residency"]
    assert after["legitimacy"]["residency"]["inside"] == 2
    assert after["access_needs"] == before["access_needs"]
    assert {n["key"]: n["count"] for n in after["access_needs"]}["childcare"] == 1
    assert after["privacy"]["erased_on_request"] == [
        {"attendee": f"Attendee {bo['id']}", "on": date.today().isoformat()}
    ]
    assert "Bo" not in json.dumps(after["privacy"])
    # The person is gone from every row; their vote still counts, under their number.
    row = next(db.query("SELECT * FROM attendees WHERE id = ?", [bo["id"]]))
    assert (row["display_name"], row["postcode_sector"], row["access_note"]) == (
        f"Attendee {bo['id']}",
        None,
        "",
    )
    assert (row["residency"], row["resident"]) == ("inside", 1)
    assert not db.execute("SELECT 1 FROM access_needs WHERE attendee_id = ?", [bo["id"]]).fetchone()
    named_after = ballots.named_votes(db, get_round(db, evening["round"]))
    assert len(named_after) == len(named_before)
    assert f"Attendee {bo['id']}" in json.dumps(named_after) and "Bo" not in json.dumps(named_after)


def test_the_legitimacy_card_is_the_same_after_an_erasure(db, evening):
    meeting_id = evening["meeting"]["id"]
    before = legitimacy.card(db, meeting_id, SETTINGS)
    for person in evening["people"]:
        privacy.erase(db, person["id"])
    assert legitimacy.card(db, meeting_id, SETTINGS) == before


def test_an_attendee_is_erased_once_and_an_unknown_number_is_refused(db, evening):
    first = evening["people"][0]["id"]
    privacy.erase(db, first)
    with pytest.raises(Refused, match="already erased"):
        privacy.erase(db, first)
    with pytest.raises(Refused, match="no attendee number 999"):
        privacy.erase(db, 999)


def test_a_person_finds_and_exports_their_own_data(db, evening):
    bo = evening["people"][1]
    found = privacy.find(db, "bo")
    assert [f["id"] for f in found] == [bo["id"]] and found[0]["erased"] is False
    assert privacy.find(db, str(bo["id"]))[0]["name"] == "Bo"
    data = json.loads(privacy.export_json(db, bo["id"]))
    assert data["name"] == "Bo" and data["postcode_sector"] == "M14 6"
    assert data["where_you_live"] == "Inside the area" and data["counted_as_local_resident"]
    assert data["access_needs"] == ["Step-free access", "Childcare"]
    assert data["access_note"] == "Buggy space, please"
    assert [v["choice"] for v in data["votes"]] == ["agree"]
    privacy.erase(db, bo["id"])
    erased = privacy.export(db, bo["id"])
    assert erased["erased"] and erased["postcode_sector"] is None and erased["access_needs"] == []
    with pytest.raises(Refused, match="number"):
        privacy.find(db, "  ")


def test_retention_erases_details_of_meetings_past_the_period_only(db, evening):
    old = evening["meeting"]
    record.set_details(db, old["id"], {"held_on": "2024-01-10"})
    new = create_meeting(db)
    kept = check_in(db, new, "Dana", True, False, postcode="M14 5XY")
    day = date(2025, 1, 20)  # 376 days after the old meeting
    before = minutes.build(db, old["id"], SETTINGS)
    assert privacy.apply_retention(db, today=day) == 4
    assert privacy.apply_retention(db, today=day) == 0  # nothing left to erase
    after = minutes.build(db, old["id"], SETTINGS)
    assert everything_but_privacy(after) == everything_but_privacy(before)
    assert after["privacy"]["erased_after_retention"] == 4
    assert after["privacy"]["erased_on_request"] == []
    names = [r[0] for r in db.execute("SELECT display_name FROM attendees ORDER BY id")]
    assert names[:4] == [f"Attendee {p['id']}" for p in evening["people"]]
    assert names[4] == "Dana" and privacy.export(db, kept["id"])["postcode_sector"] == "M14 5"


def test_a_shorter_retention_is_applied_as_soon_as_it_is_set(db, evening):
    record.set_details(db, evening["meeting"]["id"], {"held_on": "2020-03-01"})
    assert privacy.set_settings(db, 30, "hello@riverside.example") == {
        "retention_days": 30,
        "contact": "hello@riverside.example",
    }
    assert db.execute("SELECT COUNT(*) FROM erasures").fetchone()[0] == 4
    for bad, message in ((0, "between 1 day"), (True, "number of days"), ("30", "number")):
        with pytest.raises(Refused, match=message):
            privacy.set_settings(db, bad, "")


def test_the_notice_says_who_why_how_long_and_how_to_ask(db):
    privacy.set_settings(db, 90, "Sam on 0161 496 0000")
    said = privacy.notice(db, "Riverside People's Assembly")
    assert said["who"].startswith("Riverside People's Assembly holds these details")
    assert "90 days after the meeting" in said["how_long"]
    assert "ask Sam on 0161 496 0000" in said["ask"]
    assert privacy.notice_text(db, "X").count(".") >= 4
    assert date.today() - timedelta(days=1) < date.today()
