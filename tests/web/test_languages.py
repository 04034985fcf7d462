"""Which language a page and an event speak: a phone its person's, the room the meeting's."""

from kiosk.meeting.languages import set_meeting_languages
from tests.helpers import FACILITATOR_KEY


def html_lang(response) -> tuple[str, str]:
    head = response.get_data(as_text=True).split("<head>")[0]
    lang = head.split('lang="')[1].split('"')[0]
    direction = head.split('dir="')[1].split('"')[0]
    return lang, direction


def test_a_phone_speaks_its_browsers_language(client, code):
    page = client.get(f"/m/{code}", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert html_lang(page) == ("cy", "ltr")


def test_an_urdu_phone_reads_right_to_left(client, code):
    page = client.get(f"/m/{code}", headers={"Accept-Language": "ur-PK"})
    assert html_lang(page) == ("ur", "rtl")


def test_a_language_the_kiosk_does_not_speak_falls_back_to_the_meetings(client, code):
    page = client.get(f"/m/{code}", headers={"Accept-Language": "xx, de;q=0.8"})
    assert html_lang(page) == ("en", "ltr")


def test_a_chosen_language_is_remembered_over_the_browsers(client, code):
    chosen = client.get(f"/m/{code}?lang=pl", headers={"Accept-Language": "cy"})
    assert html_lang(chosen) == ("pl", "ltr")
    assert "lang=pl" in chosen.headers["Set-Cookie"]
    assert "HttpOnly" in chosen.headers["Set-Cookie"]
    later = client.get(f"/m/{code}", headers={"Accept-Language": "cy"})
    assert html_lang(later) == ("pl", "ltr")


def test_an_unknown_choice_changes_nothing(client, code):
    page = client.get(f"/m/{code}?lang=<script>", headers={"Accept-Language": "ro"})
    assert html_lang(page) == ("ro", "ltr")
    assert "Set-Cookie" not in page.headers or "lang=" not in page.headers["Set-Cookie"]


def test_the_room_speaks_the_meetings_language_whatever_the_browser(app, client):
    with app.app_context():
        from kiosk.web.database import get_db

        set_meeting_languages(get_db(), "cy", "en")
    client.get(f"/facilitate?key={FACILITATOR_KEY}")
    console = client.get("/facilitate", headers={"Accept-Language": "en-GB"})
    assert html_lang(console)[0] == "cy"
    screen = client.get("/projector", headers={"Accept-Language": "ur"})
    assert html_lang(screen) == ("cy", "ltr")


def test_a_socket_answers_in_its_pages_language(app, client, code, connect):
    from kiosk.extensions import socketio

    welsh = socketio.test_client(app, flask_test_client=client, query_string="lang=cy")
    try:
        reply = welsh.emit("hello", "not a dict", callback=True)
        assert reply == {
            "ok": False,
            "error": "Ni ddeallwyd y neges honno. Ail-lwythwch y dudalen, os gwelwch yn dda.",
        }
    finally:
        welsh.disconnect()
    english = connect(client)
    assert english.emit("hello", "not a dict", callback=True)["error"].startswith("That message")
