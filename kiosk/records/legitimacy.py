"""The legitimacy card: is this assembly meeting the standard, tonight and regularly?

The standard (DESIGN.md section 1): all reasonable effort to invite everyone (notice and outreach
recorded), regularly attended by over 150 local residents, the People's Assembly process closely
followed. Gender balance of facilitators and delegates is judged beside it. Each criterion is
green (met), amber (not known yet) or red (not met), with one plain sentence saying why.
The judging functions are pure; the readers below them gather their facts from the database.
"""

from datetime import date

from sqlite_utils import Database

from kiosk import dates
from kiosk.meeting import residency
from kiosk.process import settings as process
from kiosk.records import meeting_record as record

DEFAULTS = {"LEGITIMACY_RESIDENTS": 150, "NOTICE_DAYS": 7, "LEGITIMACY_WINDOW": 3}
STANDARD = ("residents", "notice", "process")  # gender balance is shown, not part of it
SHORT = {
    "residents": "residents",
    "notice": "notice and outreach",
    "process": "the People's Assembly process",
}
FACILITATING = ("facilitator", "co_facilitator")
GENDER_WORDS = {"woman": "women", "man": "men", "nonbinary": "non-binary people"}


def setting(settings: dict, name: str) -> int:
    """Read a whole-number setting, falling back to its default."""
    return int(settings.get(name, DEFAULTS[name]))


def criterion(key: str, label: str, status: str, reason: str) -> dict:
    """Return one line of the card."""
    return {"key": key, "label": label, "status": status, "reason": reason}


def _plural(n: int, one: str, many: str | None = None) -> str:
    """Say '1 meeting' or '3 meetings'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


# -- judging one meeting (pure) --------------------------------------------------------------------


def _evidence(residents: int, where: dict | None) -> str:
    """Say how the residents are known (a postcode inside the area, or their own word) and
    how many more came from outside the area or gave no postcode."""
    if where is None:
        return ""
    by_postcode = min(where["inside"], residents)
    word = residents - by_postcode
    parts = [f"{by_postcode} by a postcode inside the area"] if by_postcode else []
    parts += [f"{word} by their own word"] if word else []
    others = [f"{where['outside']} from outside the area"] if where["outside"] else []
    others += [f"{where['not_given']} gave no postcode"] if where["not_given"] else []
    return (": " + ", ".join(parts) if parts else "") + (
        f" ({', '.join(others)})" if others else ""
    )


def residents_criterion(residents: int, threshold: int, where: dict | None = None) -> dict:
    """Judge attendance: the standard is over the threshold, so exactly the threshold is not.

    where, when postcodes were given, counts people inside the area, outside it, and not given.
    """
    label = f"Over {threshold} local residents"
    counted = f"{_plural(residents, 'resident')} {'was' if residents == 1 else 'were'} counted"
    how = _evidence(residents, where)
    if residents > threshold:
        return criterion("residents", label, "green", f"{counted}, over {threshold}{how}.")
    return criterion(
        "residents", label, "red", f"{counted}{how}; the standard asks for over {threshold}."
    )


def clear_days(notice_on: date, held_on: date) -> int:
    """Count the whole days between notice and meeting, neither of those days counted."""
    return (held_on - notice_on).days - 1


def notice_criterion(notice_on: date | None, held_on: date, outreach: int, days: int) -> dict:
    """Judge notice: at least days clear days before the meeting, and outreach logged."""
    label = f"Notice of at least {days} clear days and outreach logged"
    if notice_on is None:
        return criterion("notice", label, "amber", "The date notice was given is not recorded.")
    clear = clear_days(notice_on, held_on)
    given = f"Notice was given on {dates.day(notice_on)}"
    if clear < days:
        gap = f"{_plural(max(clear, 0), 'clear day')} before the meeting"
        return criterion("notice", label, "red", f"{given}, {gap}; {days} are needed.")
    if outreach == 0:
        return criterion(
            "notice",
            label,
            "amber",
            f"{given}, {clear} clear days before, but no outreach is logged.",
        )
    efforts = _plural(outreach, "outreach effort")
    return criterion(
        "notice", label, "green", f"{given}, {clear} clear days before, and {efforts} logged."
    )


def process_criterion(checklist: list[dict]) -> dict:
    """Judge the process: every item of the PA checklist done."""
    label = "People's Assembly process followed"
    missing = [c["label"] for c in checklist if not c["done"]]
    if not missing:
        return criterion(
            "process", label, "green", f"All {len(checklist)} steps of the checklist are done."
        )
    return criterion(
        "process",
        label,
        "red",
        f"{len(missing)} of {len(checklist)} steps are not done: "
        + "; ".join(m[0].lower() + m[1:] for m in missing)
        + ".",
    )


def _alike(people: list[tuple[str, str]], who: str) -> str:
    """Say that a group shares one gender: 'the facilitators are both men', or only one."""
    if len(people) == 1:
        return f"only one {who[:-1]} is recorded"
    words = GENDER_WORDS.get(people[0][1], people[0][1])
    return f"the {who} are {'both' if len(people) == 2 else f'all {len(people)}'} {words}"


def gender_criterion(facilitators: list[tuple[str, str]], delegates: list[tuple[str, str]]) -> dict:
    """Judge balance: facilitators and (two or more) delegates each of more than one gender."""
    label = "Gender balance of facilitators and delegates"
    if not facilitators:
        return criterion("gender", label, "amber", "No facilitator is recorded for this meeting.")
    people = facilitators + delegates
    unknown = sum(1 for _, gender in people if not gender)
    if unknown:
        total = _plural(len(people), "facilitator and delegate", "facilitators and delegates")
        return criterion(
            "gender", label, "amber", f"The gender of {unknown} of {total} is not recorded."
        )
    faults = []
    if len({g for _, g in facilitators}) == 1:
        faults.append(_alike(facilitators, "facilitators"))
    if len(delegates) > 1 and len({g for _, g in delegates}) == 1:
        faults.append(_alike(delegates, "delegates"))
    if faults:
        return criterion("gender", label, "red", "Not balanced: " + " and ".join(faults) + ".")
    return criterion(
        "gender", label, "green", "Facilitators and delegates include more than one gender."
    )


def judge(facts: dict, settings: dict) -> list[dict]:
    """Judge one meeting's facts against every criterion."""
    return [
        residents_criterion(
            facts["residents"],
            setting(settings, "LEGITIMACY_RESIDENTS"),
            facts.get("where"),
        ),
        notice_criterion(
            facts["notice_on"],
            facts["held_on"],
            facts["outreach"],
            setting(settings, "NOTICE_DAYS"),
        ),
        process_criterion(facts["checklist"]),
        gender_criterion(facts["facilitators"], facts["delegates"]),
    ]


