"""The confederal loop across three real kiosks: two assemblies and their district council.

Each kiosk is `python app.py` in a subprocess with its own data folder and port. Bundles move
between them only as a facilitator moves them: downloaded from one console, uploaded on another.
People act through the same pages and forms as in the hall (a requests session per browser or
phone, each form posted with the token its page carries); only closing a round goes over
Socket.IO, as the console does it. The delegates' card codes are read from their printed cards'
QR codes. Along the way: proposals go up, duplicates merge, the agenda comes down, each
assembly mandates by item id, the council refuses a vote against a mandate and keeps "Open the
library on Sundays" and "Close the library on Sundays" apart, and both assemblies hear back.
"""

import io
import json
import re
import zipfile
from html import unescape

import pypdfium2
import pytest
import requests
import zxingcpp
from liveserver import LiveServer, socket_facilitator, socket_snapshot

DISTRICT = "Hackney District Council"
OPEN = "Open the library on Sundays"
CLOSE = "Close the library on Sundays"
FRIDGE = "Open a community fridge on Clarence Road"
FRIDGE_AGAIN = "A community fridge on Clarence Rd, please"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def words(html: str) -> str:
    """Return a page's visible words, tags dropped and spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


class Browser:
    """One browser on one kiosk: its cookies, and forms posted with their page's token."""

    def __init__(self, server: LiveServer, facilitator: bool = True):
        self.server = server
        self.http = requests.Session()
        if facilitator:
            self.http.get(server.facilitator_link, timeout=10).raise_for_status()

    def get(self, path: str) -> requests.Response:
        """Open a page (or download a file) and return the answer."""
        return self.http.get(self.server.url + path, timeout=30)

    def post(self, page: str, action: str, data: dict, files=None) -> requests.Response:
        """Open page, then send one of its forms to action, with the page's form token."""
        token = TOKEN.search(self.get(page).text).group(1)
        return self.http.post(
            self.server.url + action, data={**data, "csrf_token": token}, files=files, timeout=60
        )

    def upload(self, page: str, action: str, bundle: bytes, trust: bool = False) -> str:
        """Upload a bundle through an import form; return what the page then says."""
        files = {"bundle": ("bundle.zip", bundle, "application/zip")}
        answer = self.post(page, action, {"trust": "yes"} if trust else {}, files)
        assert answer.status_code == 200, words(answer.text)
        return words(answer.text)

    def close_round(self, round_id: int) -> dict:
        """Close a round from the console, over Socket.IO; return the round as announced."""
        console = socket_facilitator(self.server)
        try:
            reply = console.sio.call("close_round", {"round_id": round_id}, timeout=10)
        finally:
            console.close()
        assert reply["ok"], reply
        return reply["round"]


def phone(server: LiveServer, name: str) -> Browser:
    """A resident's phone, checked in by name at an assembly."""
    found = Browser(server, facilitator=False)
    done = found.post(
        f"/m/{server.code}",
        f"/m/{server.code}/check-in",
        {"display_name": name, "resident": "yes", "first_time": "no"},
    )
    assert done.status_code == 200 and done.url.endswith(f"/m/{server.code}")
    return found


def vote(device: Browser, round_id: int, choice: str) -> str:
    """Vote from a phone's page without JavaScript; return what the page then says."""
    code = device.server.code
    answer = device.post(f"/m/{code}", f"/m/{code}/vote", {"round_id": round_id, "choice": choice})
    return words(answer.text)


def latest_round(server: LiveServer) -> int:
    """The id of the round the facilitator just opened (read from the kiosk's own file)."""
    return server.query("SELECT MAX(id) AS id FROM rounds")[0]["id"]


def room_agrees(server: LiveServer, host: Browser, people: list[Browser]) -> dict:
    """Everyone agrees in the open consent round; the facilitator closes it."""
    round_id = latest_round(server)
    for person in people:
        assert "Your vote is saved." in vote(person, round_id, "agree")
    closed = host.close_round(round_id)
    assert closed["outcome"] == "passed", closed
    return closed


def put_up(server, host, people, council_id: str, text: str) -> None:
    """The assembly decides by a consent round to put a proposal to the district."""
    done = host.post(
        "/facilitate/councils", "/facilitate/councils/put", {"council_id": council_id, "text": text}
    )
    assert "The consent round is open on every phone" in words(done.text)
    room_agrees(server, host, people)


def card_payload(host: Browser, mandate_id: int) -> str:
    """Read the QR code on a printed mandate card, as the desk's scanner would."""
    pdf = host.get(f"/facilitate/mandates/{mandate_id}/card.pdf").content
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    [found] = zxingcpp.read_barcodes(image)
    return found.text


def received_items(host: Browser) -> dict[str, str]:
    """Map each council agenda item's words to its id, as the councils page lists them."""
    page = host.get("/facilitate/councils").text
    found = re.findall(r'<li data-uid="([^"]+)">.*?</strong> ([^<]+?)\s*(?:<|\n)', page, flags=re.S)
    return {text.strip(): uid for uid, text in found}


