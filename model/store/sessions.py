"""Sessions in the database: list, load, add whole, delete, and apply edits."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from model.changes import Changeset
from model.errors import StaleEdit, UnknownSession
from model.exercises.part import Part, StoredIds
from model.session import (
    AccountabilityItem,
    Action,
    AgreedPlacement,
    Cell,
    Group,
    KeyQuestions,
    Obstacle,
    Organisation,
    Participant,
    Perception,
    PerceptionRow,
    Placement,
    Respondent,
    Response,
    Room,
    Score,
    Session,
    SessionSummary,
    Typology,
)
from model.store.database import Database, open_database
from model.store.schema import ORDERED_TABLES

SESSION_FIELDS = ("title", "partnership", "date", "facilitator", "venue", "purpose")

# The session's lists, and which of them each table's rows appear in (by name); the
# exercises' parts (`model.exercises.part`) add theirs in `_readers`.
LISTS = ("organisations", "groups", "participants", "obstacles", "placements", "rows",
         "scores", "actions", "room", "accountability")
READERS_OF_TABLE: dict[str, set[str]] = {
    "sessions": set(),  # the session's own row is read every time
    "organisations": {"organisations", "participants"},
    "stakeholder_groups": {"groups", "participants", "scores", "placements"},
    "participants": {"participants", "placements"},
    "obstacles": {"obstacles"},
    "placements": {"placements"},
    "perception_rows": {"rows", "scores"},
    "scores": {"scores"},
    "actions": {"actions"},
    "accountability": {"accountability"},
    "respondents": {"room"},
    "responses": {"room"},
}


def _parts() -> tuple[Part, ...]:
    """The exercises' parts. Imported when first needed, not with this module: their
    edits are built on the store (`model.edits`), so they import it first."""
    from model.exercises.registry import PARTS
    return PARTS


@functools.cache
def _readers() -> dict[str, set[str]]:
    """READERS_OF_TABLE with each part: its tables' rows, and the shared tables' rows it
    names, appear in it."""
    readers = {table: set(names) for table, names in READERS_OF_TABLE.items()}
    for part in _parts():
        for table in (*part.tables, *part.reads):
            readers.setdefault(table, set()).add(part.name)
    return readers


def new_uid() -> str:
    """A session's uid: 128 random bits, so two laptops never make the same one."""
    return os.urandom(16).hex()


