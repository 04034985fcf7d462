CREATE TABLE process (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    current_item_id INTEGER,
    scene TEXT,
    theme TEXT NOT NULL DEFAULT 'dusk',
    twinkles INTEGER NOT NULL DEFAULT 1,
    destination TEXT NOT NULL DEFAULT '',
    next_meeting TEXT NOT NULL DEFAULT '',
    stack_keeper_id INTEGER REFERENCES attendees(id),
    speaker_minutes REAL NOT NULL DEFAULT 2
);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    skipped INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE stage_stamps (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    item_id INTEGER NOT NULL REFERENCES agenda_items(id),
    kind TEXT NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL
);

CREATE INDEX stage_stamps_meeting ON stage_stamps(meeting_id);

CREATE TABLE timers (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    kind TEXT NOT NULL,
    ref INTEGER,
    label TEXT NOT NULL DEFAULT '',
    duration REAL NOT NULL,
    ends_at REAL,
    paused_remaining REAL,
    PRIMARY KEY (meeting_id, kind)
);

CREATE TABLE breakout_themes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    name TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE theme_picks (
    attendee_id INTEGER PRIMARY KEY REFERENCES attendees(id),
    theme_id INTEGER NOT NULL REFERENCES breakout_themes(id)
);

CREATE TABLE breakouts (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    mode TEXT NOT NULL,
    size INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL
);

CREATE TABLE breakout_groups (
    id INTEGER PRIMARY KEY,
    breakout_id INTEGER NOT NULL REFERENCES breakouts(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    place TEXT NOT NULL,
    theme_id INTEGER REFERENCES breakout_themes(id),
    theme TEXT,
    facilitator_id INTEGER REFERENCES attendees(id),
    note_taker_id INTEGER REFERENCES attendees(id),
    read_back_at REAL
);

CREATE TABLE group_members (
    breakout_id INTEGER NOT NULL REFERENCES breakouts(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    group_id INTEGER NOT NULL REFERENCES breakout_groups(id),
    joined_at REAL NOT NULL,
    PRIMARY KEY (breakout_id, attendee_id)
);

CREATE INDEX group_members_group ON group_members(group_id);

CREATE TABLE harvest_clusters (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    title TEXT NOT NULL,
    created_at REAL NOT NULL
);

CREATE TABLE harvest_points (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES breakout_groups(id),
    text TEXT NOT NULL,
    agreement TEXT NOT NULL CHECK (agreement IN ('all', 'most', 'some')),
    cluster_id INTEGER REFERENCES harvest_clusters(id),
    created_at REAL NOT NULL
);

CREATE INDEX harvest_points_group ON harvest_points(group_id);

CREATE TABLE stack_entries (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    kind TEXT NOT NULL,
    joined_at REAL NOT NULL,
    bump INTEGER NOT NULL DEFAULT 0,
    called_at REAL,
    done_at REAL
);

CREATE INDEX stack_entries_meeting ON stack_entries(meeting_id, done_at);

CREATE TABLE checklist_ticks (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    key TEXT NOT NULL,
    ticked_at REAL NOT NULL,
    PRIMARY KEY (meeting_id, key)
);

CREATE TABLE close_actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    created_at REAL NOT NULL
);
