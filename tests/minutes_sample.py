"""Sample minutes in the minutes contract: a rich meeting, and one where nothing happened."""

import copy

ASSEMBLY = {
    "name": "Riverside People's Assembly",
    "area": "Riverside ward, Leeds",
    "key_id": "3f2a91c077d10b6e",
    "fingerprint": "3F2A 91C0 77D1 0B6E 5A42 C3D9 1E08 7F6B 2C4A 9D13",
    "public_key": "mQ3vX1b0cY2ZtR8pK4sL6uN9wE7aD5fG3hJ2kM1nB0o",
}

MEETING = {
    "id": 12,
    "code": "BKTR",
    "title": "Riverside assembly, March",
    "date": "2026-03-12",
    "started_at": "2026-03-12T19:02:00+00:00",
    "ended_at": "2026-03-12T21:07:00+00:00",
    "venue": "St Mark's Community Hall, 4 Mill Lane",
    "access_features": ["Step-free entrance", "Hearing loop", "Free crèche", "BSL interpreter"],
    "notice": {
        "given_on": "2026-02-26",
        "channels": ["Leaflet to every door", "Library noticeboard", "Mill Lane WhatsApp group"],
    },
    "outreach": [
        {
            "date": "2026-03-01",
            "kind": "door_knocking",
            "label": "Door-knocking",
            "detail": "Mill Lane estate, 140 doors",
            "languages": ["English", "Urdu", "Polish"],
        },
        {
            "date": "2026-03-07",
            "kind": "other",
            "label": "Market stall",
            "detail": "Saturday market, Riverside Parade",
            "languages": ["English", "Somali"],
        },
    ],
    "results_go_to": "Leeds City Council, Housing Scrutiny Board",
    "next_meeting": "Thursday 9 April 2026, 7pm, St Mark's Community Hall",
}

CRITERIA = [
    ("invited", "Everyone in the area was invited", "green", "Notice 14 days ahead; 2 outreach"),
    ("attended", "Over 150 local residents came", "green", "151 residents counted"),
    ("process", "The People's Assembly process was followed", "amber", "Group C not read back"),
]
ROLLING = [
    ("regular", "Regularly over 150 residents", "amber", "4 of the last 6 meetings"),
    ("invited_always", "Notice given for every meeting", "green", "6 of 6 meetings"),
    ("process_always", "Process followed at every meeting", "red", "2 meetings missed stages"),
]


def _criteria(rows: list[tuple[str, str, str, str]]) -> list[dict]:
    """Turn (key, label, status, reason) rows into criteria."""
    return [{"key": k, "label": label, "status": s, "reason": r} for k, label, s, r in rows]


def _stages() -> list[dict]:
    """Return the evening's stages as stamped."""
    plan = [
        ("welcome", "Welcome", 10, "19:02", "19:12"),
        ("agreements", "Our agreements", 5, "19:12", "19:19"),
        ("question", "Tonight's question", 10, "19:19", "19:27"),
        ("breakouts", "Breakout groups", 25, "19:27", "19:55"),
        ("harvest", "Harvest", 15, "19:55", "20:12"),
        ("proposals", "Proposals and decisions", 20, "20:12", "20:41"),
        ("delegates", "Delegates", 15, "20:41", "20:58"),
        ("close", "Close and celebrate", 5, "20:58", "21:07"),
    ]
    return [
        {
            "kind": kind,
            "title": title,
            "planned_minutes": minutes,
            "started_at": f"2026-03-12T{start}:00+00:00",
            "ended_at": f"2026-03-12T{end}:00+00:00",
        }
        for kind, title, minutes, start, end in plan
    ]


def _checklist() -> list[dict]:
    """Return the process checklist, mostly done."""
    rows = [
        ("hand_signals", "Hand signals taught", True, "kiosk", "19:14"),
        ("inclusivity", "Inclusivity statement read", True, "kiosk", "19:13"),
        ("destination", "Destination of tonight's results named", True, "facilitator", "19:16"),
        ("staffed", "Every breakout group had a facilitator and a note-taker", True, "kiosk", ""),
        ("read_back", "Every group's points were read back and confirmed", False, None, None),
        ("proposal_wording", "Proposal wording recorded", True, "kiosk", "20:13"),
    ]
    return [
        {
            "key": key,
            "label": label,
            "done": done,
            "how": how,
            "at": f"2026-03-12T{at}:00+00:00" if at else None,
        }
        for key, label, done, how, at in rows
    ]


