"""The schema, as numbered migrations. Never edit one that has landed; add the next."""

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_meetings_attendees_rounds_votes",
        [
            """CREATE TABLE meetings (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                created_at REAL NOT NULL,
                ended_at REAL
            )""",
            """CREATE TABLE attendees (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                token TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL DEFAULT '',
                resident INTEGER NOT NULL CHECK (resident IN (0, 1)),
                first_time INTEGER NOT NULL CHECK (first_time IN (0, 1)),
                checked_in_at REAL NOT NULL
            )""",
            "CREATE INDEX attendees_meeting ON attendees(meeting_id)",
            """CREATE TABLE proposals (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                text TEXT NOT NULL,
                created_at REAL NOT NULL
            )""",
            """CREATE TABLE rounds (
                id INTEGER PRIMARY KEY,
                proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                kind TEXT NOT NULL,
                rule TEXT NOT NULL,
                settings TEXT NOT NULL DEFAULT '{}',
                opened_at REAL NOT NULL,
                closed_at REAL,
                present_at_close INTEGER,
                outcome TEXT,
                explanation TEXT
            )""",
            "CREATE INDEX rounds_proposal ON rounds(proposal_id)",
            """CREATE TABLE votes (
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                attendee_id INTEGER NOT NULL REFERENCES attendees(id),
                choice TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                cast_at REAL NOT NULL,
                PRIMARY KEY (round_id, attendee_id)
            )""",
        ],
    ),
    (
        "0002_decisions",
        [
            # One person, one vote: how phones are admitted, and people counted without phones.
            """ALTER TABLE meetings ADD COLUMN voting_mode TEXT NOT NULL DEFAULT 'open'
                CHECK (voting_mode IN ('open', 'desk', 'slips'))""",
            "ALTER TABLE meetings ADD COLUMN present_without_phones INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE attendees ADD COLUMN admitted INTEGER NOT NULL DEFAULT 1",
            """CREATE TABLE slips (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                code_hash TEXT NOT NULL UNIQUE,
                redeemed INTEGER NOT NULL DEFAULT 0
            )""",
            # Rounds: stage, visibility, options for choosing, the exact words and final counts.
            "ALTER TABLE rounds ADD COLUMN stage TEXT NOT NULL DEFAULT 'consent'",
            """ALTER TABLE rounds ADD COLUMN visibility TEXT NOT NULL DEFAULT 'counted'
                CHECK (visibility IN ('open', 'counted', 'secret'))""",
            "ALTER TABLE rounds ADD COLUMN hide_results INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE rounds ADD COLUMN wording TEXT",
            "ALTER TABLE rounds ADD COLUMN amendment_id INTEGER REFERENCES amendments(id)",
            "ALTER TABLE rounds ADD COLUMN options TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE rounds ADD COLUMN max_choices INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE rounds ADD COLUMN seats INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE rounds ADD COLUMN record TEXT",
            # Secret ballots: no column links a ballot to a person, ids are random, no times.
            """CREATE TABLE ballots (
                id INTEGER PRIMARY KEY,
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                choice TEXT NOT NULL
            )""",
            "CREATE INDEX ballots_round ON ballots(round_id)",
            """CREATE TABLE ballot_box (
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                attendee_id INTEGER NOT NULL REFERENCES attendees(id),
                PRIMARY KEY (round_id, attendee_id)
            )""",
            """CREATE TABLE hand_counts (
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                source TEXT NOT NULL CHECK (source IN ('hands', 'cards', 'paper')),
                choice TEXT NOT NULL,
                count INTEGER NOT NULL CHECK (count >= 0),
                entered_at REAL NOT NULL,
                PRIMARY KEY (round_id, source, choice)
            )""",
            # Wording is versioned: the original words, then each amendment taken.
            """CREATE TABLE amendments (
                id INTEGER PRIMARY KEY,
                proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                text TEXT NOT NULL,
                proposed_by TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'taken', 'not_taken')),
                created_at REAL NOT NULL,
                decided_at REAL
            )""",
            """CREATE TABLE proposal_versions (
                proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                version INTEGER NOT NULL,
                text TEXT NOT NULL,
                amendment_id INTEGER REFERENCES amendments(id),
                created_at REAL NOT NULL,
                PRIMARY KEY (proposal_id, version)
            )""",
            """INSERT INTO proposal_versions (proposal_id, version, text, created_at)
                SELECT id, 1, text, created_at FROM proposals""",
        ],
    ),
    (
        "0003_process",
        [
            """CREATE TABLE process (
                meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
                current_item_id INTEGER,
                scene TEXT,
                theme TEXT NOT NULL DEFAULT 'dusk',
                twinkles INTEGER NOT NULL DEFAULT 1,
                destination TEXT NOT NULL DEFAULT '',
                next_meeting TEXT NOT NULL DEFAULT '',
                stack_keeper_id INTEGER REFERENCES attendees(id),
                speaker_minutes REAL NOT NULL DEFAULT 2
            )""",
            """CREATE TABLE agenda_items (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                position INTEGER NOT NULL,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                minutes INTEGER NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                skipped INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position)",
            """CREATE TABLE stage_stamps (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                item_id INTEGER NOT NULL REFERENCES agenda_items(id),
                kind TEXT NOT NULL,
                started_at REAL NOT NULL,
                ended_at REAL
            )""",
            "CREATE INDEX stage_stamps_meeting ON stage_stamps(meeting_id)",
            """CREATE TABLE timers (
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                kind TEXT NOT NULL,
                ref INTEGER,
                label TEXT NOT NULL DEFAULT '',
                duration REAL NOT NULL,
                ends_at REAL,
                paused_remaining REAL,
                PRIMARY KEY (meeting_id, kind)
            )""",
            """CREATE TABLE breakout_themes (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                name TEXT NOT NULL,
                retired INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE theme_picks (
                attendee_id INTEGER PRIMARY KEY REFERENCES attendees(id),
                theme_id INTEGER NOT NULL REFERENCES breakout_themes(id)
            )""",
            """CREATE TABLE breakouts (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                mode TEXT NOT NULL,
                size INTEGER NOT NULL,
                started_at REAL NOT NULL,
                ended_at REAL
            )""",
            """CREATE TABLE breakout_groups (
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
            )""",
            """CREATE TABLE group_members (
                breakout_id INTEGER NOT NULL REFERENCES breakouts(id),
                attendee_id INTEGER NOT NULL REFERENCES attendees(id),
                group_id INTEGER NOT NULL REFERENCES breakout_groups(id),
                joined_at REAL NOT NULL,
                PRIMARY KEY (breakout_id, attendee_id)
            )""",
            "CREATE INDEX group_members_group ON group_members(group_id)",
            """CREATE TABLE harvest_clusters (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                title TEXT NOT NULL,
                created_at REAL NOT NULL
            )""",
            """CREATE TABLE harvest_points (
                id INTEGER PRIMARY KEY,
                group_id INTEGER NOT NULL REFERENCES breakout_groups(id),
                text TEXT NOT NULL,
                agreement TEXT NOT NULL CHECK (agreement IN ('all', 'most', 'some')),
                cluster_id INTEGER REFERENCES harvest_clusters(id),
                created_at REAL NOT NULL
            )""",
            "CREATE INDEX harvest_points_group ON harvest_points(group_id)",
            """CREATE TABLE stack_entries (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                attendee_id INTEGER NOT NULL REFERENCES attendees(id),
                kind TEXT NOT NULL,
                joined_at REAL NOT NULL,
                bump INTEGER NOT NULL DEFAULT 0,
                called_at REAL,
                done_at REAL
            )""",
            "CREATE INDEX stack_entries_meeting ON stack_entries(meeting_id, done_at)",
            """CREATE TABLE checklist_ticks (
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                key TEXT NOT NULL,
                ticked_at REAL NOT NULL,
                PRIMARY KEY (meeting_id, key)
            )""",
            """CREATE TABLE close_actions (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                text TEXT NOT NULL,
                owner TEXT NOT NULL,
                created_at REAL NOT NULL
            )""",
        ],
    ),
    (
        "0004_delegates",
        [
            # This kiosk's assembly: its name, area and the id of its signing key (kept in a file).
            """CREATE TABLE assembly (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL,
                area TEXT NOT NULL,
                key_id TEXT NOT NULL,
                created_at REAL NOT NULL
            )""",
            # Public keys this kiosk trusts for verifying cards: its own, and imported ones.
            """CREATE TABLE known_keys (
                key_id TEXT PRIMARY KEY,
                assembly_name TEXT NOT NULL,
                area TEXT NOT NULL DEFAULT '',
                public_key TEXT NOT NULL,
                added_at REAL NOT NULL
            )""",
            """CREATE TABLE revocations (
                key_id TEXT NOT NULL,
                mandate_id INTEGER NOT NULL,
                revoked_at REAL NOT NULL,
                signature TEXT NOT NULL,
                PRIMARY KEY (key_id, mandate_id)
            )""",
            """CREATE TABLE councils (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                level TEXT NOT NULL CHECK (level IN ('district', 'county', 'themed')),
                theme TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE seats (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                council_id INTEGER NOT NULL REFERENCES councils(id),
                gender_balanced INTEGER NOT NULL DEFAULT 0,
                round_id INTEGER REFERENCES rounds(id),
                created_at REAL NOT NULL
            )""",
            """CREATE TABLE candidates (
                id INTEGER PRIMARY KEY,
                seat_id INTEGER NOT NULL REFERENCES seats(id),
                name TEXT NOT NULL,
                gender TEXT NOT NULL DEFAULT '',
                attendee_id INTEGER REFERENCES attendees(id),
                created_at REAL NOT NULL,
                UNIQUE (seat_id, name)
            )""",
            """CREATE TABLE mandates (
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
            )""",
            """CREATE TABLE mandate_items (
                id INTEGER PRIMARY KEY,
                mandate_id INTEGER NOT NULL REFERENCES mandates(id),
                position_no INTEGER NOT NULL,
                item TEXT NOT NULL,
                position TEXT NOT NULL
                    CHECK (position IN ('must_support', 'must_oppose', 'free', 'report_only')),
                limits TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE mandate_decisions (
                mandate_id INTEGER NOT NULL REFERENCES mandates(id),
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                PRIMARY KEY (mandate_id, round_id)
            )""",
            """CREATE TABLE recall_petitions (
                mandate_id INTEGER NOT NULL REFERENCES mandates(id),
                attendee_id INTEGER NOT NULL REFERENCES attendees(id),
                signed_at REAL NOT NULL,
                PRIMARY KEY (mandate_id, attendee_id)
            )""",
            """CREATE TABLE report_backs (
                id INTEGER PRIMARY KEY,
                mandate_id INTEGER NOT NULL REFERENCES mandates(id),
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                council_meeting_on TEXT NOT NULL,
                received_at REAL NOT NULL
            )""",
            """CREATE TABLE report_back_items (
                report_back_id INTEGER NOT NULL REFERENCES report_backs(id),
                mandate_item_id INTEGER NOT NULL REFERENCES mandate_items(id),
                council_did TEXT NOT NULL,
                delegate_voted TEXT NOT NULL,
                PRIMARY KEY (report_back_id, mandate_item_id)
            )""",
        ],
    ),
    (
        "0005_minutes",
        [
            # What the minutes say about the meeting itself: when and where, how it was reached,
            # notice given (date and channels) and residents among those counted without phones.
            """CREATE TABLE meeting_details (
                meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
                held_on TEXT,
                venue TEXT NOT NULL DEFAULT '',
                access_features TEXT NOT NULL DEFAULT '[]',
                notice_on TEXT,
                notice_channels TEXT NOT NULL DEFAULT '[]',
                residents_without_phones INTEGER NOT NULL DEFAULT 0
                    CHECK (residents_without_phones >= 0)
            )""",
            # The outreach log: every effort made to invite the whole area to this meeting.
            """CREATE TABLE outreach (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                done_on TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('leaflets', 'door_knocking', 'social_media',
                    'posters', 'local_press', 'other')),
                detail TEXT NOT NULL DEFAULT '',
                languages TEXT NOT NULL DEFAULT '[]',
                created_at REAL NOT NULL
            )""",
            "CREATE INDEX outreach_meeting ON outreach(meeting_id, done_on)",
            # Roles held tonight, by name as the person wishes to be minuted; gender optional.
            """CREATE TABLE meeting_roles (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                role TEXT NOT NULL,
                name TEXT NOT NULL,
                gender TEXT NOT NULL DEFAULT '',
                created_at REAL NOT NULL,
                UNIQUE (meeting_id, role, name)
            )""",
            "CREATE INDEX meeting_roles_meeting ON meeting_roles(meeting_id)",
            # An action agreed at the close may carry a deadline (an ISO date).
            "ALTER TABLE close_actions ADD COLUMN deadline TEXT",
        ],
    ),
    (
        "0006_bundles",
        [
            # Bundles this kiosk has imported: who sent them, which meeting, and their minutes.
            """CREATE TABLE bundles (
                manifest_sha256 TEXT PRIMARY KEY,
                key_id TEXT NOT NULL,
                assembly_name TEXT NOT NULL,
                meeting_id INTEGER NOT NULL,
                meeting_date TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL DEFAULT 'assembly',
                format_version INTEGER NOT NULL,
                minutes TEXT NOT NULL,
                imported_at REAL NOT NULL
            )""",
            "CREATE INDEX bundles_key ON bundles(key_id)",
        ],
    ),
    (
        "0007_council",
        [
            # Council mode: the same kiosk, run by a council made of member assemblies' delegates.
            """ALTER TABLE assembly ADD COLUMN kind TEXT NOT NULL DEFAULT 'assembly'
                CHECK (kind IN ('assembly', 'council'))""",
            "ALTER TABLE assembly ADD COLUMN level TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE assembly ADD COLUMN theme TEXT NOT NULL DEFAULT ''",
            # A council's meeting counts member assemblies with a vote as those present.
            "ALTER TABLE meetings ADD COLUMN council INTEGER NOT NULL DEFAULT 0",
            # Members, registered by name and fingerprint; the first bundle pins the key.
            """CREATE TABLE council_members (
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
            )""",
            # What a member's delegates may do here, as the facilitator decided (newest wins).
            """CREATE TABLE council_rights (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES council_members(id),
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                rights TEXT NOT NULL CHECK (rights IN ('sit', 'speak', 'vote')),
                reason TEXT NOT NULL DEFAULT '',
                decided_at REAL NOT NULL
            )""",
            "CREATE INDEX council_rights_member ON council_rights(member_id, id)",
            # The roll: mandates to this council read from members' signed bundles.
            """CREATE TABLE council_roll (
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
            )""",
            # Who checked in at a council meeting, with which card, for which member's seat.
            """CREATE TABLE council_checkins (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                roll_id INTEGER NOT NULL REFERENCES council_roll(id),
                member_id INTEGER NOT NULL REFERENCES council_members(id),
                role TEXT NOT NULL CHECK (role IN ('delegate', 'co_delegate', 'alternate')),
                name TEXT NOT NULL,
                seat_id INTEGER NOT NULL REFERENCES attendees(id),
                checked_in_at REAL NOT NULL,
                UNIQUE (meeting_id, roll_id, role)
            )""",
            # Which instruction of a mandate a council proposal falls under (None: none does).
            """CREATE TABLE council_links (
                proposal_id INTEGER NOT NULL REFERENCES proposals(id),
                roll_id INTEGER NOT NULL REFERENCES council_roll(id),
                position_no INTEGER,
                PRIMARY KEY (proposal_id, roll_id)
            )""",
            # How each member's delegate voted, under which instruction: one row per member.
            """CREATE TABLE council_votes (
                round_id INTEGER NOT NULL REFERENCES rounds(id),
                member_id INTEGER NOT NULL REFERENCES council_members(id),
                checkin_id INTEGER NOT NULL REFERENCES council_checkins(id),
                choice TEXT NOT NULL,
                position TEXT NOT NULL DEFAULT '',
                position_no INTEGER,
                limits TEXT NOT NULL DEFAULT '',
                cast_at REAL NOT NULL,
                PRIMARY KEY (round_id, member_id)
            )""",
        ],
    ),
]
