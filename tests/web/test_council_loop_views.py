"""The confederal loop's pages over HTTP: the council's agenda page, the assembly's councils page,
the greeter's desk (scanner, camera frames, pairing codes) and observers on their phones.
"""

import io
import re
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from confederation import Kiosk
from council_app import (
    DISTRICT,
    FRIDGE,
    LIBRARY,
    code_of,
    item_id,
    mandated,
    open_item,
    publish,
    rows,
    seated,
    text,
    upload,
)
from helpers import FACILITATOR_KEY, check_in, paint, svg_cells

from kiosk import create_app
from kiosk.decisions import rounds
from kiosk.delegates import outbox
from kiosk.meeting.meetings import current_meeting
from kiosk.web.database import get_db

FRIDGE_AGAIN = "A community fridge on Clarence Rd"


def kiosk_app(tmp_path, **more):
    """Return a kiosk app on its own data folder (a council when COUNCIL is given)."""
    return create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(tmp_path),
            "PUBLIC_URL": "http://kiosk.test:5000",
            "SECRET_KEY": "test-secret",
            "FACILITATOR_KEY": FACILITATOR_KEY,
            "TALLY_INTERVAL": 0,
            **more,
        }
    )


@pytest.fixture
def council_app(tmp_path):
    """A district council's kiosk."""
    return kiosk_app(tmp_path / "district", COUNCIL="district", ASSEMBLY_NAME=DISTRICT)


@pytest.fixture
def chair(council_app):
    """The council facilitator's browser."""
    client = council_app.test_client()
    client.get(f"/facilitate?key={FACILITATOR_KEY}")
    return client


@pytest.fixture
def members_():
    """Mill Lane and Riverside, each with a proposal to the district (the fridge, twice)."""
    mill, river = Kiosk.assembly("Mill Lane"), Kiosk.assembly("Riverside")
    for kiosk, words in ((mill, FRIDGE), (river, FRIDGE_AGAIN)):
        kiosk.legitimate_meeting()
        kiosk.put(DISTRICT, "district", words)
    mill.put(DISTRICT, "district", LIBRARY)
    return mill, river


def test_the_agenda_page_drafts_merges_publishes_and_opens_rounds(council_app, chair, members_):
    mill, river = members_
    seated(chair, mill)
    seated(chair, river)
    page = text(chair.get("/facilitate/council/agenda"))
    assert f"Mill Lane {FRIDGE}" in page and f"Riverside {FRIDGE_AGAIN}" in page
    early = chair.get("/facilitate/council/agenda/agenda.zip")
    assert early.status_code == 400 and "Publish the agenda first" in text(early)
    for proposal in rows(council_app, "SELECT id FROM council_proposals ORDER BY id"):
        chair.post("/facilitate/council/agenda/add", data={"proposal_id": proposal["id"]})
    again = chair.post("/facilitate/council/agenda/add", data={"proposal_id": 1})
    assert again.status_code == 400 and "already on this meeting's agenda" in text(again)
    merged = chair.post(
        f"/facilitate/council/agenda/{item_id(council_app, FRIDGE_AGAIN)}/merge",
        data={"into": item_id(council_app, FRIDGE)},
    )
    assert merged.status_code == 302
    assert "From: Mill Lane (“" in text(chair.get("/facilitate/council/agenda"))
    [source] = rows(council_app, "SELECT COUNT(*) AS n FROM council_item_sources")
    assert source["n"] == 3 and len(rows(council_app, "SELECT * FROM council_items")) == 2
    own = {"text": "Rename the district", "origin": "council", "kind": "vote"}
    refused = chair.post("/facilitate/council/agenda/own", data=own)
    assert refused.status_code == 400 and "settings do not let it" in text(refused)
    chair.post("/facilitate/council/settings", data={"alternate": "shares", "own_items": "yes"})
    assert chair.post("/facilitate/council/agenda/own", data=own).status_code == 302
    assert "The council's own item" in text(chair.get("/facilitate/council/agenda"))
    past = chair.post("/facilitate/council/agenda/publish", data={"meets_on": "2001-01-01"})
    assert past.status_code == 400 and "That date has passed" in text(past)
    data = publish(chair)
    assert data.startswith(b"PK")
    [kept] = (Path(council_app.config["DATA_DIR"]) / "bundles").iterdir()
    assert kept.read_bytes() == data  # a copy stays in the data folder
    reword = chair.post(
        f"/facilitate/council/agenda/{item_id(council_app, LIBRARY)}/reword",
        data={"text": LIBRARY + " and bank holidays"},
    )
    assert reword.status_code == 302
    stale = chair.post(f"/facilitate/council/agenda/{item_id(council_app, FRIDGE)}/round")
    assert stale.status_code == 302  # the fridge's wording is unchanged: it may be decided
    shown = text(chair.get("/facilitate/council/agenda"))
    assert "Each delegate's phone shows their mandate on it" in shown


