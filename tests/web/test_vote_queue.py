"""Votes on the short path, against the real server: cast in groups, each answered after its
group commits, a refusal in a group spoiling nothing else."""

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from liveserver import LiveServer, socket_facilitator, socket_phone


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("votes") / "data") as server:
        yield server


def test_votes_sent_together_are_all_answered_and_stored(live):
    console = socket_facilitator(live)
    phones = [socket_phone(live, f"Voter {i}") for i in range(12)]
    try:
        rnd = console.sio.call("open_round", {"text": "Paint it green", "kind": "consent"})["round"]
        votes = [
            {"code": live.code, "round_id": rnd["id"], "choice": choice, "reason": ""}
            for choice in ["agree"] * 8 + ["block", "concerns", "no such choice", "agree"]
        ]
        with ThreadPoolExecutor(len(phones)) as pool:
            calls = [
                pool.submit(p.sio.call, "vote", v, timeout=10)
                for p, v in zip(phones, votes, strict=True)
            ]
            answers = [call.result() for call in calls]
        assert [a["ok"] for a in answers] == [True] * 10 + [False, True]
        assert answers[10]["error"] == "That is not one of the choices in this round."
        assert answers[0]["vote"] == {"round_id": rnd["id"], "choice": "agree", "reason": ""}
        stored = live.votes(rnd["id"])  # every acknowledged vote is in the database
        assert len(stored) == 11 and sorted(stored.values()).count("agree") == 9
        console.sio.call("close_round", {"round_id": rnd["id"]})
        late = phones[0].sio.call("vote", {**votes[0], "choice": "block"}, timeout=10)
        assert late == {
            "ok": False,
            "error": "This round has closed, so your vote was not counted.",
        }
        assert live.votes(rnd["id"])["Voter 0"] == "agree"
    finally:
        for client in [console, *phones]:
            client.close()


def test_a_vote_that_is_not_understood_is_answered_in_plain_words(live):
    phone = socket_phone(live, "Odd one")
    try:
        answer = phone.sio.call("vote", {"code": live.code, "round_id": "x"}, timeout=10)
        assert answer == {"ok": False, "error": "That message was not understood. Please reload."}
    finally:
        phone.close()


def test_a_secret_ballot_goes_in_once_on_the_short_path(live):
    console = socket_facilitator(live)
    phone = socket_phone(live, "Secret voter")
    try:
        opened = console.sio.call(
            "open_round",
            {"text": "Elect a delegate", "kind": "vote", "visibility": "secret"},
        )
        assert opened["ok"], opened
        vote = {"code": live.code, "round_id": opened["round"]["id"], "choice": "yes"}
        assert phone.sio.call("vote", vote, timeout=10) == {
            "ok": True,
            "vote": {"round_id": opened["round"]["id"], "secret": True},
        }
        again = phone.sio.call("vote", {**vote, "choice": "no"}, timeout=10)
        assert again["ok"] is False and "already voted" in again["error"]
    finally:
        console.close()
        phone.close()


def test_while_another_worker_writes_the_votes_wait_and_every_other_phone_is_still_answered(live):
    console = socket_facilitator(live)
    voter, other = socket_phone(live, "Waiting voter"), socket_phone(live, "Other phone")
    latest = console.sio.call("hello", {"role": "facilitator"})["snapshot"]["round"]
    if latest and latest["status"] == "open":  # an earlier test's round
        assert console.sio.call("close_round", {"round_id": latest["id"]})["ok"]
    opened = console.sio.call("open_round", {"text": "Plant an orchard", "kind": "consent"})
    assert opened["ok"], opened
    rnd = opened["round"]
    writer = sqlite3.connect(live.data_dir / "kiosk.db", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another worker, in the middle of its own write
        with ThreadPoolExecutor(1) as pool:
            vote = {"code": live.code, "round_id": rnd["id"], "choice": "agree"}
            waiting = pool.submit(voter.sio.call, "vote", vote, timeout=30)
            time.sleep(0.3)  # the vote has reached the kiosk and waits for the lock
            # SQLite's own wait would hold the whole process, and this answer with it (for up
            # to its 10 s busy timeout); the kiosk naps between tries and answers meanwhile.
            answer = other.sio.call("hello", {"role": "phone", "code": live.code}, timeout=8)
            assert answer["ok"] and not waiting.done()
            writer.execute("COMMIT")
            cast = {"round_id": rnd["id"], "choice": "agree", "reason": ""}
            assert waiting.result(timeout=30) == {"ok": True, "vote": cast}
        assert live.votes(rnd["id"]) == {"Waiting voter": "agree"}
    finally:
        writer.close()
        for client in (console, voter, other):
            client.close()
