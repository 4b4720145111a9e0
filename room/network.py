"""Which of the laptop's addresses phones can reach.

Phones need the raw IP address (Android's Chrome does not resolve `.local` names), on
the network they share with the laptop: the venue's Wi-Fi or a hotspot. psutil lists
the interfaces on Linux, macOS and Windows alike.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import psutil

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Address:
    ip: str
    interface: str

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.interface})"


def candidate_addresses() -> list[Address]:
    """The laptop's IPv4 addresses that phones may reach, likeliest first: private
    network addresses (what Wi-Fi and hotspots hand out) before others; never loopback
    or link-local. Empty when the laptop is on no network."""
    stats = psutil.net_if_stats()
    found: list[tuple[int, Address]] = []
    for interface, addresses in psutil.net_if_addrs().items():
        if interface in stats and not stats[interface].isup:
            continue
        for address in addresses:
            try:
                ip = ipaddress.ip_address(address.address)
            except ValueError:
                continue  # a hardware address, or an IPv6 one with a scope
            if ip.version != 4 or ip.is_loopback or ip.is_link_local or ip.is_unspecified:
                continue
            found.append((0 if ip.is_private else 1, Address(str(ip), interface)))
    found.sort(key=lambda pair: pair[0])
    return [address for _, address in found]


def default_bind() -> str:
    """The address to serve on when none is chosen: the likeliest one phones reach, or
    loopback when the laptop is on no network (then only the laptop itself reaches it)."""
    addresses = candidate_addresses()
    return addresses[0].ip if addresses else LOOPBACK
