"""Delegates: councils, seats, candidates, elections, mandates, recall and report-backs."""

from datetime import date, timedelta

import pytest

from kiosk.decisions.rounds import cast_vote, close_round
from kiosk.delegates import mandates, recall, reportbacks
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, create_meeting, current_meeting
from kiosk.records import mandate_cards
from kiosk.trust import cards, identity

NEXT_YEAR = (date.today() + timedelta(days=365)).isoformat()


@pytest.fixture
def me(db, key):
    return identity.ensure_assembly(db, key, "Elm Street Assembly", "Elm Street, Leeds")


@pytest.fixture
def council(db):
    return delegates.add_council(db, "Leeds Health Council", "themed", "Health")


def fields(council, **changes):
    """Return a complete mandate form."""
    return {
        "council_id": council["id"],
        "delegate": "Amira",
        "co_delegate": "Bo",
        "alternate": "Chidi",
        "scope": "Hospital car parking charges",
        "items": [
            {"item": "Oppose any rise in parking charges", "position": "must_oppose"},
            {"item": "Walk-in centre hours", "position": "free", "limits": "keep evening opening"},
            {"item": "Budget consultation", "position": "report_only"},
        ],
        "spending_cap": "0",
        "expires_on": NEXT_YEAR,
        "expires_after_meetings": 3,
        "report_back": "At the next assembly after each council meeting",
        "petition_percent": "25",
        "recall_percent": "200/3",
        "facilitator_name": "Dana",
        "note_taker_name": "Eli",
        **changes,
    }


def confirm(db, meeting, people, mandate_id, key, me, choice="agree"):
    """Put a mandate to a consent round, have everyone respond, close and settle it."""
    rnd = mandates.open_confirmation(db, meeting, mandate_id)
    for person in people:
        cast_vote(db, person, rnd["id"], choice)
    closed = close_round(db, rnd["id"])
    return mandates.settle_round(db, closed, key, me["key_id"])


def test_councils_have_levels_and_themes(db):
    council = delegates.add_council(db, " Leeds  Health Council ", "themed", "Health")
    assert (council["name"], council["theme"]) == ("Leeds Health Council", "health")
    assert delegates.level_label(council) == "Themed council: health"
    assert (
        delegates.add_council(db, "Leeds Health Council", "themed", "health")["id"]
        == (council["id"])
    )
    with pytest.raises(Refused, match="theme"):
        delegates.add_council(db, "Housing", "themed")
    with pytest.raises(Refused, match="level"):
        delegates.add_council(db, "Galaxy", "galactic")


def test_an_election_gives_delegate_co_delegate_and_alternate(db, meeting, people, council):
    seat = delegates.open_seat(db, meeting, council["id"], gender_balanced=True)
    delegates.nominate(db, meeting, seat["id"], "Amira", "woman", people[0]["id"])
    delegates.nominate(db, meeting, seat["id"], "Fran", "woman")
    delegates.nominate(db, meeting, seat["id"], "Bo", "man", people[1]["id"])
    with pytest.raises(Refused, match="already stood"):
        delegates.nominate(db, meeting, seat["id"], "Amira K", "woman", people[0]["id"])
    rnd = delegates.open_election(db, meeting, seat["id"])
    with pytest.raises(Refused, match="nominations are closed"):
        delegates.nominate(db, meeting, seat["id"], "Late", "")
    ballots = [["Amira", "Fran", "Bo"]] * 4 + [["Fran", "Amira"], ["Bo", "Fran"]]
    for person, ballot in zip(people, ballots, strict=True):
        cast_vote(db, person, rnd["id"], ballot)
    close_round(db, rnd["id"])
    places = delegates.elected(db, meeting, seat["id"])
    # Fran came second, but the pair is gender-balanced, so Bo is co-delegate.
    assert (places["delegate"], places["co_delegate"], places["alternate"]) == (
        "Amira",
        "Bo",
        "Fran",
    )


def test_a_place_order_without_balance_is_the_elected_order():
    assert delegates.assign_places(["A", "B", "C"], {}, False) == {
        "delegate": "A",
        "co_delegate": "B",
        "alternate": "C",
    }
    assert delegates.assign_places(["A", "B"], {"A": "woman", "B": "woman"}, True) == {
        "delegate": "A",
        "co_delegate": "",
        "alternate": "B",
    }


def test_an_election_needs_two_candidates(db, meeting, council):
    seat = delegates.open_seat(db, meeting, council["id"], False)
    delegates.nominate(db, meeting, seat["id"], "Solo", "")
    with pytest.raises(Refused, match="at least two candidates"):
        delegates.open_election(db, meeting, seat["id"])


