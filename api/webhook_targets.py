"""Where a webhook may point: public addresses only, unless the deployment allows private ones.

A tenant's key must not turn the service into a way of reaching its own network (the metadata service at
169.254.169.254, a database on 10.x, the API's own admin routes on 127.0.0.1). The host is checked when the
endpoint is added (a literal address or `localhost`) and again before each delivery, after DNS resolution, since
a public name can point anywhere later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class TargetRefused(ValueError):
    """The URL's host is, or resolves to, an address that is not public."""


def _refuse_if_not_public(address: str, host: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone index
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        raise TargetRefused(f"{host} is a private, loopback or reserved address ({ip})")


def check_literal_host(url: str) -> None:
    """At creation: refuse a host that is plainly internal without resolving anything."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        raise TargetRefused("the URL has no host")
    if host == "localhost" or host.endswith(".localhost"):
        raise TargetRefused(f"{host} is this machine")
    try:
        _refuse_if_not_public(host, host)
    except ValueError as exc:
        if isinstance(exc, TargetRefused):
            raise
        # not an IP literal: a name, checked after resolution before each delivery


def check_resolved_host(url: str) -> None:
    """Before a delivery: every address the name resolves to must be public."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    check_literal_host(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise TargetRefused(f"{host} does not resolve: {exc}") from exc
    for info in infos:
        _refuse_if_not_public(str(info[4][0]), host)