def mandate(server, host, people, delegate: str, positions: dict[str, str]) -> str:
    """Mandate a delegate on the district's items by id, confirmed by a consent round; card."""
    items = received_items(host)
    [council_id] = re.findall(
        r'name="council_id" value="(\d+)"', host.get("/facilitate/councils").text
    )[-1:]
    form = {
        "council_id": council_id,
        "delegate": delegate,
        "scope": "The district's agenda",
        "report_back": "At the next assembly",
        "expires_after_meetings": "2",
    }
    for n, (text, uid) in enumerate(items.items(), 1):
        form |= {f"uid_{n}": uid, f"position_{n}": positions.get(text, "skip")}
        form[f"if_amended_{n}"] = "abstain"
    done = host.post("/facilitate/councils", "/facilitate/councils/mandate", form)
    said = words(done.text)
    mandate_id = int(re.search(r"Mandate (\d+) for " + delegate, said).group(1))
    room_agrees(server, host, people)
    return card_payload(host, mandate_id)


def item_ids(chair: Browser) -> dict[str, str]:
    """Map each item on the council's agenda page to its id."""
    page = chair.get("/facilitate/council/agenda").text
    found = re.findall(r'data-item="(\d+)">\s*<p><strong class="item-words">([^<]+)</strong>', page)
    return {unescape(text): item for item, text in found}


@pytest.fixture
def kiosks(tmp_path, monkeypatch):
    """Mill Lane and Riverside assemblies, and the district council, each its own server."""
    started = {}
    for key, name, council in (
        ("mill", "Mill Lane", ""),
        ("river", "Riverside", ""),
        ("district", DISTRICT, "district"),
    ):
        monkeypatch.setenv("KIOSK_ASSEMBLY_NAME", name)
        if council:
            monkeypatch.setenv("KIOSK_COUNCIL", council)
        started[key] = LiveServer(tmp_path / key / "data", log_dir=tmp_path)
        started[key].start()
    yield started
    for server in started.values():
        server.stop()


