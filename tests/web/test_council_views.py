"""The council console and card check-in over HTTP: register, import, rights, bindings, phones.

A council kiosk runs on a temporary data folder; its member assemblies are confederation Kiosks
in memory, whose bundles are uploaded as files, the way a facilitator carries them on a stick.
"""

import re

import pytest
from confederation import Kiosk
from council_app import (
    DISTRICT,
    FRIDGE,
    LIBRARY,
    code_of,
    mandated,
    open_item,
    register,
    rows,
    seated,
    text,
    upload,
)
from helpers import FACILITATOR_KEY

from kiosk import create_app
from kiosk.db import connect
from kiosk.trust import identity


@pytest.fixture
def council_app(tmp_path):
    """Return a kiosk app run as a district council on a fresh data folder."""
    return create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.test:5000",
            "SECRET_KEY": "test-secret",
            "FACILITATOR_KEY": FACILITATOR_KEY,
            "TALLY_INTERVAL": 0,
            "COUNCIL": "district",
            "ASSEMBLY_NAME": DISTRICT,
        }
    )


@pytest.fixture
def chair(council_app):
    """Return the council facilitator's HTTP client."""
    client = council_app.test_client()
    client.get(f"/facilitate?key={FACILITATOR_KEY}")
    return client


@pytest.fixture
def mill():
    """Mill Lane: an assembly meeting the standard, which puts two proposals to the district."""
    kiosk = Kiosk.assembly("Mill Lane")
    kiosk.legitimate_meeting()
    kiosk.put(DISTRICT, "district", FRIDGE)
    kiosk.put(DISTRICT, "district", LIBRARY)
    return kiosk


def ada(chair, mill) -> dict:
    """Mill Lane mandates Ada Brook (and Ben Cole) on the district's published items."""
    return mandated(
        chair,
        mill,
        "Ada Brook",
        {FRIDGE: "must_support", LIBRARY: "must_oppose"},
        co_delegate="Ben Cole",
    )


# -- the console -----------------------------------------------------------------------------------


def test_the_console_links_to_the_council_page_and_shows_its_fingerprint(council_app, chair):
    console = chair.get("/facilitate")
    assert "Council: members, roll, check-in" in console.get_data(as_text=True)
    page = chair.get("/facilitate/council")
    assert page.status_code == 200
    words = text(page)
    assert DISTRICT in words and "A district council" in words
    db = connect(council_app.config["DATABASE"])
    fingerprint = identity.assembly(db)["fingerprint"]
    db.conn.close()
    assert fingerprint in words
    assert "No members yet" in words and "No one on the roll yet" in words


def test_an_assembly_console_has_no_council_link(facilitator_client):
    assert "Council: members" not in facilitator_client.get("/facilitate").get_data(as_text=True)
    page = facilitator_client.get("/facilitate/council")
    assert "This kiosk runs an assembly, not a council" in text(page)


def test_a_stranger_gets_403_everywhere(council_app, mill):
    stranger = council_app.test_client()
    assert stranger.get("/facilitate/council").status_code == 403
    assert register(stranger, mill).status_code == 403
    assert upload(stranger, mill.export()).status_code == 403
    assert stranger.post("/facilitate/council/members/1/rights", data={}).status_code == 403
    assert stranger.post("/facilitate/council/settings", data={}).status_code == 403
    assert stranger.get("/facilitate/council/agenda").status_code == 403
    assert stranger.post("/facilitate/council/agenda/publish", data={}).status_code == 403
    assert stranger.get("/facilitate/council/agenda/agenda.zip").status_code == 403
    assert rows(council_app, "SELECT * FROM council_members") == []


