"""Mandates: what a delegate may and may not do, confirmed by the assembly, signed and issued."""

import time
from datetime import date

from sqlite_utils import Database

from kiosk import dates
from kiosk.decisions import rounds
from kiosk.decisions.proposals import MAX_PROPOSAL
from kiosk.decisions.rules import threshold
from kiosk.delegates import instructions
from kiosk.errors import Refused
from kiosk.meeting import meetings
from kiosk.trust import cards
from kiosk.words import N_

POSITIONS = instructions.POSITIONS
MAX_TEXT = instructions.MAX_TEXT
_text = instructions.clean


def _expiry(on: object, meetings: object, today: date) -> tuple[str | None, int | None]:
    """Read the expiry: a date after today, a number of council meetings, or both."""
    on = str(on or "").strip() or None
    if on is not None:
        try:
            when = date.fromisoformat(on)
        except ValueError as error:
            raise Refused("Give the expiry date as a date, like 2027-06-30.") from error
        if when <= today:
            raise Refused("The expiry date has already passed; choose a later date.")
    count = meetings if meetings not in ("", None) else None
    if count is not None and (
        isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 100
    ):
        raise Refused("The number of council meetings must be from 1 to 100.")
    if on is None and count is None:
        raise Refused(
            "Say when the mandate expires: a date, a number of council meetings, or both."
        )
    return on, count


def _percent(value: object, said: str) -> str:
    """Check a recall threshold is a percentage above 0 and at most 100."""
    value = str(value).strip()
    try:
        threshold({"p": value}, "p")
    except Refused as refusal:
        raise Refused(said, reason=str(refusal)) from refusal
    return value


def _id(value: object) -> int | None:
    """Read an optional id from a form: a whole number, or nothing."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise Refused("That choice was not understood. Please choose again.")
    return value


def _seat(db: Database, meeting: dict, seat_id: int | None, council_id: int | None) -> int | None:
    """Check the elected seat (if any) is this meeting's, on the same council."""
    if seat_id is None:
        return None
    if not list(
        db.query(
            "SELECT 1 FROM seats WHERE id = ? AND meeting_id = ? AND council_id = ?",
            [seat_id, meeting["id"], council_id],
        )
    ):
        raise Refused("That seat is not this meeting's seat on the chosen council.")
    return seat_id


def _pence(value: object) -> int:
    """Read a spending cap in pounds (0 for none) as whole pence."""
    try:
        pence = round(float(str(value or "0").replace("£", "").replace(",", "")) * 100)
    except (ValueError, OverflowError) as error:
        raise Refused("Give the spending cap in pounds, like 250 or 0.") from error
    if pence < 0 or pence > 100_000_000:
        raise Refused("The spending cap must be between £0 and £1,000,000.")
    return pence


