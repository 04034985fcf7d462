"""A phone's vote on a short path: from its Socket.IO frame into a queue, committed in groups.

Votes are the hottest event (a whole hall may vote in the same second), so a vote from a socket
that has said `hello` skips python-socketio's dispatch and Flask's request context: its frame
is matched here, the phone's session is the one its hello opened, and the votes that arrived
together are cast in one transaction (group commit); each cast is checked before it writes,
and writes in one statement (or a savepoint where it takes several), so that one refusal
spoils nothing else. Each phone's answer is sent once its group has committed, never before,
and a group that fails to commit answers every phone that nothing was saved. Each answer is in
the phone's language, taken when its vote is queued (its hello noted it), since the committer
answers outside any request. Any other frame, and a vote from a socket that has not said hello,
takes the ordinary path (decisions.py).
"""

import json
import logging
import sqlite3
import threading
import time
from typing import NamedTuple

from flask import Flask
from socketio import packet

from kiosk import words
from kiosk.db import BUSY_TIMEOUT
from kiosk.errors import Refused
from kiosk.web.live.decisions import after_vote, cast_vote
from kiosk.web.live.events import FAILED, NOT_UNDERSTOOD

log = logging.getLogger(__name__)
PREFIX = '["vote",'
SEP = (",", ":")
NAP = 0.002  # between two tries for the write lock: other phones are read meanwhile
NOT_SAVED = words.N_("Your vote was not saved. Please send it again.")


class Vote(NamedTuple):
    """One vote waiting for its group: who sent it, its acknowledgement id, its cookie, text,
    and the language its phone reads."""

    eio_sid: str
    ack_id: int
    cookie: dict
    text: str
    lang: str = words.SOURCE


def parse(frame: object) -> tuple[int, str] | None:
    """Return the acknowledgement id and JSON text of a `vote` event frame, or None."""
    if not isinstance(frame, str) or not frame.startswith("2"):
        return None
    start = frame.find("[", 1, 24)
    if start < 2 or not frame[1:start].isdigit() or not frame.startswith(PREFIX, start):
        return None
    return int(frame[1:start]), frame[start:]


class VoteQueue:
    """Take vote frames off the Socket.IO server's hands and cast them in groups."""

    def __init__(self, app: Flask, server):
        self.app, self.server = app, server
        self.waiting: list[Vote] = []
        self.lock, self.ready = threading.Lock(), threading.Event()
        self.committer = None
        self.ordinary = server.eio.handlers["message"]
        server.eio.on("message", self.on_message)

    def on_message(self, eio_sid: str, frame: object):
        """Queue a vote from a phone that said hello; hand anything else on unchanged."""
        found = parse(frame)
        if found is not None:
            environ = self.server.environ.get(eio_sid) or {}
            cookie = environ.get("saved_session")
            if cookie is not None and self.server.manager.sid_from_eio_sid(eio_sid, "/"):
                lang = environ.get("kiosk.lang", words.SOURCE)
                self.submit(Vote(eio_sid, found[0], cookie, found[1], lang))
                return None
        return self.ordinary(eio_sid, frame)

    def submit(self, vote: Vote) -> None:
        """Queue a vote and wake the committer."""
        with self.lock:
            self.waiting.append(vote)
            if self.committer is None:
                self.committer = self.server.start_background_task(self.run)
        self.ready.set()

    def run(self) -> None:
        """Commit whatever has queued up, group after group, forever."""
        while True:
            self.ready.wait()
            self.ready.clear()
            with self.lock:
                group, self.waiting = self.waiting, []
            if group:
                try:
                    self.commit(group)
                except Exception:  # the committer must outlive any one group
                    log.exception("a group of %d votes failed", len(group))

    def commit(self, group: list[Vote]) -> None:
        """Cast a group of votes in one transaction, then answer each phone."""
        pool = self.app.extensions["kiosk_db"]
        db, done, known = pool.take(), [], {}
        try:
            self.begin(db)
            answers = [self.cast(db, vote, done, known) for vote in group]
            db.conn.commit()
        except Exception:
            log.exception("committing %d votes failed", len(group))
            answers, done = [self.refused(vote, NOT_SAVED) for vote in group], []
        finally:
            pool.give(db)
        send = self.server.eio.send
        for vote, answer in zip(group, answers, strict=True):
            # A Socket.IO acknowledgement on the main namespace ("3", its id, its data), as
            # python-socketio would encode it, without building a packet object per phone.
            send(vote.eio_sid, f"{packet.ACK}{vote.ack_id}{json.dumps([answer], separators=SEP)}")
        for meeting, voter, cast in done:
            after_vote(self.app, meeting, voter, cast)

    def begin(self, db) -> None:
        """Take the write lock, waiting without stopping the other phones of this worker.

        While another worker writes, SQLite's own wait sleeps the whole process, and with it
        every phone this worker reads. Here the lock is tried without SQLite's wait, and a
        try that finds it taken naps for a moment (gevent runs the others), then tries again.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT
        db.conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    db.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise
                self.server.sleep(NAP)
        finally:
            db.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")

    def cast(self, db, vote: Vote, done: list, known: dict) -> dict:
        """Cast one vote of the group (a refusal writes nothing); return the phone's answer."""
        try:
            data = json.loads(vote.text)[1]
            if not isinstance(data, dict):
                raise Refused(NOT_UNDERSTOOD)
            cast, meeting, voter = cast_vote(db, data, vote.cookie, known)
        except Refused as refusal:  # before ValueError, which it is too
            return self.refused(vote, refusal.message, **refusal.values)
        except (ValueError, IndexError):  # JSON that is not an event
            return self.refused(vote, NOT_UNDERSTOOD)
        except Exception:
            log.exception("a vote failed")
            return self.refused(vote, FAILED)
        done.append((meeting, voter, cast))
        return {"ok": True, "vote": cast}

    @staticmethod
    def refused(vote: Vote, message: str, **values: object) -> dict:
        """Answer a phone that its vote was refused, in the language it reads."""
        with words.speaking(vote.lang):
            return {"ok": False, "error": words.gettext(message, **values)}


def init_app(app: Flask, server) -> None:
    """Give the app its vote queue, in front of the Socket.IO server's message handler."""
    app.extensions["kiosk_votes"] = VoteQueue(app, server)