def test_an_assembly_puts_a_proposal_up_and_mandates_by_item(tmp_path, council_app, chair):
    assembly = kiosk_app(tmp_path / "mill", ASSEMBLY_NAME="Mill Lane")
    host = assembly.test_client()
    host.get(f"/facilitate?key={FACILITATOR_KEY}")
    page = text(host.get("/facilitate/councils"))
    assert "Add the council first." in page
    host.post("/facilitate/councils/council", data={"name": DISTRICT, "level": "district"})
    [council] = rows(assembly, "SELECT * FROM councils")
    put = host.post("/facilitate/councils/put", data={"council_id": council["id"], "text": FRIDGE})
    assert put.status_code == 302
    assert "round open" in text(host.get("/facilitate/councils"))
    [rnd] = rows(assembly, "SELECT * FROM rounds")
    resident = assembly.test_client()
    here = code_of(resident)
    assert check_in(resident, here, "Zoe").status_code == 302
    resident.post(f"/m/{here}/vote", data={"round_id": rnd["id"], "choice": "agree"})
    with assembly.app_context():
        db = get_db()
        closed = rounds.close_round(db, rnd["id"])
        assert closed["outcome"] == "passed"
        [sent] = outbox.settle_round(db, closed)
    assert "decided: it goes up in the next bundle" in text(host.get("/facilitate/councils"))
    bundle = host.get("/facilitate/bundles/export.zip").data
    form = {"name": "Mill Lane", "fingerprint": _fingerprint(assembly), "kind": "assembly"}
    assert chair.post("/facilitate/council/members", data=form).status_code == 302
    assert f"Proposals to this council: {FRIDGE}" in text(upload(chair, bundle))
    assert rows(council_app, "SELECT uid FROM council_proposals")[0]["uid"] == sent["uid"]
    agenda_zip = publish(chair)
    taken = upload(host, agenda_zip, trust=True, url="/facilitate/bundles/import")
    assert f"Imported the agenda of {DISTRICT}: 1 item(s), 1 new" in text(taken)
    form = text(host.get("/facilitate/councils"))
    assert f"Item 1: {FRIDGE}" in form
    [item] = rows(assembly, "SELECT * FROM agenda_in")
    drafted = host.post(
        "/facilitate/councils/mandate",
        data={
            "council_id": council["id"],
            "delegate": "Ada Brook",
            "scope": "The district's agenda",
            "report_back": "At the next assembly",
            "expires_after_meetings": "1",
            "uid_1": item["uid"],
            "position_1": "must_support",
            "if_amended_1": "holds",
        },
    )
    assert drafted.status_code == 302, text(drafted)
    [mandate_round] = rows(assembly, "SELECT * FROM rounds WHERE closed_at IS NULL")
    assert f"council item {item['uid']} version 1" in mandate_round["wording"]
    bad = host.post(
        "/facilitate/councils/mandate",
        data={
            "council_id": council["id"],
            "delegate": "X",
            "scope": "s",
            "report_back": "r",
            "expires_after_meetings": "1",
            "uid_1": "nope",
            "position_1": "must_support",
        },
    )
    assert bad.status_code == 400 and "has not received that council agenda item" in text(bad)


def _fingerprint(app) -> str:
    """Return a kiosk's key fingerprint as its console shows it."""
    with app.app_context():
        from kiosk.trust import identity

        return identity.assembly(get_db())["fingerprint"]


# -- the greeter's desk, pairing and observers -----------------------------------------------------


