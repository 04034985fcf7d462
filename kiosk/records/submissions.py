"""Dual power as a tracked process: a decision submitted to the council, and what came of it.

A submission goes by a route (a petition under the council's scheme, a public question at full
council, a deputation to a committee, a consultation response, a formal letter) to a recipient,
on a date; its reply is due by the route's usual deadline (editable). The reply is kept as text
or as the PDF the council sent, with the outcome: adopted, partly, rejected, or no reply.
"""

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import date, timedelta

from babel.numbers import format_decimal
from sqlite_utils import Database

from kiosk import dates, words
from kiosk.decisions.rounds import get_round
from kiosk.errors import Refused
from kiosk.meeting.meetings import refuse_in_rehearsal
from kiosk.records import meeting_record as record
from kiosk.words import N_
from kiosk.words import gettext as _


@dataclass(frozen=True)
class Route:
    label: str
    working_days: int  # the usual time to a reply, in working days (Monday to Friday)
    usual: str  # where that deadline comes from, for the facilitator
    asks: str  # the letter's request, with {due} for the reply's date


ROUTES = {
    "petition_scheme": Route(
        N_("Petition under the council's petition scheme"),
        10,
        "Councils' petition schemes usually promise a response within 10 working days.",
        N_(
            "We submit this decision as a petition under the council's petition scheme, and ask "
            "for the response the scheme provides by {due}."
        ),
    ),
    "public_question": Route(
        N_("Public question at full council"),
        20,
        "A public question is answered at the next meeting of full council, usually within "
        "a month, or in writing soon after.",
        N_(
            "We ask that this decision be put as a public question at the next meeting of full "
            "council, and answered in writing by {due}."
        ),
    ),
    "deputation": Route(
        N_("Deputation to a committee"),
        20,
        "A deputation is usually heard at the committee's next meeting, within about a month.",
        N_(
            "We ask to present this decision as a deputation at the committee's next meeting, and "
            "for a written response by {due}."
        ),
    ),
    "consultation_response": Route(
        N_("Consultation response"),
        60,
        "Councils usually publish what they decided within 12 weeks of a consultation closing.",
        N_(
            "Please take this decision as the assembly's response to the consultation, and tell us "
            "by {due} what the council decided in the light of it."
        ),
    ),
    "formal_letter": Route(
        N_("Formal letter"),
        20,
        "Councils usually answer correspondence within 20 working days.",
        N_("Please reply in writing by {due}."),
    ),
}
OUTCOMES = {
    "adopted": N_("Adopted"),
    "partly": N_("Partly adopted"),
    "rejected": N_("Rejected"),
    "no_reply": N_("No reply"),
}
STANCES = ("input", "parallel", "delegates")  # their words are on paper: printouts.submission
DECIDED = ("passed", "chosen")
MAX_RECIPIENT, MAX_REPLY, MAX_SIGNERS = 600, 20_000, 4
MAX_PDF = 10 * 1024 * 1024


