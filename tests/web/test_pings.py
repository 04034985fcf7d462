"""One pinger for every socket: each is pinged once its interval has passed, closed ones never."""

from engineio import packet

from kiosk.web.pings import Pinger


class Server:
    """What the pinger asks of an Engine.IO server."""

    ping_interval = 25
    started = 0

    def start_background_task(self, target):
        self.started += 1
        return target


class Socket:
    """What the pinger asks of an Engine.IO socket: its state, and the packets it is sent."""

    def __init__(self, sid):
        self.sid, self.last_ping, self.closing, self.closed, self.sent = sid, 1.0, False, False, []

    def send(self, pkt):
        self.sent.append(pkt)


def test_each_socket_is_pinged_when_its_interval_has_passed():
    server = Server()
    pinger, a, b = Pinger(server), Socket("a"), Socket("b")
    pinger.schedule(a)
    pinger.schedule(b)
    pinger.schedule(a)  # a ping is already on its way: not twice
    assert server.started == 1  # one task for all
    due = pinger.due["a"][1]
    pinger.ping_due(due - 1)
    assert a.sent == [] and b.sent == []
    b.closed = True
    pinger.ping_due(due + 1)
    assert [p.packet_type for p in a.sent] == [packet.PING] and a.last_ping
    assert b.sent == [] and pinger.due == {}
