-- What the minutes say about the meeting itself: when and where, how it was reached,
-- notice given (date and channels) and residents among those counted without phones.
CREATE TABLE meeting_details (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    held_on TEXT,
    venue TEXT NOT NULL DEFAULT '',
    access_features TEXT NOT NULL DEFAULT '[]',
    notice_on TEXT,
    notice_channels TEXT NOT NULL DEFAULT '[]',
    residents_without_phones INTEGER NOT NULL DEFAULT 0
        CHECK (residents_without_phones >= 0)
);

-- The outreach log: every effort made to invite the whole area to this meeting.
CREATE TABLE outreach (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    done_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('leaflets', 'door_knocking', 'social_media',
        'posters', 'local_press', 'other')),
    detail TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL
);

CREATE INDEX outreach_meeting ON outreach(meeting_id, done_on);

-- Roles held tonight, by name as the person wishes to be minuted; gender optional.
CREATE TABLE meeting_roles (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    UNIQUE (meeting_id, role, name)
);

CREATE INDEX meeting_roles_meeting ON meeting_roles(meeting_id);

-- An action agreed at the close may carry a deadline (an ISO date).
ALTER TABLE close_actions ADD COLUMN deadline TEXT;
