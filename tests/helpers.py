"""Helpers for the in-process Socket.IO tests: what a client heard, what the app's database holds,
and events that must be answered ok or refused."""

import re
from pathlib import Path

from PIL import Image

from kiosk.db import connect as open_db

FACILITATOR_KEY = "test-facilitator-key"
PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"


def events(sock, name):
    """Return (and consume) the payloads of events called name the client has received."""
    return [e["args"][0] for e in sock.get_received() if e["name"] == name]


def last(sock, name):
    """Return the payload of the last event called name the client received."""
    found = events(sock, name)
    return found[-1] if found else None


def rows(app, sql):
    """Return rows straight from the app's database file."""
    db = open_db(app.config["DATABASE"])
    try:
        return [dict(r) for r in db.query(sql)]
    finally:
        db.conn.close()


def ok(sock, event, payload=None):
    """Emit an event and return its answer, which must be ok."""
    reply = sock.emit(event, payload if payload is not None else {}, callback=True)
    assert reply["ok"], reply
    return reply


def refused(sock, event, payload):
    """Emit an event and return its refusal, which must be plain words."""
    reply = sock.emit(event, payload, callback=True)
    assert reply["ok"] is False and reply["error"], reply
    return reply["error"]


def check_in(client, code: str, name: str = "", resident: str = "yes", first_time: str = "no"):
    """Check a phone in over HTTP and return the response."""
    return client.post(
        f"/m/{code}/check-in",
        data={
            "display_name": name,
            "resident": resident,
            "first_time": first_time,
        },
    )


# -- QR codes drawn as SVG, read back by a real decoder --------------------------------------------

SCALE = 6


def paint(cells: list[list[bool]]):
    """Draw a grid of dark (True) cells as a black-on-white image with a white margin."""
    image = Image.new("L", ((len(cells[0]) + 8) * SCALE, (len(cells) + 8) * SCALE), 255)
    for y, row in enumerate(cells):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, ((x + 4) * SCALE, (y + 4) * SCALE, (x + 5) * SCALE, (y + 5) * SCALE))
    return image


def svg_cells(svg: str) -> list[list[bool]]:
    """Read the unit squares ("Mx,yH..V..H..z") of the QR's SVG path back into a grid."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    cells = [[False] * size for _ in range(size)]
    for x, y in re.findall(r"M(\d+),(\d+)H\d+V\d+H\d+z", svg):
        cells[int(y)][int(x)] = True
    return cells