# -- judging regularly, over the last meetings (pure) ----------------------------------------------


def _on(days: list[date]) -> str:
    """Say which meetings: 'the meeting of 3 May 2026' or 'the meetings of 3 May, 10 May 2026'."""
    words = ", ".join(dates.day(d) for d in days)
    return f"the meeting{'s' if len(days) > 1 else ''} of {words}"


def _regularly(latest: dict, seen: list[tuple[date, str]], held: int, window: int) -> dict:
    """Judge one criterion over the window from its status at each meeting held."""
    key, label = latest["key"], f"{latest['label']}, at each of the last {window} meetings"
    red = [day for day, status in seen if status == "red"]
    amber = [day for day, status in seen if status == "amber"]
    if red:
        return criterion(key, label, "red", f"Not met at {_on(red)}.")
    if held < window:
        so_far = _plural(held, "meeting")
        return criterion(
            key, label, "amber", f"Only {so_far} so far; the standard looks at {window}."
        )
    if amber:
        return criterion(key, label, "amber", f"Not known for {_on(amber)}.")
    return criterion(key, label, "green", f"Met at every one of the last {window} meetings.")


def rolling(history: list[dict], window: int) -> list[dict]:
    """Judge each criterion at every meeting of the window: [{"held_on", "criteria"}, ...]."""
    return [
        _regularly(
            latest,
            [
                (h["held_on"], c["status"])
                for h in history
                for c in h["criteria"]
                if c["key"] == latest["key"]
            ],
            len(history),
            window,
        )
        for latest in history[-1]["criteria"]
    ]


def summary(tonight: list[dict], regularly: list[dict], window: int) -> tuple[bool, str]:
    """Say in one sentence whether the standard is met, and return whether it is."""
    short = {
        c["key"]: (SHORT[c["key"]] + (" tonight" if c["key"] == "residents" else ""), c["status"])
        for c in tonight
        if c["key"] in STANDARD and c["status"] != "green"
    }
    for c in regularly:  # tonight's shortfall already says it; the window adds the rest
        if c["key"] in STANDARD and c["status"] != "green":
            said = f"{SHORT[c['key']]} at each of the last {window} meetings"
            short.setdefault(c["key"], (said, c["status"]))
    gender = next((c for c in tonight if c["key"] == "gender"), None)
    aside = "; gender balance is not shown" if gender and gender["status"] != "green" else ""
    if not short:
        return True, f"This meeting meets the standard of legitimacy{aside}."
    parts = [
        f"{said} ({'not met' if s == 'red' else 'not known yet'})" for said, s in short.values()
    ]
    return False, "Not yet shown to meet the standard: " + "; ".join(parts) + "."


# -- reading the facts -----------------------------------------------------------------------------


