CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    created_at REAL NOT NULL,
    ended_at REAL
);

CREATE TABLE attendees (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    token TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    resident INTEGER NOT NULL CHECK (resident IN (0, 1)),
    first_time INTEGER NOT NULL CHECK (first_time IN (0, 1)),
    checked_in_at REAL NOT NULL
);

CREATE INDEX attendees_meeting ON attendees(meeting_id);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    created_at REAL NOT NULL
);

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    opened_at REAL NOT NULL,
    closed_at REAL,
    present_at_close INTEGER,
    outcome TEXT,
    explanation TEXT
);

CREATE INDEX rounds_proposal ON rounds(proposal_id);

CREATE TABLE votes (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    choice TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    cast_at REAL NOT NULL,
    PRIMARY KEY (round_id, attendee_id)
);
