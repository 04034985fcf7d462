"""Bundles over HTTP, for the facilitator: export tonight's, import one from elsewhere."""

from flask import Blueprint, Response, current_app, render_template, request

from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.exchange import export as bundle_export
from kiosk.exchange import imports as council_bundles
from kiosk.meeting.meetings import current_meeting
from kiosk.web.auth import facilitator_required
from kiosk.web.database import get_db
from kiosk.words import gettext

bp = Blueprint("bundles", __name__, url_prefix="/facilitate/bundles")


@bp.get("")
@facilitator_required
def index():
    """Show the export button, the import form and the bundles imported so far."""
    db = get_db()
    return render_template(
        "bundles/index.html",
        imported=bundles.imported(db),
        rehearsal=bool(current_meeting(db)["rehearsal"]),
    )


@bp.get("/export.zip")
@facilitator_required
def export():
    """Sign tonight's bundle, keep a copy in the data folder and download it."""
    db = get_db()
    app = current_app
    name, data = bundle_export.build(
        db, current_meeting(db)["id"], app.extensions["kiosk_key"], dict(app.config)
    )
    bundle_export.save(app.config["DATA_DIR"], name, data)
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/import")
@facilitator_required
def import_():
    """Verify and import an uploaded bundle, saying plainly what happened."""
    if (request.content_length or 0) > bundles.MAX_BUNDLE:
        message = gettext("That file is far too big to be a bundle; nothing was read.")
        return render_template("bundles/index.html", error=message, imported=[]), 413
    upload = request.files.get("bundle")
    if upload is None or not upload.filename:
        return render_template(
            "bundles/index.html", error=gettext("Choose a bundle file first."), imported=[]
        ), 400
    try:
        result = council_bundles.import_any(
            get_db(),
            upload.read(bundles.MAX_BUNDLE + 1),
            trust_new=request.form.get("trust") == "yes",
        )
    except Refused as refusal:
        return render_template("bundles/index.html", error=str(refusal), imported=[]), 400
    return render_template("bundles/index.html", result=council_bundles.said(result), imported=[])
