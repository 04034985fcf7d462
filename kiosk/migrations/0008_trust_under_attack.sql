-- Secret single-choice rounds keep one counter per option and no row per ballot, so nothing in
-- the file can hold the order ballots were cast in (ranked and approval ballots stay whole, in
-- `ballots`, and are rewritten in a random order when their round closes).
CREATE TABLE ballot_counts (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    choice TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (round_id, choice)
) WITHOUT ROWID;

INSERT INTO ballot_counts (round_id, choice, n)
    SELECT ballots.round_id, ballots.choice, COUNT(*)
    FROM ballots JOIN rounds ON rounds.id = ballots.round_id
    WHERE rounds.kind NOT IN ('approval', 'ranked')
    GROUP BY ballots.round_id, ballots.choice;

DELETE FROM ballots
    WHERE round_id IN (SELECT id FROM rounds WHERE kind NOT IN ('approval', 'ranked'));

-- The ballots kept whole, rewritten once in a random order under new random ids.
CREATE TEMP TABLE shuffled AS SELECT round_id, choice FROM ballots ORDER BY random();

DELETE FROM ballots;

INSERT INTO ballots (id, round_id, choice)
    SELECT (random() & 4611686018427387903) + 1, round_id, choice FROM shuffled ORDER BY rowid;

DROP TABLE temp.shuffled;

-- The register of who has voted, keyed by round and person: no rowid keeps the order of arrival.
CREATE TABLE ballot_register (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    attendee_id INTEGER NOT NULL REFERENCES attendees(id),
    PRIMARY KEY (round_id, attendee_id)
) WITHOUT ROWID;

INSERT INTO ballot_register (round_id, attendee_id)
    SELECT round_id, attendee_id FROM ballot_box ORDER BY round_id, attendee_id;

DROP TABLE ballot_box;

ALTER TABLE ballot_register RENAME TO ballot_box;

-- Key succession: an assembly's announcement, signed by its old key, that a new key succeeds it.
-- Kept for this kiosk's own rotations (sent in every bundle) and for those accepted from others.
CREATE TABLE key_successions (
    old_key_id TEXT PRIMARY KEY,
    new_key_id TEXT NOT NULL UNIQUE,
    new_public_key TEXT NOT NULL,
    announced_at INTEGER NOT NULL,
    signature TEXT NOT NULL,
    recorded_at REAL NOT NULL
);

-- Keys reported lost or stolen: nothing they sign is trusted here any more.
CREATE TABLE distrusted_keys (
    key_id TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT '',
    distrusted_at REAL NOT NULL
);
