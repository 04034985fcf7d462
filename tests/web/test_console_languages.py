"""The console chooses the meeting's languages, and then speaks the one it chose."""

from markupsafe import escape

from kiosk import words
from kiosk.meeting.languages import meeting_languages, set_meeting_languages
from kiosk.web.database import get_db


def html_lang(response) -> str:
    return response.get_data(as_text=True).split("<head>")[0].split('lang="')[1].split('"')[0]


def languages(app) -> tuple[str, str]:
    with app.app_context():
        return meeting_languages(get_db())


def welsh_meeting(app) -> None:
    with app.app_context():
        set_meeting_languages(get_db(), "cy", "en")


def test_the_form_turns_the_console_welsh_with_english_beside_it(app, facilitator_client):
    assert html_lang(facilitator_client.get("/facilitate")) == "en"
    sent = facilitator_client.post(
        "/facilitate/languages", data={"speaks": "cy", "also_shows": "en"}
    )
    assert sent.status_code == 302 and sent.headers["Location"].endswith(
        "/facilitate/setup#languages"
    )
    assert languages(app) == ("cy", "en")
    setup = facilitator_client.get("/facilitate/setup")
    assert html_lang(setup) == "cy"
    page = setup.get_data(as_text=True)
    assert '<option value="cy" lang="cy" selected>Cymraeg</option>' in page
    assert '<option value="en" lang="en" selected>English</option>' in page
    back = facilitator_client.post("/facilitate/languages", data={"speaks": "en", "also_shows": ""})
    assert back.status_code == 302 and languages(app) == ("en", "")
    assert html_lang(facilitator_client.get("/facilitate")) == "en"


def test_a_language_the_kiosk_does_not_speak_is_refused_and_changes_nothing(
    app, facilitator_client
):
    welsh_meeting(app)
    for form in (
        {"speaks": "xx"},
        {"speaks": "", "also_shows": "en"},
        {"speaks": "en", "also_shows": "klingon"},
    ):
        page = facilitator_client.post("/facilitate/languages", data=form)
        assert page.status_code == 400
        assert languages(app) == ("cy", "en")
    said = page.get_data(as_text=True)  # in plain words, in the meeting's language: Welsh
    with words.speaking("cy"):
        plain = words.gettext("Choose the projector's second language from the list, or none.")
    assert str(escape(plain)) in said
    assert 'lang="cy"' in said.split("<head>")[0]


def test_another_site_cannot_choose_the_languages(app, facilitator_client):
    facilitator_client.sends_tokens = False  # as a page on another site would post
    page = facilitator_client.post("/facilitate/languages", data={"speaks": "cy"})
    assert page.status_code == 400
    assert languages(app) == ("en", "")


def test_only_the_facilitator_chooses_the_languages(app, client):
    page = client.post("/facilitate/languages", data={"speaks": "cy"})
    assert page.status_code in (400, 403)
    assert languages(app) == ("en", "")


def test_a_welsh_console_reads_in_welsh(app, facilitator_client):
    welsh_meeting(app)
    console = facilitator_client.get("/facilitate").get_data(as_text=True)
    assert 'lang="cy"' in console.split("<head>")[0]
    for welsh in (
        "Rhestr siaradwyr",
        "Agor rownd gydsynio",
        ">Gosod</a>",
        "Y cam hwn",
        "Siaradwr nesaf",
    ):
        assert welsh in console, welsh
    setup = facilitator_client.get("/facilitate/setup").get_data(as_text=True)
    for welsh in ("Y cynulliad a'i gynghorau", "Defnyddio'r ieithoedd hyn", "Ychwanegu cyngor"):
        assert welsh in setup, welsh
    assert "The assembly and its councils" not in setup


def test_a_welsh_consoles_refusal_over_its_socket_answers_in_welsh(
    app, facilitator_client, connect
):
    from kiosk.extensions import socketio

    english = connect(facilitator_client, "facilitator")
    reply = english.emit("add_council", {"name": " ", "level": "district"}, callback=True)
    assert reply == {"ok": False, "error": "Give the council's name."}
    welsh_meeting(app)
    console = socketio.test_client(
        app, flask_test_client=facilitator_client, query_string="lang=cy"
    )
    try:
        assert console.emit("hello", {"role": "facilitator"}, callback=True)["ok"]
        reply = console.emit("add_council", {"name": " ", "level": "district"}, callback=True)
        assert reply == {"ok": False, "error": "Rhowch enw'r cyngor."}
    finally:
        console.disconnect()
    with app.app_context():
        assert list(get_db().query("SELECT 1 FROM councils")) == []