def now_utc() -> str:
    """A change stamp. Microseconds, so that two edits never share one (the backup on
    opening compares stamps to tell whether anything changed)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Store:
    """Every read and write of sessions goes through here, one transaction per edit."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False,
             or_read_only: bool = False) -> Store:
        return cls(open_database(path, read_only=read_only, or_read_only=or_read_only))

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.database.read_only_reason

    def close(self) -> None:
        self.database.close()

    # --- reading -------------------------------------------------------------------

    def list_sessions(self, *, deleted: bool = False) -> list[SessionSummary]:
        """Sessions newest first: by date (undated last), then by last change."""
        rows = self.database.query(
            "SELECT id, title, partnership, date, updated_at, demo, uid, review_of FROM sessions "
            f"WHERE deleted_at IS {'NOT ' if deleted else ''}NULL "
            "ORDER BY date IS NULL, date DESC, updated_at DESC, created_at DESC, rowid DESC"
        )
        return [SessionSummary(r["id"], r["title"], r["partnership"], r["date"],
                               r["updated_at"], bool(r["demo"]), r["uid"], r["review_of"])
                for r in rows]

    def find_uid(self, uid: str | None) -> str | None:
        """The ID of the session (not deleted) whose uid is `uid`, or None."""
        if not uid:
            return None
        rows = self.database.query(
            "SELECT id FROM sessions WHERE uid = ? AND deleted_at IS NULL", (uid,))
        return rows[0]["id"] if rows else None

    def ensure_uid(self, session_id: str) -> str:
        """The session's uid, given to it now if it has none yet (before its re-run is
        made, so the re-run can name it). Not an edit: the change stamp stays."""
        uid = self.session_row(session_id)["uid"]
        if uid:
            return uid
        uid = new_uid()
        with self.database.transaction() as conn:
            conn.execute("UPDATE sessions SET uid = ? WHERE id = ? AND uid IS NULL",
                         (uid, session_id))
        return self.session_row(session_id)["uid"]

    def predecessor(self, session: Session) -> Session | None:
        """The earlier review `session` re-runs, loaded, if it is in this database."""
        earlier = self.find_uid(session.review_of)
        return self.load(earlier) if earlier and earlier != session.id else None

    def exists(self, session_id: str) -> bool:
        return bool(self.database.query(
            "SELECT 1 FROM sessions WHERE id = ? AND deleted_at IS NULL", (session_id,)))

    def find_demo(self) -> str | None:
        rows = self.database.query(
            "SELECT id FROM sessions WHERE demo = 1 AND deleted_at IS NULL "
            "ORDER BY created_at LIMIT 1")
        return rows[0]["id"] if rows else None

    def session_row(self, session_id: str) -> dict:
        rows = self.database.query("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UnknownSession(
                f"there is no session {session_id!r} in {self.path}; "
                "`python main.py list` shows the sessions there."
            )
        return dict(rows[0])

    def rows(self, table: str, session_id: str) -> list[dict]:
        """The session's rows of `table`, in their order."""
        order = "position, id" if table in ORDERED_TABLES else "id"
        return [dict(r) for r in self.database.query(
            f"SELECT * FROM {table} WHERE session_id = ? ORDER BY {order}", (session_id,))]

    def row(self, table: str, row_id: int | str) -> dict | None:
        rows = self.database.query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        return dict(rows[0]) if rows else None

    def load(self, session_id: str) -> Session:
        """The whole session, as dataclasses; raises UnknownSession."""
        return self._read(session_id, None, set(_readers()))

    def refresh(self, session: Session, tables: set[str]) -> Session:
        """`session` read again after edits of `tables`: only the lists those tables
        hold are re-read, the others are reused (a live score re-reads the scores)."""
        assert session.id is not None
        return self._read(session.id, session, tables)

    def _read(self, session_id: str, old: Session | None, tables: set[str]) -> Session:
        s = self.session_row(session_id)
        stale: set[str] = set()
        for table in tables:
            stale |= _readers().get(table, {*LISTS, *(part.name for part in _parts())})

        def fresh(part: str) -> bool:
            return old is None or part in stale

        organisations = [Organisation(r["name"], id=r["id"])
                         for r in self.rows("organisations", session_id)] \
            if fresh("organisations") else old.organisations
        groups = [Group(r["name"], r["colour"], id=r["id"])
                  for r in self.rows("stakeholder_groups", session_id)] \
            if fresh("groups") else old.groups
        rows = [PerceptionRow(r["section"], r["label"], id=r["id"])
                for r in self.rows("perception_rows", session_id)] \
            if fresh("rows") else old.perception.rows
        org_names = {o.id: o.name for o in organisations}
        group_names = {g.id: g.name for g in groups}
        row_labels = {r.id: r.label for r in rows}
        session = Session(
            id=s["id"],
            updated_at=s["updated_at"],
            uid=s["uid"],
            review_of=s["review_of"],
            **{name: s[name] for name in SESSION_FIELDS},
            organisations=organisations,
            groups=groups,
            participants=(participants := [
                Participant(r["name"], org_names.get(r["organisation_id"], ""),
                            group_names.get(r["group_id"], ""), r["tier"],
                            bool(r["present"]), id=r["id"])
                for r in self.rows("participants", session_id)
            ] if fresh("participants") else old.participants),
            key_questions=KeyQuestions(s["in_charge"], s["added_value"]),
            obstacles=[
                Obstacle(r["text"], r["library"], r["factor"], r["rating"], r["votes"],
                         r["notes"], r["action"], bool(r["hidden"]), id=r["id"])
                for r in self.rows("obstacles", session_id)
            ] if fresh("obstacles") else old.obstacles,
            typology=Typology(
                placements=_placements(self.rows("placements", session_id), participants,
                                       group_names)
                if fresh("placements") else old.typology.placements,
                agreed=AgreedPlacement(_cell(s, "now"), _cell(s, "needed"), s["rationale"]),
            ),
            perception=Perception(
                rows=rows,
                scores=[
                    Score(row_labels[r["row_id"]], group_names[r["group_id"]], r["score"],
                          id=r["id"])
                    for r in self.rows("scores", session_id)
                ] if fresh("scores") else old.perception.scores,
                gap_threshold=s["gap_threshold"],
            ),
            actions=[
                Action(r["text"], r["owner"], r["due"], r["status"], r["obstacle_id"],
                       id=r["id"], accountability_id=r["accountability_id"])
                for r in self.rows("actions", session_id)
            ] if fresh("actions") else old.actions,
            room=Room(
                s["anonymity_floor"],
                [Respondent(r["participant_id"], r["group_id"], r["via"], id=r["id"])
                 for r in self.rows("respondents", session_id)],
                [Response(r["respondent_id"], r["exercise"], r["item"], r["value"], id=r["id"])
                 for r in self.rows("responses", session_id)],
            ) if fresh("room") else Room(s["anonymity_floor"], old.room.respondents,
                                         old.room.responses),
            accountability=[
                AccountabilityItem(r["text"], r["library"], r["rating"], r["owner"], r["due"],
                                   r["action"], id=r["id"])
                for r in self.rows("accountability", session_id)
            ] if fresh("accountability") else old.accountability,
            steps=_steps(s["steps"].split()),
        )
        for part in _parts():
            session.parts[part.name] = (
                part.load(lambda table: self.rows(table, session_id), session)
                if fresh(part.name) else old.parts[part.name])
        return session

    # --- whole-session writes ------------------------------------------------------

    def add_session(self, session: Session, *, demo: bool = False) -> str:
        """Store `session` as a new session (one transaction); returns its new ID.

        Its room comes too, referring to the new rows (see `Room` for how a session not
        stored yet refers to them); a respondent comes with no token, so no phone is
        signed in to the new session. An answer to something not in the session (a
        deleted row) is not stored."""
        # os.urandom, not secrets: the same source, without loading OpenSSL (3.6 MiB).
        session_id = os.urandom(6).hex()
        stamp = now_utc()
        db = self.database.db
        with self.database.transaction() as conn:
            # The file's uid is kept, so links to and from it hold on this laptop too;
            # a second copy of one file here is a session of its own, with a new uid.
            uid = session.uid
            if uid and conn.execute("SELECT 1 FROM sessions WHERE uid = ?",
                                    (uid,)).fetchone():
                uid = new_uid()
            db["sessions"].insert({
                "id": session_id,
                "uid": uid,
                "review_of": session.review_of,
                **{name: getattr(session, name) for name in SESSION_FIELDS},
                "in_charge": session.key_questions.in_charge,
                "added_value": session.key_questions.added_value,
                **_agreed_columns(session.typology.agreed),
                "anonymity_floor": session.room.anonymity_floor,
                "steps": " ".join(_steps(session.steps)),
                "gap_threshold": session.perception.gap_threshold,
                "demo": int(demo),
                "created_at": stamp,
                "updated_at": stamp,
            })

            def insert(table: str, rows: list[dict]) -> list[int]:
                return [db[table].insert({"session_id": session_id, **row}).last_pk
                        for row in rows]

            org_ids = dict(zip(
                [o.name for o in session.organisations],
                insert("organisations", [{"position": i, "name": o.name}
                                         for i, o in enumerate(session.organisations)]),
                strict=True))
            group_ids = dict(zip(
                [g.name for g in session.groups],
                insert("stakeholder_groups", [{"position": i, "name": g.name, "colour": g.colour}
                                              for i, g in enumerate(session.groups)]),
                strict=True))
            participant_ids = insert("participants", [
                {"position": i, "name": p.name, "organisation_id": org_ids.get(p.organisation),
                 "group_id": group_ids.get(p.group), "tier": p.tier,
                 "present": int(p.present)}
                for i, p in enumerate(session.participants)])
            obstacle_ids = insert("obstacles", [
                {"position": i, "text": o.text, "library": o.library, "factor": o.factor,
                 "rating": o.rating, "votes": o.votes, "notes": o.notes, "action": o.action,
                 "hidden": int(o.hidden)}
                for i, o in enumerate(session.obstacles)])
            placer = _placers(session, participant_ids, list(group_ids.values()))
            insert("placements", [
                {**placer(p),
                 "horizon": p.horizon, "collaboration": p.collaboration,
                 "function": p.function}
                for p in session.typology.placements])
            row_list = insert("perception_rows",
                              [{"position": i, "section": r.section, "label": r.label}
                               for i, r in enumerate(session.perception.rows)])
            row_ids = dict(zip([r.label for r in session.perception.rows], row_list,
                               strict=True))
            insert("scores", [
                {"row_id": row_ids[s.row], "group_id": group_ids[s.group], "score": s.score}
                for s in session.perception.scores])
            accountability_ids = insert("accountability", [
                {"position": i, "text": x.text, "library": x.library, "rating": x.rating,
                 "owner": x.owner, "due": x.due, "action": x.action}
                for i, x in enumerate(session.accountability)])
            ids = StoredIds(org_ids)
            for part in _parts():
                if part.name in session.parts:
                    part.store(session.parts[part.name], insert, ids)
            links = {a: obstacle_ids[o] for a, o in session.actions_by_text().items()}
            item_links = {a: accountability_ids[x]
                          for a, x in session.accountability_actions_by_text().items()}
            insert("actions", [
                {"position": i, "text": a.text, "owner": a.owner, "due": a.due,
                 "status": a.status, "obstacle_id": links.get(i),
                 "accountability_id": item_links.get(i)}
                for i, a in enumerate(session.actions)])
            room_ids = _RoomIds(session, participant_ids, list(group_ids.values()),
                                   row_list, obstacle_ids)
            respondent_ids = insert("respondents", [
                {"participant_id": room_ids.participant(r.participant_id),
                 "group_id": room_ids.group(r.group_id), "via": r.via,
                 "token_hash": None, "joined_at": stamp}
                for r in session.room.respondents])
            insert("responses", room_ids.responses(respondent_ids))
        self.database.backup_if_due()
        return session_id

    def delete_session(self, session_id: str) -> None:
        """Move a session to the deleted list; `restore_session` brings it back.

        A backup is made first: deleting is the one edit a facilitator may regret
        after the undo history is gone.
        """
        self.session_row(session_id)
        self.database.backup("before-delete")
        self._set_deleted(session_id, now_utc())

    def restore_session(self, session_id: str) -> None:
        self._set_deleted(session_id, None)

    def _set_deleted(self, session_id: str, when: str | None) -> None:
        self.session_row(session_id)
        with self.database.transaction() as conn:
            conn.execute("UPDATE sessions SET deleted_at = ? WHERE id = ?", (when, session_id))

    # --- edits ---------------------------------------------------------------------

    def apply(self, changeset: Changeset) -> None:
        """Apply one edit in one transaction; raises StaleEdit if a row is not as expected."""
        with self.database.transaction() as conn:
            for change in changeset.changes:
                if change.before is None:
                    columns = list(change.after)
                    conn.execute(
                        f"INSERT INTO {change.table} ({', '.join(columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})",
                        [change.after[c] for c in columns])
                    continue
                match = " AND ".join(f"{c} IS ?" for c in change.before)
                params = list(change.before.values())
                if change.after is None:
                    cursor = conn.execute(f"DELETE FROM {change.table} WHERE {match}", params)
                else:
                    assignments = ", ".join(f"{c} = ?" for c in change.after)
                    cursor = conn.execute(
                        f"UPDATE {change.table} SET {assignments} WHERE {match}",
                        list(change.after.values()) + params)
                if cursor.rowcount != 1:
                    raise StaleEdit(
                        f"“{changeset.label}” no longer matches what is stored in "
                        f"{self.path} (it was changed elsewhere); nothing was changed."
                    )
            conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?",
                         (now_utc(), changeset.session_id))
        self.database.backup_if_due()


