"""Trust under attack, in a real browser against the real server.

- Another site (a page from http://localhost:P2, while the kiosk is http://127.0.0.1:P1) tries
  to end the meeting, to import a bundle with "trust" ticked and to open a round over a
  cross-origin Socket.IO connection, with the facilitator logged in: all refused, nothing changed.
- A phone whose vote is not acknowledged says so and offers to send it again.
- A long message (over the old 64 KiB) is answered in plain words, not by a closed socket.
"""

import base64
import http.server
import json
import signal
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from liveserver import free_port, socket_facilitator
from playwright.sync_api import expect
from sqlite_utils import Database

from kiosk.db import migrate
from kiosk.exchange import bundles
from kiosk.meeting.meetings import current_meeting
from kiosk.records import minutes
from kiosk.trust import identity

pytestmark = pytest.mark.browser

ATTACK = """<!doctype html>
<title>Win a free tea urn</title>
<form id="end" method="post" action="{kiosk}/facilitate/meeting">
  <input name="title" value="Hijacked">
</form>
<script src="{kiosk}/static/vendor/socket.io-4.8.4.min.js"></script>
<script>
window.seen = [];
async function attack() {{
  const bundle = Uint8Array.from(atob("{bundle}"), c => c.charCodeAt(0));
  const form = new FormData();
  form.append("bundle", new Blob([bundle]), "bundle.zip");
  form.append("trust", "yes");
  await fetch("{kiosk}/facilitate/bundles/import",
              {{method: "POST", mode: "no-cors", credentials: "include", body: form}});
  window.seen.push("fetched");
  const socket = io("{kiosk}", {{withCredentials: true, reconnection: false}});
  socket.on("connect", () => {{
    window.seen.push("connected");
    socket.emit("hello", {{role: "facilitator"}}, () => {{
      socket.emit("open_round", {{text: "Sell the hall"}}, (reply) => window.seen.push(reply));
    }});
  }});
  socket.on("connect_error", () => window.seen.push("socket refused"));
  await new Promise(done => setTimeout(done, 2500));
  window.seen.push("submitting");
  document.getElementById("end").submit();
}}
attack();
</script>
"""


def attacker_bundle() -> bytes:
    """Return a whole, validly signed bundle from an assembly the kiosk has never met."""
    db = Database(memory=True)
    migrate(db)
    key = Ed25519PrivateKey.generate()
    me = identity.ensure_assembly(db, key, "Totally Real Assembly", "")
    meeting = current_meeting(db)
    files = {"minutes.json": json.dumps(minutes.build(db, meeting["id"], {})).encode()}
    return bundles.pack(me, key, {"id": 1, "code": meeting["code"], "date": "2026-11-26"}, files)


@pytest.fixture
def attack_site(server):
    """Serve the attack page from a second loopback origin: http://localhost:<another port>."""
    page = ATTACK.format(
        kiosk=server.url, bundle=base64.b64encode(attacker_bundle()).decode("ascii")
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield f"http://localhost:{site.server_address[1]}/"
    site.shutdown()
    site.server_close()


def state(server) -> dict:
    """What an attack would change: the meetings, the keys trusted, the rounds."""
    return {
        "meetings": [tuple(r) for r in server.query("SELECT id, code, ended_at FROM meetings")],
        "keys": [r["key_id"] for r in server.query("SELECT key_id FROM known_keys")],
        "rounds": server.query("SELECT COUNT(*) AS n FROM rounds")[0]["n"],
    }


def test_another_site_cannot_act_for_the_logged_in_facilitator(room, server, attack_site):
    console = room.console()  # the facilitator's browser holds the kiosk's cookie
    before = state(server)
    answers, asked = [], []
    attack = console.context.new_page()
    attack.on("request", lambda r: asked.append(r.url))
    attack.on("websocket", lambda ws: asked.append(ws.url))
    attack.on("response", lambda r: answers.append((r.request.method, r.url, r.status)))
    attack.goto(attack_site)
    attack.wait_for_url(f"{server.url}/facilitate/meeting", timeout=15_000)
    # Every attempt reached the kiosk, and each was turned away.
    posts = {url[len(server.url) :]: code for method, url, code in answers if method == "POST"}
    assert posts.get("/facilitate/meeting") == 400
    assert posts.get("/facilitate/bundles/import") == 400
    assert any("/socket.io/" in url for url in asked), (asked, answers)
    assert "Nothing was changed" in attack.content()
    assert state(server) == before
    expect(console.locator("#connection")).to_have_text("connected")  # the console carries on


def test_a_vote_the_kiosk_does_not_confirm_says_so_and_can_be_sent_again(room, server):
    facilitator = socket_facilitator(server)
    try:
        phone = room.phone("Amira")
        reply = facilitator.sio.call(
            "open_round", {"text": "Paint the hall blue", "visibility": "secret"}, timeout=10
        )
        assert reply["ok"], reply
        expect(phone.locator("#round .proposal")).to_have_text("Paint the hall blue")
        server.process.send_signal(signal.SIGSTOP)  # the laptop freezes for a while
        try:
            phone.get_by_role("button", name="Agree", exact=True).click()
            expect(phone.locator("#vote-status")).to_have_text("Sending your vote…")
            expect(phone.locator("#vote-status")).to_contain_text(
                "has not confirmed your vote yet", timeout=15_000
            )
        finally:
            server.process.send_signal(signal.SIGCONT)
        phone.get_by_role("button", name="Send my vote again").click()
        expect(phone.locator("#vote-status")).to_have_text(
            "Your secret ballot is in ✓. It cannot be changed."
        )
        counted = server.query("SELECT choice, n FROM ballot_counts")
        assert [tuple(r) for r in counted] == [("agree", 1)]  # counted once, never twice
    finally:
        facilitator.close()


def test_a_long_message_is_answered_in_plain_words(server):
    # Anything a form takes (up to 20,000 characters, 80 KB in UTF-8) is read and answered:
    # a long text is refused, and the connection stays up.
    facilitator = socket_facilitator(server)
    try:
        reply = facilitator.sio.call("open_round", {"text": "ä" * 40_000}, timeout=10)
        assert reply == {"ok": False, "error": "That text is too long (40,000 characters)."}
        assert facilitator.sio.connected
        assert facilitator.sio.call("hello", {"role": "facilitator"}, timeout=10)["ok"]
    finally:
        facilitator.close()
    assert server.query("SELECT COUNT(*) AS n FROM rounds")[0]["n"] == 0
