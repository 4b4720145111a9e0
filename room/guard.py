"""The room's defences on a shared venue network: tokens, a rate limit, and the headers
every answer carries."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

# The join token is in the QR code's link; a phone's own token comes back when it joins.
# 16 bytes = 128 bits each, from the operating system's secure source.
TOKEN_BYTES = 16
# A short code for those who type the address: letters and digits that cannot be taken
# for one another. It only leads to the join token, and guesses are limited (below).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_GUESSES = 10  # wrong codes one address may try per CODE_WINDOW seconds
CODE_WINDOW = 60.0
CODE_GUESSES_IN_ALL = 200  # after this many wrong codes the code stops working

# Joins from one address: a phone that lost its page may join again, but no one fills
# the room with made-up members.
JOINS_PER_ADDRESS = 5
JOIN_WINDOW = 600.0

# Per phone (or, before joining, per address): a steady rate and a burst for a quick
# run of taps.
RATE_PER_SECOND = 5.0
BURST = 20.0
MAX_CLIENTS = 10_000  # buckets kept before the oldest are forgotten

SECURITY_HEADERS = {
    # Nothing from any other host, no inline script, no framing, no forms elsewhere.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The join token is in the page's address: never send it on to anyone.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def token_hash(token: str) -> str:
    """How a phone's token is stored: a leaked database gives no working token."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(given: str, expected: str) -> bool:
    """Compare secrets in constant time."""
    return hmac.compare_digest(given.encode(), expected.encode())


class RateLimiter:
    """A token bucket per client: `allow(key)` is False once the client has run through
    its burst faster than the steady rate refills it."""

    def __init__(self, rate: float = RATE_PER_SECOND, burst: float = BURST,
                 clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        level, then = self._buckets.get(key, (self.burst, now))
        level = min(self.burst, level + (now - then) * self.rate)
        if len(self._buckets) >= MAX_CLIENTS and key not in self._buckets:
            self._buckets.clear()  # a flood of made-up clients forgets, not grows
        if level < 1.0:
            self._buckets[key] = (level, now)
            return False
        self._buckets[key] = (level - 1.0, now)
        return True


class CodeGuard:
    """Limits attempts per address within a window of time (and, optionally, in all):
    by default guesses of the short room code."""

    def __init__(self, clock=time.monotonic, per_address: int = CODE_GUESSES,
                 window: float = CODE_WINDOW, in_all: int | None = CODE_GUESSES_IN_ALL
                 ) -> None:
        self.clock = clock
        self.per_address = per_address
        self.window = window
        self.in_all = in_all
        self.wrong_in_all = 0
        self._wrong: dict[str, list[float]] = {}

    def may_try(self, address: str) -> bool:
        if self.in_all is not None and self.wrong_in_all >= self.in_all:
            return False
        now = self.clock()
        recent = [t for t in self._wrong.get(address, []) if now - t < self.window]
        self._wrong[address] = recent
        return len(recent) < self.per_address

    def right(self, address: str) -> None:
        """The attempt just counted was right: it does not count against anyone."""
        self.wrong_in_all = max(0, self.wrong_in_all - 1)
        recent = self._wrong.get(address)
        if recent:
            recent.pop()

    def wrong(self, address: str) -> None:
        self.wrong_in_all += 1
        if len(self._wrong) >= MAX_CLIENTS:
            self._wrong.clear()
        self._wrong.setdefault(address, []).append(self.clock())
