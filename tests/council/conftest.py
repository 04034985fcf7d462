"""A district's confederal loop, set up through the domain API for the council tests.

Mill Lane and Riverside put proposals up (two near-identical ones about the library, and the same
fridge in different words); Hilltop, which does not meet the standard, puts none. The district
registers all three, imports their bundles, drafts its agenda (the fridge merged, a procedural
item added), publishes it, and each assembly imports it and mandates its delegate item by item.
Their next bundles bring the mandates to the district's roll.
"""

import pytest
from confederation import Kiosk
from district import CLOSE, DISTRICT, FRIDGE, FRIDGE_AGAIN, MINUTES, OPEN, ROTA, bound

from kiosk.council import agenda
from kiosk.delegates import outbox


@pytest.fixture
def loop():
    """Three assemblies and their district, from proposals up to mandates on the roll."""
    mill, river, hill = (Kiosk.assembly(n) for n in ("Mill Lane", "Riverside", "Hilltop"))
    mill.legitimate_meeting()
    river.legitimate_meeting()
    sent = {
        "open": mill.put(DISTRICT, "district", OPEN),
        "fridge": mill.put(DISTRICT, "district", FRIDGE),
        "close": river.put(DISTRICT, "district", CLOSE),
        "fridge_again": river.put(DISTRICT, "district", FRIDGE_AGAIN),
    }
    district = Kiosk.council(DISTRICT, "district")
    for member in (mill, river, hill):
        district.register(member)
    first = {k.name: district.take(k.export()) for k in (mill, river, hill)}
    db, meeting = district.db, district.meeting
    for row in db.query("SELECT id FROM council_proposals ORDER BY id"):
        agenda.add_proposal(db, meeting, row["id"])
    by_words = {i["text"]: i for i in agenda.items(db, meeting)}
    agenda.merge(db, meeting, by_words[FRIDGE]["id"], by_words[FRIDGE_AGAIN]["id"])
    agenda.add_own(db, meeting, MINUTES, "procedural")
    agenda.publish(db, meeting, "2030-01-15")
    published = district.agenda_bundle()
    down = {k.name: k.take(published, trust_new=True) for k in (mill, river, hill)}
    made = {
        "mill": mill.elect(
            DISTRICT,
            "district",
            "Ada Brook",
            [
                bound(mill, OPEN, "must_support"),
                bound(mill, CLOSE, "must_oppose"),
                bound(mill, FRIDGE, "support_amended", amendment=ROTA),
            ],
            co_delegate="Ben Cole",
            alternate="Cy Dale",
        ),
        "river": river.elect(
            DISTRICT,
            "district",
            "Cai Dunn",
            [
                bound(river, OPEN, "must_oppose", if_amended="holds"),
                bound(river, CLOSE, "must_support"),
                bound(river, FRIDGE, "free", limits="support it if it costs under £500"),
            ],
        ),
        "hill": hill.elect(
            DISTRICT,
            "district",
            "Eve Fox",
            [bound(hill, FRIDGE, "must_oppose"), ("Keep the walk-in centre open", "free", "any")],
            co_delegate="Finn Gale",
        ),
    }
    second = {k.name: district.take(k.export()) for k in (mill, river, hill)}
    return {
        "mill": mill,
        "river": river,
        "hill": hill,
        "district": district,
        "sent": sent,
        "first": first,
        "published": published,
        "down": down,
        "mandates": made,
        "second": second,
        "prefix": {k.name: outbox.uid_prefix(k.db) for k in (mill, river, hill)},
    }