def test_register_then_import_a_member_bundle(council_app, chair, mill):
    registered = register(chair, mill)
    assert registered.status_code == 302
    page = chair.get("/facilitate/council")
    assert "Registered “Mill Lane”. Its first bundle will pin its key." in text(page)
    assert "no bundle yet" in text(page) and "not yet" in text(page)

    bundle = mill.export()
    imported = upload(chair, bundle)
    assert imported.status_code == 200
    words = text(imported)
    assert "Imported the bundle from Mill Lane." in words
    assert f"Proposals to this council: {FRIDGE}; {LIBRARY}." in words
    assert "0 revocation(s) applied." in words
    [member] = rows(council_app, "SELECT * FROM council_members")
    assert member["key_id"] is not None and member["meets_standard"] == 1
    again = upload(chair, bundle)
    assert "Already imported: this bundle from Mill Lane is here. Nothing changed." in text(again)

    made = ada(chair, mill)  # agenda down, mandate by item id, the next bundle up
    words = text(chair.get("/facilitate/council"))
    # the roll: the delegate, co-delegate, mandate id, status and its instructions by item id
    assert "Ada Brook (delegate) Ben Cole (co-delegate)" in words
    assert f"no. {made['id']}" in words
    assert f"item 1, version 1: {FRIDGE} — Must support" in words
    assert f"item 2, version 1: {LIBRARY} — Must oppose" in words
    assert re.search(r"Mill Lane assembly yes .* yes", words)
    later = upload(chair, mill.export())  # a later bundle carries the same mandate
    assert "No new delegates" in text(later)
    assert len(rows(council_app, "SELECT * FROM council_roll")) == 1


def test_an_import_says_which_mandates_were_for_other_councils(council_app, chair, mill):
    mill.elect(
        "North Health Council",
        "themed",
        "Dee Ellis",
        [("Keep it open", "must_support", "")],
        theme="health",
    )
    register(chair, mill)
    words = text(upload(chair, mill.export()))
    assert "Mandates to other councils, skipped: North Health Council." in words


def test_bad_input_is_refused_plainly_and_changes_nothing(council_app, chair, mill):
    bad = chair.post(
        "/facilitate/council/members", data={"name": "Mill Lane", "fingerprint": "ABCD 1234"}
    )
    assert bad.status_code == 400
    assert "A fingerprint is 40 letters and digits" in text(bad)
    assert rows(council_app, "SELECT * FROM council_members") == []

    stranger = Kiosk.assembly("Park Road")
    stranger.legitimate_meeting()
    refused = upload(chair, stranger.export(), trust=True)
    assert refused.status_code == 400
    assert "“Park Road” is not a member of this council" in text(refused)
    assert rows(council_app, "SELECT * FROM bundles") == []

    none = chair.post("/facilitate/council/import", data={}, content_type="multipart/form-data")
    assert none.status_code == 400 and "Choose a bundle file first." in text(none)
    junk = upload(chair, b"not a zip at all")
    assert junk.status_code == 400 and rows(council_app, "SELECT * FROM bundles") == []

    register(chair, mill)
    twice = register(chair, Kiosk.assembly("Mill Lane"))  # same name, another key
    assert twice.status_code == 400
    assert "“Mill Lane” is already a member" in text(twice)
    assert len(rows(council_app, "SELECT * FROM council_members")) == 1


def test_a_changed_key_is_registered_again(council_app, chair, mill):
    register(chair, mill)
    upload(chair, mill.export())
    renewed = Kiosk.assembly("Mill Lane")
    assert register(chair, renewed, again="yes").status_code == 302
    [member] = rows(council_app, "SELECT * FROM council_members")
    assert member["fingerprint"] == renewed.me["fingerprint"].replace(" ", "")
    assert member["key_id"] is None  # unpinned until the new key's first bundle


def test_the_rights_form_records_a_decision_with_its_reason(council_app, chair):
    hill = Kiosk.assembly("Hilltop")  # no notice or outreach: does not meet the standard
    hill.elect(DISTRICT, "district", "Eve Fox", [(FRIDGE, "must_oppose", "")])
    seated(chair, hill)
    page = text(chair.get("/facilitate/council"))
    assert "Needs your decision: it does not meet the standard." in page
    assert "May sit and listen (by the standard)" in page
    [member] = rows(council_app, "SELECT * FROM council_members")
    url = f"/facilitate/council/members/{member['id']}/rights"

    unsaid = chair.post(url, data={"rights": "vote", "reason": ""})
    assert unsaid.status_code == 400
    assert "Say why: the record keeps the reason for this decision." in text(unsaid)
    odd = chair.post(url, data={"rights": "shout", "reason": "x"})
    assert odd.status_code == 400 and "Choose sit, speak or vote." in text(odd)
    assert chair.post("/facilitate/council/members/999/rights", data={}).status_code == 400
    assert rows(council_app, "SELECT * FROM council_rights") == []

    decided = chair.post(url, data={"rights": "speak", "reason": "Notice was two days late"})
    assert decided.status_code == 302
    page = text(chair.get("/facilitate/council"))
    assert "Hilltop's delegates may sit and speak, not vote." in page
    assert "May sit and speak, not vote (decided: Notice was two days late)" in page
    assert "Needs your decision" not in page
    [row] = rows(council_app, "SELECT * FROM council_rights")
    assert (row["rights"], row["reason"]) == ("speak", "Notice was two days late")