def residents(db: Database, meeting_id: int) -> int:
    """Count residents: phones checked in as residents, and those counted at the desk."""
    row = db.execute(
        """SELECT (SELECT COALESCE(SUM(resident), 0) FROM attendees WHERE meeting_id = m.id),
                  COALESCE(d.residents_without_phones, 0)
           FROM meetings m LEFT JOIN meeting_details d ON d.meeting_id = m.id WHERE m.id = ?""",
        [meeting_id],
    ).fetchone()
    return row[0] + residency.residents_without_phones(db, meeting_id, row[1])


def residency_part(db: Database, meeting_id: int) -> dict:
    """Return where the meeting's people live: inside the area, outside, not given."""
    return {"area": residency.area(db), **residency.counts(db, meeting_id)}


def facilitators(db: Database, meeting_id: int) -> list[tuple[str, str]]:
    """Return tonight's facilitators and their genders (those named on its mandates, if none)."""
    held = record.roles_held(db, meeting_id)
    return [(r["name"], r["gender"]) for r in held if r["key"] in FACILITATING]


def _gender_of(db: Database, meeting_id: int, name: str) -> str:
    """Return the gender a person gave as a candidate or in a role tonight, or ''."""
    row = db.execute(
        """SELECT gender FROM candidates JOIN seats ON seats.id = candidates.seat_id
           WHERE seats.meeting_id = ? AND candidates.name = ? AND gender != ''
           UNION ALL SELECT gender FROM meeting_roles
           WHERE meeting_id = ? AND name = ? AND gender != '' LIMIT 1""",
        [meeting_id, name, meeting_id, name],
    ).fetchone()
    return row[0] if row else ""


def delegates(db: Database, meeting_id: int) -> list[tuple[str, str]]:
    """Return the delegates and co-delegates this meeting elected, with their genders."""
    rows = db.execute(
        """SELECT delegate, co_delegate FROM mandates WHERE meeting_id = ? AND status != 'draft'
           AND id NOT IN (SELECT replaced_by FROM mandates WHERE replaced_by IS NOT NULL)
           ORDER BY id""",
        [meeting_id],
    ).fetchall()
    names = list(dict.fromkeys(n for row in rows for n in row if n))
    return [(name, _gender_of(db, meeting_id, name)) for name in names]


def facts(db: Database, meeting_id: int) -> dict:
    """Gather what the criteria judge about one meeting."""
    told = record.details(db, meeting_id)
    where = residency.counts(db, meeting_id)
    judged = where["inside"] + where["outside"] > 0  # else nobody's residency rests on a postcode
    return {
        "residents": residents(db, meeting_id),
        "where": where if judged else None,
        "held_on": date.fromisoformat(told["date"]),
        "notice_on": told["notice_on"] and date.fromisoformat(told["notice_on"]),
        "outreach": len(record.outreach(db, meeting_id)),
        "checklist": process.checklist(db, meeting_id),
        "facilitators": facilitators(db, meeting_id),
        "delegates": delegates(db, meeting_id),
    }


HELD = """(EXISTS (SELECT 1 FROM attendees WHERE meeting_id = meetings.id)
           OR present_without_phones > 0
           OR EXISTS (SELECT 1 FROM proposals JOIN rounds ON rounds.proposal_id = proposals.id
                      WHERE proposals.meeting_id = meetings.id))"""


def is_empty(db: Database, meeting_id: int) -> bool:
    """Return whether nothing happened at a meeting: nobody checked in or counted, no rounds."""
    sql = f"SELECT NOT {HELD} FROM meetings WHERE id = ?"
    return bool(db.execute(sql, [meeting_id]).fetchone()[0])


def window(db: Database, meeting_id: int, size: int) -> list[int]:
    """Return the ids of this meeting and the meetings held before it, oldest first.

    A rehearsal is never one of the meetings held: its pretend crowd counts for nothing.
    """
    sql = f"""SELECT id FROM meetings WHERE id < ? AND NOT rehearsal AND {HELD}
              ORDER BY id DESC LIMIT ?"""
    before = [row[0] for row in db.execute(sql, [meeting_id, max(size - 1, 0)])]
    return sorted(before) + [meeting_id]


def card(db: Database, meeting_id: int, settings: dict) -> dict:
    """Return the legitimacy card of a meeting: tonight, regularly, and in one sentence."""
    size = max(1, setting(settings, "LEGITIMACY_WINDOW"))
    ids = window(db, meeting_id, size)
    history = [
        {"held_on": record.meeting_date(db, i), "criteria": judge(facts(db, i), settings)}
        for i in ids
    ]
    tonight = history[-1]["criteria"]
    regularly = rolling(history, size)
    meets, sentence = summary(tonight, regularly, size)
    return {
        "meeting": tonight,
        "rolling": {"window": size, "meetings": ids, "criteria": regularly},
        "meets_standard": meets,
        "summary": sentence,
        "residency": residency_part(db, meeting_id),
    }
