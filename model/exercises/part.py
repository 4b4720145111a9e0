"""What an exercise with tables of its own gives the core: its `Part`.

The three first exercises (obstacles, typology, perception) are fields of `Session` and
of the version 1 session file, which is a public contract. Every later exercise keeps
its data in `Session.parts[name]`, and its package says once, in its `PART`, how that
data is read from its tables, stored whole, read from and written to a session file
(version 2, under `session.<name>`) and written as CSV (`<name>.csv`). The store, the
session file and the CSV export ask the registry (`model.exercises.registry.PARTS`), so
a new exercise is its package, one migration and one line there; nothing else in the
core names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from model.session import Session

# A CSV cell as `model.csv_export.cell` writes it.
Value = str | int | None
# `rows(table)`: the session's rows of one of the part's tables, in stored order.
Rows = Callable[[str], list[dict]]
# `insert(table, rows)`: store rows for the session (its id is added); their new ids.
Insert = Callable[[str, list[dict]], list[int]]


T = TypeVar("T")


def rows_by_partner_body(rows: list[dict], session: Session) -> list[tuple[str, dict]]:
    """A part's rows keyed by `organisation_id`, as (partner body's name, row), in the
    partner bodies' order (a part's `load`)."""
    by_id = {r["organisation_id"]: r for r in rows}
    return [(o.name, by_id[o.id]) for o in session.organisations if o.id in by_id]


def per_partner_body(stored: list[T], session: Session, blank: Callable[[str], T]) -> list[T]:
    """One of a part's rows per partner body, in Set-up's order: as stored (by its
    `organisation` name), or `blank(name)` for one with nothing entered yet."""
    by_name = {x.organisation: x for x in stored}  # type: ignore[attr-defined]
    return [by_name.get(o.name) or blank(o.name) for o in session.organisations]


@dataclass(frozen=True)
class StoredIds:
    """The ids a session's shared rows got when it was stored whole, for a part whose
    rows refer to them (by the names the session and its file use). Only partner bodies
    so far: add what a new part refers to."""

    organisations: dict[str, int]


class Part(Protocol):
    """One exercise's data beyond the session's own fields (see the module's text)."""

    name: str  # its step's name: the key in `Session.parts` and in the session file
    title: str  # as Set-up's step checkboxes and undo labels say it
    tables: tuple[str, ...]  # its own tables
    reads: tuple[str, ...]  # shared tables its data names rows of (e.g. "organisations")
    csv_columns: tuple[str, ...]  # its CSV file's columns after the observation's

    def empty(self) -> Any:
        """Its data in a session that has none yet."""

    def load(self, rows: Rows, session: Session) -> Any:
        """Its data from its tables; `session` has the shared lists already loaded."""

    def store(self, data: Any, insert: Insert, ids: StoredIds) -> None:
        """Store `data` whole, for a session being added (imported, duplicated)."""

    def from_file(self, s: dict, session: Session) -> Any:
        """Its data from a version 2 file's `session` object (checked with
        `model.file_checks`, refused by path); `session` has the shared lists."""

    def to_file(self, data: Any) -> Any:
        """What the file's `session.<name>` holds, or None to leave it out (nothing
        entered yet: a file without it reads back the same)."""

    def csv_rows(self, session: Session) -> list[list[Value]]:
        """Its CSV rows after the session's cells: group, participant, item, measure,
        value, then `csv_columns`."""

    def findings(self, session: Session) -> tuple[str, list[str]] | None:
        """Its key findings for the Summary and the PDF's cover (heading, sentences),
        or None when it adds none."""

    def since(self, before: Session, after: Session) -> list[str]:
        """What moved from an earlier review to a later one, in sentences for Compare
        and the PDF's "Since the last review" (empty: nothing to say)."""