# -- the delegate's phone --------------------------------------------------------------------------


def card_check_in(client, code: str, payload: str, role: str = "delegate"):
    """Paste a card's code on the phone's council check-in form."""
    return client.post(f"/m/{code}/card", data={"payload": payload, "role": role})


def test_a_phone_at_a_council_is_asked_for_its_card(council_app):
    phone = council_app.test_client()
    page = phone.get(f"/m/{code_of(phone)}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<label for="payload"><strong>The code on your mandate card</strong></label>' in html
    assert re.search(r'value="delegate" checked', html)
    assert "I am the co-delegate" in html and "I am the alternate" in html
    assert "display_name" not in html  # no name check-in at a council


def test_name_check_in_is_refused_at_a_council(council_app):
    phone = council_app.test_client()
    code = code_of(phone)
    refused = phone.post(
        f"/m/{code}/check-in", data={"display_name": "Zed", "resident": "yes", "first_time": "no"}
    )
    assert refused.status_code == 400
    assert "delegates check in with the code on their mandate card" in text(refused)
    assert rows(council_app, "SELECT * FROM attendees") == []


def test_card_check_in_then_the_phone_shows_the_mandate(council_app, chair, mill):
    made = ada(chair, mill)
    phone = council_app.test_client()
    code = code_of(phone)
    done = card_check_in(phone, code, made["payload"])
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/m/{code}")
    page = phone.get(f"/m/{code}")
    html = page.get_data(as_text=True)
    assert 'id="mandate"' in html and "phone_council.js" in html
    assert "You are Ada Brook, delegate for Mill Lane." in text(page)
    assert "When the council votes, your mandate's instruction appears here." in text(page)

    open_item(chair, council_app, FRIDGE)
    words = text(phone.get(f"/m/{code}"))
    assert "Your mandate says you must support this: vote Yes." in words
    assert "Mill Lane has not voted on this yet." in words
    # the console's roll shows who checked in tonight
    assert "Ada Brook (delegate)" in text(chair.get("/facilitate/council"))


def test_a_vote_against_the_mandate_is_refused_without_javascript(council_app, chair, mill):
    made = ada(chair, mill)
    phone = council_app.test_client()
    code = code_of(phone)
    card_check_in(phone, code, made["payload"], "co_delegate")
    rnd = open_item(chair, council_app, FRIDGE)
    against = phone.post(
        f"/m/{code}/vote", data={"round_id": rnd["id"], "choice": "no"}, follow_redirects=True
    )
    assert "“No” goes against your assembly's mandate" in text(against)
    assert rows(council_app, "SELECT * FROM votes") == []
    ok = phone.post(
        f"/m/{code}/vote", data={"round_id": rnd["id"], "choice": "yes"}, follow_redirects=True
    )
    words = text(ok)
    assert "Your vote is saved." in words
    assert "You are Ben Cole, co-delegate for Mill Lane." in words
    assert "Mill Lane's vote so far: Yes, cast by Ben Cole." in words


def test_bad_and_double_card_check_ins_are_refused(council_app, chair, mill):
    made = ada(chair, mill)
    code = code_of(council_app.test_client())
    junk = card_check_in(council_app.test_client(), code, "hello")
    assert junk.status_code == 400
    assert "not a mandate card" in text(junk)
    assert 'role="alert"' in junk.get_data(as_text=True)
    empty = card_check_in(council_app.test_client(), code, "   ")
    assert empty.status_code == 400 and "Paste the code from your mandate card first." in text(
        empty
    )
    long = card_check_in(council_app.test_client(), code, "A" * 5000)
    assert long.status_code == 400 and "far too long" in text(long)
    nobody = card_check_in(council_app.test_client(), code, made["payload"], "alternate")
    assert nobody.status_code == 400 and "This mandate names no alternate." in text(nobody)
    assert rows(council_app, "SELECT * FROM council_checkins") == []

    assert card_check_in(council_app.test_client(), code, made["payload"]).status_code == 302
    twice = card_check_in(council_app.test_client(), code, made["payload"])
    assert twice.status_code == 400
    assert "Ada Brook is already checked in as Mill Lane's delegate" in text(twice)
    assert 'value="delegate" checked' in twice.get_data(as_text=True)
    assert len(rows(council_app, "SELECT * FROM council_checkins")) == 1


def test_my_instruction_answers_over_socketio(council_app, chair, mill):
    from kiosk.extensions import socketio

    made = ada(chair, mill)
    phone = council_app.test_client()
    code = code_of(phone)
    stranger = socketio.test_client(council_app, flask_test_client=council_app.test_client())
    refused = stranger.emit("my_instruction", {"code": code}, callback=True)
    assert refused == {"ok": False, "error": "Check in with your mandate card first."}
    stranger.disconnect()

    card_check_in(phone, code, made["payload"])
    sock = socketio.test_client(council_app, flask_test_client=phone)
    assert sock.emit("hello", {"role": "phone", "code": code}, callback=True)["ok"]
    quiet = sock.emit("my_instruction", {"code": code}, callback=True)
    assert quiet["ok"] and quiet["instruction"] is None
    assert quiet["delegate"]["who"] == "You are Ada Brook, delegate for Mill Lane."

    rnd = open_item(chair, council_app, LIBRARY)
    reply = sock.emit("my_instruction", {"code": code}, callback=True)
    shown = reply["instruction"]
    assert shown["round_id"] == rnd["id"] and shown["position"] == "must_oppose"
    assert shown["words"] == "Your mandate says you must oppose this: vote No."
    assert shown["open"] is True and shown["seat_vote"] is None
    vote = sock.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "yes", "reason": ""}, callback=True
    )
    assert vote["ok"] is False and "must oppose" in vote["error"]
    assert sock.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "no", "reason": ""}, callback=True
    )["ok"]
    after = sock.emit("my_instruction", {"code": code}, callback=True)["instruction"]
    assert after["seat_vote"] == {"choice": "no", "by": "Ada Brook"}
    assert after["seat_words"] == "Mill Lane's vote so far: No, cast by Ada Brook."
    bad = sock.emit("my_instruction", {"code": 5}, callback=True)
    assert bad["ok"] is False
    sock.disconnect()


