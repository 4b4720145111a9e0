"""A partnership's reviews: a session re-run from another is linked to it (`review_of`
names the earlier one's `uid`), and the links chain the reviews of one partnership
across the years."""

from __future__ import annotations

from dataclasses import dataclass

from model.session import Session, SessionSummary
from model.starting_points import copy_for_rerun
from model.store import Store


@dataclass(frozen=True)
class ReviewGroup:
    """Sessions linked by re-runs, newest first; `partnership` names them (the newest
    one's partnership, else its title). A session linked to no other is a group of one."""

    partnership: str
    sessions: list[SessionSummary]

    @property
    def linked(self) -> bool:
        return len(self.sessions) > 1


def rerun(store: Store, session_id: str) -> str:
    """Store the copy of a session for its next review, linked to it; returns its ID."""
    store.ensure_uid(session_id)
    return store.add_session(copy_for_rerun(store.load(session_id)))


def review_groups(sessions: list[SessionSummary]) -> list[ReviewGroup]:
    """`sessions` (newest first) gathered by their chains of links, each group where its
    newest session is, its sessions in their order. Links to sessions not in the list
    (deleted, or on another laptop) join nothing."""
    index = {s.id: i for i, s in enumerate(sessions)}
    by_uid = {s.uid: s.id for s in sessions if s.uid}
    parent = {s.id: s.id for s in sessions}

    def root(session_id: str) -> str:
        while parent[session_id] != session_id:
            parent[session_id] = parent[parent[session_id]]
            session_id = parent[session_id]
        return session_id

    for s in sessions:
        earlier = by_uid.get(s.review_of) if s.review_of else None
        if earlier is not None:
            a, b = root(s.id), root(earlier)
            if a != b:  # the newer-listed one stays the root, so groups keep list order
                parent[max(a, b, key=index.__getitem__)] = min(a, b, key=index.__getitem__)
    members: dict[str, list[SessionSummary]] = {}
    for s in sessions:
        members.setdefault(root(s.id), []).append(s)
    return [ReviewGroup(group[0].partnership or group[0].title, group)
            for group in members.values()]


def reviews_of(store: Store, session: Session) -> list[SessionSummary]:
    """Every review in `session`'s chain (itself included), newest first."""
    for group in review_groups(store.list_sessions()):
        if any(s.id == session.id for s in group.sessions):
            return group.sessions
    return []
