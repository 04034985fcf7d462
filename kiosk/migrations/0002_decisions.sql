-- One person, one vote: how phones are admitted, and people counted without phones.
ALTER TABLE meetings ADD COLUMN voting_mode TEXT NOT NULL DEFAULT 'open'
    CHECK (voting_mode IN ('open', 'desk', 'slips'));

ALTER TABLE meetings ADD COLUMN present_without_phones INTEGER NOT NULL DEFAULT 0;

ALTER TABLE attendees ADD COLUMN admitted INTEGER NOT NULL DEFAULT 1;

CREATE TABLE slips (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    code_hash TEXT NOT NULL UNIQUE,
    redeemed INTEGER NOT NULL DEFAULT 0
);

-- Rounds: stage, visibility, options for choosing, the exact words and final counts.
ALTER TABLE rounds ADD COLUMN stage TEXT NOT NULL DEFAULT 'consent';

ALTER TABLE rounds ADD COLUMN visibility TEXT NOT NULL DEFAULT 'counted'
    CHECK (visibility IN ('open', 'counted', 'secret'));

ALTER TABLE rounds ADD COLUMN hide_results INTEGER NOT NULL DEFAULT 0;

ALTER TABLE rounds ADD COLUMN wording TEXT;

ALTER TABLE rounds ADD COLUMN amendment_id INTEGER REFERENCES amendments(id);

ALTER TABLE rounds ADD COLUMN options TEXT NOT NULL DEFAULT '[]';

ALTER TABLE rounds ADD COLUMN max_choices INTEGER NOT NULL DEFAULT 1;

ALTER TABLE rounds ADD COLUMN seats INTEGER NOT NULL DEFAULT 1;

ALTER TABLE rounds ADD COLUMN record TEXT;

-- Secret ballots: no column links a ballot to a person, ids are random, no times.
CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    choice TEXT NOT NULL
);

CREATE INDEX ballots_round ON ballots(round_id);

CREATE TABLE ballot_box (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    PRIMARY KEY (round_id, attendee_id)
);

CREATE TABLE hand_counts (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    source TEXT NOT NULL CHECK (source IN ('hands', 'cards', 'paper')),
    choice TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    entered_at REAL NOT NULL,
    PRIMARY KEY (round_id, source, choice)
);

-- Wording is versioned: the original words, then each amendment taken.
CREATE TABLE amendments (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    text TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'taken', 'not_taken')),
    created_at REAL NOT NULL,
    decided_at REAL
);

CREATE TABLE proposal_versions (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    amendment_id INTEGER REFERENCES amendments(id),
    created_at REAL NOT NULL,
    PRIMARY KEY (proposal_id, version)
);

INSERT INTO proposal_versions (proposal_id, version, text, created_at)
SELECT id, 1, text, created_at FROM proposals;
