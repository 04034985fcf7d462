"""The one exception domain code raises for a person to read."""

from kiosk.words import gettext


class Refused(ValueError):
    """An action the kiosk declines; the message is plain words for the person who tried it.

    The message is the English text with gettext's %(name)s placeholders and the values beside
    it, so it reads in the language of whoever is answered: `str(refusal)` translates it there.
    """

    def __init__(self, message: str, status: int = 400, **values: object):
        super().__init__(message % values if values else message)
        self.message = message
        self.values = values
        self.status = status

    def __str__(self) -> str:
        return gettext(self.message, **self.values)