def draft(db: Database, meeting: dict, fields: dict, today: date | None = None) -> dict:
    """Write a mandate's draft from the facilitator's form; the assembly confirms it next."""
    today = today or date.today()
    council_id, seat_id = _id(fields.get("council_id")), _id(fields.get("seat_id"))
    council = list(db.query("SELECT * FROM councils WHERE id = ?", [council_id]))
    if not council:
        raise Refused("Choose the council the delegate goes to.")
    expires_on, expires_after = _expiry(
        fields.get("expires_on"), fields.get("expires_after_meetings"), today
    )
    row = {
        "meeting_id": meeting["id"],
        "council_id": council[0]["id"],
        "seat_id": _seat(db, meeting, seat_id, council_id),
        "delegate": _text(
            fields.get("delegate"),
            N_("The mandate needs a delegate."),
            N_("Keep the delegate's name under %(most)s characters."),
            limit=80,
        ),
        "co_delegate": _text(
            fields.get("co_delegate"),
            "",
            N_("Keep the co-delegate's name under %(most)s characters."),
            False,
            80,
        ),
        "alternate": _text(
            fields.get("alternate"),
            "",
            N_("Keep the alternate's name under %(most)s characters."),
            False,
            80,
        ),
        "scope": _text(
            fields.get("scope"),
            N_("The mandate needs a scope (what it covers)."),
            N_("Keep the scope under %(most)s characters."),
        ),
        "spending_cap_pence": _pence(fields.get("spending_cap")),
        "expires_on": expires_on,
        "expires_after_meetings": expires_after,
        "report_back": _text(
            fields.get("report_back"),
            N_("The mandate needs a report-back duty."),
            N_("Keep the report-back duty under %(most)s characters."),
        ),
        "petition_percent": _percent(
            fields.get("petition_percent", "25"), N_("The recall petition: %(reason)s")
        ),
        "recall_percent": _percent(
            fields.get("recall_percent", "200/3"), N_("The recall vote: %(reason)s")
        ),
        "facilitator_name": _text(
            fields.get("facilitator_name"),
            "",
            N_("Keep the facilitator's name under %(most)s characters."),
            False,
            80,
        ),
        "note_taker_name": _text(
            fields.get("note_taker_name"),
            "",
            N_("Keep the note-taker's name under %(most)s characters."),
            False,
            80,
        ),
        "created_at": time.time(),
    }
    items = instructions.read(db, fields.get("items"))
    decisions = _decisions(db, meeting, fields.get("decision_round_ids") or [])
    with db.atomic():
        mandate_id = db.table("mandates").insert(row).last_pk
        db.table("mandate_items").insert_all({"mandate_id": mandate_id, **i} for i in items)
        db.table("mandate_decisions").insert_all(
            {"mandate_id": mandate_id, "round_id": r} for r in decisions
        )
        words = len(text(get(db, mandate_id)))
        if words > MAX_PROPOSAL:  # the assembly must be able to confirm it in one round
            raise Refused(
                "This mandate's words come to %(words)s characters; a round can put "
                "at most %(most)s to the assembly. Shorten the items.",
                words=dates.number(words),
                most=dates.number(MAX_PROPOSAL),
            )
    return get(db, mandate_id)


def _decisions(db: Database, meeting: dict, round_ids: object) -> list[int]:
    """Check the decisions a mandate carries: closed rounds of this meeting that passed."""
    if not isinstance(round_ids, list):
        raise Refused("Choose the decisions the mandate carries.")
    for round_id in round_ids:
        rnd = rounds.get_round(db, int(round_id))
        if rnd["meeting_id"] != meeting["id"] or rnd["outcome"] not in ("passed", "chosen"):
            raise Refused("A mandate can carry only decisions this meeting has passed.")
    return [int(r) for r in round_ids]


def get(db: Database, mandate_id: int) -> dict:
    """Return a mandate with its council, items and the decisions it carries."""
    rows = list(
        db.query(
            """SELECT mandates.*, councils.name AS council, councils.level, councils.theme
           FROM mandates JOIN councils ON councils.id = mandates.council_id
           WHERE mandates.id = ?""",
            [mandate_id],
        )
    )
    if not rows:
        raise Refused("That mandate does not exist.")
    mandate = rows[0]
    mandate["items"] = list(
        db.query(
            "SELECT * FROM mandate_items WHERE mandate_id = ? ORDER BY position_no", [mandate_id]
        )
    )
    mandate["decisions"] = [
        rounds.get_round(db, r["round_id"])
        for r in db.query(
            "SELECT round_id FROM mandate_decisions WHERE mandate_id = ? ORDER BY round_id",
            [mandate_id],
        )
    ]
    return mandate


def pounds(pence: int) -> str:
    """Say a spending cap for people."""
    return "£0 — no spending" if pence == 0 else f"up to £{pence / 100:,.2f}".replace(".00", "")


def expiry_words(mandate: dict) -> str:
    """Say when a mandate expires."""
    parts = []
    if mandate["expires_on"]:
        parts.append(dates.day(mandate["expires_on"]))
    if mandate["expires_after_meetings"]:
        n = mandate["expires_after_meetings"]
        parts.append(f"after {n} council meeting{'s' if n != 1 else ''}")
    return ", or ".join(parts) + (", whichever comes first" if len(parts) == 2 else "")


def recall_words(mandate: dict) -> str:
    """Say how the delegate can be recalled."""
    vote = threshold({"p": mandate["recall_percent"]}, "p") * 100
    vote_words = "two-thirds" if mandate["recall_percent"] == "200/3" else f"{float(vote):g}%"
    return (
        f"A petition signed by {mandate['petition_percent']}% of those checked in puts recall "
        f"on the agenda; {vote_words} of those present, by secret ballot, recalls."
    )


