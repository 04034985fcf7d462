-- The language the meeting runs in (console, projector, minutes), and a second language the
-- projector shows beside it on every prompt (Welsh and English, as Welsh public bodies do), or
-- '' for none. Phones speak each person's own language.
ALTER TABLE assembly_settings ADD COLUMN speaks TEXT NOT NULL DEFAULT 'en';

ALTER TABLE assembly_settings ADD COLUMN also_shows TEXT NOT NULL DEFAULT '';
