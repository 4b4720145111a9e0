"""The room's HTTP API against a real RoomServer on 127.0.0.1 (port 0), its writer the
headless direct one: who may do what, what is stored before "saved" is answered, and
that every refusal leaves the database as it was."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest

from room import guard
from room.server import MAX_BODY
from tests.room_support import (
    ServedRoom,
    bearer,
    call,
    dump,
    join_phone,
    read_db,
    request,
    responses,
)


@pytest.fixture
def served(db_path: Path):
    with ServedRoom(db_path, open_exercises=("perception", "typology")) as served:
        yield served


@pytest.fixture
def phone(served: ServedRoom) -> str:
    """A phone joined as a member of the first group."""
    return join_phone(served.base, served.join_token, {"group": served.session().groups[0].id})


def first_row(served: ServedRoom) -> int:
    return served.session().perception.rows[0].id


class Resources(HTMLParser):
    """Every address an HTML page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data") and value:
                self.addresses.append(value)


def same_origin_only(html: str) -> list[str]:
    parser = Resources()
    parser.feed(html)
    for address in parser.addresses:
        assert address.startswith("/") and not address.startswith("//"), address
    return parser.addresses


def assert_security_headers(headers: dict) -> None:
    policy = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for sources in directives.values():  # no host, scheme or wildcard anywhere
        assert set(sources.split()) <= {"'self'", "'none'"}, policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"


# --- the page ------------------------------------------------------------------------

def test_the_join_page_is_served_with_the_security_headers(served: ServedRoom) -> None:
    status, headers, html = call("GET", f"{served.base}/j/{served.join_token}")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert_security_headers(headers)
    assert sorted(same_origin_only(html)) == ["/static/room.css", "/static/room.js"]
    assert "<script>" not in html  # no inline script (the policy would block it anyway)
    for name, kind in (("room.js", "text/javascript"), ("room.css", "text/css")):
        status, headers, text = call("GET", f"{served.base}/static/{name}")
        assert status == 200 and headers["Content-Type"].startswith(kind)
        assert_security_headers(headers)
        assert "http:" not in text and "https:" not in text and "//" + "cdn" not in text


def test_a_wrong_join_token_is_refused_and_changes_nothing(served: ServedRoom) -> None:
    before = dump(served.db_path)
    wrong = guard.new_token()
    status, headers, _ = call("GET", f"{served.base}/j/{wrong}")
    assert status == 403
    assert_security_headers(headers)
    group = served.session().groups[0].id
    for method, path in (("GET", "/api/welcome"), ("POST", "/api/join")):
        for join_header in ({"X-Room-Join": wrong}, {}):
            status, _, body = call(method, served.base + path, json={"group": group},
                                   headers=join_header)
            assert status == 403, (path, body)
    assert served.room.phones_seen == 0
    assert dump(served.db_path) == before


def test_static_files_are_only_the_pages_own(served: ServedRoom) -> None:
    for name in ("room.html", "..%2Fserver.py", "guard.py"):
        assert call("GET", f"{served.base}/static/{name}")[0] == 404


# --- the short code ------------------------------------------------------------------

def test_the_right_code_gives_the_join_token(served: ServedRoom) -> None:
    code = served.room.code
    for typed in (code, code.lower(), f" {code[:3]}-{code[3:]} "):
        status, _, body = call("POST", f"{served.base}/api/code", json={"code": typed})
        assert (status, body) == (200, {"join": served.join_token})


def test_wrong_codes_are_refused_then_limited(served: ServedRoom) -> None:
    code = served.room.code
    wrong = "".join(c for c in guard.CODE_ALPHABET if c not in code)[:guard.CODE_LENGTH]
    for _ in range(guard.CODE_GUESSES):
        status, _, body = call("POST", f"{served.base}/api/code", json={"code": wrong})
        assert status == 403 and "join" not in body
    status, headers, body = call("POST", f"{served.base}/api/code", json={"code": code})
    assert status == 429 and "join" not in body  # even the right code, now
    assert int(headers["Retry-After"]) >= 1


# --- joining -------------------------------------------------------------------------

def test_welcome_needs_the_join_token_and_lists_who_may_join(served: ServedRoom) -> None:
    assert call("GET", f"{served.base}/api/welcome")[0] == 403
    status, _, body = call("GET", f"{served.base}/api/welcome",
                           headers={"X-Room-Join": served.join_token})
    assert status == 200
    session = served.session()
    assert body["title"] == session.title
    assert [g["name"] for g in body["groups"]] == [g.name for g in session.groups]
    assert len(body["participants"]) == sum(p.present for p in session.participants)
    assert not any(p["taken"] for p in body["participants"])


