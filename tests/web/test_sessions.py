"""Signed-cookie sessions verified once: remembered when genuine, checked in full when not."""

import time

from helpers import check_in


def test_a_verified_cookie_is_remembered_and_a_forged_one_is_not(app, client, code):
    check_in(client, code, "Sam")
    sessions = app.session_interface
    sessions.seen.clear()  # forget the cookies the page and its form were served with
    client.get(f"/m/{code}")  # the first request carrying the cookie verifies it
    assert len(sessions.seen) == 1
    genuine = next(iter(sessions.seen))
    assert sessions.seen[genuine][0]["code"] == code
    assert b"Hello, Sam!" in client.get(f"/m/{code}").data  # served from the remembered cookie
    forged = app.test_client()
    forged.set_cookie("session", genuine[:-3] + "AAA")
    assert b"Do you live in this area?" in forged.get(f"/m/{code}").data  # not checked in
    assert len(sessions.seen) == 1


def test_the_memory_is_bounded(app, code):
    app.session_interface.size = 3
    for _ in range(5):
        phone = app.test_client()
        check_in(phone, code)
        phone.get(f"/m/{code}")
    assert len(app.session_interface.seen) == 3


def test_a_remembered_cookie_is_refused_once_it_expires(app, client, code, monkeypatch):
    check_in(client, code, "Sam")
    assert b"Hello, Sam!" in client.get(f"/m/{code}").data  # verified and remembered
    cookie = client.get_cookie("session").value
    assert cookie in app.session_interface.seen
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 60
    monkeypatch.setattr(time, "time", lambda: later)  # the cookie's signature is now too old
    assert b"Do you live in this area?" in client.get(f"/m/{code}").data
    assert cookie not in app.session_interface.seen
