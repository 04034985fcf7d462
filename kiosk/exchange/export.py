"""Export one meeting as a signed bundle: gather the minutes, draw the paper, pack and sign.

A council also exports its published agenda, as a signed bundle of kind "agenda".

printouts is imported where a bundle is built, not when the kiosk starts (about 10 MB).
"""

import json
import os
from collections.abc import Callable

from sqlite_utils import Database

from kiosk.council import agenda as council_agenda
from kiosk.errors import Refused
from kiosk.exchange import bundles
from kiosk.records import mandate_cards, minutes
from kiosk.trust import identity, succession


def _steps(say: Callable[[str], None] | None) -> Callable[[str], None]:
    """Return a progress reporter (silent when none is given)."""
    return say or (lambda _message: None)


def build(db: Database, meeting_id: int, key, settings: dict, say=None) -> tuple[str, bytes]:
    """Return (file name, bundle bytes) for a meeting, reporting progress through say."""
    from printouts.mandate_card import mandate_cards_pdf
    from printouts.minutes import minutes_pdf

    say = _steps(say)
    say("Gathering the minutes…")
    record = minutes.build(db, meeting_id, settings)
    say("Drawing minutes.pdf…")
    minutes_file = minutes_pdf(record)
    say("Drawing mandates.pdf…")
    issued = [m["id"] for m in record["mandates"] if m["status"] in ("issued", "revoked")]
    cards_file = mandate_cards_pdf([mandate_cards.card(db, m) for m in issued])
    successions = succession.announced(db)
    ours = [identity.assembly(db)["key_id"], *(s["old_key_id"] for s in successions)]
    revocations = list(
        db.query(
            f"""SELECT key_id, mandate_id, revoked_at, signature FROM revocations
                WHERE key_id IN ({", ".join("?" * len(ours))})""",
            ours,
        )
    )
    files = {
        "minutes.json": json.dumps(record, indent=1, ensure_ascii=False).encode(),
        "minutes.pdf": minutes_file,
        "mandates.pdf": cards_file,
        "revocations.json": json.dumps(revocations, indent=1).encode(),
    }
    say("Signing…")
    meeting = {
        "id": meeting_id,
        "code": record["meeting"]["code"],
        "date": record["meeting"]["date"],
    }
    me = identity.assembly(db)
    data = bundles.pack(me, key, meeting, files, kind=me["kind"], successions=successions)
    return f"bundle-{meeting['code']}-{meeting['date']}.zip", data


def build_agenda(db: Database, meeting: dict, key) -> tuple[str, bytes]:
    """Return (file name, bundle bytes) for a council's published agenda, signed."""
    me = identity.assembly(db)
    if me["kind"] != "council":
        raise Refused("Only a council publishes an agenda.")
    told = council_agenda.data(db, meeting)
    files = {"agenda.json": json.dumps(told, indent=1, ensure_ascii=False).encode()}
    stamp = {"id": meeting["id"], "code": meeting["code"], "date": told["meets_on"]}
    data = bundles.pack(me, key, stamp, files, kind="agenda")
    return f"agenda-{meeting['code']}-{told['meets_on']}-{told['edition']}.zip", data


def save(folder: str, name: str, data: bytes) -> str:
    """Write a bundle into the data folder's bundles/ and return its path; refuse plainly."""
    target = os.path.join(folder, "bundles")
    try:
        os.makedirs(target, exist_ok=True)
        path = os.path.join(target, name)
        with open(path + ".part", "wb") as out:
            out.write(data)
        os.replace(path + ".part", path)  # never leave half a bundle under the real name
    except OSError as error:
        raise Refused(
            "The kiosk could not write to %(folder)s: %(reason)s. Choose a data "
            "folder it may write to; nothing has been lost.",
            folder=target,
            reason=error.strerror,
        ) from error
    return path
