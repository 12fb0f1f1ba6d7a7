"""One HTTP POST of a webhook to an address that :mod:`.targets` checked, nothing more.

The connection goes to the checked address while TLS verifies the certificate against the host
name (SNI), so a second DNS answer cannot redirect it. ``http.client`` follows no redirects.
"""

from __future__ import annotations

import http.client
import socket
import ssl

from surveyor.services.webhooks.targets import Address, Target

TIMEOUT_SECONDS = 10
MAX_ANSWER_BYTES = 4096


class DeliveryFailed(Exception):
    """The receiver did not take the event; ``status`` is its HTTP status if it answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def post(target: Target, address: Address, body: str, headers: dict[str, str]) -> int:
    """POST ``body``; returns the 2xx status, or raises :class:`DeliveryFailed`."""
    connection = _connection(target, address)
    try:
        connection.request("POST", target.path, body=body.encode(), headers=headers)
        answer = connection.getresponse()
        answer.read(MAX_ANSWER_BYTES)
    except (OSError, http.client.HTTPException) as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()
    if 300 <= answer.status < 400:
        raise DeliveryFailed(f"HTTP {answer.status}: redirects are not followed", answer.status)
    if not 200 <= answer.status < 300:
        raise DeliveryFailed(f"HTTP {answer.status} {answer.reason}", answer.status)
    return answer.status


def _connection(target: Target, address: Address) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPS(target.host, str(address), target.port)
    return _PinnedHTTP(target.host, str(address), target.port)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
