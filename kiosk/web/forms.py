"""Reading the facilitator's and greeter's plain HTML forms: ids and whole numbers."""

from kiosk.errors import Refused
from kiosk.words import N_

NOT_UNDERSTOOD = N_("That form was not understood. Please reload the page.")


def number(text: object) -> int:
    """Read an id from a form, refusing anything but a whole number in range."""
    try:
        value = int(str(text or ""))
    except ValueError:
        raise Refused(NOT_UNDERSTOOD) from None
    if not 0 < value < 2**63:
        raise Refused(NOT_UNDERSTOOD)
    return value
