"""The room in the meeting's language: the projector (bilingual when asked), the desks, the
verify page, and a council's refusals over Socket.IO."""

import json
import re

from council_app import LIBRARY, code_of, open_item, text
from markupsafe import escape
from test_council_views import ada, card_check_in, chair, council_app, mill  # noqa: F401

from kiosk.meeting.languages import set_meeting_languages
from kiosk.web.database import get_db

PROMPTS = [  # every one the projector says in both languages when it has a second
    ("Scan to join", "Sganiwch i ymuno"),
    ("Meeting code", "Cod y cyfarfod"),
    ("Welcome, neighbour!", "Croeso, gymydog!"),
    ("How we work together", "Sut rydym yn gweithio gyda’n gilydd"),
    ("Listen to understand, not to reply. One voice at a time.", None),
    ("Twinkle: I agree", None),
    ("Tonight's question", "Cwestiwn heno"),
    ("Find your group", None),
    ("From ideas to decisions", None),
    ("Who carries our voice?", None),
    ("Thank you!", "Diolch!"),
    ("Questions from the floor", None),
    ("What the council did with our decisions", None),
    ("Nothing has been submitted to the council yet.", None),
]


def speak(app, speaks: str, also: str = "") -> None:
    """Set the meeting's language and the projector's second one."""
    with app.app_context():
        set_meeting_languages(get_db(), speaks, also)


def script_words_also(html: str) -> dict | None:
    """Return the second language's script words the projector page carries, if any."""
    found = re.search(
        r'<script type="application/json" id="script-words-also">(.*?)</script>', html
    )
    return json.loads(found.group(1)) if found else None


def test_a_welsh_meeting_projects_in_welsh(app, client):
    speak(app, "cy")
    html = client.get("/projector", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="cy"' in html
    for welsh in ("Sganiwch i ymuno", "Cod y cyfarfod", "Croeso, gymydog!", "Diolch!"):
        assert welsh in html
    assert ">Scan to join<" not in html
    assert 'class="also"' not in html and script_words_also(html) is None
    assert '"Pleidleisiwch nawr"' in html  # the page's own script words, for its scripts


def test_a_bilingual_projector_says_every_prompt_in_both_languages(app, client):
    speak(app, "cy", "en")
    html = client.get("/projector").get_data(as_text=True)
    for english, welsh in PROMPTS:
        said = f'<span class="also" lang="en">{escape(english)}</span>'
        assert said in html, english
        if welsh:
            assert f"{escape(welsh)} {said}" in html
    destination = re.search(r'<p class="destination">(.*?)</p>', html, re.S).group(1)
    assert 'id="destination"' in destination and "Mae canlyniadau heno’n mynd i" in destination
    english = '<span class="also" lang="en">Tonight&#39;s results go to <strong class="destination-'
    assert f" {english}also" in destination
    also = script_words_also(html)
    assert also == {"lang": "en", "words": {}}  # English is the source: its keys are its words


def test_an_english_meeting_can_show_welsh_beside_it(app, client):
    speak(app, "en", "cy")
    html = client.get("/projector").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert 'Scan to join <span class="also" lang="cy">Sganiwch i ymuno</span>' in html
    also = script_words_also(html)
    assert also["lang"] == "cy" and also["words"]["Vote now"] == "Pleidleisiwch nawr"
    assert also["words"]["Thank you!"] == "Diolch!"


def test_other_pages_carry_no_second_language(app, facilitator_client):
    speak(app, "cy", "en")
    html = facilitator_client.get("/desk").get_data(as_text=True)
    assert 'class="also"' not in html and script_words_also(html) is None


def test_the_desk_speaks_the_meetings_language(app, facilitator_client):
    speak(app, "cy")
    page = facilitator_client.get("/desk", headers={"Accept-Language": "en"})
    words = text(page)
    assert '<html lang="cy"' in page.get_data(as_text=True)
    for welsh in (
        "Desg groeso",
        "Pobl heb ffôn",
        "Ffonau’n aros i gael eu derbyn",
        "Does neb yn aros.",
    ):
        assert welsh in words
    assert "Welcome desk" not in words


def test_the_verify_page_speaks_its_readers_language(client):
    page = client.get("/verify", headers={"Accept-Language": "cy"})
    words = text(page)
    assert "Gwirio cerdyn mandad" in words and "Cod y cerdyn" in words
    assert "Check a mandate card" not in words
    empty = client.post("/verify?lang=cy", data={"payload": "  "})
    assert empty.status_code == 400
    assert "Gludwch neu sganiwch y cod o gerdyn mandad yn gyntaf." in text(empty)
    answer = client.post("/verify.json?lang=cy", json={"payload": ""})
    assert answer.get_json()["error"] == "Gludwch neu sganiwch y cod o gerdyn mandad yn gyntaf."


def test_a_welsh_council_desk(council_app, chair):  # noqa: F811
    speak(council_app, "cy")
    words = text(chair.get("/desk"))
    assert "Croeso i’r cyngor" in words and "Darllen cerdyn mandad" in words
    refused = chair.post("/desk/card", data={"payload": ""})
    assert refused.status_code == 400
    assert "Sganiwch god QR y cerdyn, neu gludwch ei god." in text(refused)


def test_a_council_refusal_answers_in_welsh_over_socketio(council_app, chair, mill):  # noqa: F811
    from kiosk.extensions import socketio

    made = ada(chair, mill)
    phone = council_app.test_client()
    code = code_of(phone)
    stranger = socketio.test_client(
        council_app, flask_test_client=council_app.test_client(), query_string="lang=cy"
    )
    refused = stranger.emit("my_instruction", {"code": code}, callback=True)
    assert refused == {"ok": False, "error": "Cofrestrwch gyda’ch cerdyn mandad yn gyntaf."}
    stranger.disconnect()

    assert card_check_in(phone, code, made["payload"]).status_code == 302
    sock = socketio.test_client(council_app, flask_test_client=phone, query_string="lang=cy")
    assert sock.emit("hello", {"role": "phone", "code": code}, callback=True)["ok"]
    rnd = open_item(chair, council_app, LIBRARY)
    shown = sock.emit("my_instruction", {"code": code}, callback=True)["instruction"]
    assert shown["words"].startswith("Mae eich mandad yn dweud bod rhaid i chi wrthwynebu hyn")
    vote = sock.emit(
        "vote", {"code": code, "round_id": rnd["id"], "choice": "yes", "reason": ""}, callback=True
    )
    assert vote["ok"] is False
    assert vote["error"].startswith("Gwrthodwyd: mae “")
    assert "yn mynd yn groes i fandad eich cynulliad" in vote["error"]
    sock.disconnect()
