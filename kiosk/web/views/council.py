"""The council console over HTTP, for the facilitator: members, rights, bundles, roll, bindings."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from kiosk.council import agenda, items, members, roll, room
from kiosk.council import votes as council_votes
from kiosk.decisions import rounds
from kiosk.delegates import instructions
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.exchange import imports as council_bundles
from kiosk.meeting.meetings import current_meeting
from kiosk.trust import identity
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.words import N_, gettext

bp = Blueprint("council", __name__, url_prefix="/facilitate/council")
MEETS = {None: N_("no bundle yet"), 1: N_("yes"), 0: N_("no")}
STATUSES = {
    "valid": N_("valid"),
    "revoked": N_("revoked"),
    "expired": N_("expired"),
    "replaced": N_("replaced by a newer mandate"),
}
# Words the page shows for stored codes: a council's level, a member's kind.
SHOWN = (N_("district"), N_("county"), N_("themed"), N_("assembly"), N_("council"))


def _latest(db, meeting: dict, on_roll: list[dict]) -> dict | None:
    """Return the latest round, the item and version it decides, and each seat's binding."""
    rnd = rounds.latest_round(db, meeting["id"])
    if rnd is None:
        return None
    bound = {r["id"]: council_votes.binding(db, rnd, r) for r in on_roll if r["status"] == "valid"}
    return {"round": rnd, "item": items.on_round(db, rnd), "bound": bound}


def _page(error: str = "", result: dict | None = None, status: int = 200):
    """Render the council console as it stands, with a refusal or an import's result."""
    db = get_db()
    me = identity.assembly(db)
    if me["kind"] != "council":
        return render_template("council/index.html", me=me, not_council=True), status
    meeting = current_meeting(db)
    on_roll = roll.rows(db, meeting)
    page = render_template(
        "council/index.html",
        me=me,
        meeting=meeting,
        members=members.members(db),
        roll=on_roll,
        unbound={r["id"]: council_votes.unbound(db, r) for r in on_roll},
        numbers={i["uid"]: i["number"] for i in agenda.items(db, meeting)},
        latest=_latest(db, meeting, on_roll),
        observers=room.observers(db, meeting["id"]),
        settings=room.settings(db),
        alternate=room.ALTERNATE,
        error=error,
        result=result,
        said=council_bundles.said(result) if result else "",
        meets=MEETS,
        statuses=STATUSES,
        rights=members.RIGHTS,
        roles=roll.ROLES,
        positions=instructions.POSITIONS,
    )
    return page, status


@bp.get("")
@facilitator_required
def index():
    """Show the council's members, the import form, the roll and the latest round's bindings."""
    return _page()


@bp.post("/members")
@facilitator_required
def register():
    """Register a member assembly or council by name and key fingerprint."""
    form = request.form
    try:
        found = members.register(
            get_db(),
            form.get("name", ""),
            form.get("fingerprint", ""),
            form.get("kind", "assembly"),
            again=form.get("again") == "yes",
        )
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    flash(gettext("Registered “%(name)s”. Its first bundle will pin its key.", name=found["name"]))
    return redirect(url_for("council.index"))


@bp.post("/members/<int:member_id>/rights")
@facilitator_required
def rights(member_id: int):
    """Record what a member's delegates may do at this council, and why."""
    db = get_db()
    try:
        found = members.set_rights(
            db,
            current_meeting(db),
            member_id,
            request.form.get("rights", ""),
            request.form.get("reason", ""),
        )
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    flash(gettext(members.RIGHTS_SAID[found["rights"]], member=found["name"]))
    return redirect(url_for("council.index"))


@bp.post("/settings")
@facilitator_required
def settings():
    """Say how alternates sit and whether the council may add items of its own."""
    form = request.form
    try:
        room.set_settings(get_db(), form.get("alternate", ""), form.get("own_items") == "yes")
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    flash(gettext("The council's settings are saved."))
    return redirect(url_for("council.index"))


@bp.post("/import")
@facilitator_required
def import_():
    """Verify and import a bundle, saying plainly what happened."""
    if (request.content_length or 0) > bundles.MAX_BUNDLE:
        return _page(
            gettext("That file is far too big to be a bundle; nothing was read."), status=413
        )
    upload = request.files.get("bundle")
    if upload is None or not upload.filename:
        return _page(gettext("Choose a bundle file first."), status=400)
    try:
        result = council_bundles.import_any(
            get_db(),
            upload.read(bundles.MAX_BUNDLE + 1),
            trust_new=request.form.get("trust") == "yes",
        )
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    return _page(result=result)