def _consent_round(wording: str) -> dict:
    """Return a consent round that passed with a block overridden, counted from two sources."""
    return {
        "id": 31,
        "stage": "consent",
        "kind": "consent",
        "rule": "consensus_override",
        "rule_label": "Consent; blocks overridden by 90% of those voting",
        "visibility": "counted",
        "wording": wording,
        "present": 163,
        "counts": {
            "phones": {"agree": 104, "concerns": 9, "stand_aside": 7, "block": 2},
            "hands": {"agree": 27, "concerns": 3, "stand_aside": 2, "block": 0},
            "sources": {"cards": {"agree": 27, "concerns": 3, "stand_aside": 2, "block": 0}},
            "total": {"agree": 131, "concerns": 12, "stand_aside": 9, "block": 2},
        },
        "outcome": "passed",
        "sentence": "Passed: 2 blocks overridden, 131 of 145 voting agree (90.3%).",
        "blocks": ["The council will sell the lot to a developer anyway"],
        "concerns": ["Who waters the beds in August?", "Keep a path for the bin lorries"],
        "stand_asides": 9,
        "winners": None,
    }


def _temperature_round(wording: str) -> dict:
    """Return a temperature check on the first wording."""
    return {
        "id": 30,
        "stage": "temperature",
        "kind": "temperature",
        "rule": "temperature",
        "rule_label": "Temperature check: decides nothing",
        "visibility": "counted",
        "wording": wording,
        "present": 158,
        "counts": {
            "phones": {"agree": 88, "unsure": 21, "disagree": 10},
            "hands": {},
            "total": {"agree": 88, "unsure": 21, "disagree": 10},
        },
        "outcome": "noted",
        "sentence": "Temperature: 88 agree, 21 unsure, 10 disagree.",
        "blocks": [],
        "concerns": [],
        "stand_asides": 0,
        "winners": None,
    }


def _proposals() -> list[dict]:
    """Return one proposal, amended once, decided by consent."""
    first = "Ask the council to lease the Mill Lane lot to the assembly as a community garden."
    final = (
        "Ask the council to lease the Mill Lane lot to the assembly as a community garden, "
        "with a path kept clear for bin lorries."
    )
    return [
        {
            "id": 7,
            "wording": final,
            "about": "proposal",
            "versions": [
                {"version": 1, "text": first, "amendment_id": None},
                {"version": 2, "text": final, "amendment_id": 3},
            ],
            "amendments": [
                {"text": final, "proposed_by": "Group B", "status": "taken"},
                {
                    "text": "Sell the lot and spend the money on youth work.",
                    "proposed_by": "the floor",
                    "status": "left",
                },
            ],
            "rounds": [_temperature_round(first), _consent_round(final)],
        }
    ]


def _mandates() -> list[dict]:
    """Return one mandate issued tonight."""
    text = (
        "Mandate 4: to Leeds Housing Council.\nDelegate: Amira Khan. Co-delegate: Bo Evans. "
        "Alternate: Chidi Obi.\nScope: the Mill Lane lot.\n1. Must support: lease the lot."
    )
    return [
        {
            "id": 4,
            "council": "Leeds Housing Council",
            "level": "district",
            "delegate": "Amira Khan",
            "co_delegate": "Bo Evans",
            "alternate": "Chidi Obi",
            "status": "issued",
            "text": text,
            "text_digest": "9c1e4f0a2b7d83e65f10c4a9b2e7d0f1",
            "payload": "AK1.eyJtIjo0fQ.c2lnbmF0dXJl",
        }
    ]


