"""Socket.IO events for council delegates: a phone asks what its mandate says on the round."""

from . import socketio
from .auth import current_delegate
from .council_state import mandate_panel
from .db import get_db
from .errors import Refused
from .live import answered, text_field
from .meetings import get_meeting


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
