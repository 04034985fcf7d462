"""An assembly's councils over HTTP: proposals up, agendas received, mandates by item, outcomes."""

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for

from kiosk.delegates import agendas, instructions, mandates, outbox
from kiosk.delegates import seats as delegates
from kiosk.errors import Refused
from kiosk.meeting.meetings import current_meeting
from kiosk.trust import identity
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.web.forms import number
from kiosk.web.live.delegates import announce_delegates
from kiosk.web.live.meeting import announce_round
from kiosk.words import N_, gettext

bp = Blueprint("councils", __name__, url_prefix="/facilitate/councils")


def _page(error: str = "", status: int = 200):
    """Render the councils page as it stands, with a refusal if there was one."""
    db = get_db()
    meeting = current_meeting(db)
    received = agendas.latest(db)
    by_council: dict[int, list[dict]] = {}
    for item in received:
        by_council.setdefault(item["council_id"], []).append(item)
    page = render_template(
        "councils/index.html",
        me=identity.assembly(db),
        meeting=meeting,
        councils=delegates.councils(db),
        levels=delegates.LEVELS,
        sent=outbox.listing(db),
        kinds=outbox.KINDS,
        agendas=by_council,
        positions=instructions.POSITIONS,
        if_amended=instructions.IF_AMENDED,
        outcomes=agendas.what_happened(db, meeting["id"]),
        expires=(date.today() + timedelta(days=120)).isoformat(),
        error=error,
    )
    return page, status


def _act(action, done: str):
    """Run one change for the running meeting; flash what happened, or show the refusal."""
    db = get_db()
    meeting = current_meeting(db)
    try:
        said = action(db, meeting)
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    flash(said if isinstance(said, str) else gettext(done))
    return redirect(url_for("councils.index"))


@bp.get("")
@facilitator_required
def index():
    """Show proposals put to councils, agendas received, the mandate form and what happened."""
    return _page()


@bp.post("/council")
@facilitator_required
def add_council():
    """Add a council this assembly sends proposals and delegates to."""
    form = request.form
    return _act(
        lambda db, m: delegates.add_council(
            db, form.get("name", ""), form.get("level", ""), form.get("theme", "")
        ),
        N_("The council is added."),
    )


@bp.post("/put")
@facilitator_required
def put():
    """Open the consent round that decides to put a proposal to a council."""
    form = request.form

    def opened(db, meeting):
        rnd = outbox.put(
            db,
            meeting,
            number(form.get("council_id")),
            form.get("text", ""),
            form.get("kind", "vote"),
            form.get("options", ""),
            form.get("max_choices", "1"),
        )
        announce_round(meeting, rnd)
        return gettext(
            "The consent round is open on every phone: when the room has spoken, close it "
            "from the console. If it passes, the proposal goes up in the next bundle."
        )

    return _act(opened, N_("Opened."))


def _instructions(form) -> list[dict]:
    """Read the mandate form's rows: one position per council agenda item, by its id."""
    found = []
    for n in range(1, instructions.MAX_ITEMS + 1):
        uid = form.get(f"uid_{n}")
        if uid is None:
            break
        position = form.get(f"position_{n}", "")
        if position == "skip":
            continue
        ranked = [form.get(f"rank_{n}_{k}", "") for k in range(1, 21)]
        found.append(
            {
                "agenda_uid": uid,
                "position": position,
                "limits": form.get(f"limits_{n}", ""),
                "amendment": form.get(f"amendment_{n}", ""),
                "picks": form.getlist(f"pick_{n}") or [r for r in ranked if r],
                "if_amended": form.get(f"if_amended_{n}", "abstain"),
            }
        )
    return found


@bp.post("/mandate")
@facilitator_required
def mandate():
    """Draft a mandate on a council's agenda, item by item, and put it to a consent round."""
    form = request.form

    def opened(db, meeting):
        after = form.get("expires_after_meetings", "")
        fields = {
            **{k: form.get(k, "") for k in ("delegate", "co_delegate", "alternate", "scope")},
            "council_id": number(form.get("council_id")),
            "report_back": form.get("report_back", ""),
            "expires_on": form.get("expires_on", ""),
            "expires_after_meetings": int(after) if after.isdigit() else None,
            "items": _instructions(form),
        }
        drafted = mandates.draft(db, meeting, fields)
        rnd = mandates.open_confirmation(db, meeting, drafted["id"])
        announce_round(meeting, rnd)
        announce_delegates(meeting)
        return gettext(
            "Mandate %(number)s for %(delegate)s is put to the room as a consent round, in its "
            "exact words. When it passes, the card is signed and issued.",
            number=drafted["id"],
            delegate=drafted["delegate"],
        )

    return _act(opened, N_("Opened."))
