"""The names and words of the district's confederal loop, shared by the council tests."""

from confederation import Kiosk

DISTRICT = "Hackney District Council"
OPEN = "Open the library on Sundays"
CLOSE = "Close the library on Sundays"
FRIDGE = "Open a community fridge on Clarence Road"
FRIDGE_AGAIN = "A community fridge on Clarence Rd, please"
MINUTES = "Approve the minutes of the last meeting"
ROTA = "Open a community fridge on Clarence Road, run by a volunteer rota"


def bound(kiosk: Kiosk, words: str, position: str, **more) -> dict:
    """An instruction on the council agenda item an assembly received with these words."""
    return {"agenda_uid": kiosk.received(words)["uid"], "position": position, **more}
