"""Which machines a listening fetch may connect to: public addresses, and what the site allows.

A feed URL, and every redirect it sends us to, comes from outside. Left alone, a hostile feed
could point us at the machine that builds the site (``127.0.0.1``), its network (``10.…``,
``192.168.…``) or the cloud's metadata service (``169.254.169.254``), and its answer would be
published on the community page. So every connection goes through :class:`GuardedBackend`: it
resolves the host itself, refuses the connection if *any* address the name resolves to is not
public, and then connects to exactly the addresses it checked, so a name cannot resolve to a
public address for the check and to a private one for the connection (DNS rebinding).

The site may list ``host:port`` pairs under ``allow_private`` (a feed on the intranet, or the
test servers on ``127.0.0.1``). Cloud-metadata addresses are refused even when listed.

What this does not cover: proxies (the client never uses the environment's proxies, so every
connection is direct and checked), and networks that translate public addresses into private
ones further along (NAT64 gateways, 6to4 relays).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable, Sequence

import httpcore

from portavoz.scheduler.listening.policy import HostPort

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Cloud instance-metadata services (AWS, GCP, Azure, OpenStack; AWS over IPv6; Alibaba).
METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)


class Refused(Exception):
    """A connection the address policy does not allow; the message says why, in words."""


def listed(host: str, port: int, allowed: Iterable[HostPort]) -> bool:
    """Whether ``host:port`` (as written in a URL) is one the site allows to be private."""
    return (host.strip("[]").lower(), port) in set(allowed)


def not_public(address: IPAddress) -> str | None:
    """Why ``address`` is not a public one (``"loopback"``, ``"private"``…), or ``None``."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if address in METADATA:
        return "cloud-metadata"
    kinds = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for kind, found in kinds:
        if found:
            return kind
    return None if address.is_global else "non-public"


def refusal(
    host: str, port: int, addresses: Sequence[IPAddress], allowed: Iterable[HostPort]
) -> str | None:
    """Why a connection to ``host:port`` resolving to ``addresses`` is refused, or ``None``."""
    is_listed = listed(host, port, allowed)
    for address in addresses:
        kind = not_public(address)
        if kind is None or (is_listed and kind != "cloud-metadata"):
            continue
        where = host if host == str(address) else f"{host} ({address})"
        hint = "" if kind == "cloud-metadata" else f"; list '{host}:{port}' under allow_private"
        article = "an" if kind[0] in "aeiou" else "a"
        return f"{where} is {article} {kind} address; feeds are fetched from public ones only{hint}"
    return None


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order, without duplicates."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
    found: list[IPAddress] = []
    for *_, sockaddr in infos:
        # Scoped IPv6 addresses come back as "fe80::1%eth0"; the scope is not part of the IP.
        address = ipaddress.ip_address(str(sockaddr[0]).partition("%")[0])
        if address not in found:
            found.append(address)
    return found


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only where :func:`refusal` allows."""

    def __init__(self, allowed: Iterable[HostPort] = ()) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allowed = tuple(allowed)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port)
        why = refusal(host, port, addresses, self._allowed)
        if why is not None:
            raise Refused(why)
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                # The checked address itself, not the name: it cannot resolve differently now.
                return await self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as failed:
                error = failed
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise Refused("feeds are fetched over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