def test_a_delegate_without_a_vote_is_told_why_on_the_phone(council_app, chair):
    hill = Kiosk.assembly("Hilltop")  # no notice or outreach: does not meet the standard
    made = hill.elect(DISTRICT, "district", "Eve Fox", [(FRIDGE, "must_oppose", "")])
    seated(chair, hill)
    phone = council_app.test_client()
    code = code_of(phone)
    assert card_check_in(phone, code, made["payload"]).status_code == 302
    words = text(phone.get(f"/m/{code}"))
    assert (
        "Hilltop has not been shown to meet the standard, so its delegates may sit and listen "
        "until the council decides." in words
    )
    assert (
        f"Your mandate also names “{FRIDGE}”, which this council has not published: unbound, "
        "the chair decides." in words
    )
    [member] = rows(council_app, "SELECT id FROM council_members")
    chair.post(
        f"/facilitate/council/members/{member['id']}/rights",
        data={"rights": "speak", "reason": "Notice was two days late"},
    )
    rnd = open_item_anyway(chair, council_app, FRIDGE)
    words = text(phone.get(f"/m/{code}"))
    assert rnd["proposal_id"]
    assert (
        words.count(
            "The council decided Hilltop's delegates may sit and speak, not vote "
            "(Notice was two days late)."
        )
        == 1
    )


def open_item_anyway(chair, app, words: str) -> dict:
    """Open a round on words no published item has (Hilltop's own words): nothing binds them."""
    from kiosk.decisions import rounds
    from kiosk.meeting.meetings import current_meeting

    db = connect(app.config["DATABASE"])
    try:
        return rounds.open_round(db, current_meeting(db), words, stage="final", rule="majority")
    finally:
        db.conn.close()
