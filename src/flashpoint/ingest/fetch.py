"""Fetching a URL the user named, safely: http(s) only, public addresses only, bounded in time and size.

Every URL input (feeds, pages) comes through `fetch`. The host is resolved here and every
address it resolves to is checked (no loopback, private, link-local, multicast, reserved or
unspecified address, unless private addresses are allowed); the request then goes to the
checked address itself, with the host name kept for the Host header and TLS (SNI and the
certificate check), so that a second DNS answer cannot swap in another address. Redirects are
followed by hand, at most `max_redirects`, each one checked the same way.

httpx does the HTTP; only the address pinning is our own, since no client offers it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass

import httpx

from flashpoint.errors import FetchFailed, InputTooLarge, URLRefused
from flashpoint.ingest import limits

USER_AGENT = "flashpoint/0.1 (+feed reader)"
SCHEMES = ("http", "https")
ALLOW_PRIVATE_ENV = "FLASHPOINT_ALLOW_PRIVATE"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    """A fetched body: its bytes (content-encoding undone), content type and final URL."""

    data: bytes
    content_type: str
    url: str


def private_allowed(flag: bool | None = None) -> bool:
    """The flag when given, else the limits' allow_private (--allow-private), else FLASHPOINT_ALLOW_PRIVATE=1."""
    if flag is not None:
        return flag
    if limits.current().allow_private:
        return True
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def address_problem(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of inner address this is ("a loopback address", ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, test in (
        ("loopback", address.is_loopback), ("link-local", address.is_link_local),
        ("multicast", address.is_multicast), ("unspecified", address.is_unspecified),
        ("private", address.is_private), ("reserved", address.is_reserved),
    ):
        if test:
            return f"a {kind} address"
    if not address.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int, url: str) -> list[str]:
    """Every address the host resolves to (an IP literal is its own)."""
    try:
        return [ipaddress.ip_address(host.strip("[]")).compressed]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchFailed(url, f"could not resolve {host}: {err}") from err
    return list(dict.fromkeys(info[4][0] for info in infos))


def checked_address(url: httpx.URL, source: str, allow_private: bool) -> str:
    """The address to connect to for `url`, after checking its scheme and every address of its host."""
    if url.scheme not in SCHEMES:
        raise URLRefused(source, f"refused: scheme '{url.scheme}' (only http and https are fetched)")
    if not url.host:
        raise URLRefused(source, "refused: the URL names no host")
    addresses = resolve(url.host, url.port or (443 if url.scheme == "https" else 80), source)
    if not addresses:
        raise FetchFailed(source, f"could not resolve {url.host}")
    if not allow_private:
        literal = addresses == [url.host.strip("[]")]
        for address in addresses:
            problem = address_problem(ipaddress.ip_address(address.split("%")[0]))
            if problem:
                where = f"{address} is {problem}" if literal else f"{url.host} resolves to {address}, {problem}"
                raise URLRefused(source, f"refused: {where} (--allow-private or {ALLOW_PRIVATE_ENV}=1 to fetch it)")
    return addresses[0]


def fetch(target: str, allow_private: bool | None = None) -> Fetched:
    """The body of `target`, following checked redirects; raises URLRefused, FetchFailed or InputTooLarge."""
    bound = limits.current()
    allowed = private_allowed(allow_private)
    timeout = httpx.Timeout(connect=bound.connect_timeout_s, read=bound.read_timeout_s, write=bound.read_timeout_s, pool=bound.connect_timeout_s)
    try:
        url = httpx.URL(target)
    except (httpx.InvalidURL, TypeError) as err:
        raise URLRefused(target, f"refused: not a URL ({err})") from err
    deadline = time.monotonic() + bound.read_timeout_s * 4
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=True) as client:
        for _hop in range(bound.max_redirects + 1):
            address = checked_address(url, target, allowed)
            response = _send(client, url, address, target)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    try:
                        url = url.join(response.headers["location"])
                    except httpx.InvalidURL as err:
                        raise FetchFailed(target, f"bad redirect: {err}") from err
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(target, f"could not fetch: HTTP {response.status_code} from {url}")
                data = _body(response, target, bound.max_fetch_bytes, deadline)
                return Fetched(data, response.headers.get("content-type", ""), str(url))
            finally:
                response.close()
    raise FetchFailed(target, f"could not fetch: more than {bound.max_redirects} redirects")


def _send(client: httpx.Client, url: httpx.URL, address: str, source: str) -> httpx.Response:
    """The request to `url`, sent to the checked `address` (host name kept for Host and TLS)."""
    pinned = url.copy_with(host=address)
    headers = {"User-Agent": USER_AGENT, "Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    request = client.build_request("GET", pinned, headers=headers, extensions=extensions)
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as err:
        raise FetchFailed(source, f"could not fetch: timed out ({type(err).__name__})") from err
    except httpx.HTTPError as err:
        raise FetchFailed(source, f"could not fetch: {err}") from err


def _body(response: httpx.Response, source: str, cap: int, deadline: float) -> bytes:
    """The body, decoded from its content-encoding, stopped at `cap` bytes or the deadline."""
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > cap:
        raise InputTooLarge(source, f"larger than the fetch limit of {cap:,} bytes ({int(announced):,} announced; --max-fetch-mb)")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes(64 * 1024):
            size += len(chunk)
            if size > cap:
                raise InputTooLarge(source, f"larger than the fetch limit of {cap:,} bytes (--max-fetch-mb): reading stopped")
            if time.monotonic() > deadline:
                raise FetchFailed(source, "could not fetch: the body took too long to arrive")
            chunks.append(chunk)
    except httpx.TimeoutException as err:
        raise FetchFailed(source, f"could not fetch: timed out reading ({type(err).__name__})") from err
    except httpx.HTTPError as err:
        raise FetchFailed(source, f"could not fetch: {err}") from err
    return b"".join(chunks)
