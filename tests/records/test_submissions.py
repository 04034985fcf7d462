"""Dual power, tracked: routes and their deadlines, real signers, replies, outcomes, overdue."""

import hashlib
import io
from datetime import date

import pytest
from reportlab.pdfgen import canvas

from kiosk.decisions.rounds import cast_vote, close_round, open_round
from kiosk.errors import Refused
from kiosk.meeting.meetings import check_in, create_meeting
from kiosk.records import meeting_record as record
from kiosk.records import submissions

WORDS = "Ask the council to lease the Mill Lane lot to the assembly as a community garden."


def passed_round(db, meeting) -> int:
    """Pass a proposal in the meeting by majority; return its round's id."""
    people = [check_in(db, meeting, n, True, False) for n in ("Amira", "Bo", "Chidi")]
    rnd = open_round(db, meeting, WORDS, stage="final", kind="vote", rule="majority")
    for person in people:
        cast_vote(db, person, rnd["id"], "yes")
    close_round(db, rnd["id"])
    return rnd["id"]


def a_pdf(words: str) -> bytes:
    """Draw a one-page PDF saying words, as a council's reply would come."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, words)
    page.save()
    return out.getvalue()


@pytest.fixture
def decided(db, meeting):
    """A passed decision, with a facilitator and co-facilitator recorded tonight."""
    record.add_role(db, meeting["id"], "facilitator", "Dana Reyes", "woman")
    record.add_role(db, meeting["id"], "co_facilitator", "Sam Okafor", "man")
    return passed_round(db, meeting)


def form(**changes) -> dict:
    """Return a complete submission form."""
    return {
        "route": "petition_scheme",
        "recipient": "Democratic Services\nLeeds City Council",
        "stance": "input",
        "signed": "Dana Reyes\nSam Okafor\nPriya Shah, Delegate to the Leeds Housing Council",
        "sent_on": "2026-05-14",
        **changes,
    }


def test_working_days_skip_the_weekend():
    thursday = date(2026, 5, 14)
    assert submissions.working_days_after(thursday, 1) == date(2026, 5, 15)
    assert submissions.working_days_after(thursday, 2) == date(2026, 5, 18)  # over the weekend
    assert submissions.working_days_after(thursday, 10) == date(2026, 5, 28)


@pytest.mark.parametrize(
    ("route", "due"),
    [
        ("petition_scheme", "2026-05-28"),  # 10 working days
        ("public_question", "2026-06-11"),  # 20
        ("deputation", "2026-06-11"),
        ("consultation_response", "2026-08-06"),  # 60: about 12 weeks
        ("formal_letter", "2026-06-11"),
    ],
)
def test_the_reply_is_due_by_the_routes_usual_deadline(db, decided, route, due):
    made = submissions.create(db, decided, form(route=route))
    assert (made["route"], made["sent_on"], made["reply_due"]) == (route, "2026-05-14", due)
    assert made["route_label"] == submissions.ROUTES[route].label


def test_the_signers_carry_their_real_roles(db, decided):
    made = submissions.create(db, decided, form())
    assert made["signers"] == [
        {"name": "Dana Reyes", "role": "Facilitator"},
        {"name": "Sam Okafor", "role": "Co-facilitator"},
        {"name": "Priya Shah", "role": "Delegate to the Leeds Housing Council"},
    ]
    with pytest.raises(Refused, match="Say what role Lee holds"):
        submissions.create(db, decided, form(signed="Lee"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"route": "carrier_pigeon"}, "Choose the route"),
        ({"stance": "overthrow"}, "Choose how the assembly stands"),
        ({"recipient": " "}, "who the letter is to"),
        ({"signed": ""}, "who signs it"),
        ({"sent_on": "14/05/2026"}, "as a date"),
        ({"reply_due": "2026-05-01"}, "cannot be due before"),
    ],
)
def test_a_bad_submission_is_refused_and_nothing_is_stored(db, decided, change, message):
    with pytest.raises(Refused, match=message):
        submissions.create(db, decided, form(**change))
    assert db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 0


def test_only_a_passed_decision_can_be_submitted(db, meeting):
    people = [check_in(db, meeting, n, True, False) for n in ("A", "B")]
    rnd = open_round(db, meeting, "Paint it red.", stage="final", kind="vote", rule="majority")
    for person in people:
        cast_vote(db, person, rnd["id"], "no")
    close_round(db, rnd["id"])
    with pytest.raises(Refused, match="passed"):
        submissions.create(db, rnd["id"], form())


def test_a_late_reply_is_overdue_until_the_council_answers(db, decided):
    made = submissions.create(db, decided, form(reply_due="2026-05-20"))
    assert [s["id"] for s in submissions.overdue(db, date(2026, 5, 21))] == [made["id"]]
    assert submissions.overdue(db, date(2026, 5, 20)) == []  # due today is not late
    answered = submissions.update(
        db,
        made["id"],
        {"replied_on": "2026-05-22", "reply_text": "We will lease it.", "outcome": "adopted"},
    )
    assert (answered["outcome_label"], answered["overdue"]) == ("Adopted", False)
    assert submissions.overdue(db, date(2026, 6, 30)) == []


def test_no_reply_is_an_outcome_only_when_nothing_came(db, decided):
    made = submissions.create(db, decided, form())
    silent = submissions.update(db, made["id"], {"outcome": "no_reply"})
    assert silent["outcome_label"] == "No reply" and not silent["overdue"]
    submissions.update(db, made["id"], {"outcome": ""})
    with pytest.raises(Refused, match="cannot be “no reply”"):
        submissions.update(db, made["id"], {"reply_text": "Noted.", "outcome": "no_reply"})
    with pytest.raises(Refused, match="Choose the outcome"):
        submissions.update(db, made["id"], {"outcome": "ignored"})
    with pytest.raises(Refused, match="before the submission was sent"):
        submissions.update(db, made["id"], {"replied_on": "2026-01-01"})


def test_a_reply_kept_as_the_pdf_the_council_sent(db, decided):
    made = submissions.create(db, decided, form())
    letter = a_pdf("Dear assembly, the lease is agreed in part.")
    kept = submissions.attach_reply(db, made["id"], "reply from the council.pdf", letter)
    assert kept["reply_pdf_sha256"] == hashlib.sha256(letter).hexdigest() and not kept["overdue"]
    assert submissions.reply_pdf(db, made["id"]) == ("reply from the council.pdf", letter)
    with pytest.raises(Refused, match="not a PDF"):
        submissions.attach_reply(db, made["id"], "x.docx", b"PK\x03\x04 not a pdf")
    with pytest.raises(Refused, match="no such submission"):
        submissions.attach_reply(db, 404, "x.pdf", letter)


def test_the_next_meeting_hears_what_the_council_did(db, meeting, decided):
    made = submissions.create(db, decided, form())
    submissions.update(db, made["id"], {"reply_text": "Agreed for two years.", "outcome": "partly"})
    assert submissions.council_did(db, meeting["id"]) == []  # not before the meeting that decided
    following = create_meeting(db)
    shown = submissions.council_did(db, following["id"])
    assert shown == [
        {
            "wording": WORDS,
            "route_label": "Petition under the council's petition scheme",
            "recipient": "Democratic Services\nLeeds City Council",
            "sent_on": "2026-05-14",
            "sent_day": "14 May 2026",
            "outcome": "partly",
            "outcome_label": "Partly adopted",
            "overdue": False,
            "reply": "Agreed for two years.",
        }
    ]
    history = submissions.for_minutes(db, following["id"])
    assert [h["id"] for h in history] == [made["id"]] and history[0]["outcome"] == "partly"
    assert submissions.for_minutes(db, meeting["id"])[0]["signers"][0]["role"] == "Facilitator"
