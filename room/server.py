"""The room's web server: phones join and answer over the laptop's own network.

aiohttp serves it (a maintained asyncio HTTP server: one thread for every phone, no
framework in the page). Every change a phone asks for goes through `writer`, which runs
it on the session's one `SessionDocument` (model.document) where the window's edits go
too, and answers "saved" only after the commit.

Routes (nothing else answers; nothing here changes set-up, deletes, exports or reads
any session but this room's):

| route                | who                 | what                                      |
| -------------------- | ------------------- | ----------------------------------------- |
| GET  /               | anyone              | the page, asking for the short room code  |
| GET  /j/{join token} | holder of the QR    | the page                                  |
| GET  /static/…       | anyone              | the page's script and style               |
| POST /api/code       | anyone, rate-limited| the short code → the join token           |
| GET  /api/welcome    | join token          | who can join: participants and groups     |
| POST /api/join       | join token          | becomes a respondent: a phone token       |
| GET  /api/state      | phone token         | what is open and this phone's answers     |
| POST /api/answer     | phone token         | one answer, committed before "saved"      |
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from model import frameworks
from model.document import SessionDocument
from model.errors import EditRefused, StoreError, WorkshopError
from model.exercises.perception import ordered_rows
from model.room import DOT_VOTES, EXERCISE_NAMES, EXERCISES
from model.room import answers as room_answers
from model.room.results import respondent_groups
from room import guard

T = TypeVar("T")
log = logging.getLogger(__name__)
# aiohttp logs a whole traceback for every malformed request: anyone on the venue's
# network could fill the facilitator's terminal. Its errors are answered, not logged.
logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
Writer = Callable[[Callable[[SessionDocument], T]], Awaitable[T]]

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {"room.js": "text/javascript", "room.css": "text/css"}
KEEPALIVE_SECONDS = 15.0  # an idle connection is closed after this long
MAX_BODY = 2048  # bytes: the largest answer is a few dozen
TOKEN_LIFETIME = timedelta(hours=24)  # a phone's token, from when it joined
SHUTDOWN_SECONDS = 5.0  # how long a closing room waits for answers in flight


@dataclass
class Room:
    """One session's room: its secrets, and which exercises the facilitator has open.
    `open_exercises` is replaced whole (never changed in place), so the window's thread
    may set it while the server's reads it."""

    session_id: str
    join_token: str = field(default_factory=guard.new_token)
    code: str = field(default_factory=guard.new_code)
    open_exercises: frozenset[str] = frozenset()
    phones_seen: int = 0  # page loads: none yet tells the facilitator phones cannot reach

    def join_path(self) -> str:
        return f"/j/{self.join_token}"


class Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class RoomServer:
    """Serves `room` on `host`:`port` (0: a free port) while started."""

    def __init__(self, room: Room, writer: Writer, host: str, port: int = 0) -> None:
        self.room = room
        self.writer = writer
        self.host = host
        self.port = port
        self.limiter = guard.RateLimiter()
        self.codes = guard.CodeGuard()
        self.joins = guard.CodeGuard(per_address=guard.JOINS_PER_ADDRESS,
                                     window=guard.JOIN_WINDOW, in_all=None)
        # Hashes of the phone tokens this room has seen to be valid: only those get a
        # rate-limit bucket of their own; any other token counts against its address.
        self._known_phones: set[str] = set()
        self._files = {name: (STATIC / name).read_bytes() for name in STATIC_TYPES}
        self._page = (STATIC / "room.html").read_bytes()
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """The join URL, the join token inside it: what the QR code carries."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.room.join_path()}"

    @property
    def address(self) -> str:
        """What a participant types: the address without the token."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Listen; raises OSError when the address or port cannot be used."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guarded])
        app.add_routes([
            web.get("/", self._code_page),
            web.get("/j/{token}", self._page_for_token),
            web.get("/static/{name}", self._static),
            web.post("/api/code", self._code),
            web.get("/api/welcome", self._welcome),
            web.post("/api/join", self._join),
            web.get("/api/state", self._state),
            web.post("/api/answer", self._answer),
        ])
        # An idle connection is closed after KEEPALIVE_SECONDS, so phones that wander
        # off (or a client that opens connections and waits) do not pile up.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS,
                               handle_signals=False, keepalive_timeout=KEEPALIVE_SECONDS)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=False)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop accepting, let answers in flight finish, close the port."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    # --- the guard around every route ------------------------------------------------

    @web.middleware
    async def _guarded(self, request: web.Request, handler) -> web.StreamResponse:
        token = _bearer(request)
        known = bool(token) and guard.token_hash(token) in self._known_phones
        key = token if known else request.remote or "?"
        try:
            if not self.limiter.allow(key):
                raise Refusal(429, "Too many requests: wait a moment and try again.")
            if request.host != self._host_header():
                # A page elsewhere that renames its own host to this address (DNS
                # rebinding) reaches the room under a name that is not the room's.
                raise Refusal(421, "This is the room's address only by its number: open "
                                   f"{self.address}.")
            response = await handler(request)
        except Refusal as refusal:
            response = _json({"error": str(refusal)}, refusal.status)
        except web.HTTPException as exc:  # unknown route, wrong method, body too large
            response = _json({"error": exc.reason}, exc.status)
        except Exception:  # a bug: the phone is told, the room stays up, and it is logged
            log.exception("the room could not handle a %s request", request.method)
            response = _json({"error": "The laptop could not handle that. Try again."}, 500)
        if response.status == 429:
            response.headers["Retry-After"] = "1"
        response.headers.update(guard.SECURITY_HEADERS)
        return response

    def _know(self, digest: str) -> None:
        """A phone token seen valid gets a rate-limit bucket of its own (bounded: past
        MAX_CLIENTS the set starts again, and phones count by address until seen)."""
        if len(self._known_phones) >= guard.MAX_CLIENTS:
            self._known_phones.clear()
        self._known_phones.add(digest)

    def _host_header(self) -> str:
        return self.address.removeprefix("http://")

    # --- pages -----------------------------------------------------------------------

    async def _code_page(self, request: web.Request) -> web.Response:
        return web.Response(body=self._page, content_type="text/html", charset="utf-8")

    async def _page_for_token(self, request: web.Request) -> web.Response:
        """The page; with a wrong token the same page, refused (403): its script then
        finds the token refused and asks for the room's code instead."""
        right = guard.same(request.match_info["token"], self.room.join_token)
        if right:
            self.room.phones_seen += 1
        return web.Response(body=self._page, content_type="text/html", charset="utf-8",
                            status=200 if right else 403)

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self._files:
            raise Refusal(404, "Not found.")
        return web.Response(body=self._files[name], content_type=STATIC_TYPES[name],
                            charset="utf-8")

    # --- joining ---------------------------------------------------------------------

    async def _code(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        if not self.codes.may_try(address):
            raise Refusal(429, "Too many wrong codes: ask the facilitator for the link.")
        self.codes.wrong(address)  # counted before it is read: a burst gets no more tries
        body = await _body(request)
        code = str(body.get("code", "")).strip().upper().replace("-", "").replace(" ", "")
        if not guard.same(code, self.room.code):
            raise Refusal(403, "That is not the room's code: check it on the screen.")
        self.codes.right(address)
        return _json({"join": self.room.join_token})

    def _check_join(self, request: web.Request) -> None:
        if not guard.same(request.headers.get("X-Room-Join", ""), self.room.join_token):
            raise Refusal(403, "This link is not the open room's: scan the code again.")

    async def _welcome(self, request: web.Request) -> web.Response:
        self._check_join(request)

        def read(document: SessionDocument) -> dict:
            session = document.session
            taken = {r.participant_id for r in session.room.respondents}
            return {
                "title": session.title,
                "participants": [
                    {"id": p.id, "name": session.participant_label(i), "taken": p.id in taken}
                    for i, p in enumerate(session.participants) if p.present],
                "groups": [{"id": g.id, "name": g.name} for g in session.groups],
            }
        return _json(await self.writer(read))

    async def _join(self, request: web.Request) -> web.Response:
        self._check_join(request)
        address = request.remote or "?"
        if not self.joins.may_try(address):
            raise Refusal(429, "This phone has joined several times already: ask the "
                               "facilitator to enter your answers on a paper card.")
        body = await _body(request)
        participant, group = body.get("participant"), body.get("group")
        for value in (participant, group):
            if value is not None and not _is_id(value):
                raise Refusal(400, "Choose yourself or a group from the list.")
        token = guard.new_token()

        def join(document: SessionDocument) -> None:
            document.commit(lambda e: room_answers.join(
                e, participant_id=participant, group_id=group, via="phone",
                token_hash=guard.token_hash(token)))
        await self._write(join)
        self.joins.wrong(address)  # counted once joined: a refused join costs nothing
        self._know(guard.token_hash(token))
        return _json({"token": token})

    # --- answering -------------------------------------------------------------------

    def _token_of(self, request: web.Request) -> str:
        """The hash of the phone token the request carries (403 without one)."""
        token = _bearer(request)
        if not token:
            raise Refusal(403, "Join the room first.")
        return guard.token_hash(token)

    def _respondent(self, document: SessionDocument, digest: str) -> int:
        """The respondent whose token hash is `digest`, or 403. Runs on the writer, in
        the same turn as the work the request asks for."""
        rows = document.store.database.query(
            "SELECT id, joined_at FROM respondents WHERE session_id = ? AND token_hash = ?",
            (self.room.session_id, digest))
        if not rows or datetime.fromisoformat(rows[0]["joined_at"]) + TOKEN_LIFETIME \
                < datetime.now(UTC):
            raise Refusal(403, "Your phone is not in this room (or joined too long ago): "
                               "scan the code on the screen to join again.")
        self._know(digest)
        return rows[0]["id"]

    async def _state(self, request: web.Request) -> web.Response:
        digest = self._token_of(request)
        open_now = self.room.open_exercises
        return _json(await self.writer(
            lambda d: phone_state(d, self._respondent(d, digest), open_now)))

    async def _answer(self, request: web.Request) -> web.Response:
        digest = self._token_of(request)
        body = await _body(request)
        exercise, item, value = body.get("exercise"), body.get("item"), body.get("value")
        if exercise not in EXERCISES or not isinstance(item, str | int) \
                or isinstance(item, bool) or len(str(item)) > 40:
            raise Refusal(400, "That answer is not one this room asks for.")
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)
                                  or len(str(value)) > 40):
            raise Refusal(400, "That answer is not one this room asks for.")
        item, value = str(item), None if value is None else str(value)

        def save(document: SessionDocument) -> None:
            # In its turn: an answer waiting while the facilitator froze the exercise
            # is refused, not saved after the freeze.
            if exercise not in self.room.open_exercises \
                    or not document.session.step_on(exercise):
                raise Refusal(409, f"The facilitator has closed the "
                                   f"{EXERCISE_NAMES[exercise]} for now: your earlier "
                                   "answers are kept.")
            respondent = self._respondent(document, digest)
            document.commit(lambda e: room_answers.answer(e, respondent, exercise, item, value))
        await self._write(save)
        return _json({"saved": True})

    async def _write(self, work: Callable[[SessionDocument], Any]) -> Any:
        try:
            return await self.writer(work)
        except room_answers.RoomRefused as refusal:
            raise Refusal(409 if refusal.conflict else 422, str(refusal)) from None
        except EditRefused as refusal:
            raise Refusal(422, str(refusal)) from None
        except StoreError as error:
            raise Refusal(503, "The laptop could not save that just now; your answer is "
                               f"not saved. Try again in a moment. ({_first_line(error)})"
                          ) from None