def test_a_mandate_is_drafted_confirmed_signed_and_verifies(db, meeting, people, council, key, me):
    draft = mandates.draft(db, meeting, fields(council))
    assert draft["status"] == "draft"
    words = mandates.text(draft)
    assert "2. Free within limits: Walk-in centre hours (limits: keep evening opening)." in words
    issued = confirm(db, meeting, people, draft["id"], key, me)[0]
    assert issued["status"] == "issued" and issued["text"] == words
    verdict = cards.verify_card(
        issued["payload"], {me["key_id"]: identity.public_raw(key)}, set(), date.today()
    )
    assert verdict.status == "valid"


def test_a_genuine_card_names_who_carries_it_and_to_which_council(
    db, meeting, people, council, key, me
):
    issued = confirm(
        db, meeting, people, mandates.draft(db, meeting, fields(council))["id"], key, me
    )
    found = mandate_cards.carried_by(db, me["key_id"], issued[0]["id"])
    assert found == {
        "delegate": "Amira",
        "co_delegate": "Bo",
        "council": "Leeds Health Council",
        "level_label": "Themed council: health",
    }
    assert mandate_cards.carried_by(db, me["key_id"], 999) is None
    assert mandate_cards.carried_by(db, "somebody-else", issued[0]["id"]) is None


def test_an_election_with_no_ballots_elects_nobody(db, meeting, people, council):
    seat = delegates.open_seat(db, meeting, council["id"], False)
    for name in ("Amira", "Bo"):
        delegates.nominate(db, meeting, seat["id"], name)
    rnd = delegates.open_election(db, meeting, seat["id"])
    closed = close_round(db, rnd["id"])
    assert closed["outcome"] == "no_decision"
    assert closed["explanation"].startswith("No decision: no ballots were cast")
    with pytest.raises(Refused, match="nobody was elected"):
        delegates.elected(db, meeting, seat["id"])


def test_a_blocked_confirmation_issues_nothing(db, meeting, people, council, key, me):
    draft = mandates.draft(db, meeting, fields(council))
    assert confirm(db, meeting, people, draft["id"], key, me, "block") == []
    assert mandates.get(db, draft["id"])["status"] == "draft"
    with pytest.raises(Refused, match="not confirmed"):
        mandates.issue(db, draft["id"], key, me["key_id"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scope": " "}, "scope"),
        ({"items": []}, "at least one item"),
        ({"items": [{"item": "x", "position": "maybe"}]}, "needs a position"),
        ({"items": [{"item": "x", "position": "free"}]}, "state the limits"),
        ({"expires_on": "2001-01-01"}, "already passed"),
        ({"expires_on": "", "expires_after_meetings": None}, "Say when the mandate expires"),
        ({"recall_percent": "150"}, "at most 100%"),
        ({"petition_percent": "0"}, "more than 0%"),
        ({"spending_cap": "-5"}, "between £0"),
        ({"delegate": ""}, "a delegate"),
        ({"council_id": [1]}, "not understood"),
        ({"seat_id": 999}, "not this meeting's seat"),
        ({"spending_cap": "1e308"}, "in pounds"),
        ({"items": [{"item": "x", "position": ["a"]}]}, "needs a position"),
    ],
)
def test_bad_mandates_are_refused_and_nothing_is_stored(db, meeting, council, changes, message):
    with pytest.raises(Refused, match=message):
        mandates.draft(db, meeting, fields(council, **changes))
    assert db.execute("SELECT COUNT(*) FROM mandates").fetchone()[0] == 0


