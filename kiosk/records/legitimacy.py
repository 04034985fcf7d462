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
from kiosk.records.legitimacy_rolling import criterion, rolling, summary
from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

DEFAULTS = {"LEGITIMACY_RESIDENTS": 150, "NOTICE_DAYS": 7, "LEGITIMACY_WINDOW": 3}
FACILITATING = ("facilitator", "co_facilitator")
GENDER_WORDS = {"woman": N_("women"), "man": N_("men"), "nonbinary": N_("non-binary people")}
ALIKE = {  # a group that shares one gender: with one person, two, or more
    "facilitators": (
        N_("only one facilitator is recorded"),
        N_("the facilitators are both %(people)s"),
        N_("the facilitators are all %(count)s %(people)s"),
    ),
    "delegates": (
        N_("only one delegate is recorded"),
        N_("the delegates are both %(people)s"),
        N_("the delegates are all %(count)s %(people)s"),
    ),
}


def setting(settings: dict, name: str) -> int:
    """Read a whole-number setting, falling back to its default."""
    return int(settings.get(name, DEFAULTS[name]))


# -- judging one meeting (pure) --------------------------------------------------------------------


def _evidence(residents: int, where: dict | None) -> str:
    """Say how the residents are known (a postcode inside the area, or their own word) and
    how many more came from outside the area or gave no postcode."""
    if where is None:
        return ""
    by_postcode = min(where["inside"], residents)
    word = residents - by_postcode
    parts = [_("%(count)s by a postcode inside the area", count=by_postcode)] if by_postcode else []
    parts += [_("%(count)s by their own word", count=word)] if word else []
    others = (
        [_("%(count)s from outside the area", count=where["outside"])] if where["outside"] else []
    )
    if where["not_given"]:
        others.append(_("%(count)s gave no postcode", count=where["not_given"]))
    return (": " + ", ".join(parts) if parts else "") + (
        f" ({', '.join(others)})" if others else ""
    )


def residents_criterion(residents: int, threshold: int, where: dict | None = None) -> dict:
    """Judge attendance: the standard is over the threshold, so exactly the threshold is not.

    where, when postcodes were given, counts people inside the area, outside it, and not given.
    """
    label = _("Over %(threshold)s local residents", threshold=threshold)
    counted = ngettext("%(num)s resident was counted", "%(num)s residents were counted", residents)
    values = {"counted": counted, "threshold": threshold, "how": _evidence(residents, where)}
    if residents > threshold:
        return criterion(
            "residents", label, "green", _("%(counted)s, over %(threshold)s%(how)s.", **values)
        )
    reason = _("%(counted)s%(how)s; the standard asks for over %(threshold)s.", **values)
    return criterion("residents", label, "red", reason)


def clear_days(notice_on: date, held_on: date) -> int:
    """Count the whole days between notice and meeting, neither of those days counted."""
    return (held_on - notice_on).days - 1


def notice_criterion(notice_on: date | None, held_on: date, outreach: int, days: int) -> dict:
    """Judge notice: at least days clear days before the meeting, and outreach logged."""
    label = _("Notice of at least %(days)s clear days and outreach logged", days=days)
    if notice_on is None:
        return criterion("notice", label, "amber", _("The date notice was given is not recorded."))
    clear = clear_days(notice_on, held_on)
    given = _("Notice was given on %(day)s", day=dates.day(notice_on))
    if clear < days:
        gap = ngettext(
            "%(num)s clear day before the meeting",
            "%(num)s clear days before the meeting",
            max(clear, 0),
        )
        reason = _("%(given)s, %(gap)s; %(days)s are needed.", given=given, gap=gap, days=days)
        return criterion("notice", label, "red", reason)
    if outreach == 0:
        reason = _(
            "%(given)s, %(clear)s clear days before, but no outreach is logged.",
            given=given,
            clear=clear,
        )
        return criterion("notice", label, "amber", reason)
    efforts = ngettext("%(num)s outreach effort", "%(num)s outreach efforts", outreach)
    reason = _(
        "%(given)s, %(clear)s clear days before, and %(efforts)s logged.",
        given=given,
        clear=clear,
        efforts=efforts,
    )
    return criterion("notice", label, "green", reason)


def process_criterion(checklist: list[dict]) -> dict:
    """Judge the process: every item of the PA checklist done."""
    label = _("People's Assembly process followed")
    missing = [c["label"] for c in checklist if not c["done"]]
    if not missing:
        reason = _("All %(count)s steps of the checklist are done.", count=len(checklist))
        return criterion("process", label, "green", reason)
    reason = _(
        "%(missing)s of %(count)s steps are not done: %(steps)s.",
        missing=len(missing),
        count=len(checklist),
        steps="; ".join(m[0].lower() + m[1:] for m in missing),
    )
    return criterion("process", label, "red", reason)


def _alike(people: list[tuple[str, str]], who: str) -> str:
    """Say that a group shares one gender: 'the facilitators are both men', or only one."""
    one, both, every = ALIKE[who]
    if len(people) == 1:
        return _(one)
    gender = people[0][1]
    words = _(GENDER_WORDS[gender]) if gender in GENDER_WORDS else gender
    if len(people) == 2:
        return _(both, people=words)
    return _(every, count=len(people), people=words)


def gender_criterion(facilitators: list[tuple[str, str]], delegates: list[tuple[str, str]]) -> dict:
    """Judge balance: facilitators and (two or more) delegates each of more than one gender."""
    label = _("Gender balance of facilitators and delegates")
    if not facilitators:
        reason = _("No facilitator is recorded for this meeting.")
        return criterion("gender", label, "amber", reason)
    people = facilitators + delegates
    unknown = sum(1 for _name, gender in people if not gender)
    if unknown:
        total = ngettext(
            "%(num)s facilitator and delegate", "%(num)s facilitators and delegates", len(people)
        )
        reason = _(
            "The gender of %(unknown)s of %(total)s is not recorded.", unknown=unknown, total=total
        )
        return criterion("gender", label, "amber", reason)
    faults = []
    if len({g for _name, g in facilitators}) == 1:
        faults.append(_alike(facilitators, "facilitators"))
    if len(delegates) > 1 and len({g for _name, g in delegates}) == 1:
        faults.append(_alike(delegates, "delegates"))
    if len(faults) == 2:
        faults = [_("%(first)s and %(second)s", first=faults[0], second=faults[1])]
    if faults:
        return criterion("gender", label, "red", _("Not balanced: %(faults)s.", faults=faults[0]))
    reason = _("Facilitators and delegates include more than one gender.")
    return criterion("gender", label, "green", reason)


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
