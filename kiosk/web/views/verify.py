"""The /verify page: anyone at a council table checks a mandate card by pasting or scanning it."""

from datetime import UTC, datetime

from flask import Blueprint, jsonify, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from kiosk import dates
from kiosk.errors import Refused
from kiosk.extensions import csrf
from kiosk.records.mandate_cards import carried_by
from kiosk.trust.cards import Verdict
from kiosk.trust.identity import assembly, check_card, known_assembly
from kiosk.web.database import get_db
from kiosk.words import N_, gettext

bp = Blueprint("verify", __name__)
csrf.exempt(bp)  # checking a card changes nothing, so any page may ask (it cannot read the answer)

# A card's code is under 1,000 characters even URL-encoded; refuse anything bigger unread.
MAX_REQUEST = 8 * 1024
EMPTY = N_("Paste or scan the code from a mandate card first.")
TOO_BIG = N_("That is far too long to be a mandate card's code.")
SHOWS_ISSUER = {"valid", "expired", "revoked"}


@bp.before_request
def limit_request_size() -> None:
    """Cap what any verify request may send, before its body is read."""
    request.max_content_length = MAX_REQUEST


def _own(db) -> dict | None:
    """Return this kiosk's own assembly, or None if it has none yet."""
    try:
        return assembly(db)
    except Refused:
        return None


def _issuer(db, verdict: Verdict) -> dict | None:
    """Return the assembly that signed a card, when the card is genuine."""
    if verdict.status not in SHOWS_ISSUER or verdict.key_id is None:
        return None
    return known_assembly(db, verdict.key_id)


def _carried(db, verdict: Verdict | None) -> dict | None:
    """Return who carries a genuine card's mandate and to which council, when known here."""
    if verdict is None or verdict.status not in SHOWS_ISSUER or verdict.key_id is None:
        return None
    return carried_by(db, verdict.key_id, verdict.mandate_id)


def _issued_on(verdict: Verdict | None) -> str | None:
    """Write the day a card was issued the way people read it."""
    if verdict is None or verdict.issued_at is None or verdict.status not in SHOWS_ISSUER:
        return None
    return dates.day(datetime.fromtimestamp(verdict.issued_at, UTC))


def _page(verdict: Verdict | None = None, error: str | None = None, status: int = 200):
    """Render the verify page, with a verdict or a plain message when there is one."""
    db = get_db()
    html = render_template(
        "verify/index.html",
        verdict=verdict,
        issuer=_issuer(db, verdict) if verdict else None,
        issued_on=_issued_on(verdict),
        carried=_carried(db, verdict),
        ours=_own(db),
        error=gettext(error) if error else None,
    )
    return html, status


@bp.get("/verify")
def index():
    """Show the box to paste a card's code into, and the camera button where it can work."""
    return _page()


@bp.post("/verify")
def check():
    """Check the pasted or scanned code and show the verdict big and clear."""
    payload = request.form.get("payload", "")
    if not payload.strip():
        return _page(error=EMPTY, status=400)
    return _page(verdict=check_card(get_db(), payload))


def _sent_payload() -> object:
    """Return the payload field of a JSON object or form, whatever its type."""
    if not request.is_json:
        return request.form.get("payload")
    data = request.get_json(silent=True)
    return data.get("payload") if isinstance(data, dict) else None


@bp.post("/verify.json")
def check_json():
    """Check a card's code sent as JSON {"payload": ...} (or a form) and answer in JSON."""
    payload = _sent_payload()
    if not isinstance(payload, str) or not payload.strip():
        return jsonify(ok=False, error=gettext(EMPTY)), 400
    db = get_db()
    verdict = check_card(db, payload)
    return jsonify(
        ok=True,
        verdict=verdict.as_dict(),
        assembly=_issuer(db, verdict),
        carried_by=_carried(db, verdict),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_big(_error: RequestEntityTooLarge):
    """Refuse an oversized request in plain words, as a page or as JSON."""
    if request.path.endswith(".json"):
        return jsonify(ok=False, error=gettext(TOO_BIG)), 413
    return _page(error=TOO_BIG, status=413)
