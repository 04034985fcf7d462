"""The /verify page and /verify.json: anyone checks a card and reads a clear verdict."""

import json
from contextlib import closing

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.db import connect
from kiosk.decisions import rounds
from kiosk.delegates import mandates, seats
from kiosk.meeting import meetings
from kiosk.trust import cards, identity

TEXT = "Delegate Ada to the district council on housing."
ISSUED = 1_767_225_600  # 1 January 2026


def database(app):
    """Open the app's database file (close it with contextlib.closing)."""
    return connect(app.config["DATABASE"]).conn


def with_db(app, action):
    """Run action on a handle to the app's database and return what it returns."""
    db = connect(app.config["DATABASE"])
    try:
        return action(db)
    finally:
        db.conn.close()


def own_card(app, mandate_id=7, expires_on="2099-12-31") -> str:
    """Sign a card with the kiosk's own key."""
    key = app.extensions["kiosk_key"]
    kid = identity.key_id(identity.public_raw(key))
    return cards.sign_card(key, kid, mandate_id, cards.digest(TEXT), expires_on, ISSUED)


def stranger_card() -> str:
    """Sign a card with a key this kiosk has never seen."""
    key = Ed25519PrivateKey.generate()
    kid = identity.key_id(identity.public_raw(key))
    return cards.sign_card(key, kid, 7, cards.digest(TEXT), None, ISSUED)


def tampered_card(app) -> str:
    """Change the mandate number on a genuine card, keeping its signature."""
    body, signature = own_card(app)[4:].split(".")
    fields = json.loads(cards.unb64url(body))
    fields[0] = 8
    return f"AK1.{cards.b64url(json.dumps(fields).encode())}.{signature}"


def lost_key_card(app) -> str:
    """Return a card signed by a key this kiosk has been told was lost."""
    from kiosk.trust import succession

    key = app.extensions["kiosk_key"]
    with_db(app, lambda db: succession.distrust(db, identity.key_id(identity.public_raw(key))))
    return own_card(app)


def revoked_card(app) -> str:
    """Return a card for a mandate this kiosk has revoked."""
    key = app.extensions["kiosk_key"]
    with_db(app, lambda db: identity.record_revocation(db, key, 9, ISSUED))
    return own_card(app, mandate_id=9)


CASES = {
    "valid": (own_card, "Valid", "in force until 31 December 2099"),
    "expired": (
        lambda app: own_card(app, expires_on="2026-01-31"),
        "Expired",
        "ended on 31 January 2026",
    ),
    "revoked": (revoked_card, "Revoked", "recalled by its assembly"),
    "unknown_assembly": (lambda app: stranger_card(), "Unknown assembly", "does not know"),
    "tampered": (tampered_card, "Tampered", "altered or forged"),
    "malformed": (lambda app: "hello there", "Not a card", "does not start with AK1 and a dot"),
    "distrusted": (lost_key_card, "Key reported lost", "signed with a key its assembly reported"),
}


