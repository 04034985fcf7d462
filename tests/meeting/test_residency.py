"""Residency as evidence: postcodes read down to their sector, the area, and who is inside it."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting import residency
from kiosk.meeting.meetings import check_in, create_meeting

AREA = ["M14 5", "M14 6", "M13"]


@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        ("M14 5AB", "M14 5"),
        ("m145ab", "M14 5"),
        ("  sw1a 1aa ", "SW1A 1"),
        ("EC1V 9HX", "EC1V 9"),
        ("B1 1AA", "B1 1"),
        ("M14 5", "M14 5"),
        ("", None),
        (None, None),
    ],
)
def test_a_postcode_is_read_down_to_its_sector(typed, sector):
    assert residency.sector_of(typed) == sector


@pytest.mark.parametrize("typed", ["M14", "hello", "M14 5A", "12345", "M14 5ABC"])
def test_what_is_not_a_postcode_is_refused_in_plain_words(typed):
    with pytest.raises(Refused, match="does not look like a UK postcode"):
        residency.sector_of(typed)


def test_inside_means_the_sector_or_its_district_is_listed():
    assert residency.judge("M14 5", AREA) == "inside"
    assert residency.judge("M13 9", AREA) == "inside"  # the whole district M13
    assert residency.judge("M14 7", AREA) == "outside"
    assert residency.judge("M1 4", AREA) == "outside"  # not M14, not M13
    assert residency.judge(None, AREA) == "not_given"


def test_the_area_is_read_from_text_tidied_and_never_holds_a_full_postcode(db):
    assert residency.set_area(db, "m14 5, M14 6\nM13; m14 5") == ["M13", "M14 5", "M14 6"]
    assert residency.area(db) == ["M13", "M14 5", "M14 6"]
    with pytest.raises(Refused, match="never a full postcode"):
        residency.set_area(db, "M14 5AB")
    assert residency.area(db) == ["M13", "M14 5", "M14 6"]  # a refusal changes nothing
    assert residency.set_area(db, "") == []


def test_with_an_area_a_check_in_keeps_the_sector_only_and_residents_are_those_inside(db, meeting):
    residency.set_area(db, AREA)
    inside = check_in(db, meeting, "Ann", False, False, postcode="m14 5ab")
    outside = check_in(db, meeting, "Bo", True, False, postcode="M20 2AA")
    silent = check_in(db, meeting, "Cy", True, False, postcode="")
    assert (inside["postcode_sector"], inside["residency"], inside["resident"]) == (
        "M14 5",
        "inside",
        1,
    )
    assert (outside["residency"], outside["resident"]) == ("outside", 0)  # their word is not enough
    assert (silent["postcode_sector"], silent["residency"], silent["resident"]) == (
        None,
        "not_given",
        0,
    )
    stored = [tuple(r) for r in db.execute("SELECT * FROM attendees").fetchall()]
    assert not [row for row in stored if any("5AB" in str(value).upper() for value in row)]
    counts = residency.counts(db, meeting["id"])
    assert (counts["inside"], counts["outside"], counts["not_given"]) == (1, 1, 1)


def test_without_an_area_no_postcode_is_kept_and_the_persons_word_counts(db, meeting):
    person = check_in(db, meeting, "Ann", True, False, postcode="M14 5AB")
    assert (person["postcode_sector"], person["residency"], person["resident"]) == (
        None,
        "not_given",
        1,
    )
    assert residency.counts(db, meeting["id"])["declared"] == 1


def test_a_bad_postcode_refuses_the_check_in_and_stores_nothing(db, meeting):
    residency.set_area(db, AREA)
    with pytest.raises(Refused, match="UK postcode"):
        check_in(db, meeting, "Ann", True, False, postcode="not one")
    assert db.execute("SELECT COUNT(*) FROM attendees").fetchone()[0] == 0


def test_correcting_the_area_judges_tonights_phones_again_but_not_earlier_meetings(db, meeting):
    residency.set_area(db, ["M14 5"])
    earlier = check_in(db, meeting, "Ann", True, False, postcode="M14 6AA")
    tonight = create_meeting(db)
    person = check_in(db, tonight, "Bo", True, False, postcode="M14 6AB")
    assert person["resident"] == 0
    residency.set_area(db, ["M14 5", "M14 6"])
    again = {r["id"]: r for r in db.query("SELECT * FROM attendees")}
    assert (again[person["id"]]["residency"], again[person["id"]]["resident"]) == ("inside", 1)
    assert (again[earlier["id"]]["residency"], again[earlier["id"]]["resident"]) == ("outside", 0)


def test_residents_without_phones_come_from_sheet_lines_once_any_are_entered(db, meeting):
    db.table("meetings").update(meeting["id"], {"present_without_phones": 3})
    assert residency.residents_without_phones(db, meeting["id"], 2) == 2  # recorded by hand
    assert residency.residents_without_phones(db, meeting["id"], 9) == 3  # never over counted
    db.table("sign_in_lines").insert_all(
        {"meeting_id": meeting["id"], "residency": where, "entered_at": 0}
        for where in ("inside", "outside", "not_given")
    )
    assert residency.residents_without_phones(db, meeting["id"], 2) == 1
    assert residency.counts(db, meeting["id"])["on_paper"] == {
        "inside": 1,
        "outside": 1,
        "not_given": 1,
    }