def phone_state(document: SessionDocument, respondent: int,
                open_exercises: frozenset[str]) -> dict:
    """What one phone sees: who it is, what is open, and its own answers (no one else's)."""
    session = document.session
    me = next((r for r in session.room.respondents if r.id == respondent), None)
    names = {p.id: session.participant_label(i) for i, p in enumerate(session.participants)}
    group_names = {g.id: g.name for g in session.groups}
    group = respondent_groups(session).get(respondent)
    mine = {(r.exercise, r.item): r.value for r in session.room.responses
            if r.respondent_id == respondent}
    state: dict[str, Any] = {
        "title": session.title,
        "me": {"name": names.get(me.participant_id) if me else None,
               "group": group_names.get(group)},
        # Open in the room, and a step this session runs (Set-up may turn one off).
        "open": [e for e in EXERCISES if e in open_exercises and session.step_on(e)],
    }
    if "perception" in state["open"]:
        state["perception"] = {
            "rows": [{"id": r.id, "label": r.label,
                      "section": frameworks.section_label(r.section)}
                     for r in ordered_rows(session)],
            "answers": {item: int(v) for (ex, item), v in mine.items() if ex == "perception"},
        }
    if "obstacles" in state["open"]:
        state["obstacles"] = {
            "items": [{"id": o.id, "text": o.text} for o in session.visible_obstacles()],
            "ratings": {item.split(":")[1]: int(v) for (ex, item), v in mine.items()
                        if ex == "obstacles" and item.startswith("rating:")},
            "votes": {item.split(":")[1]: int(v) for (ex, item), v in mine.items()
                      if ex == "obstacles" and item.startswith("votes:")},
            "dot_votes": DOT_VOTES,
            "scale": [{"value": v, "label": frameworks.rating_label(v)} for v in range(4)],
        }
    if "typology" in state["open"]:
        state["typology"] = {
            "collaborations": [{"key": t.key, "label": t.label}
                               for t in frameworks.collaboration_levels()],
            "functions": [{"key": t.key, "label": t.label} for t in frameworks.functions()],
            "answers": {item: v for (ex, item), v in mine.items() if ex == "typology"},
        }
    return state


def _json(data: object, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(data, ensure_ascii=False), status=status,
                        content_type="application/json", charset="utf-8")


async def _body(request: web.Request) -> dict:
    """The request's JSON object, or 400. aiohttp refuses a body over MAX_BODY (413).
    JSON only: a form on another site can post plain text here, but not JSON."""
    if request.content_type != "application/json":
        raise Refusal(415, "The room reads JSON only.")
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise Refusal(400, "That request is not readable.") from None
    if not isinstance(body, dict):
        raise Refusal(400, "That request is not readable.")
    return body


def _bearer(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else ""


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**53


def _first_line(error: WorkshopError) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__

