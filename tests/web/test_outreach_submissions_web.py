"""Over HTTP: printing the invitation (logged as outreach), submissions followed to their reply,
overdue ones on the console, the projector's scene, and bundles that carry counts only."""

import io
import json
import zipfile

import pypdfium2 as pdfium
import zxingcpp
from helpers import DOCS, ok, rows
from jsonschema import Draft202012Validator
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from kiosk.db import connect
from kiosk.decisions.rounds import cast_vote, close_round, open_round
from kiosk.meeting import residency
from kiosk.meeting.meetings import check_in, current_meeting
from kiosk.records import meeting_record as record
from kiosk.records import privacy

WORDS = "Ask the council to light the Mill Lane footpath."


def text(pdf: bytes) -> str:
    """Extract every page's text, spacing folded."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def prepare(app) -> dict:
    """Record tonight's date and venue, pass a decision with postcodes and needs; return ids."""
    db = connect(app.config["DATABASE"])
    try:
        meeting = current_meeting(db)
        record.set_details(
            db,
            meeting["id"],
            {"held_on": "2026-05-14", "starts_at": "19:00", "venue": "St Mark's Hall"},
        )
        residency.set_area(db, ["M14 5"])
        people = [
            check_in(db, meeting, "Amira", False, False, postcode="M14 5AA", needs=["bsl"]),
            check_in(db, meeting, "Bo", False, False, postcode="M20 1ZZ", access_note="Buggy"),
            check_in(db, meeting, "Chidi", False, False),
        ]
        rnd = open_round(db, meeting, WORDS, stage="final", kind="vote", rule="majority")
        for person in people:
            cast_vote(db, person, rnd["id"], "yes")
        close_round(db, rnd["id"])
        record.add_role(db, meeting["id"], "facilitator", "Dana Reyes", "woman")
        return {"meeting": meeting, "round": rnd["id"], "people": people}
    finally:
        db.conn.close()


def test_the_invitation_prints_in_the_chosen_languages_and_is_logged(
    app, facilitator_client, client
):
    made = prepare(app)
    facilitator_client.get("/facilitate")
    page = facilitator_client.get("/facilitate/print").data.decode()
    assert 'action="/facilitate/print/invitation.pdf"' in page and "English" in page
    form = {"form": "poster", "copies": "40", "lang": ["en", "xx"]}
    reply = facilitator_client.post("/facilitate/print/invitation.pdf", data=form)
    assert reply.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(reply.data)).pages) == 1  # "xx" is no language of ours
    words = text(reply.data)
    assert "Everyone who lives in M14 5 is welcome." in words and "St Mark's Hall" in words
    document = pdfium.PdfDocument(reply.data)
    image = document[0].render(scale=150 / 72).to_pil()
    document.close()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [
        f"http://kiosk.test:5000/m/{made['meeting']['code']}"
    ]
    logged = rows(app, "SELECT kind, detail, languages FROM outreach")
    assert logged == [
        {
            "kind": "posters",
            "detail": "Printed 40 A4 posters from the kiosk",
            "languages": '["English"]',
        }
    ]
    assert client.post("/facilitate/print/invitation.pdf", data=form).status_code == 403


def test_no_invitation_before_the_date_and_venue_are_recorded(facilitator_client):
    reply = facilitator_client.post(
        "/facilitate/print/invitation.pdf", data={"form": "cards", "copies": "5", "lang": "en"}
    )
    assert reply.status_code == 400 and "date and venue" in reply.data.decode()


