"""Socket.IO events for council delegates: a phone asks what its mandate says on the round."""

from kiosk.errors import Refused
from kiosk.extensions import socketio
from kiosk.meeting.meetings import get_meeting
from kiosk.screens.council import mandate_panel
from kiosk.web.auth import current_delegate
from kiosk.web.database import get_db
from kiosk.web.live.events import answered, text_field


@socketio.on("my_instruction")
@answered
def on_my_instruction(data: dict) -> dict:
    """A delegate's phone asks who it is and what its mandate says on the latest round."""
    db = get_db()
    meeting = get_meeting(db, text_field(data, "code", 40))
    found = current_delegate(db, meeting)
    if found is None:
        raise Refused("Check in with your mandate card first.")
    panel = mandate_panel(db, meeting, found)
    return {"instruction": panel.pop("instruction"), "delegate": panel}
