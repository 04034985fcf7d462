-- The confederal loop: proposals go up to a council, its agenda comes down, mandates bind the
-- agenda's item ids and versions, and outcomes come back item by item. No word matching.

-- A mandate's instruction may name a council agenda item by its stable id and version, and take
-- the loop's positions: support only as amended (a named amendment), abstain, and picks or a
-- ranking among a choosing item's options; each says what holds if the council amends the item.
-- SQLite cannot change a CHECK in place, so the table is rebuilt (its 12 steps: migrations run
-- with foreign keys off and checked before they commit); report_back_items keeps its references.
CREATE TABLE mandate_items_0009 (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates(id),
    position_no INTEGER NOT NULL,
    item TEXT NOT NULL,
    position TEXT NOT NULL CHECK (position IN ('must_support', 'must_oppose', 'support_amended',
        'free', 'abstain', 'report_only', 'choose')),
    limits TEXT NOT NULL DEFAULT '',
    agenda_uid TEXT,
    agenda_version INTEGER,
    amendment TEXT NOT NULL DEFAULT '',
    picks TEXT NOT NULL DEFAULT '[]',
    if_amended TEXT NOT NULL DEFAULT 'abstain' CHECK (if_amended IN ('holds', 'free', 'abstain'))
);

INSERT INTO mandate_items_0009 (id, mandate_id, position_no, item, position, limits)
SELECT id, mandate_id, position_no, item, position, limits FROM mandate_items;

DROP TABLE mandate_items;

ALTER TABLE mandate_items_0009 RENAME TO mandate_items;

CREATE INDEX mandate_items_mandate ON mandate_items(mandate_id, position_no);

-- Up: an assembly decides by a round to put a proposal to a council; uid = fingerprint + id.
CREATE TABLE proposals_up (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    council_id INTEGER NOT NULL REFERENCES councils(id),
    round_id INTEGER REFERENCES rounds(id),
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'vote' CHECK (kind IN ('vote', 'approval', 'ranked')),
    options TEXT NOT NULL DEFAULT '[]',
    max_choices INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'put' CHECK (status IN ('put', 'decided', 'not_decided')),
    decided_at REAL,
    created_at REAL NOT NULL
);

-- Down: a council's published agenda as an assembly received it, each item id and version once.
CREATE TABLE agenda_in (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES councils(id),
    key_id TEXT NOT NULL,
    uid TEXT NOT NULL,
    version INTEGER NOT NULL,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vote', 'approval', 'ranked')),
    options TEXT NOT NULL DEFAULT '[]',
    max_choices INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL CHECK (origin IN ('members', 'procedural', 'council')),
    sources TEXT NOT NULL DEFAULT '[]',
    meets_on TEXT NOT NULL,
    edition INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    received_at REAL NOT NULL,
    UNIQUE (uid, version)
);

-- Back: what the council did with each item and how this assembly's seat voted.
CREATE TABLE outcomes_in (
    id INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES councils(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    uid TEXT NOT NULL,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    outcome TEXT NOT NULL,
    seat_voted TEXT NOT NULL,
    ours TEXT NOT NULL DEFAULT '[]',
    council_meeting_on TEXT NOT NULL,
    received_at REAL NOT NULL,
    UNIQUE (uid, council_meeting_on)
);

-- A council's own settings: whether an alternate shares the seat or sits only when the delegate
-- is absent, and whether the council may put items of its own (clearly marked) on its agenda.
CREATE TABLE council_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    alternate TEXT NOT NULL DEFAULT 'shares' CHECK (alternate IN ('shares', 'absent_only')),
    own_items INTEGER NOT NULL DEFAULT 0 CHECK (own_items IN (0, 1))
);

-- Members' proposals, as their signed bundles brought them.
CREATE TABLE council_proposals (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    member_id INTEGER NOT NULL REFERENCES council_members(id),
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vote', 'approval', 'ranked')),
    options TEXT NOT NULL DEFAULT '[]',
    max_choices INTEGER NOT NULL DEFAULT 1,
    decided_on TEXT NOT NULL DEFAULT '',
    bundle_sha256 TEXT NOT NULL,
    received_at REAL NOT NULL
);

-- The council's agenda for one of its meetings: items with stable ids, wording and version.
CREATE TABLE council_items (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vote', 'approval', 'ranked')),
    options TEXT NOT NULL DEFAULT '[]',
    max_choices INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL CHECK (origin IN ('members', 'procedural', 'council')),
    version INTEGER NOT NULL DEFAULT 1,
    published_version INTEGER,
    created_at REAL NOT NULL
);

CREATE INDEX council_items_meeting ON council_items(meeting_id, position);

-- Every member proposal an item came from (merged duplicates keep all their sources).
CREATE TABLE council_item_sources (
    item_id INTEGER NOT NULL REFERENCES council_items(id),
    proposal_id INTEGER NOT NULL REFERENCES council_proposals(id),
    PRIMARY KEY (item_id, proposal_id)
);

-- Each published wording of an item: mandates name the version they were given on.
CREATE TABLE council_item_versions (
    item_id INTEGER NOT NULL REFERENCES council_items(id),
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL,
    PRIMARY KEY (item_id, version)
);

CREATE TABLE council_agendas (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    meets_on TEXT NOT NULL,
    edition INTEGER NOT NULL,
    published_at REAL NOT NULL
);

-- The proposal a council meeting decides an item by, and the item version it started from:
-- an amendment the council takes there makes the item's next version.
CREATE TABLE council_item_proposals (
    proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id),
    item_id INTEGER NOT NULL UNIQUE REFERENCES council_items(id),
    base_version INTEGER NOT NULL
);

-- Observers check in by name, without a card, and never vote.
CREATE TABLE council_observers (
    attendee_id INTEGER PRIMARY KEY REFERENCES attendees(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    name TEXT NOT NULL,
    checked_in_at REAL NOT NULL
);

-- A short code shown at the desk pairs a delegate's phone with the check-in made there.
CREATE TABLE council_pairings (
    code TEXT PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    checkin_id INTEGER NOT NULL REFERENCES council_checkins(id),
    made_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL
);

-- An alternate who sat while the delegate was away stands down when the delegate arrives.
ALTER TABLE council_checkins ADD COLUMN stood_down_at REAL;

-- Each seat's vote names the agenda item and version it was on, and the binding in words.
ALTER TABLE council_votes ADD COLUMN item_uid TEXT;

ALTER TABLE council_votes ADD COLUMN item_version INTEGER;

ALTER TABLE council_votes ADD COLUMN binding TEXT NOT NULL DEFAULT '';

-- Links made by hand between a proposal's words and a mandate's words are gone: binding is by
-- item id and version only.
DROP TABLE council_links;

-- Wrong pairing codes tried, so guessing is slowed to a few a minute.
CREATE TABLE council_pair_tries (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    tried_at REAL NOT NULL
);