def rich_minutes() -> dict:
    """Return minutes of a full evening: every section has something in it."""
    return {
        "schema": "assembly-kiosk/minutes",
        "version": 1,
        "generated_at": "2026-03-12T21:15:00+00:00",
        "assembly": dict(ASSEMBLY),
        "meeting": copy.deepcopy(MEETING),
        "attendance": {
            "total": 163,
            "residents": 151,
            "first_timers": 37,
            "with_phones": 131,
            "without_phones": 32,
        },
        "roles": [
            {"role": "Facilitator", "name": "Dana Reyes", "gender": "woman"},
            {"role": "Co-facilitator", "name": "Sam Okafor", "gender": "man"},
            {"role": "Note-taker", "name": "Eli Park", "gender": "non-binary"},
        ],
        "process": {"stages": _stages(), "checklist": _checklist()},
        "question": "What should happen to the empty lot on Mill Lane?",
        "breakouts": [
            {
                "group": "A",
                "theme": "Green space",
                "place": "Main hall, by the stage",
                "points": [
                    {"text": "A garden that schools can use in the day", "agreement": "all"},
                    {"text": "Raised beds for people who cannot kneel", "agreement": "most"},
                ],
                "members": 8,
                "read_back": True,
            },
            {
                "group": "B",
                "theme": "Practicalities",
                "place": "Kitchen",
                "points": [
                    {"text": "Keep a path for the bin lorries", "agreement": "all"},
                    {"text": "A water butt on the shed roof", "agreement": "some"},
                ],
                "read_back": True,
            },
            {
                "group": "C",
                "theme": "Money",
                "place": "Upstairs room",
                "points": [{"text": "Ask the ward budget for tools", "agreement": "most"}],
                "read_back": False,
            },
        ],
        "themes": [
            {
                "title": "Growing together",
                "points": [
                    {
                        "text": "A garden that schools can use in the day",
                        "agreement": "all",
                        "group": "A",
                    }
                ],
            },
            {"title": "Access for all", "points": ["Raised beds for people who cannot kneel"]},
        ],
        "proposals": _proposals(),
        "actions": [
            {
                "what": "Write to the council's estates team",
                "owner": "Dana Reyes",
                "deadline": "2026-03-26",
            },
            {"what": "Find a tool library", "owner": "Sam Okafor", "deadline": None},
        ],
        "mandates": _mandates(),
        "recalls": [
            {
                "mandate_id": 2,
                "delegate": "Jo Hart",
                "council": "Leeds Transport Council",
                "signatures": 31,
                "needed": 29,
                "round_id": 33,
                "outcome": "passed",
                "replaced_by": 5,
                "sentence": "Recalled: 112 of 160 present voted to recall (70%), above two-thirds.",
            }
        ],
        "report_backs": [
            {
                "mandate_id": 1,
                "delegate": "Priya Shah",
                "council": "Leeds Health Council",
                "council_meeting_on": "2026-03-03",
                "items": [
                    {
                        "item": "Oppose any rise in parking charges",
                        "council_did": "Postponed the rise until autumn",
                        "delegate_voted": "Against the rise",
                    }
                ],
            }
        ],
        "revocations": [
            {
                "key_id": ASSEMBLY["key_id"],
                "mandate_id": 2,
                "revoked_at": "2026-03-12T20:52:00+00:00",
                "revoked_at_unix": 1773348720,
                "signature": "c2lnbmVkLXJldm9jYXRpb24",
            }
        ],
        "legitimacy": {
            "meeting": _criteria(CRITERIA),
            "rolling": {
                "window": 6,
                "meetings": [7, 8, 9, 10, 11, 12],
                "criteria": _criteria(ROLLING),
            },
            "meets_standard": True,
            "summary": "This meeting met the standard: 151 residents came after 14 days' notice, "
            "and the process was followed but for one group's read-back.",
        },
        "empty": False,
    }


def empty_minutes() -> dict:
    """Return minutes of a meeting opened and closed with nothing recorded."""
    meeting = {key: None for key in MEETING} | {
        "id": 13,
        "code": "GHJK",
        "title": "Neighbourhood assembly",
        "date": "2026-03-19",
        "access_features": [],
        "notice": {"given_on": None, "channels": []},
        "outreach": [],
    }
    return {
        "schema": "assembly-kiosk/minutes",
        "version": 1,
        "generated_at": "2026-03-19T20:00:00+00:00",
        "assembly": dict(ASSEMBLY),
        "meeting": meeting,
        "attendance": dict.fromkeys(
            ("total", "residents", "first_timers", "with_phones", "without_phones"), 0
        ),
        "roles": [],
        "process": {"stages": [], "checklist": []},
        "question": None,
        "breakouts": [],
        "themes": [],
        "proposals": [],
        "actions": [],
        "mandates": [],
        "recalls": [],
        "report_backs": [],
        "revocations": [],
        "legitimacy": {
            "meeting": [
                {
                    "key": "invited",
                    "label": "Everyone in the area was invited",
                    "status": "red",
                    "reason": "No notice recorded",
                },
                {
                    "key": "attended",
                    "label": "Over 150 local residents came",
                    "status": "red",
                    "reason": "0 residents counted",
                },
            ],
            "rolling": {"window": 6, "meetings": [13], "criteria": []},
            "meets_standard": False,
            "summary": "This meeting did not meet the standard: nobody was counted in.",
        },
        "empty": True,
    }
