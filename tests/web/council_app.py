"""A council kiosk app in-process, and its member assemblies as confederation Kiosks in memory.

Bundles move as files through the pages' upload and download routes, as a facilitator carries
them on a stick; the assemblies' side runs through the domain API.
"""

import io
import re
from html import unescape

from confederation import Kiosk

from kiosk.db import connect

DISTRICT = "Hackney District Council"
FRIDGE = "Open a community fridge on Clarence Road"
LIBRARY = "Close the Mare Street library on Sundays"


def text(response) -> str:
    """Return a page's visible words, tags dropped and spaces folded."""
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(unescape(body).split())


def rows(app, sql: str, params=()) -> list[dict]:
    """Read rows from the council kiosk's database."""
    db = connect(app.config["DATABASE"])
    try:
        return list(db.query(sql, params))
    finally:
        db.conn.close()


def upload(client, data: bytes, trust: bool = False, url: str = "/facilitate/council/import"):
    """Upload a bundle through an import form."""
    form = {"bundle": (io.BytesIO(data), "bundle.zip")}
    if trust:
        form["trust"] = "yes"
    return client.post(url, data=form, content_type="multipart/form-data")


def register(client, kiosk: Kiosk, **more):
    """Register a member through the form, by the name and fingerprint its console shows."""
    form = {"name": kiosk.name, "fingerprint": kiosk.me["fingerprint"], "kind": "assembly"}
    return client.post("/facilitate/council/members", data={**form, **more})


def seated(client, kiosk: Kiosk) -> None:
    """Register a member and import its bundle through the page."""
    assert register(client, kiosk).status_code == 302
    assert upload(client, kiosk.export()).status_code == 200


def publish(client, meets_on: str = "2030-01-15") -> bytes:
    """Put every member proposal on the agenda, publish it and download its signed bundle."""
    page = client.get("/facilitate/council/agenda").get_data(as_text=True)
    for proposal_id in re.findall(r'name="proposal_id" value="(\d+)"', page):
        assert (
            client.post(
                "/facilitate/council/agenda/add", data={"proposal_id": proposal_id}
            ).status_code
            == 302
        )
    done = client.post("/facilitate/council/agenda/publish", data={"meets_on": meets_on})
    assert done.status_code == 302, text(done)
    download = client.get("/facilitate/council/agenda/agenda.zip")
    assert download.mimetype == "application/zip"
    return download.data


def item_id(app, words: str) -> int:
    """Return the id of the council's agenda item with these words."""
    [row] = rows(app, "SELECT id FROM council_items WHERE text = ?", [words])
    return row["id"]


def open_item(client, app, words: str, stage: str = "final") -> dict:
    """Open a round on a published item from the agenda page; return the round."""
    done = client.post(
        f"/facilitate/council/agenda/{item_id(app, words)}/round", data={"stage": stage}
    )
    assert done.status_code == 302, text(done)
    [rnd] = rows(app, "SELECT * FROM rounds ORDER BY id DESC LIMIT 1")
    return rnd


def mandated(client, kiosk: Kiosk, delegate: str, positions: dict, **more) -> dict:
    """The full loop for one member: proposals up, agenda down, a mandate by item id, roll."""
    seated(client, kiosk)
    kiosk.take(publish(client), trust_new=True)
    items = [
        {"agenda_uid": kiosk.received(words)["uid"], "position": position}
        for words, position in positions.items()
    ]
    made = kiosk.elect(DISTRICT, "district", delegate, items, **more)
    assert upload(client, kiosk.export()).status_code == 200
    return made


def code_of(client) -> str:
    """Return the running meeting's join code."""
    return client.get("/healthz").get_json()["meeting"]
