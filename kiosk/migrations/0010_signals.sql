-- Hand signals from phones, kept for the last 30 seconds only, in the database so that every
-- worker process counts the same signals and holds each phone to the same rate limit.
CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    attendee_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    at REAL NOT NULL,
    reported INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX signals_by_attendee ON signals (attendee_id, at);
CREATE INDEX signals_by_meeting ON signals (meeting_id, at);
