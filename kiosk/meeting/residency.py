"""Where people live, as evidence: the assembly's area as postcode districts or sectors.

A postcode is read only to find its sector ("M14 5AB" is in sector "M14 5", district "M14");
the full postcode is never stored. A person is inside the area when their sector, or its
district, is one the assembly lists. Giving a postcode is always optional.
"""

import json
import re

from sqlite_utils import Database

from kiosk.errors import Refused
from kiosk.words import N_

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
FULL = re.compile(rf"({OUTWARD})([0-9])[A-Z]{{2}}")
SECTOR = re.compile(rf"({OUTWARD}) ([0-9])")
DISTRICT = re.compile(OUTWARD)
RESIDENCY = {
    "inside": N_("Inside the area"),
    "outside": N_("Outside the area"),
    "not_given": N_("Not given"),
}
MAX_AREA = 60  # districts and sectors; a ward or two is a handful
WHY_POSTCODE = N_(
    "Why we ask: so the assembly can show councils that the people deciding live here. "
    "We keep only the first half and one digit (like M14 5), never your full postcode. "
    "Leave it blank if you prefer."
)


def assembly_settings(db: Database) -> dict:
    """Return the assembly's settings (area, languages, retention, contact), made on first use."""
    db.execute("INSERT OR IGNORE INTO assembly_settings (id) VALUES (1)")
    return next(iter(db.query("SELECT * FROM assembly_settings WHERE id = 1")))


def area(db: Database) -> list[str]:
    """Return the area: the postcode districts and sectors the assembly covers."""
    return json.loads(assembly_settings(db)["area_postcodes"])


def sector_of(postcode: object) -> str | None:
    """Return the sector of a postcode as typed ("m14 5ab" -> "M14 5"), None when blank.

    A sector on its own ("M14 5") is accepted too; anything else is refused in plain words.
    """
    if postcode is None:
        return None
    text = " ".join(str(postcode).upper().split())
    if not text:
        return None
    joined = text.replace(" ", "")
    if found := FULL.fullmatch(joined):
        return f"{found[1]} {found[2]}"
    if found := SECTOR.fullmatch(text):
        return f"{found[1]} {found[2]}"
    raise Refused(
        "That does not look like a UK postcode. Type it like M14 5AB, or just M14 5, "
        "or leave it blank."
    )


def area_entry(text: str) -> str:
    """Read one entry of the area: a district ("M14") or a sector ("M14 5")."""
    tidy = " ".join(text.upper().split())
    if DISTRICT.fullmatch(tidy) or SECTOR.fullmatch(tidy):
        return tidy
    raise Refused(
        "“%(text)s” is not a postcode district or sector. List the area like "
        "M14 5, M14 6 (sectors) or M14 (a whole district); never a full postcode.",
        text=text.strip()[:20],
    )


def parse_area(value: object) -> list[str]:
    """Read the area from text (commas or new lines between entries) or a list of entries."""
    if isinstance(value, str):
        value = re.split(r"[,;\n]", value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Refused("List the area's postcode districts or sectors, like M14 5, M14 6.")
    entries = list(dict.fromkeys(area_entry(v) for v in value if v.strip()))
    if len(entries) > MAX_AREA:
        raise Refused("List at most %(most)s districts and sectors.", most=MAX_AREA)
    return sorted(entries)


def judge(sector: str | None, entries: list[str]) -> str:
    """Say whether a sector is inside the area, outside it, or not given."""
    if sector is None:
        return "not_given"
    return "inside" if sector in entries or sector.split(" ")[0] in entries else "outside"


def set_area(db: Database, value: object) -> list[str]:
    """Define the area; phones of the running meeting that gave a postcode are judged again."""
    entries = parse_area(value)
    with db.atomic():
        assembly_settings(db)
        db.execute(
            "UPDATE assembly_settings SET area_postcodes = ? WHERE id = 1", [json.dumps(entries)]
        )
        _rejudge_running(db, entries)
    return entries


def _rejudge_running(db: Database, entries: list[str]) -> None:
    """Judge again the running meeting's phones that gave a sector; earlier meetings keep theirs."""
    sql = """SELECT a.id, a.postcode_sector FROM attendees a JOIN meetings m ON m.id = a.meeting_id
             WHERE m.ended_at IS NULL AND a.postcode_sector IS NOT NULL"""
    for attendee_id, sector in db.execute(sql).fetchall():
        where = judge(sector, entries) if entries else "not_given"
        db.execute(
            "UPDATE attendees SET residency = ?, resident = ? WHERE id = ?",
            [where, int(where == "inside"), attendee_id],
        )


def at_check_in(db: Database, postcode: object, says_resident: bool) -> dict:
    """Return the columns a check-in stores about where the person lives.

    With an area defined, a local resident is one whose postcode is inside it; without one,
    the person's own word is all there is, and no postcode is asked for or kept.
    """
    entries = area(db)
    if not entries:
        return {"postcode_sector": None, "residency": "not_given", "resident": int(says_resident)}
    sector = sector_of(postcode)
    where = judge(sector, entries)
    return {"postcode_sector": sector, "residency": where, "resident": int(where == "inside")}


def counts(db: Database, meeting_id: int) -> dict:
    """Count where the meeting's people live: phones and sign-in sheet lines, by residency."""
    found = {"inside": 0, "outside": 0, "not_given": 0, "declared": 0}
    phones = """SELECT residency, COUNT(*), SUM(resident) FROM attendees
                WHERE meeting_id = ? GROUP BY residency"""
    for where, n, residents in db.execute(phones, [meeting_id]).fetchall():
        found[where] += n
        if where == "not_given":
            found["declared"] += residents or 0  # said they live here, before an area was set
    paper = {where: 0 for where in RESIDENCY}
    lines = "SELECT residency, COUNT(*) FROM sign_in_lines WHERE meeting_id = ? GROUP BY residency"
    for where, n in db.execute(lines, [meeting_id]).fetchall():
        paper[where] = n
        found[where] += n
    return {**found, "on_paper": paper}


def residents_without_phones(db: Database, meeting_id: int, recorded: int) -> int:
    """Count residents among people without phones: the sign-in sheet lines inside the area
    when any were entered, else the number the facilitator recorded; never more than counted."""
    lines = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(residency = 'inside'), 0) FROM sign_in_lines "
        "WHERE meeting_id = ?",
        [meeting_id],
    ).fetchone()
    counted = db.execute(
        "SELECT present_without_phones FROM meetings WHERE id = ?", [meeting_id]
    ).fetchone()[0]
    return min(lines[1] if lines[0] else recorded, counted)