def test_proposals_up_agenda_down_mandates_by_item_and_report_backs(kiosks):
    mill, river, district = kiosks["mill"], kiosks["river"], kiosks["district"]
    hosts = {k: Browser(s) for k, s in kiosks.items()}
    people = {
        "mill": [phone(mill, n) for n in ("Ann", "Bob")],
        "river": [phone(river, n) for n in ("Cat", "Dev")],
    }
    # Up: each assembly decides by a round to put proposals to the district
    for key, server, texts in (
        ("mill", mill, (OPEN, FRIDGE)),
        ("river", river, (CLOSE, FRIDGE_AGAIN)),
    ):
        host = hosts[key]
        host.post(
            "/facilitate/councils",
            "/facilitate/councils/council",
            {"name": DISTRICT, "level": "district"},
        )
        council_id = re.search(
            r'name="council_id"><option value="(\d+)"', host.get("/facilitate/councils").text
        ).group(1)
        for text in texts:
            put_up(server, host, people[key], council_id, text)
    chair = hosts["district"]
    for key, name in (("mill", "Mill Lane"), ("river", "Riverside")):
        fingerprint = re.search(
            r'<code id="d-fingerprint">([^<]+)</code>', hosts[key].get("/facilitate/setup").text
        ).group(1)
        chair.post(
            "/facilitate/council",
            "/facilitate/council/members",
            {"name": name, "fingerprint": fingerprint, "kind": "assembly"},
        )
        bundle = hosts[key].get("/facilitate/bundles/export.zip").content
        said = chair.upload("/facilitate/council", "/facilitate/council/import", bundle)
        assert f"Imported the bundle from {name}." in said and "Proposals to this council" in said

    # The council's draft agenda: every proposal, the fridge merged, then published
    page = chair.get("/facilitate/council/agenda").text
    for proposal_id in re.findall(r'name="proposal_id" value="(\d+)"', page):
        chair.post(
            "/facilitate/council/agenda",
            "/facilitate/council/agenda/add",
            {"proposal_id": proposal_id},
        )
    ids = item_ids(chair)
    chair.post(
        "/facilitate/council/agenda",
        f"/facilitate/council/agenda/{ids[FRIDGE_AGAIN]}/merge",
        {"into": ids[FRIDGE]},
    )
    chair.post(
        "/facilitate/council/agenda",
        "/facilitate/council/agenda/publish",
        {"meets_on": "2030-01-15"},
    )
    agenda_zip = chair.get("/facilitate/council/agenda/agenda.zip").content
    told = json.loads(zipfile.ZipFile(io.BytesIO(agenda_zip)).read("agenda.json"))
    assert [i["text"] for i in told["items"]] == [OPEN, FRIDGE, CLOSE]
    assert [s["member"] for s in told["items"][1]["sources"]] == ["Mill Lane", "Riverside"]

    # Down: both assemblies import the agenda and mandate their delegates item by item
    for key in ("mill", "river"):
        said = hosts[key].upload(
            "/facilitate/bundles", "/facilitate/bundles/import", agenda_zip, trust=True
        )
        assert f"Imported the agenda of {DISTRICT}: 3 item(s), 3 new" in said
        assert set(received_items(hosts[key])) == {OPEN, FRIDGE, CLOSE}
    cards = {
        "mill": mandate(
            mill,
            hosts["mill"],
            people["mill"],
            "Ada Brook",
            {OPEN: "must_support", CLOSE: "must_oppose", FRIDGE: "must_support"},
        ),
        "river": mandate(
            river,
            hosts["river"],
            people["river"],
            "Cai Dunn",
            {OPEN: "must_oppose", CLOSE: "must_support"},
        ),
    }
    for key in ("mill", "river"):
        bundle = hosts[key].get("/facilitate/bundles/export.zip").content
        said = chair.upload("/facilitate/council", "/facilitate/council/import", bundle)
        assert "On the roll now:" in said
    council_page = chair.get("/facilitate/council").text
    for member_id in re.findall(r"/facilitate/council/members/(\d+)/rights", council_page):
        chair.post(
            "/facilitate/council",
            f"/facilitate/council/members/{member_id}/rights",
            {"rights": "vote", "reason": "Invited to vote while attendance grows"},
        )

    # At the council: Ada at the desk (scanner, then a pairing code), Cai pastes her card
    desk = chair.post("/desk", "/desk/card", {"payload": cards["mill"]})
    assert "This is Mill Lane's card. Who has come?" in words(desk.text)
    paired = chair.post("/desk", "/desk/check-in", {"payload": cards["mill"], "role": "delegate"})
    code = re.search(r'aria-label="Pairing code (\d{6})"', paired.text).group(1)
    ada = Browser(district, facilitator=False)
    ada.post(f"/m/{district.code}", f"/m/{district.code}/pair", {"pair": code})
    assert "You are Ada Brook, delegate for Mill Lane." in words(
        ada.get(f"/m/{district.code}").text
    )
    cai = Browser(district, facilitator=False)
    cai.post(
        f"/m/{district.code}",
        f"/m/{district.code}/card",
        {"payload": cards["river"], "role": "delegate"},
    )
    ids = item_ids(chair)
    for text, ada_against, ada_with, cai_with in (
        (CLOSE, "yes", "no", "yes"),
        (OPEN, "no", "yes", "no"),
    ):
        chair.post(
            "/facilitate/council/agenda",
            f"/facilitate/council/agenda/{ids[text]}/round",
            {"stage": "final"},
        )
        round_id = latest_round(district)
        refused = vote(ada, round_id, ada_against)
        assert "goes against your assembly's mandate" in refused
        assert district.query("SELECT * FROM votes WHERE round_id = ?", (round_id,)) == []
        assert "Your vote is saved." in vote(ada, round_id, ada_with)
        assert "Your vote is saved." in vote(cai, round_id, cai_with)
        cast = district.query(
            "SELECT choice, item_uid FROM council_votes WHERE round_id = ?", (round_id,)
        )
        assert {r["choice"] for r in cast} == {ada_with, cai_with}
        assert {r["item_uid"] for r in cast} == {
            told["items"][[OPEN, FRIDGE, CLOSE].index(text)]["id"]
        }
        chair.close_round(round_id)

    # Back down: the council's bundle reaches both assemblies as report-backs and outcomes
    report = chair.get("/facilitate/bundles/export.zip").content
    for key, ours in (("mill", {OPEN, FRIDGE}), ("river", {CLOSE, FRIDGE})):
        said = hosts[key].upload("/facilitate/bundles", "/facilitate/bundles/import", report)
        assert "1 report-back added" in said and "3 item(s) on what happened" in said
        page = words(hosts[key].get("/facilitate/councils").text)
        assert "What happened to our proposals" in page
        shown = socket_snapshot(kiosks[key])["process"]["outcomes"]
        assert {o["text"] for o in shown} == ours
        minutes = json.loads(
            zipfile.ZipFile(
                io.BytesIO(hosts[key].get("/facilitate/bundles/export.zip").content)
            ).read("minutes.json")
        )
        assert {o["text"] for o in minutes["outcomes"]} == {OPEN, FRIDGE, CLOSE}
        [back] = minutes["report_backs"]
        voted = {i["item"]: i["delegate_voted"] for i in back["items"]}
        if key == "mill":
            assert (
                voted[OPEN] == "Yes (cast by Ada Brook)"
                and voted[CLOSE] == "No (cast by Ada Brook)"
            )
        else:
            assert (
                voted[OPEN] == "No (cast by Cai Dunn)" and voted[CLOSE] == "Yes (cast by Cai Dunn)"
            )
