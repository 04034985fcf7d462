"""No control from another site: form tokens, same-site cookies and strict headers."""

from helpers import FACILITATOR_KEY


def test_a_form_without_its_token_changes_nothing(app, facilitator_client, code):
    facilitator_client.sends_tokens = False  # as a page on another site would post
    page = facilitator_client.post("/facilitate/meeting", data={"title": "Hijacked"})
    assert page.status_code == 400
    assert "Nothing was changed" in page.get_data(as_text=True)
    assert facilitator_client.get("/healthz").get_json()["meeting"] == code


def test_a_form_with_its_token_goes_through(facilitator_client, code):
    page = facilitator_client.post("/facilitate/meeting", data={"title": "Next week"})
    assert page.status_code == 302
    assert facilitator_client.get("/healthz").get_json()["meeting"] != code


def test_the_cookie_is_same_site_and_not_for_scripts(client):
    response = client.get(f"/facilitate?key={FACILITATOR_KEY}")
    cookie = response.headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_every_response_carries_the_security_headers(client, code):
    for url in ("/projector", f"/m/{code}", "/healthz", "/static/kiosk.css", "/nowhere"):
        with client.get(url) as response:
            headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
