"""A phone with no JavaScript can still vote through a plain form."""

from helpers import check_in


def test_a_plain_form_vote_is_saved_and_shown(client, facilitator_client, connect, code):
    check_in(client, code, "Old phone")
    console = connect(facilitator_client, "facilitator")
    rnd = console.emit("open_round", {"text": "Plant trees", "kind": "consent"}, callback=True)[
        "round"
    ]
    page = client.get(f"/m/{code}").data.decode()
    assert "Plant trees" in page and 'value="agree"' in page
    response = client.post(
        f"/m/{code}/vote", data={"round_id": rnd["id"], "choice": "agree"}, follow_redirects=True
    )
    assert "Your vote is saved." in response.data.decode()
    assert "Your vote: Agree — saved ✓" in response.data.decode()


def test_a_form_vote_on_a_closed_round_explains_why(client, facilitator_client, connect, code):
    check_in(client, code)
    console = connect(facilitator_client, "facilitator")
    rnd = console.emit("open_round", {"text": "Plant trees"}, callback=True)["round"]
    console.emit("close_round", {"round_id": rnd["id"]}, callback=True)
    response = client.post(
        f"/m/{code}/vote", data={"round_id": rnd["id"], "choice": "agree"}, follow_redirects=True
    )
    assert "This round has closed, so your vote was not counted." in response.data.decode()


def test_a_garbled_form_vote_is_refused(client, code):
    check_in(client, code)
    response = client.post(
        f"/m/{code}/vote", data={"round_id": "abc", "choice": "agree"}, follow_redirects=True
    )
    assert "That vote was not understood." in response.data.decode()


def test_voting_before_checking_in_is_refused(client, code):
    response = client.post(f"/m/{code}/vote", data={"round_id": "1", "choice": "agree"})
    assert response.status_code == 400
    assert b"Please check in first" in response.data


def test_an_impossibly_large_round_number_is_refused_not_a_crash(client, facilitator_client, code):
    check_in(client, code)
    response = client.post(
        f"/m/{code}/vote", data={"round_id": str(10**30), "choice": "agree"}, follow_redirects=True
    )
    assert response.status_code == 200 and "That vote was not understood." in response.data.decode()
    assert facilitator_client.get(f"/facilitate/rounds/{10**30}/tally.pdf").status_code == 404
