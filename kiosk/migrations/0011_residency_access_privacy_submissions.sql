-- Legitimacy you can prove: the area by postcode, access needs, privacy, and submissions to the
-- council tracked until it answers.

-- The assembly's own settings: its area as postcode districts or sectors ("M14", "M14 5"), the
-- languages its invitations go out in, how many days personal details are kept after a meeting,
-- and how people reach the assembly (for the invitation and the privacy notice).
CREATE TABLE assembly_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    area_postcodes TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    retention_days INTEGER NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650),
    contact TEXT NOT NULL DEFAULT ''
);

-- Where a phone's person lives: the postcode sector only, never the full postcode, and whether
-- that is inside the area; a short note on what would help them take part.
ALTER TABLE attendees ADD COLUMN postcode_sector TEXT;

ALTER TABLE attendees ADD COLUMN residency TEXT NOT NULL DEFAULT 'not_given'
    CHECK (residency IN ('inside', 'outside', 'not_given'));

ALTER TABLE attendees ADD COLUMN access_note TEXT NOT NULL DEFAULT '';

-- Access needs ticked at check-in. Erasing a person drops the link to them, never the count.
CREATE TABLE access_needs (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    attendee_id INTEGER REFERENCES attendees(id),
    need TEXT NOT NULL
);

CREATE INDEX access_needs_meeting ON access_needs(meeting_id);

-- One line of a paper sign-in sheet, entered at the desk: where the person lives (judged at
-- entry; the postcode itself is not kept) and the needs they ticked. No name.
CREATE TABLE sign_in_lines (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    residency TEXT NOT NULL CHECK (residency IN ('inside', 'outside', 'not_given')),
    needs TEXT NOT NULL DEFAULT '[]',
    entered_at REAL NOT NULL
);

CREATE INDEX sign_in_lines_meeting ON sign_in_lines(meeting_id);

-- That an attendee's details were erased, when and why: never who they were.
CREATE TABLE erasures (
    attendee_id INTEGER PRIMARY KEY REFERENCES attendees(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    reason TEXT NOT NULL CHECK (reason IN ('request', 'retention')),
    erased_at REAL NOT NULL
);

-- What the invitation says that the record did not hold: the start time and childcare.
ALTER TABLE meeting_details ADD COLUMN starts_at TEXT;

ALTER TABLE meeting_details ADD COLUMN childcare TEXT NOT NULL DEFAULT '';

-- Dual power, tracked: a decision submitted to the council by a route, and what came of it.
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    route TEXT NOT NULL CHECK (route IN ('petition_scheme', 'public_question', 'deputation',
        'consultation_response', 'formal_letter')),
    recipient TEXT NOT NULL,
    salutation TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL,
    signers TEXT NOT NULL DEFAULT '[]',
    sent_on TEXT NOT NULL,
    reply_due TEXT NOT NULL,
    replied_on TEXT,
    reply_text TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT ''
        CHECK (outcome IN ('', 'adopted', 'partly', 'rejected', 'no_reply')),
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);

CREATE INDEX submissions_meeting ON submissions(meeting_id);

-- A reply that came as a PDF, kept whole in the database (so a backup holds it).
CREATE TABLE submission_replies (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
    file_name TEXT NOT NULL,
    pdf BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at REAL NOT NULL
);