def text(mandate: dict) -> str:
    """Write the mandate as the exact words the assembly confirms and the card's digest covers."""
    lines = [
        f"Mandate {mandate['id']}: to {mandate['council']}.",
        f"Delegate: {mandate['delegate']}."
        + (f" Co-delegate: {mandate['co_delegate']}." if mandate["co_delegate"] else "")
        + (f" Alternate: {mandate['alternate']}." if mandate["alternate"] else ""),
        f"Scope: {mandate['scope']}.",
    ]
    lines += [instructions.line(item) for item in mandate["items"]]
    lines += [
        "Decisions carried: "
        + ("; ".join(f"“{d['text']}”" for d in mandate["decisions"]) or "none."),
        f"Spending: {pounds(mandate['spending_cap_pence'])}.",
        f"Expires: {expiry_words(mandate)}.",
        f"Report back: {mandate['report_back']}.",
        f"Recall: {recall_words(mandate)}",
    ]
    return "\n".join(lines)


def open_confirmation(db: Database, meeting: dict, mandate_id: int) -> dict:
    """Put the mandate's exact words to the assembly in a consent round."""
    mandate = get(db, mandate_id)
    if mandate["meeting_id"] != meeting["id"] or mandate["status"] != "draft":
        raise Refused("Only a draft mandate from this meeting can be confirmed.")
    rnd = rounds.open_round(db, meeting, text(mandate), stage="consent")
    db.table("mandates").update(mandate_id, {"confirm_round_id": rnd["id"]})
    return rnd


def issue(db: Database, mandate_id: int, key, key_id: str, now: float | None = None) -> dict:
    """Sign and issue a mandate whose confirmation round passed."""
    mandate = get(db, mandate_id)
    if mandate["status"] != "draft":
        raise Refused("That mandate has already been issued.")
    meetings.refuse_in_rehearsal(
        db, mandate["meeting_id"], "a mandate is practised here, but never signed or issued."
    )
    confirm = mandate["confirm_round_id"] and rounds.get_round(db, mandate["confirm_round_id"])
    if not confirm or confirm["outcome"] != "passed":
        raise Refused("The assembly has not confirmed this mandate's words yet.")
    words, issued_at = text(mandate), int(now or time.time())
    digest = cards.digest(words)
    payload = cards.sign_card(key, key_id, mandate_id, digest, mandate["expires_on"], issued_at)
    db.table("mandates").update(
        mandate_id,
        {
            "status": "issued",
            "text": words,
            "text_digest": digest,
            "payload": payload,
            "issued_at": issued_at,
        },
    )
    return get(db, mandate_id)


def settle_round(db: Database, rnd: dict, key, key_id: str) -> list[dict]:
    """After a round closes, issue a mandate it confirmed; return the mandates it changed."""
    changed = []
    for row in db.query(
        "SELECT id FROM mandates WHERE confirm_round_id = ? AND status = 'draft'", [rnd["id"]]
    ):
        if rnd["outcome"] == "passed" and not meetings.in_rehearsal(db, rnd["meeting_id"]):
            changed.append(issue(db, row["id"], key, key_id))
    return changed


def listing(db: Database, today: date | None = None) -> list[dict]:
    """List every mandate with flags: expired, report-back overdue."""
    today = today or date.today()
    found = []
    for row in db.query("SELECT id FROM mandates ORDER BY id DESC"):
        mandate = get(db, row["id"])
        mandate["flags"] = flags(db, mandate, today)
        found.append(mandate)
    return found


def flags(db: Database, mandate: dict, today: date, overdue_days: int = 60) -> list[str]:
    """Say what needs attention: an expired mandate, or a report-back that is overdue."""
    if mandate["status"] != "issued":
        return []
    found = []
    reports = db.execute(
        "SELECT COUNT(*), MAX(received_at) FROM report_backs WHERE mandate_id = ?",
        [mandate["id"]],
    ).fetchone()
    if mandate["expires_on"] and date.fromisoformat(mandate["expires_on"]) < today:
        found.append("expired")
    elif mandate["expires_after_meetings"] and reports[0] >= mandate["expires_after_meetings"]:
        found.append("expired")
    last = reports[1] or mandate["issued_at"]
    if (time.mktime(today.timetuple()) - last) > overdue_days * 86400:
        found.append("report-back overdue")
    return found
