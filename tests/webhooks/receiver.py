"""A webhook receiver for tests: a threaded http.server on 127.0.0.1 that answers as told.

It keeps every request it got (headers and body) and answers the first ``failures`` requests
with 500, or sleeps ``delay`` seconds before answering (a slow receiver). ``accepted`` is what a
receiver that deduplicates by ``Surveyor-Delivery`` keeps: one body per delivery id.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict[str, str]
    body: str
    status: int


@dataclass
class Receiver:
    failures: int = 0
    delay: float = 0.0
    hold_first: bool = False
    """Keep the first request waiting until :meth:`release` (a worker is killed meanwhile)."""
    arrived: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, Received] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/surveyor"

    def answer(self, headers: dict[str, str], body: str) -> int:
        if self.delay:
            time.sleep(self.delay)
        if self.hold_first and not self.arrived.is_set():
            self.arrived.set()
            self.released.wait(timeout=60)
        with self.lock:
            status = 500 if len(self.requests) < self.failures else 200
            received = Received(headers, body, status)
            self.requests.append(received)
            if status == 200:
                self.accepted.setdefault(headers["Surveyor-Delivery"], received)
            return status

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                try:
                    status = receiver.answer(dict(self.headers.items()), body)
                    self.send_response(status)
                    self.end_headers()
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def release(self) -> None:
        self.released.set()

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