def card_qr_jpeg(payload: str) -> bytes:
    """A camera frame holding a mandate card's QR code, as the desk page sends it."""
    out = io.BytesIO()
    qrcode.make(payload).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def test_the_desk_reads_a_card_checks_in_and_pairs_the_phone(council_app, chair, members_):
    mill, _river = members_
    made = mandated(chair, mill, "Ada Brook", {FRIDGE: "must_support"}, co_delegate="Ben Cole")
    desk = text(chair.get("/desk"))
    assert "Scan the card's QR code (the scanner types here)" in desk
    frame = chair.post(
        "/desk/frame",
        data=card_qr_jpeg(made["payload"]),
        content_type="image/jpeg",
        headers={"X-CSRFToken": chair.form_token()},
    )
    assert frame.get_json() == {"ok": True, "payload": made["payload"]}
    blank = chair.post(
        "/desk/frame",
        data=b"not a picture",
        content_type="image/jpeg",
        headers={"X-CSRFToken": chair.form_token()},
    )
    assert blank.get_json()["ok"] is False
    read = chair.post("/desk/card", data={"payload": made["payload"] + "\n"})
    words = text(read)
    assert "This is Mill Lane's card. Who has come?" in words
    assert "Ada Brook the delegate" in words and "Ben Cole the co-delegate" in words
    paired = chair.post("/desk/check-in", data={"payload": made["payload"], "role": "delegate"})
    code = re.search(r'aria-label="Pairing code (\d{6})"', paired.get_data(as_text=True)).group(1)
    assert "Ada Brook is checked in for Mill Lane" in text(paired)
    svg = chair.get(f"/desk/pair/{code}.svg").get_data(as_text=True)
    [found] = zxingcpp.read_barcodes(paint(svg_cells(svg)))
    meeting_code = code_of(chair)
    assert found.text == f"http://kiosk.test:5000/m/{meeting_code}?pair={code}"
    phone = council_app.test_client()
    prefilled = phone.get(f"/m/{meeting_code}?pair={code}").get_data(as_text=True)
    assert f'value="{code}"' in prefilled and "This is me: pair this phone" in prefilled
    wrong = phone.post(f"/m/{meeting_code}/pair", data={"pair": "000000"})
    assert wrong.status_code == 400 and "does not match" in text(wrong)
    assert (
        phone.post(f"/m/{meeting_code}/pair", data={"pair": code[:3] + " " + code[3:]}).status_code
        == 302
    )
    assert "You are Ada Brook, delegate for Mill Lane." in text(phone.get(f"/m/{meeting_code}"))
    stranger = council_app.test_client()
    assert stranger.post("/desk/card", data={"payload": made["payload"]}).status_code == 403
    assert stranger.post("/desk/frame", data=b"").status_code in (400, 403)


def test_a_bad_card_at_the_desk_is_refused_plainly(council_app, chair):
    refused = chair.post("/desk/card", data={"payload": "hello"})
    assert refused.status_code == 400 and "not a mandate card" in text(refused)
    empty = chair.post("/desk/card", data={"payload": ""})
    assert "Scan the card's QR code, or paste its code." in text(empty)


def test_an_observer_checks_in_by_name_and_never_votes(council_app, chair, members_):
    mill, _river = members_
    mandated(chair, mill, "Ada Brook", {FRIDGE: "must_support"})
    phone = council_app.test_client()
    code = code_of(phone)
    assert phone.post(f"/m/{code}/observe", data={"name": ""}).status_code == 400
    assert phone.post(f"/m/{code}/observe", data={"name": "Gus Hart"}).status_code == 302
    rnd = open_item(chair, council_app, FRIDGE)
    page = text(phone.get(f"/m/{code}"))
    assert "You are observing: observers listen and do not vote." in page
    voted = phone.post(
        f"/m/{code}/vote", data={"round_id": rnd["id"], "choice": "yes"}, follow_redirects=True
    )
    assert "Observers do not vote" in text(voted)
    assert rows(council_app, "SELECT * FROM votes") == []
    desk = chair.post("/desk/observer", data={"name": "Hal Ives"})
    assert "Hal Ives is checked in as an observer." in text(desk)
    assert "Gus Hart" in text(chair.get("/facilitate/council"))
    with council_app.app_context():
        assert current_meeting(get_db())["council"] == 1