def test_recall_from_petition_to_revocation_and_the_alternate_steps_in(
    db, meeting, people, council, key, me
):
    issued = confirm(
        db, meeting, people, mandates.draft(db, meeting, fields(council))["id"], key, me
    )[0]
    tonight = create_meeting(db, "Next assembly")
    here = [check_in(db, tonight, f"N{i}", True, False) for i in range(8)]
    assert recall.petition_state(db, tonight, issued) == {
        "mandate_id": issued["id"],
        "signed": 0,
        "needed": 2,
        "reached": False,
    }
    recall.sign_petition(db, tonight, here[0], issued["id"])
    with pytest.raises(Refused, match="already signed"):
        recall.sign_petition(db, tonight, here[0], issued["id"])
    with pytest.raises(Refused, match="not reached"):
        recall.open_recall_vote(db, tonight, issued["id"])
    assert recall.sign_petition(db, tonight, here[1], issued["id"])["reached"]
    titles = [r["title"] for r in db.query("SELECT title FROM agenda_items")]
    assert "Recall vote: Amira (Leeds Health Council)" in titles
    rnd = recall.open_recall_vote(db, tonight, issued["id"])
    assert rnd["visibility"] == "secret"
    for person, choice in zip(here, ["yes"] * 6 + ["no"] * 2, strict=True):
        cast_vote(db, person, rnd["id"], choice)
    closed = close_round(db, rnd["id"])
    assert closed["outcome"] == "passed"  # 6 of 8 present is at least two-thirds
    revoked, replacement = recall.settle_round(db, closed, key, me["key_id"])
    assert revoked["status"] == "revoked" and revoked["replaced_by"] == replacement["id"]
    assert (replacement["delegate"], replacement["status"]) == ("Chidi", "issued")
    known = {me["key_id"]: identity.public_raw(key)}
    gone = {(r["key_id"], r["mandate_id"]) for r in db.query("SELECT * FROM revocations")}
    assert cards.verify_card(issued["payload"], known, gone, date.today()).status == "revoked"
    assert cards.verify_card(replacement["payload"], known, gone, date.today()).status == "valid"
    row = db["revocations"].get((me["key_id"], issued["id"]))
    assert cards.verify_revocation(
        identity.public_raw(key), me["key_id"], issued["id"], row["revoked_at"], row["signature"]
    )


def test_report_backs_answer_every_instruction_and_reach_the_agenda(
    db, meeting, people, council, key, me
):
    issued = confirm(
        db, meeting, people, mandates.draft(db, meeting, fields(council))["id"], key, me
    )[0]
    answers = {
        str(i["id"]): {"council_did": f"Council on {i['item']}", "delegate_voted": "for"}
        for i in issued["items"]
    }
    with pytest.raises(Refused, match="item 1"):
        reportbacks.record(db, meeting, issued["id"], "2026-01-01", {})
    report = reportbacks.record(db, meeting, issued["id"], date.today().isoformat(), answers)
    assert [i["council_did"] for i in report["items"]][0] == (
        "Council on Oppose any rise in parking charges"
    )
    titles = [r["title"] for r in db.query("SELECT title FROM agenda_items")]
    assert "Report-back: Amira (Leeds Health Council)" in titles


def test_expired_and_overdue_mandates_are_flagged(db, meeting, people, council, key, me):
    issued = confirm(
        db, meeting, people, mandates.draft(db, meeting, fields(council))["id"], key, me
    )[0]
    assert mandates.flags(db, issued, date.today()) == []
    later = date.fromisoformat(NEXT_YEAR) + timedelta(days=1)
    assert mandates.flags(db, issued, later) == ["expired", "report-back overdue"]


def test_the_card_pdf_carries_the_signed_payload(app, facilitator_client, client):
    """Over HTTP: an issued mandate's card prints, and only for the facilitator."""
    import io

    import pypdfium2
    import zxingcpp
    from pypdf import PdfReader

    from kiosk.db import connect

    db = connect(app.config["DATABASE"])
    try:
        meeting = current_meeting(db)
        people = [check_in(db, meeting, n, True, False) for n in ["A", "B"]]
        council = delegates.add_council(db, "Leeds District Council", "district")
        draft = mandates.draft(db, meeting, fields(council))
        key = app.extensions["kiosk_key"]
        issued = confirm(db, meeting, people, draft["id"], key, identity.assembly(db))[0]
    finally:
        db.conn.close()
    assert client.get(f"/facilitate/mandates/{issued['id']}/card.pdf").status_code == 403
    pdf = facilitator_client.get(f"/facilitate/mandates/{issued['id']}/card.pdf").data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Amira" in text and "Leeds District Council" in text
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [issued["payload"]]
    large = facilitator_client.get(f"/facilitate/mandates/{issued['id']}/large.pdf")
    assert large.mimetype == "application/pdf"
    verdict = client.post("/verify.json", data={"payload": issued["payload"]}).get_json()
    assert verdict["verdict"]["status"] == "valid"


def test_a_mandate_too_long_to_confirm_in_one_round_is_refused(db, meeting, council):
    items = [{"item": "x" * 590, "position": "must_support"} for _ in range(5)]
    with pytest.raises(Refused, match="Shorten the items"):
        mandates.draft(db, meeting, fields(council, items=items))
    assert db.execute("SELECT COUNT(*) FROM mandates").fetchone()[0] == 0
