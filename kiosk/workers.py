"""Serving on one port from one or several processes, and the redis-server that links them.

Plain Python (no Flask, no gevent): the parent process checks the port is free, starts
redis-server if it must, and forks the workers, each of which listens on the port, patches
gevent and creates its own app. The first worker starts alone (it makes the keys and brings
the database up to date), the others once it is serving. Phones keep one websocket each, so
no sticky sessions are needed; a worker that crashes is started again. Ctrl+C or SIGTERM stops
them all.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

# Where create_app keeps its data by default (Flask's instance folder, beside the code).
DEFAULT_DATA_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "instance"
)
BACKLOG = 4096  # a Wi-Fi drop reconnects every phone at once: keep their handshakes waiting
RESTART_GIVE_UP = 5.0  # a worker that dies this soon after starting is not started again


def listen(host: str, port: int, shared: bool = False) -> socket.socket:
    """Open a listening socket; `shared`: one of several on the port, one per worker.

    Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
    connections evenly among them; on one shared socket the idlest worker took nearly all.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    return sock


def hold_folder(data_dir: str, address: str):
    """Prepare the data folder and hold it (its lock) for every worker; Refused if taken."""
    from kiosk.trust import folder

    folder.prepare(data_dir)
    return folder.Lock(data_dir, address)


def start_redis() -> tuple[subprocess.Popen, str, str]:
    """Start a private redis-server: no disk, no port, a socket file in a private folder.

    Return the process, its URL and the folder (to remove once it has stopped).
    """
    program = shutil.which("redis-server")
    if program is None:
        raise RuntimeError(
            "several workers need redis-server (on Debian: apt install redis-server), "
            "or --redis URL for one that runs already"
        )
    folder = tempfile.mkdtemp(prefix="kiosk-redis-")  # readable by this user only
    path = os.path.join(folder, "redis.sock")
    command = [program, "--port", "0", "--unixsocket", path, "--unixsocketperm", "700"]
    command += ["--save", "", "--appendonly", "no", "--loglevel", "warning"]
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, cwd=folder)
    deadline = time.monotonic() + 10
    while not _answers(path):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    return proc, f"unix://{path}", folder


def stop_redis(proc: subprocess.Popen, folder: str) -> None:
    """Stop the private redis-server and remove its folder."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(folder, ignore_errors=True)


def _answers(path: str) -> bool:
    """Return whether a Redis server answers PING on the socket file at path."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(path)
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Workers:
    """Fork, watch, restart and stop the worker processes."""

    def __init__(self, count: int, start: Callable[[int, int], None]):
        self.count, self.start = count, start
        self.children: dict[int, tuple[int, float]] = {}  # pid -> (worker number, started at)
        self.stopping = False

    def fork(self, number: int, ready: int | None = None) -> int:
        """Start worker `number`; it writes a byte to `ready` once it serves."""
        pid = os.fork()
        if pid == 0:  # the worker: serve until stopped, never return into the parent's code
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 1
            try:
                self.start(number, ready)
                code = 0
            except KeyboardInterrupt:
                code = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children[pid] = (number, time.monotonic())
        return pid

    def run(self) -> int:
        """Start the first worker, then the rest once it serves; watch them until stopped."""
        reading, writing = os.pipe()
        self.fork(0, writing)
        os.close(writing)
        started = os.read(reading, 1)  # empty if the first worker died before serving
        os.close(reading)
        if not started:
            self.wait_all()
            return 1
        for number in range(1, self.count):
            self.fork(number)
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        return self.watch()

    def watch(self) -> int:
        """Restart a worker that dies, unless stopping or it died at once; return the exit code."""
        while self.children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            number, since = self.children.pop(pid, (None, 0.0))
            if number is None or self.stopping:
                continue
            if time.monotonic() - since < RESTART_GIVE_UP:
                print(f"  Worker {number} stopped at start; stopping the kiosk.", file=sys.stderr)
                self.stop()
                self.wait_all()
                return 1
            print(f"  Worker {number} stopped ({status}); starting it again.", file=sys.stderr)
            self.fork(number)
        return 0

    def stop(self, *_signal) -> None:
        """Ask every worker to stop."""
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def wait_all(self) -> None:
        """Wait for every worker to end."""
        for pid in list(self.children):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            self.children.pop(pid, None)