class _RoomIds:
    """The new ids of what a session's room refers to, as `add_session` stores it."""

    def __init__(self, session: Session, participants: list[int], groups: list[int],
                 rows: list[int], obstacles: list[int]) -> None:
        self.session = session
        refs = session.room_references
        self._participants = {ref: participants[i]
                              for ref, i in refs(session.participants).items()}
        self._groups = {ref: groups[i] for ref, i in refs(session.groups).items()}
        self._rows = {ref: rows[i] for ref, i in refs(session.perception.rows).items()}
        self._obstacles = {ref: obstacles[i] for ref, i in refs(session.obstacles).items()}

    def participant(self, ref: int | None) -> int | None:
        return self._participants.get(ref) if ref is not None else None

    def group(self, ref: int | None) -> int | None:
        return self._groups.get(ref) if ref is not None else None

    def responses(self, respondent_ids: list[int]) -> list[dict]:
        room = self.session.room
        respondents = {ref: respondent_ids[i]
                       for ref, i in self.session.room_references(room.respondents).items()}
        out = []
        for r in room.responses:
            respondent = respondents.get(r.respondent_id)
            item: str | None = r.item
            if r.exercise == "perception":
                item = _new_id(self._rows, r.item)
            elif r.exercise == "obstacles":
                kind, _, ref = r.item.partition(":")
                new = _new_id(self._obstacles, ref)
                item = None if new is None else f"{kind}:{new}"
            if respondent is not None and item is not None:
                out.append({"respondent_id": respondent, "exercise": r.exercise,
                            "item": item, "value": r.value})
        return out


