"""A rehearsal over the wire: the console starts one, every page moves to it, the crowd's steps
are announced as phones' actions are, every page says it is a rehearsal, its minutes and bundle
are refused, and ending it brings everyone back to the real meeting, untouched."""

import random

from helpers import events, last, ok, refused

from kiosk.web.live import rehearsal as rehearsal_live


def test_a_rehearsal_from_the_console_and_back(app, client, facilitator_client, connect, console):
    projector = connect(client, "projector")
    real = ok(console, "hello", {"role": "facilitator"})["snapshot"]["meeting"]
    assert refused(projector, "rehearsal_start", {}) == "Only the facilitator can do that."
    started = ok(console, "rehearsal_start")
    assert started["code"] != real["code"]
    assert events(projector, "meeting_changed") and events(console, "meeting_changed")
    assert rehearsal_live.start_crowd(app) is False  # tests step the crowd by hand

    # The pages reload into the rehearsal, and each says it is one.
    projector, console = connect(client, "projector"), connect(facilitator_client, "facilitator")
    snapshot = ok(console, "hello", {"role": "facilitator"})["snapshot"]
    assert snapshot["meeting"]["rehearsal"] is True
    assert snapshot["meeting"]["title"] == "Rehearsal: Neighbourhood assembly"
    assert 'id="rehearsal-banner"' in facilitator_client.get("/facilitate").get_data(as_text=True)
    assert 'id="rehearsal-mark"' in client.get("/projector").get_data(as_text=True)
    phone_page = client.get(f"/m/{started['code']}").get_data(as_text=True)
    assert "Rehearsal: Neighbourhood assembly" in phone_page

    # The crowd's steps reach the screens as phones' actions do.
    rng = random.Random(7)
    for _ in range(14):
        assert rehearsal_live.tick(app, rng) is True
    assert last(projector, "counts")["attendance"]["present"] == 40

    # Its minutes and bundle are refused in plain words; the bundles page says why.
    bundles = facilitator_client.get("/facilitate/bundles").get_data(as_text=True)
    assert 'id="rehearsal-note"' in bundles and "Export the signed bundle" not in bundles
    for path in ("/facilitate/bundles/export.zip", "/facilitate/print/minutes.pdf"):
        response = facilitator_client.get(path)
        assert response.status_code == 409
        assert "This is a rehearsal: it has no minutes" in response.get_data(as_text=True)

    # Ending it brings every page back to the real meeting, where nobody pretend came.
    ok(console, "rehearsal_end")
    assert events(projector, "meeting_changed")
    assert rehearsal_live.tick(app, rng) is False  # the crowd stops by itself
    back = ok(connect(client, "projector"), "hello", {"role": "projector"})["snapshot"]
    assert back["meeting"]["code"] == real["code"] and back["meeting"]["rehearsal"] is False
    assert back["attendance"]["present"] == 0
    assert refused(console, "rehearsal_end", {}) == "No rehearsal is running."
