-- Council mode: the same kiosk, run by a council made of member assemblies' delegates.
ALTER TABLE assembly ADD COLUMN kind TEXT NOT NULL DEFAULT 'assembly'
    CHECK (kind IN ('assembly', 'council'));

ALTER TABLE assembly ADD COLUMN level TEXT NOT NULL DEFAULT '';

ALTER TABLE assembly ADD COLUMN theme TEXT NOT NULL DEFAULT '';

-- A council's meeting counts member assemblies with a vote as those present.
ALTER TABLE meetings ADD COLUMN council INTEGER NOT NULL DEFAULT 0;

-- Members, registered by name and fingerprint; the first bundle pins the key.
CREATE TABLE council_members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    fingerprint TEXT NOT NULL UNIQUE,
    key_id TEXT UNIQUE,
    kind TEXT NOT NULL DEFAULT 'assembly' CHECK (kind IN ('assembly', 'council')),
    registered_at REAL NOT NULL,
    pinned_at REAL,
    meets_standard INTEGER,
    legitimacy TEXT NOT NULL DEFAULT '{}',
    last_meeting_date TEXT NOT NULL DEFAULT ''
);

-- What a member's delegates may do here, as the facilitator decided (newest wins).
CREATE TABLE council_rights (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    rights TEXT NOT NULL CHECK (rights IN ('sit', 'speak', 'vote')),
    reason TEXT NOT NULL DEFAULT '',
    decided_at REAL NOT NULL
);

CREATE INDEX council_rights_member ON council_rights(member_id, id);

-- The roll: mandates to this council read from members' signed bundles.
CREATE TABLE council_roll (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    key_id TEXT NOT NULL,
    mandate_id INTEGER NOT NULL,
    council TEXT NOT NULL,
    level TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    delegate TEXT NOT NULL,
    co_delegate TEXT NOT NULL DEFAULT '',
    alternate TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL,
    text TEXT NOT NULL,
    text_digest TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_on TEXT,
    expires_after_meetings INTEGER,
    issued_at TEXT,
    bundle_sha256 TEXT NOT NULL,
    imported_at REAL NOT NULL,
    UNIQUE (key_id, mandate_id)
);

-- Who checked in at a council meeting, with which card, for which member's seat.
CREATE TABLE council_checkins (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    roll_id INTEGER NOT NULL REFERENCES council_roll(id),
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    role TEXT NOT NULL CHECK (role IN ('delegate', 'co_delegate', 'alternate')),
    name TEXT NOT NULL,
    seat_id INTEGER NOT NULL REFERENCES attendees(id),
    checked_in_at REAL NOT NULL,
    UNIQUE (meeting_id, roll_id, role)
);

-- Which instruction of a mandate a council proposal falls under (None: none does).
CREATE TABLE council_links (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    roll_id INTEGER NOT NULL REFERENCES council_roll(id),
    position_no INTEGER,
    PRIMARY KEY (proposal_id, roll_id)
);

-- How each member's delegate voted, under which instruction: one row per member.
CREATE TABLE council_votes (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    checkin_id INTEGER NOT NULL REFERENCES council_checkins(id),
    choice TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    position_no INTEGER,
    limits TEXT NOT NULL DEFAULT '',
    cast_at REAL NOT NULL,
    PRIMARY KEY (round_id, member_id)
);