def _new_id(ids: dict[int, int], ref: str) -> str | None:
    """The new id, as an item names it, of what `ref` (an item's id) refers to."""
    if not (ref.isascii() and ref.isdigit() and len(ref) < 19):
        return None
    new = ids.get(int(ref))
    return None if new is None else str(new)


def _placements(rows: list[dict], participants: list[Participant],
                group_names: dict[int, str]) -> list[Placement]:
    """The placements, each labelled by its placer as they are now (see `Placement`)."""
    labels = {p.id: p.name or f"Participant {i + 1}" for i, p in enumerate(participants)}
    return [Placement(labels[r["participant_id"]] if r["participant_id"] is not None
                      else group_names[r["group_id"]] if r["group_id"] is not None
                      else r["by"],
                      r["horizon"], r["collaboration"], r["function"], id=r["id"],
                      participant_id=r["participant_id"], group_id=r["group_id"])
            for r in rows]


def _placers(session: Session, participant_ids: list[int],
             group_ids: list[int]) -> Callable[[Placement], dict]:
    """Who placed a placement, as `add_session` stores it: the new id of its participant
    or group (by id in a stored session, else by its label as a session file names it:
    a participant's label first, then a group's name), or, if it names nobody in the
    session, its label alone (as a stored placement with no placer stays)."""
    stored = session.id is not None
    by_id = {column: {ref: ids[i] for ref, i in session.room_references(entities).items()}
             for column, entities, ids in (
                 ("participant_id", session.participants, participant_ids),
                 ("group_id", session.groups, group_ids))} if stored else {}
    by_label: dict[str, dict] = {}
    for index, group in reversed(list(enumerate(session.groups))):
        by_label[group.name] = {"group_id": group_ids[index]}
    for index in reversed(range(len(session.participants))):  # the first of a label wins
        by_label[session.participant_label(index)] = {"participant_id": participant_ids[index]}

    def columns(placement: Placement) -> dict:
        for column, ids in by_id.items():
            new = ids.get(getattr(placement, column))
            if new is not None:
                return {column: new}
        if stored and placement.participant_id is None and placement.group_id is None:
            return {"by": placement.by}
        return by_label.get(placement.by, {"by": placement.by})

    return columns


def _steps(names: list[str]) -> list[str]:
    """Step names in the window's order (unknown names left out)."""
    from model.exercises.registry import OPTIONAL_STEPS  # see `_parts`
    return [name for name in OPTIONAL_STEPS if name in names]


def _cell(row: dict, horizon: str) -> Cell | None:
    collaboration = row[f"agreed_{horizon}_collaboration"]
    function = row[f"agreed_{horizon}_function"]
    return Cell(collaboration, function) if collaboration and function else None


def _agreed_columns(agreed: AgreedPlacement) -> dict:
    columns: dict = {"rationale": agreed.rationale}
    for horizon, cell in (("now", agreed.now), ("needed", agreed.needed)):
        columns[f"agreed_{horizon}_collaboration"] = cell.collaboration if cell else None
        columns[f"agreed_{horizon}_function"] = cell.function if cell else None
    return columns
