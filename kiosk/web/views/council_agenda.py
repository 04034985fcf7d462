"""The council's agenda over HTTP: draft it from members' proposals, publish, download, decide."""

from datetime import date, timedelta

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from kiosk.council import agenda, items, proposals, room
from kiosk.errors import Refused
from kiosk.exchange import export as bundle_export
from kiosk.meeting.meetings import current_meeting
from kiosk.trust import identity
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.web.forms import number
from kiosk.web.live.meeting import announce_round
from kiosk.words import N_, gettext, ngettext

bp = Blueprint("council_agenda", __name__, url_prefix="/facilitate/council/agenda")


def _page(error: str = "", status: int = 200):
    """Render the agenda page as it stands, with a refusal if there was one."""
    db = get_db()
    me = identity.assembly(db)
    if me["kind"] != "council":
        return render_template("council/agenda.html", me=me, not_council=True), status
    meeting = current_meeting(db)
    found = agenda.items(db, meeting)
    page = render_template(
        "council/agenda.html",
        me=me,
        meeting=meeting,
        proposals=proposals.listing(db, meeting["id"]),
        items=found,
        versions={i["id"]: items.current_version(db, i) for i in found},
        published=agenda.published(db, meeting),
        settings=room.settings(db),
        origins=agenda.ORIGINS,
        kinds=agenda.KINDS,
        stages=items.STAGES,
        next_week=(date.today() + timedelta(days=7)).isoformat(),
        error=error,
    )
    return page, status


def _act(action, done: str):
    """Run one change on the running meeting's agenda; flash what happened, or show the refusal."""
    db = get_db()
    try:
        said = action(db, current_meeting(db))
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    flash(said if isinstance(said, str) and said else gettext(done))
    return redirect(url_for("council_agenda.index"))


@bp.get("")
@facilitator_required
def index():
    """Show members' proposals, the draft agenda, publishing, and rounds on published items."""
    return _page()


@bp.post("/add")
@facilitator_required
def add():
    """Put a member's proposal on the agenda, in its exact words."""
    return _act(
        lambda db, m: agenda.add_proposal(db, m, number(request.form.get("proposal_id"))),
        N_("The proposal is on the agenda."),
    )


@bp.post("/own")
@facilitator_required
def own():
    """Add a procedural item, or (where the settings allow) one of the council's own."""
    form = request.form
    return _act(
        lambda db, m: agenda.add_own(
            db,
            m,
            form.get("text", ""),
            form.get("origin", "procedural"),
            form.get("kind", "vote"),
            form.get("options", ""),
            form.get("max_choices", "1"),
        ),
        N_("The item is on the agenda."),
    )


@bp.post("/<int:item_id>/move")
@facilitator_required
def move(item_id: int):
    """Move an item up or down the agenda."""
    by = -1 if request.form.get("by") == "up" else 1
    return _act(lambda db, m: agenda.move(db, m, item_id, by), N_("The agenda is reordered."))


@bp.post("/<int:item_id>/merge")
@facilitator_required
def merge(item_id: int):
    """Merge this item into the one chosen: that item keeps its words and every source."""
    keep = request.form.get("into")
    return _act(
        lambda db, m: agenda.merge(db, m, number(keep), item_id),
        N_("Merged: the item keeps every member's proposal as a source."),
    )


@bp.post("/<int:item_id>/reword")
@facilitator_required
def reword(item_id: int):
    """Change an item's wording (a published item gets its next version)."""
    form = request.form
    return _act(
        lambda db, m: agenda.reword(db, m, item_id, form.get("text", ""), form.get("options")),
        N_("The wording is changed. Publish again so the assemblies see it."),
    )


@bp.post("/<int:item_id>/remove")
@facilitator_required
def remove(item_id: int):
    """Take an unpublished item off the agenda."""
    return _act(lambda db, m: agenda.remove(db, m, item_id), N_("The item is off the agenda."))


@bp.post("/publish")
@facilitator_required
def publish():
    """Publish the agenda for a meeting date: item ids, exact words and versions are fixed."""

    def published(db, meeting):
        told = agenda.publish(db, meeting, request.form.get("meets_on", ""))
        return ngettext(
            "Published edition %(edition)s of the agenda for %(day)s: %(num)s item(s). "
            "Download its bundle for the members.",
            "Published edition %(edition)s of the agenda for %(day)s: %(num)s item(s). "
            "Download its bundle for the members.",
            len(told["items"]),
            edition=told["edition"],
            day=told["meets_on"],
        )

    return _act(published, N_("Published."))


@bp.get("/agenda.zip")
@facilitator_required
def download():
    """Sign the published agenda as a bundle, keep a copy in the data folder and download it."""
    db = get_db()
    app = current_app
    try:
        name, data = bundle_export.build_agenda(
            db, current_meeting(db), app.extensions["kiosk_key"]
        )
    except Refused as refusal:
        return _page(error=str(refusal), status=refusal.status)
    bundle_export.save(app.config["DATA_DIR"], name, data)
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/<int:item_id>/round")
@facilitator_required
def open_round(item_id: int):
    """Open a round on a published item; phones see it, each seat bound by its mandate."""

    def opened(db, meeting):
        rnd = items.open_round(db, meeting, item_id, request.form.get("stage", "final"))
        announce_round(meeting, rnd)
        return gettext(
            "Opened: “%(text)s”. Each delegate's phone shows their mandate on it.", text=rnd["text"]
        )

    return _act(opened, N_("Opened."))
