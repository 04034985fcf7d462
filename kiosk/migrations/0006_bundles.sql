-- Bundles this kiosk has imported: who sent them, which meeting, and their minutes.
CREATE TABLE bundles (
    manifest_sha256 TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    assembly_name TEXT NOT NULL,
    meeting_id INTEGER NOT NULL,
    meeting_date TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'assembly',
    format_version INTEGER NOT NULL,
    minutes TEXT NOT NULL,
    imported_at REAL NOT NULL
);

CREATE INDEX bundles_key ON bundles(key_id);
