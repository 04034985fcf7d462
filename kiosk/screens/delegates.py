"""The delegates' part of each page's snapshot: seats, candidates, mandates and petitions."""

from datetime import date

from sqlite_utils import Database

from kiosk.delegates import mandates, recall, reportbacks
from kiosk.delegates import seats as delegates
from kiosk.meeting.meetings import attendance
from kiosk.trust import identity
from kiosk.words import N_, gettext

# A phone's words for the genders kiosk.delegates.seats offers, so its catalogue carries them.
GENDER_WORDS = (N_("Not given"), N_("Woman"), N_("Man"), N_("Non-binary"))


def said(labels: dict[str, str]) -> dict[str, str]:
    """Return a set of labels in the language now speaking."""
    return {key: gettext(label) for key, label in labels.items()}


def _mandate_view(db: Database, meeting: dict, mandate: dict, today: date) -> dict:
    """Describe a mandate for the console: its words, state, flags and petition."""
    view = {
        k: mandate[k]
        for k in (
            "id",
            "council",
            "level",
            "delegate",
            "co_delegate",
            "alternate",
            "scope",
            "status",
            "expires_on",
            "expires_after_meetings",
            "report_back",
            "confirm_round_id",
            "recall_round_id",
            "replaced_by",
        )
    }
    view["items"] = [
        {k: i[k] for k in ("id", "position_no", "item", "position", "limits")}
        for i in mandate["items"]
    ]
    view["text"] = mandate["text"] or mandates.text(mandate)
    view["flags"] = mandates.flags(db, mandate, today)
    if mandate["status"] == "issued":
        view["petition"] = recall.petition_state(db, meeting, mandate)
    view["report_backs"] = len(reportbacks.for_mandate(db, mandate["id"]))
    return view


def facilitator(db: Database, meeting: dict) -> dict:
    """Everything the console's delegates panel shows."""
    today = date.today()
    passed = db.query(
        """SELECT rounds.id, COALESCE(rounds.wording, proposals.text) AS text FROM rounds
           JOIN proposals ON proposals.id = rounds.proposal_id
           WHERE proposals.meeting_id = ? AND rounds.outcome = 'passed'
             AND rounds.id NOT IN (SELECT confirm_round_id FROM mandates
                                   WHERE confirm_round_id IS NOT NULL)
           ORDER BY rounds.id""",
        [meeting["id"]],
    )
    return {
        "delegates": {
            "assembly": identity.assembly(db),
            "levels": delegates.LEVELS,
            "genders": delegates.GENDERS,
            "positions": mandates.POSITIONS,
            "councils": delegates.councils(db),
            "seats": delegates.seats(db, meeting["id"]),
            "decisions": list(passed),
            "mandates": [_mandate_view(db, meeting, m, today) for m in mandates.listing(db, today)],
        }
    }


def phone_public(db: Database, meeting: dict) -> dict:
    """What every phone may see: seats open for nominations, mandates open to recall."""
    open_seats = [
        {"id": s["id"], "council": s["council"]}
        for s in delegates.seats(db, meeting["id"])
        if s["round_id"] is None
    ]
    in_force, checked_in = [], None
    for row in db.query(
        """SELECT id FROM mandates WHERE status = 'issued'
           AND (expires_on IS NULL OR expires_on >= ?) ORDER BY id""",
        [date.today().isoformat()],
    ):
        mandate = mandates.get(db, row["id"])
        if checked_in is None:  # once, not once a mandate, and only if there is one
            checked_in = attendance(db, meeting["id"])["with_phones"]
        in_force.append(
            {
                "id": mandate["id"],
                "delegate": mandate["delegate"],
                "council": mandate["council"],
                **recall.petition_state(db, meeting, mandate, checked_in),
            }
        )
    return {"seats": open_seats, "mandates": in_force, "genders": said(delegates.GENDERS)}


def phone(db: Database, meeting: dict, attendee: dict, public: dict | None = None) -> dict:
    """One phone's view: the public part (phone_public(), if built already), plus whether it
    stood or signed."""
    part = public or phone_public(db, meeting)
    stood = {
        r["seat_id"]
        for r in db.query("SELECT seat_id FROM candidates WHERE attendee_id = ?", [attendee["id"]])
    }
    signed = {
        r["mandate_id"]
        for r in db.query(
            "SELECT mandate_id FROM recall_petitions WHERE attendee_id = ?", [attendee["id"]]
        )
    }
    return {
        "delegates": {
            **part,
            "seats": [{**seat, "standing": seat["id"] in stood} for seat in part["seats"]],
            "mandates": [
                {**mandate, "signed_by_me": mandate["id"] in signed} for mandate in part["mandates"]
            ],
        }
    }