def working_days_after(start: date, days: int) -> date:
    """Return the day that many working days (Monday to Friday) after start."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _day(value: object, what: str, required: bool = True) -> str | None:
    """Read a date as YYYY-MM-DD, refusing a bad one (or a missing one, when required)."""
    found = record.read_date(value, what)
    if found is None and required:
        raise Refused("Give %(what)s, like 2026-05-14.", what=_(what))
    return found


# -- who signs -------------------------------------------------------------------------------------


def known_signers(db: Database, meeting_id: int) -> dict[str, str]:
    """Return the people the kiosk knows held a role at the meeting, with that role in words."""
    known = {r["name"]: r["role"] for r in record.roles_held(db, meeting_id)}
    sql = """SELECT delegate, co_delegate, c.name FROM mandates m JOIN councils c
             ON c.id = m.council_id WHERE m.meeting_id = ? AND m.status != 'draft'"""
    for delegate, co, council in db.execute(sql, [meeting_id]).fetchall():
        known.setdefault(delegate, f"Delegate to {council}")
        if co:
            known.setdefault(co, f"Co-delegate to {council}")
    return known


def parse_signers(db: Database, meeting_id: int, text: object) -> list[dict]:
    """Read who signs, one a line as "Name, role"; a name alone takes the role recorded for it."""
    known = known_signers(db, meeting_id)
    signers = []
    for line in str(text or "").splitlines():
        name, _, role = (" ".join(part.split()) for part in line.partition(","))
        if not name:
            continue
        role = role or known.get(name, "")
        if not role:
            raise Refused(
                "Say what role %(name)s holds, on the same line: “%(name)s, co-facilitator”.",
                name=name[:60],
            )
        signers.append({"name": name[:80], "role": role[:80]})
    if not signers:
        raise Refused("Say who the letter is to, and who signs it.")
    if len(signers) > MAX_SIGNERS:
        raise Refused("At most %(most)s people sign a submission.", most=MAX_SIGNERS)
    return signers


# -- recording a submission and what came of it ----------------------------------------------------


def create(db: Database, round_id: int, form: dict) -> dict:
    """Record a decision submitted to the council: {route, recipient, salutation, stance,
    signed, sent_on, reply_due}; the reply is due by the route's usual deadline unless given."""
    rnd = get_round(db, round_id)
    refuse_in_rehearsal(db, rnd["meeting_id"], "nothing decided in it goes to the council.")
    if rnd["outcome"] not in DECIDED:
        raise Refused("Choose a decision the assembly passed.")
    if form.get("stance") not in STANCES:
        raise Refused("Choose how the assembly stands towards the council.")
    route = form.get("route") or "formal_letter"
    if route not in ROUTES:
        routes = ", ".join(_(r.label) for r in ROUTES.values())
        raise Refused("Choose the route: %(routes)s.", routes=routes)
    recipient = str(form.get("recipient") or "").strip()[:MAX_RECIPIENT]
    if not recipient:
        raise Refused("Say who the letter is to, and who signs it.")
    signers = parse_signers(db, rnd["meeting_id"], form.get("signed"))
    sent = _day(form.get("sent_on") or date.today().isoformat(), N_("the date it was sent"))
    due = _day(form.get("reply_due"), N_("the date a reply is due"), required=False)
    due = due or working_days_after(date.fromisoformat(sent), ROUTES[route].working_days)
    now = time.time()
    row = {
        "round_id": round_id,
        "meeting_id": rnd["meeting_id"],
        "route": route,
        "recipient": recipient,
        "salutation": " ".join(str(form.get("salutation") or "").split())[:80],
        "stance": form["stance"],
        "signers": json.dumps(signers),
        "sent_on": sent,
        "reply_due": str(due),
        "created_at": now,
        "updated_at": now,
    }
    if row["reply_due"] < sent:
        raise Refused("The reply cannot be due before the submission was sent.")
    with db.atomic():
        pk = db.table("submissions").insert(row).last_pk
    return get(db, pk)


def _row(db: Database, submission_id: int) -> dict:
    """Return a stored submission, refusing one that does not exist."""
    found = next(iter(db.query("SELECT * FROM submissions WHERE id = ?", [submission_id])), None)
    if found is None:
        raise Refused("There is no such submission.", status=404)
    return found


def update(db: Database, submission_id: int, changes: dict) -> dict:
    """Record what happened: any of {sent_on, reply_due, replied_on, reply_text, outcome}."""
    now = _row(db, submission_id)
    row: dict = {}
    for key, what in (
        ("sent_on", N_("the date it was sent")),
        ("reply_due", N_("the reply's due date")),
    ):
        if changes.get(key):
            row[key] = _day(changes[key], what)
    if "replied_on" in changes:
        row["replied_on"] = _day(changes["replied_on"], N_("the date of the reply"), required=False)
    if "reply_text" in changes:
        row["reply_text"] = str(changes["reply_text"] or "").strip()
        if len(row["reply_text"]) > MAX_REPLY:
            most = format_decimal(MAX_REPLY, locale=words.locale())
            raise Refused(
                "Keep the reply under %(most)s characters; upload it as a PDF.", most=most
            )
    if "outcome" in changes:
        if changes["outcome"] not in ("", *OUTCOMES):
            outcomes = ", ".join(_(o).lower() for o in OUTCOMES.values())
            raise Refused("Choose the outcome: %(outcomes)s.", outcomes=outcomes)
        row["outcome"] = changes["outcome"]
    merged = now | row
    if merged["reply_due"] < merged["sent_on"]:
        raise Refused("The reply cannot be due before the submission was sent.")
    if merged["replied_on"] and merged["replied_on"] < merged["sent_on"]:
        raise Refused("The reply cannot come before the submission was sent.")
    if merged["outcome"] == "no_reply" and (merged["replied_on"] or merged["reply_text"]):
        raise Refused("A reply is recorded, so the outcome cannot be “no reply”.")
    with db.atomic():
        db.table("submissions").update(submission_id, {**row, "updated_at": time.time()})
    return get(db, submission_id)


