"""Socket.IO rooms, with each socket's own rooms remembered: leaving costs only those."""

import socketio

from kiosk.web.managers import Manager


def test_a_socket_that_leaves_leaves_its_rooms_and_no_other():
    manager = Manager()
    socketio.Server(client_manager=manager)
    a, b = manager.pre_connect("eio-a", "/"), manager.pre_connect("eio-b", "/")
    for sid in (a, b):
        manager.connect(sid, "/")
        manager.enter_room(sid, "/", "phone:1")
    manager.enter_room(a, "/", "attendee:7")
    assert manager.rooms_of[("/", a)] == {None, a, "phone:1", "attendee:7"}
    manager.disconnect(a, "/")
    assert ("/", a) not in manager.rooms_of
    assert [sid for sid, _ in manager.get_participants("/", "phone:1")] == [b]
    assert "attendee:7" not in manager.rooms["/"] and a not in manager.rooms["/"]
    manager.leave_room(b, "/", "phone:1")
    assert manager.rooms_of[("/", b)] == {None, b}
