"""HTTP: health check, check-in, the phone page without JS, and who may see the console."""

from helpers import FACILITATOR_KEY, check_in, rows


def test_healthz_answers_ok_as_json(client):
    body = client.get("/healthz").get_json()
    assert body["ok"] is True
    assert len(body["meeting"]) == 4
    assert body["attendance"]["present"] == 0


def test_front_door_sends_phones_to_tonights_meeting(client, code):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/m/{code}")


def test_check_in_then_the_phone_page_greets_by_name(client, code):
    page = client.get(f"/m/{code}")
    assert b"Do you live in this area?" in page.data
    assert check_in(client, code, "Sam", "yes", "yes").status_code == 302
    page = client.get(f"/m/{code}")
    assert b"Hello, Sam!" in page.data
    assert b"Nothing to vote on yet." in page.data
    assert client.get("/healthz").get_json()["attendance"] | {"admitted": 0} == {
        "admitted": 0,
        "with_phones": 1,
        "without_phones": 0,
        "present": 1,
        "residents": 1,
        "first_timers": 1,
    }


def test_checking_in_twice_from_one_phone_counts_once(client, code):
    check_in(client, code, "Sam")
    check_in(client, code, "Sam again")
    assert client.get("/healthz").get_json()["attendance"]["present"] == 1


def test_unknown_meeting_code_gets_a_friendly_404(client):
    response = client.get("/m/QQQQ")
    assert response.status_code == 404
    assert "There is no meeting with the code “QQQQ” here.".encode() in response.data
    assert client.post("/m/QQQQ/check-in", data={"resident": "yes"}).status_code == 404


def test_attendee_names_are_escaped(app, client, code):
    check_in(client, code, "<script>alert(1)</script>")
    page = client.get(f"/m/{code}").data
    assert b"<script>alert(1)</script>" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_long_name_is_refused_with_the_form_shown_again(app, client, code):
    response = check_in(client, code, "x" * 200)
    assert response.status_code == 400
    assert b"under 60 characters" in response.data
    assert rows(app, "SELECT * FROM attendees") == []


def test_console_needs_the_facilitator_key(client, facilitator_client):
    assert client.get("/facilitate").status_code == 403
    assert b"facilitator link" in client.get("/facilitate").data
    assert client.get("/facilitate?key=wrong").status_code == 403
    assert facilitator_client.get("/facilitate").status_code == 200
    assert b"Open consent round" in facilitator_client.get("/facilitate").data


def test_the_key_link_sets_a_cookie_and_drops_the_key_from_the_address(client):
    response = client.get(f"/facilitate?key={FACILITATOR_KEY}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/facilitate"


def test_new_meeting_is_facilitator_only(app, client, facilitator_client, code):
    assert client.post("/facilitate/meeting", data={"title": "Hijack"}).status_code == 403
    assert client.get("/healthz").get_json()["meeting"] == code
    facilitator_client.post("/facilitate/meeting", data={"title": "Spring assembly"})
    new_code = client.get("/healthz").get_json()["meeting"]
    assert new_code != code
    assert rows(app, "SELECT title FROM meetings WHERE ended_at IS NULL") == [
        {"title": "Spring assembly"}
    ]


def test_facilitator_link_qr_is_facilitator_only(client, facilitator_client):
    assert client.get("/facilitate/link.svg").status_code == 403
    response = facilitator_client.get("/facilitate/link.svg")
    assert response.mimetype == "image/svg+xml"


def test_projector_page_shows_the_join_url_and_qr(client, code):
    page = client.get("/projector").data.decode()
    assert f"http://kiosk.test:5000/m/{code}" in page
    assert f"/qr/{code}.svg" in page
    assert client.get(f"/qr/{code}.svg").mimetype == "image/svg+xml"


def test_pages_load_nothing_from_outside(client, facilitator_client, code):
    check_in(client, code, "Sam")
    for page in [
        client.get("/projector"),
        client.get(f"/m/{code}"),
        facilitator_client.get("/facilitate"),
    ]:
        html = page.data.decode()
        assert "https://" not in html and "//cdn" not in html
        assert "/static/vendor/socket.io-4.8.4.min.js" in html