def attach_reply(db: Database, submission_id: int, file_name: str, data: bytes) -> dict:
    """Keep the council's reply as the PDF it sent."""
    _row(db, submission_id)
    if not data.startswith(b"%PDF-"):
        raise Refused("That file is not a PDF. Save the council's reply as a PDF and try again.")
    if len(data) > MAX_PDF:
        size = format_decimal(len(data), locale=words.locale())
        raise Refused("That PDF is %(size)s bytes; the kiosk keeps replies up to 10 MB.", size=size)
    name = "".join(c for c in (file_name or "") if c.isalnum() or c in "._- ")[:100] or "reply.pdf"
    row = {
        "submission_id": submission_id,
        "file_name": name,
        "pdf": data,
        "sha256": hashlib.sha256(data).hexdigest(),
        "uploaded_at": time.time(),
    }
    with db.atomic():
        db.table("submission_replies").upsert(row, pk="submission_id")
    return get(db, submission_id)


def reply_pdf(db: Database, submission_id: int) -> tuple[str, bytes]:
    """Return the reply's file name and PDF bytes."""
    sql = "SELECT file_name, pdf FROM submission_replies WHERE submission_id = ?"
    found = db.execute(sql, [submission_id]).fetchone()
    if found is None:
        raise Refused("No reply PDF is kept for that submission.", status=404)
    return found[0], bytes(found[1])


# -- reading them back -----------------------------------------------------------------------------


SELECT = """SELECT s.*, r.sha256 AS reply_sha256, r.file_name AS reply_file
            FROM submissions s LEFT JOIN submission_replies r ON r.submission_id = s.id"""


def _public(db: Database, row: dict, today: date) -> dict:
    """Describe a submission: its decision, route, dates, reply, outcome and whether overdue."""
    rnd = get_round(db, row["round_id"])
    answered = bool(row["replied_on"] or row["reply_text"] or row["reply_sha256"])
    return {
        "id": row["id"],
        "round_id": row["round_id"],
        "meeting_id": row["meeting_id"],
        "meeting_date": record.meeting_date(db, row["meeting_id"]).isoformat(),
        "wording": rnd["text"],
        "route": row["route"],
        "route_label": ROUTES[row["route"]].label,
        "recipient": row["recipient"],
        "salutation": row["salutation"],
        "stance": row["stance"],
        "signers": json.loads(row["signers"]),
        "sent_on": row["sent_on"],
        "reply_due": row["reply_due"],
        "replied_on": row["replied_on"],
        "reply_text": row["reply_text"],
        "reply_pdf_sha256": row["reply_sha256"],
        "outcome": row["outcome"] or None,
        "outcome_label": OUTCOMES.get(row["outcome"], "Awaiting a reply"),
        "overdue": not answered and not row["outcome"] and row["reply_due"] < today.isoformat(),
    }


def get(db: Database, submission_id: int, today: date | None = None) -> dict:
    """Return one submission as the pages show it."""
    return _public(
        db, _row(db, submission_id) | _reply_of(db, submission_id), today or date.today()
    )


def _reply_of(db: Database, submission_id: int) -> dict:
    """Return the kept reply PDF's name and digest (None when there is none)."""
    sql = "SELECT file_name, sha256 FROM submission_replies WHERE submission_id = ?"
    found = db.execute(sql, [submission_id]).fetchone()
    return {"reply_file": found and found[0], "reply_sha256": found and found[1]}


def listing(db: Database, upto_meeting_id: int | None = None, today: date | None = None) -> list:
    """Return every submission (of decisions up to a meeting, if given), newest first."""
    sql = f"{SELECT} WHERE ? IS NULL OR s.meeting_id <= ? ORDER BY s.sent_on DESC, s.id DESC"
    rows = db.query(sql, [upto_meeting_id, upto_meeting_id])
    return [_public(db, row, today or date.today()) for row in rows]


def overdue(db: Database, today: date | None = None) -> list[dict]:
    """Return the submissions whose reply is late, oldest due first."""
    late = [s for s in listing(db, today=today) if s["overdue"]]
    return sorted(late, key=lambda s: s["reply_due"])


def for_minutes(db: Database, meeting_id: int) -> list[dict]:
    """Return the submission history the minutes carry: decisions of this meeting or before."""
    keys = ("meeting_date", "wording", "route", "route_label", "recipient", "signers", "sent_on")
    more = ("reply_due", "replied_on", "reply_text", "reply_pdf_sha256", "outcome", "overdue")
    return [{k: s[k] for k in ("id", *keys, *more)} for s in listing(db, meeting_id)][::-1]


def council_did(db: Database, meeting_id: int) -> list[dict]:
    """Return what the council did with the decisions of earlier meetings, for the projector."""
    earlier = listing(db, meeting_id - 1)
    keys = ("wording", "route_label", "recipient", "sent_on", "outcome", "outcome_label")
    return [
        {
            **{k: s[k] for k in keys},
            "sent_day": dates.day(s["sent_on"]),
            "overdue": s["overdue"],
            "reply": s["reply_text"][:280],
        }
        for s in earlier[:6]
    ]
