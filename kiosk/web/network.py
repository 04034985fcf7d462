"""The laptop's LAN address and the join URL, found by listing interfaces (no packets sent)."""

import ipaddress
from collections.abc import Iterable

import ifaddr

VIRTUAL = (
    "lo",
    "docker",
    "veth",
    "br-",
    "virbr",
    "vmnet",
    "vbox",
    "tun",
    "tap",
    "utun",
    "zt",
    "tailscale",
    "wg",
    "awdl",
    "llw",
    "bridge",
)
PHYSICAL = ("wl", "wi-fi", "wifi", "wlan", "en", "eth", "ethernet")


def interface_addresses() -> list[tuple[str, str]]:
    """List (interface name, IPv4 address) for every interface of this machine."""
    pairs = []
    for adapter in ifaddr.get_adapters():
        name = adapter.nice_name or adapter.name
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                pairs.append((name, ip.ip))
    return pairs


def _score(name: str, address: str) -> int | None:
    """Rank an address for phones to reach: higher is better, None is unusable."""
    ip = ipaddress.IPv4Address(address)
    lower = name.lower()
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
        return None
    score = 0
    if ip.is_private:
        score += 4
    if lower.startswith(PHYSICAL):
        score += 2
    if lower.startswith(VIRTUAL):
        score -= 3
    return score


def lan_address(pairs: Iterable[tuple[str, str]] | None = None) -> str:
    """Choose the address phones on the venue's Wi-Fi most likely reach; loopback if none."""
    candidates = []
    for name, address in interface_addresses() if pairs is None else pairs:
        score = _score(name, address)
        if score is not None:
            candidates.append((score, name, address))
    if not candidates:
        return "127.0.0.1"
    return max(candidates, key=lambda c: c[0])[2]


def base_url(port: int, public_url: str | None = None, address: str | None = None) -> str:
    """Return the URL phones use to reach the kiosk, without a trailing slash."""
    if public_url:
        return public_url.rstrip("/")
    return f"http://{address or lan_address()}:{port}"