def counts(app) -> dict:
    """Count the rows a check must never change."""
    tables = ["assembly", "known_keys", "revocations", "mandates"]
    with closing(database(app)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_the_page_offers_a_paste_box_a_camera_and_the_kiosks_fingerprint(app, client):
    page = client.get("/verify")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'name="payload"' in html and 'maxlength="1000"' in html
    assert "Scan with camera" in html and "/static/verify.js" in html
    assert "https" in html and "localhost" in html
    me = with_db(app, identity.assembly)
    assert me["fingerprint"] in html and "Neighbourhood assembly" in html
    assert "https://" not in html and "//cdn" not in html
    script = client.get("/static/verify.js")
    script.close()  # a static file is streamed; close it so no file handle leaks
    assert script.status_code == 200


@pytest.mark.parametrize("status", list(CASES))
def test_each_verdict_is_shown_big_in_words(app, client, status):
    make, label, words = CASES[status]
    html = client.post("/verify", data={"payload": make(app)}).get_data(as_text=True)
    assert f"verdict-{status}" in html
    assert label in html and words in html
    fingerprint = with_db(app, identity.assembly)["fingerprint"]
    assert (fingerprint in html.split("This kiosk")[0]) == (
        status in {"valid", "expired", "revoked"}
    )


def test_a_valid_card_shows_its_assembly_and_details(app, client):
    html = client.post("/verify", data={"payload": own_card(app)}).get_data(as_text=True)
    verdict = html.split("This kiosk")[0]
    assert "Neighbourhood assembly" in verdict and "Mandate number" in verdict
    assert "<dd>7</dd>" in verdict and "1 January 2026" in verdict


def issued_mandate(db, key) -> dict:
    """Draft, confirm and issue a real mandate in the kiosk's database."""
    meeting = meetings.current_meeting(db)
    council = seats.add_council(db, "Riverside District Council", "district")
    form = {
        "council_id": council["id"],
        "delegate": "Ada Brook",
        "co_delegate": "Ben Cole",
        "scope": "Housing",
        "items": [{"item": "Fund the repair café", "position": "must_support"}],
        "expires_on": "2099-12-31",
        "report_back": "At the next assembly",
    }
    mandate = mandates.draft(db, meeting, form)
    person = meetings.check_in(db, meeting, "Amira", True, False)
    rnd = mandates.open_confirmation(db, meeting, mandate["id"])
    rounds.cast_vote(db, person, rnd["id"], "agree")
    rounds.close_round(db, rnd["id"])
    return mandates.issue(db, mandate["id"], key, identity.assembly(db)["key_id"])


def test_a_valid_card_names_its_delegate_and_council(app, client):
    key = app.extensions["kiosk_key"]
    mandate = with_db(app, lambda db: issued_mandate(db, key))
    html = client.post("/verify", data={"payload": mandate["payload"]}).get_data(as_text=True)
    verdict = html.split("This kiosk")[0]
    assert "Valid" in verdict
    who = verdict.split('id="verdict-who">')[1].split("</p>")[0]
    assert " ".join(who.replace("<strong>", "").replace("</strong>", "").split()) == (
        "Ada Brook and Ben Cole carry this mandate to Riverside District Council "
        "(District council)."
    )
    body = client.post("/verify.json", json={"payload": mandate["payload"]}).get_json()
    assert body["carried_by"]["delegate"] == "Ada Brook"
    assert body["carried_by"]["council"] == "Riverside District Council"


@pytest.mark.parametrize("status", list(CASES))
def test_each_verdict_is_answered_as_json(app, client, status):
    make = CASES[status][0]
    body = client.post("/verify.json", json={"payload": make(app)}).get_json()
    assert body["ok"] is True
    assert body["verdict"]["status"] == status
    assert CASES[status][2] in body["verdict"]["message"]
    if status in {"valid", "expired", "revoked"}:
        assert body["assembly"]["name"] == "Neighbourhood assembly"
        assert body["verdict"]["issued_at"] == ISSUED
    else:
        assert body["assembly"] is None


def test_json_also_takes_a_form(app, client):
    body = client.post("/verify.json", data={"payload": own_card(app)}).get_json()
    assert body["verdict"]["status"] == "valid"


def test_a_card_whose_recorded_text_changed_is_tampered(app, client):
    key = app.extensions["kiosk_key"]

    def add_mandate(db):
        meeting = db.table("meetings").insert({"code": "ZZZZ", "title": "May", "created_at": 0})
        council = db.table("councils").insert({"name": "Leith district", "level": "district"})
        row = {
            "meeting_id": meeting.last_pk,
            "council_id": council.last_pk,
            "delegate": "Ada",
            "scope": "Housing",
            "report_back": "Monthly",
            "text_digest": cards.digest("Other words"),
            "created_at": 0,
        }
        return db.table("mandates").insert(row).last_pk

    mandate_id = with_db(app, add_mandate)
    kid = identity.key_id(identity.public_raw(key))
    payload = cards.sign_card(key, kid, mandate_id, cards.digest(TEXT), None, ISSUED)
    body = client.post("/verify.json", json={"payload": payload}).get_json()
    assert body["verdict"]["status"] == "tampered"
    assert "text does not match" in body["verdict"]["message"]


@pytest.mark.parametrize("payload", ["", "   ", None])
def test_an_empty_check_asks_for_a_code(app, client, payload):
    before = counts(app)
    data = {} if payload is None else {"payload": payload}
    page = client.post("/verify", data=data)
    assert page.status_code == 400
    assert "Paste or scan the code from a mandate card first." in page.get_data(as_text=True)
    reply = client.post("/verify.json", json=data)
    assert reply.status_code == 400
    assert reply.get_json() == {
        "ok": False,
        "error": "Paste or scan the code from a mandate card first.",
    }
    assert counts(app) == before


@pytest.mark.parametrize("body", [[1, 2], "AK1.x.y", {"payload": 5}, {"payload": ["AK1."]}])
def test_json_that_is_not_an_object_with_a_text_payload_is_refused(client, body):
    reply = client.post("/verify.json", json=body)
    assert reply.status_code == 400 and reply.get_json()["ok"] is False
    bad = client.post("/verify.json", data="{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.get_json()["ok"] is False


def test_a_huge_request_is_refused_unread(app, client):
    before = counts(app)
    huge = "A" * 100_000
    page = client.post("/verify", data={"payload": huge})
    assert page.status_code == 413
    assert "far too long to be a mandate card" in page.get_data(as_text=True)
    reply = client.post("/verify.json", json={"payload": huge})
    assert reply.status_code == 413
    assert reply.get_json() == {
        "ok": False,
        "error": "That is far too long to be a mandate card's code.",
    }
    assert counts(app) == before


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        ("AK1." + "A" * 1500, "far too long"),
        ("AK1.!!!!.????", "cannot be read"),
        ("AK1.<script>alert(1)</script>.x", "cannot be read"),
        ("\u00e9\u4e2d\U0001f600", "does not start with AK1 and a dot"),
    ],
)
def test_bad_codes_get_a_plain_not_a_card_verdict(app, client, payload, why):
    before = counts(app)
    page = client.post("/verify", data={"payload": payload})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Not a card" in html and why in html
    assert "<script>alert" not in html
    assert counts(app) == before
