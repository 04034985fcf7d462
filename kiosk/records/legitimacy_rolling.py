"""The legitimacy card over the last meetings: each criterion judged at every meeting of the
window, and one sentence saying whether the standard is met. Pure: statuses in, words out."""

from datetime import date

from kiosk import dates
from kiosk.words import N_, ngettext
from kiosk.words import gettext as _

STANDARD = ("residents", "notice", "process")  # gender balance is shown, not part of it
SHORT = {
    "residents": N_("residents"),
    "notice": N_("notice and outreach"),
    "process": N_("the People's Assembly process"),
}
TONIGHT = N_("residents tonight")


def criterion(key: str, label: str, status: str, reason: str) -> dict:
    """Return one line of the card."""
    return {"key": key, "label": label, "status": status, "reason": reason}


# -- judging regularly, over the last meetings (pure) ----------------------------------------------


def _on(days: list[date]) -> str:
    """Say which meetings: 'the meeting of 3 May 2026' or 'the meetings of 3 May, 10 May 2026'."""
    words = ", ".join(dates.day(d) for d in days)
    return ngettext("the meeting of %(days)s", "the meetings of %(days)s", len(days), days=words)


def _regularly(latest: dict, seen: list[tuple[date, str]], held: int, window: int) -> dict:
    """Judge one criterion over the window from its status at each meeting held."""
    key = latest["key"]
    label = _(
        "%(label)s, at each of the last %(window)s meetings", label=latest["label"], window=window
    )
    red = [day for day, status in seen if status == "red"]
    amber = [day for day, status in seen if status == "amber"]
    if red:
        return criterion(key, label, "red", _("Not met at %(meetings)s.", meetings=_on(red)))
    if held < window:
        so_far = ngettext("%(num)s meeting", "%(num)s meetings", held)
        reason = _(
            "Only %(so_far)s so far; the standard looks at %(window)s.",
            so_far=so_far,
            window=window,
        )
        return criterion(key, label, "amber", reason)
    if amber:
        return criterion(key, label, "amber", _("Not known for %(meetings)s.", meetings=_on(amber)))
    reason = _("Met at every one of the last %(window)s meetings.", window=window)
    return criterion(key, label, "green", reason)


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
        c["key"]: (_(TONIGHT if c["key"] == "residents" else SHORT[c["key"]]), c["status"])
        for c in tonight
        if c["key"] in STANDARD and c["status"] != "green"
    }
    for c in regularly:  # tonight's shortfall already says it; the window adds the rest
        if c["key"] in STANDARD and c["status"] != "green":
            said = _(
                "%(what)s at each of the last %(window)s meetings",
                what=_(SHORT[c["key"]]),
                window=window,
            )
            short.setdefault(c["key"], (said, c["status"]))
    gender = next((c for c in tonight if c["key"] == "gender"), None)
    if not short and gender and gender["status"] != "green":
        return True, _(
            "This meeting meets the standard of legitimacy; gender balance is not shown."
        )
    if not short:
        return True, _("This meeting meets the standard of legitimacy.")
    parts = [
        _("%(what)s (not met)", what=said)
        if s == "red"
        else _("%(what)s (not known yet)", what=said)
        for said, s in short.values()
    ]
    return False, _("Not yet shown to meet the standard: %(parts)s.", parts="; ".join(parts))