def test_joining_gives_a_phone_token_stored_only_as_its_hash(served: ServedRoom) -> None:
    participant = served.session().participants[0].id
    token = join_phone(served.base, served.join_token, {"participant": participant})
    assert len(token) >= 22
    conn = read_db(served.db_path)
    [row] = conn.execute("SELECT * FROM respondents").fetchall()
    conn.close()
    assert row["participant_id"] == participant
    assert row["token_hash"] == guard.token_hash(token) != token
    # A second phone claiming the same participant: a conflict, nothing stored.
    before = dump(served.db_path)
    status, _, body = call("POST", f"{served.base}/api/join", json={"participant": participant},
                           headers={"X-Room-Join": served.join_token})
    assert status == 409 and "already joined" in body["error"]
    assert dump(served.db_path) == before
    _, _, welcome = call("GET", f"{served.base}/api/welcome",
                         headers={"X-Room-Join": served.join_token})
    assert [p["taken"] for p in welcome["participants"] if p["id"] == participant] == [True]


@pytest.mark.parametrize("choice", [{}, {"group": True}, {"group": "1"}, {"group": 1.0},
                                    {"participant": -1}, {"group": 10**6}])
def test_a_join_naming_no_one_is_refused(served: ServedRoom, choice: dict) -> None:
    before = dump(served.db_path)
    status, _, _ = call("POST", f"{served.base}/api/join", json=choice,
                        headers={"X-Room-Join": served.join_token})
    assert status in (400, 422)
    assert dump(served.db_path) == before


# --- the phone's state -----------------------------------------------------------------

def test_state_needs_a_valid_phone_token(served: ServedRoom, phone: str) -> None:
    before = dump(served.db_path)
    for headers in ({}, bearer(guard.new_token()), {"Authorization": phone},
                    bearer(served.join_token)):
        status, _, body = call("GET", f"{served.base}/api/state", headers=headers)
        assert status == 403, headers
        assert "perception" not in body
    assert dump(served.db_path) == before
    status, _, state = call("GET", f"{served.base}/api/state", headers=bearer(phone))
    assert status == 200
    assert state["open"] == ["perception", "typology"]
    assert "obstacles" not in state
    assert state["me"] == {"name": None, "group": served.session().groups[0].name}
    assert [r["id"] for r in state["perception"]["rows"]]


def test_a_phone_sees_its_own_answers_and_no_one_elses(served: ServedRoom,
                                                      phone: str) -> None:
    other = join_phone(served.base, served.join_token, {"group": served.session().groups[0].id})
    row = first_row(served)
    answer = {"exercise": "perception", "item": str(row), "value": "4"}
    assert call("POST", f"{served.base}/api/answer", json=answer, headers=bearer(phone))[0] == 200
    mine = call("GET", f"{served.base}/api/state", headers=bearer(phone))[2]
    theirs = call("GET", f"{served.base}/api/state", headers=bearer(other))[2]
    assert mine["perception"]["answers"] == {str(row): 4}
    assert theirs["perception"]["answers"] == {}


def test_a_phone_token_older_than_a_day_is_refused(served: ServedRoom, phone: str) -> None:
    assert call("GET", f"{served.base}/api/state", headers=bearer(phone))[0] == 200
    writer = sqlite3.connect(served.db_path, timeout=10, isolation_level=None)
    stale = (datetime.now(UTC) - timedelta(hours=24, minutes=1)).isoformat()
    writer.execute("UPDATE respondents SET joined_at = ? WHERE token_hash = ?",
                   (stale, guard.token_hash(phone)))
    writer.close()
    before = dump(served.db_path)
    assert call("GET", f"{served.base}/api/state", headers=bearer(phone))[0] == 403
    answer = {"exercise": "perception", "item": str(first_row(served)), "value": "3"}
    assert call("POST", f"{served.base}/api/answer", json=answer, headers=bearer(phone))[0] == 403
    assert dump(served.db_path) == before


# --- answering -----------------------------------------------------------------------

def test_an_answer_is_in_the_database_when_saved_is_answered(served: ServedRoom,
                                                             phone: str) -> None:
    row = first_row(served)
    for value in ("5", "2"):
        status, headers, body = call(
            "POST", f"{served.base}/api/answer", headers=bearer(phone),
            json={"exercise": "perception", "item": str(row), "value": value})
        assert (status, body) == (200, {"saved": True})
        assert_security_headers(headers)
        # Read at once by another connection: committed, not merely held in memory.
        [stored] = responses(served.db_path)
        assert (stored["exercise"], stored["item"], stored["value"]) == (
            "perception", str(row), value)
    status, _, _ = call("POST", f"{served.base}/api/answer", headers=bearer(phone),
                        json={"exercise": "perception", "item": str(row), "value": None})
    assert status == 200
    assert responses(served.db_path) == []


