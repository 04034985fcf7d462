"""The one exception domain code raises for a person to read."""


class Refused(ValueError):
    """An action the kiosk declines; the message is plain words for the person who tried it."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status
