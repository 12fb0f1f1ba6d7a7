"""A minimal SMTP server in a thread that counts what it accepts, for delivery tests.

Speaks just enough SMTP for :mod:`smtplib` (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
without TLS or authentication. ``hold`` makes the server wait before accepting a message's
data, as a slow mail server does, until the test calls ``release()``; ``refuse`` answers every
message with a temporary error.
"""

from __future__ import annotations

import socketserver
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage


class SmtpSink:
    def __init__(self, hold: bool = False, refuse: bool = False) -> None:
        self.messages: list[EmailMessage] = []
        self.receiving = threading.Event()
        self.refuse = refuse
        self._released = threading.Event()
        if not hold:
            self._released.set()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                sink._converse(self.rfile, self.wfile)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SmtpSink:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        self._released.set()

    def configure(self, app) -> None:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=self.port, SMTP_STARTTLS="0")

    def _converse(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        reply("220 sink ready")
        while line := rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 sink")
            elif command == "DATA":
                reply("354 go ahead")
                data = b""
                while (chunk := rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.receiving.set()
                self._released.wait(timeout=60)
                if self.refuse:
                    reply("451 try again later")
                else:
                    self.messages.append(message_from_bytes(data, policy=policy.default))
                    reply("250 accepted")
            elif command == "QUIT":
                reply("221 bye")
                return
            else:
                reply("250 ok")
