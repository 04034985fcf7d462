-- An evening a first-time facilitator runs from the screen alone: a rehearsal, the pre-flight
-- before the doors open, a chime when a round closes, and questions from the floor.

-- A rehearsal is a meeting of its own, marked as one: it never reaches the record, the
-- legitimacy figures or a bundle. While it runs, the real meeting waits (it is not ended).
ALTER TABLE meetings ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));

-- Before the doors open: the facilitator confirms the laptop's clock and time zone (every
-- record is stamped with it), and the kiosk notes when a projector first opened.
ALTER TABLE process ADD COLUMN clock_confirmed_at REAL;
ALTER TABLE process ADD COLUMN clock_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE process ADD COLUMN projector_opened_at REAL;

-- A two-note chime on the projector when a round closes: off unless the facilitator wants it.
ALTER TABLE process ADD COLUMN chime INTEGER NOT NULL DEFAULT 0;

-- Questions from the floor: a phone asks; nobody else sees it until the facilitator releases
-- it; then phones upvote it and the projector shows the top ones. Dismissed ones stay unseen.
-- An erased person's questions lose the link to them; the count of upvotes is kept.
CREATE TABLE floor_questions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    attendee_id INTEGER REFERENCES attendees(id),
    text TEXT NOT NULL,
    upvotes INTEGER NOT NULL DEFAULT 0,
    asked_at REAL NOT NULL,
    released_at REAL,
    dismissed_at REAL,
    answered_at REAL
);

CREATE INDEX floor_questions_meeting ON floor_questions(meeting_id);

CREATE TABLE floor_upvotes (
    question_id INTEGER NOT NULL REFERENCES floor_questions(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    PRIMARY KEY (question_id, attendee_id)
);

-- One-word answers: the facilitator asks, each phone answers in a word (and may change it);
-- the word cloud reaches the projector only when the facilitator shows it, without the words
-- they hid.
CREATE TABLE word_prompts (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    text TEXT NOT NULL,
    asked_at REAL NOT NULL,
    closed_at REAL,
    shown_at REAL
);

CREATE INDEX word_prompts_meeting ON word_prompts(meeting_id);

CREATE TABLE word_answers (
    id INTEGER PRIMARY KEY,
    prompt_id INTEGER NOT NULL REFERENCES word_prompts(id),
    attendee_id INTEGER REFERENCES attendees(id),
    word TEXT NOT NULL,
    sent_at REAL NOT NULL,
    UNIQUE (prompt_id, attendee_id)
);

CREATE TABLE hidden_words (
    prompt_id INTEGER NOT NULL REFERENCES word_prompts(id),
    word TEXT NOT NULL,
    PRIMARY KEY (prompt_id, word)
);
