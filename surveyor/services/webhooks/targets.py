"""Which URLs a webhook may be sent to: https, and only to public addresses (no SSRF).

A consultant types the URL, and the worker runs inside the consultancy's network: without a
check, a subscription to ``http://10.0.0.5/admin`` or ``http://169.254.169.254/`` (the cloud
metadata service) would make Surveyor a proxy into that network. So the host name is resolved,
*every* address it resolves to must be global (not private, loopback, link-local, shared,
reserved or multicast), and the connection then goes to an address that was checked, never to a
second resolution (which a hostile DNS server could answer differently, "DNS rebinding").
Redirects are not followed: a 3xx answer is a failed delivery.

``WEBHOOKS_ALLOW_LOCAL_TARGETS`` (tests and local development only) lifts both rules so a test
can run a receiver on 127.0.0.1 over plain http.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

from surveyor.services.errors import Invalid

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeTarget(Invalid):
    """The URL is not allowed as a webhook target; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, {"url": [message]})


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str


def allows_local() -> bool:
    return bool(current_app.config.get("WEBHOOKS_ALLOW_LOCAL_TARGETS"))


def parse(url: str) -> Target:
    """The URL's parts, or :class:`UnsafeTarget` if it is not an https URL one may send to."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        raise UnsafeTarget(_("This is not a valid URL.")) from None
    allowed = ("https", "http") if allows_local() else ("https",)
    if parts.scheme not in allowed:
        raise UnsafeTarget(
            _("Webhooks are sent over https only; the URL must start with https://.")
        )
    if not parts.hostname:
        raise UnsafeTarget(_("The URL has no host name."))
    if parts.username or parts.password:
        raise UnsafeTarget(_("Put credentials in the receiver's secret, not in the URL."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    default_port = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default_port, path)


def check(url: str, *, must_resolve: bool) -> tuple[Target, list[Address]]:
    """Parse ``url`` and resolve its host; every address must be public.

    On creation a host that does not resolve (yet) is accepted (``must_resolve=False``): the
    delivery checks again and a failure shows in the delivery log.
    """
    target = parse(url)
    try:
        addresses = resolve(target.host, target.port)
    except OSError:
        if must_resolve:
            message = _("The host name %(host)s could not be resolved.", host=target.host)
            raise UnsafeTarget(message) from None
        return target, []
    if not allows_local():
        for address in addresses:
            if not is_public(address):
                raise UnsafeTarget(_not_public(target.host, address))
    return target, addresses


def _not_public(host: str, address: Address) -> str:
    if host == str(address):
        return _(
            "%(address)s is an address in a private, loopback or link-local network; "
            "webhooks go to public addresses only.",
            address=host,
        )
    return _(
        "%(host)s points to %(address)s, an address in a private, loopback or link-local "
        "network; webhooks go to public addresses only.",
        host=host,
        address=str(address),
    )


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OSError(f"no address for {host}")
    return addresses


def is_public(address: Address) -> bool:
    """Globally routable and unicast; an IPv4-mapped IPv6 address is judged as its IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
