"""Access needs: ticked at check-in or entered from the sign-in sheets, counted, never by person."""

import pytest

from kiosk.errors import Refused
from kiosk.meeting import admission, needs, residency
from kiosk.meeting.meetings import check_in, meeting_by_id


def counts(db, meeting_id: int) -> dict[str, int]:
    """Return {need: count} for the meeting."""
    return {n["key"]: n["count"] for n in needs.totals(db, meeting_id)}


def test_needs_ticked_at_check_in_are_counted_with_every_need_listed(db, meeting):
    check_in(db, meeting, "Ann", True, False, needs=["step_free", "bsl"], access_note="Tigrinya")
    check_in(db, meeting, "Bo", True, False, needs=["step_free"])
    check_in(db, meeting, "Cy", True, False)
    found = needs.totals(db, meeting["id"])
    assert [n["key"] for n in found] == list(needs.NEEDS)
    assert counts(db, meeting["id"]) == {**dict.fromkeys(needs.NEEDS, 0), "step_free": 2, "bsl": 1}
    assert needs.notes(db, meeting["id"]) == ["Tigrinya"]


@pytest.mark.parametrize(
    ("ticked", "note", "message"),
    [
        (["teleport"], "", "not among the choices"),
        ("step_free", "", "not among the choices"),
        ([], "x" * 201, "under 200 characters"),
    ],
)
def test_unknown_needs_or_a_long_note_refuse_the_check_in(db, meeting, ticked, note, message):
    with pytest.raises(Refused, match=message):
        check_in(db, meeting, "Ann", True, False, needs=ticked, access_note=note)
    assert db.execute("SELECT COUNT(*) FROM attendees").fetchone()[0] == 0


def test_sheet_lines_count_residency_and_needs_and_the_last_can_be_undone(db, meeting):
    residency.set_area(db, ["M14 5"])
    admission.set_without_phones(db, meeting, 2)
    meeting = meeting_by_id(db, meeting["id"])
    needs.sign_in_line(db, meeting, "inside", ["hearing_loop"])
    needs.sign_in_line(db, meeting, "outside", [])
    with pytest.raises(Refused, match="every one has a sheet line"):
        needs.sign_in_line(db, meeting, "inside", [])
    assert counts(db, meeting["id"])["hearing_loop"] == 1
    assert needs.last_line(db, meeting["id"])["residency"] == "outside"
    needs.undo_line(db, meeting["id"])
    assert needs.last_line(db, meeting["id"])["needs"] == ["hearing_loop"]
    assert residency.counts(db, meeting["id"])["on_paper"]["outside"] == 0
    needs.undo_line(db, meeting["id"])
    with pytest.raises(Refused, match="No sign-in sheet line"):
        needs.undo_line(db, meeting["id"])