def refused_answer(served: ServedRoom, phone: str, expected: int, **kwargs) -> dict:
    before = dump(served.db_path)
    kwargs["headers"] = {**bearer(phone), **kwargs.get("headers", {})}
    status, _, body = call("POST", f"{served.base}/api/answer", **kwargs)
    assert status == expected, body
    assert body["error"]
    assert dump(served.db_path) == before
    return body


def test_an_answer_to_a_closed_exercise_is_refused(served: ServedRoom, phone: str) -> None:
    obstacle = served.session().obstacles[0].id
    body = refused_answer(served, phone, 409, json={
        "exercise": "obstacles", "item": f"rating:{obstacle}", "value": "2"})
    assert "closed" in body["error"]


@pytest.mark.parametrize("value", ["0", "6", "x", "", "3.5"])
def test_a_bad_score_is_refused(served: ServedRoom, phone: str, value: str) -> None:
    refused_answer(served, phone, 422, json={
        "exercise": "perception", "item": str(first_row(served)), "value": value})


@pytest.mark.parametrize("data", [b"{not json", b"[1, 2]", b"\xff\xfe", b"", b"null"])
def test_an_unreadable_body_is_refused(served: ServedRoom, phone: str, data: bytes) -> None:
    refused_answer(served, phone, 400, data=data,
                   headers={"Content-Type": "application/json"})


def test_a_body_over_the_limit_is_refused(served: ServedRoom, phone: str) -> None:
    refused_answer(served, phone, 413, json={
        "exercise": "perception", "item": str(first_row(served)), "value": "3",
        "padding": "x" * MAX_BODY})


@pytest.mark.parametrize("change", [
    {"value": True}, {"value": False}, {"value": [3]}, {"value": {"v": 3}}, {"value": 3.0},
    {"item": True}, {"item": None}, {"item": ["1"]}, {"exercise": 1}, {"exercise": None},
    {"value": "3" * 41}])
def test_answers_of_the_wrong_type_are_refused(served: ServedRoom, phone: str,
                                               change: dict) -> None:
    answer = {"exercise": "perception", "item": str(first_row(served)), "value": "3", **change}
    refused_answer(served, phone, 400, json=answer)


def test_the_rate_limit_answers_429_with_retry_after(served: ServedRoom, phone: str) -> None:
    """A burst well past the limit, sent at once: some are refused, politely."""
    tries = int(guard.BURST) + 15

    async def burst() -> list[tuple[int, dict, object]]:
        async with aiohttp.ClientSession() as client:
            return await asyncio.gather(*(
                request(client, "GET", f"{served.base}/api/state", headers=bearer(phone))
                for _ in range(tries)))
    answers = asyncio.run(burst())
    refused = [headers for status, headers, _ in answers if status == 429]
    assert refused and len(refused) < tries
    assert all(int(headers["Retry-After"]) >= 1 for headers in refused)
    assert {status for status, _, _ in answers} <= {200, 429}


@pytest.mark.parametrize(("method", "path", "expected"), [
    ("GET", "/admin", 404), ("GET", "/api/sessions", 404), ("GET", "/j/", 404),
    ("GET", "/api/answer", 405), ("POST", "/", 405), ("DELETE", "/api/state", 405),
    ("PUT", "/api/join", 405)])
def test_unknown_routes_are_refused(served: ServedRoom, method: str, path: str,
                                    expected: int) -> None:
    before = dump(served.db_path)
    status, headers, _ = call(method, served.base + path)
    assert status == expected
    assert_security_headers(headers)
    assert dump(served.db_path) == before


def test_after_stop_the_port_is_closed(served: ServedRoom) -> None:
    port = served.port
    assert call("GET", f"{served.base}/")[0] == 200
    served.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_made_up_phone_tokens_do_not_escape_the_rate_limit(served: ServedRoom) -> None:
    """A token the room never gave out is limited by its address, not a bucket of its own
    (else each request with a fresh made-up token would pass)."""
    tries = int(guard.BURST) + 15

    async def flood() -> list[tuple[int, dict, object]]:
        async with aiohttp.ClientSession() as client:
            return await asyncio.gather(*(
                request(client, "GET", f"{served.base}/api/state",
                        headers=bearer(guard.new_token())) for _ in range(tries)))
    statuses = [status for status, _, _ in asyncio.run(flood())]
    assert 429 in statuses and set(statuses) == {403, 429}