def reply_pdf() -> bytes:
    """A council's reply, as a real PDF."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "The footpath will be lit by March.")
    page.save()
    return out.getvalue()


def test_a_submission_is_followed_to_its_reply_and_outcome(
    app, facilitator_client, client, console
):
    made = prepare(app)
    form = {
        "round": made["round"],
        "route": "public_question",
        "addressee": "The Lord Mayor\nManchester City Council",
        "stance": "parallel",
        "signed": "Dana Reyes",
        "sent_on": "2026-01-05",
    }
    letter = facilitator_client.post("/facilitate/print/letter.pdf", data=form)
    assert "Dana Reyes Facilitator" in text(letter.data)
    listed = facilitator_client.get("/facilitate/submissions").data.decode()
    assert "Overdue: no reply yet" in listed and "Public question at full council" in listed
    overdue = ok(console, "meeting_record_sync")["meeting_record"]["overdue"]
    assert [s["reply_due"] for s in overdue] == ["2026-02-02"]
    number = rows(app, "SELECT id FROM submissions")[0]["id"]
    upload = {"reply": (io.BytesIO(reply_pdf()), "reply.pdf")}
    sent = facilitator_client.post(
        f"/facilitate/submissions/{number}/reply", data=upload, content_type="multipart/form-data"
    )
    assert sent.status_code == 302
    kept = facilitator_client.get(f"/facilitate/submissions/{number}/reply.pdf")
    assert "lit by March" in text(kept.data)
    saved = facilitator_client.post(
        f"/facilitate/submissions/{number}",
        data={"replied_on": "2026-02-10", "outcome": "adopted", "reply_text": "Agreed."},
    )
    assert saved.status_code == 302
    assert ok(console, "meeting_record_sync")["meeting_record"]["overdue"] == []
    again = facilitator_client.get(f"/facilitate/submissions/{number}/letter.pdf")
    assert "Submitted as: Public question at full council" in text(again.data)
    bad = facilitator_client.post(f"/facilitate/submissions/{number}", data={"outcome": "won"})
    assert bad.status_code == 400 and "Choose the outcome" in bad.data.decode()
    assert client.get("/facilitate/submissions").status_code == 403
    assert client.post(f"/facilitate/submissions/{number}", data={"outcome": ""}).status_code == 403


def test_the_next_meetings_projector_shows_what_the_council_did(app, facilitator_client, connect):
    made = prepare(app)
    facilitator_client.post(
        "/facilitate/print/letter.pdf",
        data={
            "round": made["round"],
            "addressee": "Council",
            "stance": "input",
            "signed": "Dana Reyes",
        },
    )
    facilitator_client.post("/facilitate/meeting", data={"title": "June assembly"})
    projector = connect(app.test_client(), "projector")
    shown = projector.emit("hello", {"role": "projector"}, callback=True)["snapshot"]["process"]
    assert [s["wording"] for s in shown["council_did"]] == [WORDS]
    assert shown["council_did"][0]["outcome_label"] == "Awaiting a reply"
    console = connect(facilitator_client, "facilitator")
    assert ok(console, "scene_show", {"scene": "council"})
    page = app.test_client().get("/projector").data.decode()
    assert 'id="scene-council"' in page and "What the council did with our decisions" in page


def test_a_bundle_carries_counts_and_history_never_a_persons_details(app, facilitator_client):
    made = prepare(app)
    facilitator_client.post(
        "/facilitate/print/letter.pdf",
        data={
            "round": made["round"],
            "addressee": "Council",
            "stance": "input",
            "signed": "Dana Reyes",
        },
    )
    db = connect(app.config["DATABASE"])
    try:
        privacy.erase(db, made["people"][0]["id"])
    finally:
        db.conn.close()
    bundle = facilitator_client.get("/facilitate/bundles/export.zip").data
    files = zipfile.ZipFile(io.BytesIO(bundle))
    minutes = json.loads(files.read("minutes.json"))
    Draft202012Validator(json.loads((DOCS / "minutes.schema.json").read_text())).validate(minutes)
    carried = json.dumps(minutes) + text(files.read("minutes.pdf"))
    for private in ("M20 1", "M20", "Buggy", "Amira", "Chidi"):
        assert private not in carried, private
    assert minutes["legitimacy"]["residency"]["inside"] == 1
    assert minutes["legitimacy"]["residency"]["outside"] == 1
    assert {n["key"]: n["count"] for n in minutes["access_needs"]}["bsl"] == 1
    assert minutes["privacy"]["erased_on_request"][0]["attendee"].startswith("Attendee ")
    assert minutes["submissions"][0]["signers"] == [{"name": "Dana Reyes", "role": "Facilitator"}]
    assert "Submissions to the council" in carried and "Erased on request" in carried
