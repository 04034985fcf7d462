-- This kiosk's assembly: its name, area and the id of its signing key (kept in a file).
CREATE TABLE assembly (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    area TEXT NOT NULL,
    key_id TEXT NOT NULL,
    created_at REAL NOT NULL
);

-- Public keys this kiosk trusts for verifying cards: its own, and imported ones.
CREATE TABLE known_keys (
    key_id TEXT PRIMARY KEY,
    assembly_name TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL,
    added_at REAL NOT NULL
);

CREATE TABLE revocations (
    key_id TEXT NOT NULL,
    mandate_id INTEGER NOT NULL,
    revoked_at REAL NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (key_id, mandate_id)
);

CREATE TABLE councils (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL CHECK (level IN ('district', 'county', 'themed')),
    theme TEXT NOT NULL DEFAULT ''
);

CREATE TABLE seats (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    council_id INTEGER NOT NULL REFERENCES councils(id),
    gender_balanced INTEGER NOT NULL DEFAULT 0,
    round_id INTEGER REFERENCES rounds(id),
    created_at REAL NOT NULL
);

CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    seat_id INTEGER NOT NULL REFERENCES seats(id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    attendee_id INTEGER REFERENCES attendees(id),
    created_at REAL NOT NULL,
    UNIQUE (seat_id, name)
);

CREATE TABLE mandates (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    council_id INTEGER NOT NULL REFERENCES councils(id),
    seat_id INTEGER REFERENCES seats(id),
    delegate TEXT NOT NULL,
    co_delegate TEXT NOT NULL DEFAULT '',
    alternate TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL,
    spending_cap_pence INTEGER NOT NULL DEFAULT 0,
    expires_on TEXT,
    expires_after_meetings INTEGER,
    report_back TEXT NOT NULL,
    petition_percent TEXT NOT NULL DEFAULT '25',
    recall_percent TEXT NOT NULL DEFAULT '200/3',
    facilitator_name TEXT NOT NULL DEFAULT '',
    note_taker_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'issued', 'revoked')),
    confirm_round_id INTEGER REFERENCES rounds(id),
    recall_round_id INTEGER REFERENCES rounds(id),
    replaced_by INTEGER REFERENCES mandates(id),
    text TEXT,
    text_digest TEXT,
    payload TEXT,
    issued_at REAL,
    revoked_at REAL,
    created_at REAL NOT NULL
);

CREATE TABLE mandate_items (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates(id),
    position_no INTEGER NOT NULL,
    item TEXT NOT NULL,
    position TEXT NOT NULL
        CHECK (position IN ('must_support', 'must_oppose', 'free', 'report_only')),
    limits TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mandate_decisions (
    mandate_id INTEGER NOT NULL REFERENCES mandates(id),
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    PRIMARY KEY (mandate_id, round_id)
);

CREATE TABLE recall_petitions (
    mandate_id INTEGER NOT NULL REFERENCES mandates(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    signed_at REAL NOT NULL,
    PRIMARY KEY (mandate_id, attendee_id)
);

CREATE TABLE report_backs (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    council_meeting_on TEXT NOT NULL,
    received_at REAL NOT NULL
);

CREATE TABLE report_back_items (
    report_back_id INTEGER NOT NULL REFERENCES report_backs(id),
    mandate_item_id INTEGER NOT NULL REFERENCES mandate_items(id),
    council_did TEXT NOT NULL,
    delegate_voted TEXT NOT NULL,
    PRIMARY KEY (report_back_id, mandate_item_id)
);
