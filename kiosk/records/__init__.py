"""The record: the meeting's details, legitimacy, minutes as data, and what paper is drawn from."""
