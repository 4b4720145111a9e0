"""The "sharing" acid test (Bovaird 2009): "The acid test of a partnership is how much
sharing there is". For each partner body the board marks what it shares, yes or no, of
the five things the slides name (services, expertise, knowledge, resources, risk: the
seed's words; the yes/no marking is the app's own), and answers two questions of the
app's own: why not, and what would change it.

A partner body's row is stored only once the board first edits it (in the same
changeset, so undoing that edit leaves the session as it was); until then `rows()`
gives it unmarked. Rows are keyed by the organisation's id, so renaming a partner body
keeps its row and deleting it deletes the row (and undo restores both).
"""

from __future__ import annotations

from dataclasses import dataclass

from model import file_checks as check
from model import frameworks
from model.changes import Changeset
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises.part import (
    Insert,
    Rows,
    StoredIds,
    Value,
    per_partner_body,
    rows_by_partner_body,
)
from model.session import Session
from model.text import joined

# What a partner body may share: the seed's words.
SHARES: tuple[str, ...] = ("services", "expertise", "knowledge", "resources", "risk")
TEXTS: tuple[str, ...] = ("why_not", "would_change")


@dataclass
class Sharing:
    """What one partner body shares: a yes/no mark for each of SHARES (the marking is
    the app's own), why not, and what would change it (the two questions are the app's
    own wording). `organisation` is the partner body's name."""

    organisation: str
    services: bool = False
    expertise: bool = False
    knowledge: bool = False
    resources: bool = False
    risk: bool = False
    why_not: str = ""
    would_change: str = ""
    id: int | None = None

    def shares(self) -> list[str]:
        return [name for name in SHARES if getattr(self, name)]


# --- reading (pure) ---------------------------------------------------------------------

def stored(session: Session) -> list[Sharing]:
    """The rows the board has marked, in the partner bodies' order (`Session.parts`)."""
    return session.parts.get(PART.name) or []


def rows(session: Session) -> list[Sharing]:
    """One row per partner body, in Set-up's order: as stored, or unmarked."""
    return per_partner_body(stored(session), session, Sharing)


def share_label(name: str) -> str:
    """"services", "expertise", ... as the page and the PDF head their columns."""
    return frameworks.sharing_label(name)


def count(row: Sharing) -> int:
    return len(row.shares())


# --- edits ------------------------------------------------------------------------------

def toggle(editor: SessionEditor, organisation_id: int, share: str) -> Changeset:
    """Mark `share` (one of SHARES) yes if it was no, no if it was yes."""
    if share not in SHARES:
        raise EditRefused(f"A partner body shares {', '.join(SHARES)}, not {share!r}.")
    row, name = editor.partner_body_row("sharing", organisation_id)
    on = not bool(row[share]) if row else True
    label = f"Mark {name} {'shares' if on else 'does not share'} {share_label(share)}"
    return _edit(editor, organisation_id, row, label, None, **{share: int(on)})


def clear(editor: SessionEditor, organisation_id: int) -> Changeset:
    """Back to unmarked: no marks, no answers (undo brings them back)."""
    return editor.clear_partner_body_row("sharing", organisation_id, "what it shares")


def set_why_not(editor: SessionEditor, organisation_id: int, text: str) -> Changeset:
    """Why the partner body does not share more; typing on merges into one undo step."""
    row, name = editor.partner_body_row("sharing", organisation_id)
    return _edit(editor, organisation_id, row, f"Edit why not, for {name}",
                 ("sharing", organisation_id, "why_not"), why_not=text)


def set_would_change(editor: SessionEditor, organisation_id: int, text: str) -> Changeset:
    """What would change it; typing on merges into one undo step."""
    row, name = editor.partner_body_row("sharing", organisation_id)
    return _edit(editor, organisation_id, row, f"Edit what would change it, for {name}",
                 ("sharing", organisation_id, "would_change"), would_change=text)


# --- internals ------------------------------------------------------------------------

def _edit(editor: SessionEditor, organisation_id: int, row: dict | None, label: str,
          merge_key: tuple | None, **values: object) -> Changeset:
    fresh = {"organisation_id": organisation_id, **{name: 0 for name in SHARES},
             "why_not": "", "would_change": ""}
    return editor.update_or_make("sharing", row, fresh, label, merge_key, **values)


# --- its part of the session: tables, file, CSV -----------------------------------------

class SharingPart:
    """The sharing rows in the store (table `sharing`, by organisation id), in session
    file version 2 (`session.sharing`, by partner body name) and in `sharing.csv`."""

    name = "sharing"
    title = "Sharing acid test"
    tables = ("sharing",)
    reads = ("organisations",)
    csv_columns = ("organisation_number",)
    max_items = 500  # one per partner body at most

    def empty(self) -> list[Sharing]:
        return []

    def load(self, rows: Rows, session: Session) -> list[Sharing]:
        return [Sharing(name, **{share: bool(r[share]) for share in SHARES},
                        **{text: r[text] for text in TEXTS}, id=r["id"])
                for name, r in rows_by_partner_body(rows("sharing"), session)]

    def store(self, data: list[Sharing], insert: Insert, ids: StoredIds) -> None:
        insert("sharing", [{"organisation_id": ids.organisations[x.organisation],
                            **{name: int(getattr(x, name)) for name in SHARES},
                            **{name: getattr(x, name) for name in TEXTS}}
                           for x in data])

    def from_file(self, s: dict, session: Session) -> list[Sharing]:
        """One row per partner body named in `session.organisations`, in their order
        (missing: none marked yet)."""
        marked = check.partner_body_items(s, "sharing", "session", self.max_items,
                                          [o.name for o in session.organisations])
        return [Sharing(name, **{share: check.flag(item, share, path) for share in SHARES},
                        **{text: check.string(item, text, path) for text in TEXTS})
                for path, item, name in marked]

    def to_file(self, data: list[Sharing]) -> list[dict] | None:
        return [{"organisation": x.organisation, **{share: getattr(x, share) for share in SHARES},
                 **{text: getattr(x, text) for text in TEXTS}}
                for x in data] or None

    def csv_rows(self, session: Session) -> list[list[Value]]:
        """Every partner body (unmarked ones too) × what it shares (1 yes, 0 no), why
        not and what would change it; `item` is the partner body."""
        out: list[list[Value]] = []
        for number, x in enumerate(rows(session), 1):
            measures: list[tuple[str, Value]] = [(share, int(getattr(x, share)))
                                                 for share in SHARES]
            measures += [(text, getattr(x, text)) for text in TEXTS]
            out += [["", "", x.organisation, measure, value, number]
                    for measure, value in measures]
        return out

    def findings(self, session: Session) -> tuple[str, list[str]] | None:
        """How many of the partner bodies the board marked share each thing, which share
        nothing, and which it has not marked yet (not marked is not "shares nothing")."""
        if not session.organisations:
            return None
        marked = stored(session)
        if not marked:
            return "Sharing", ["No partner body's sharing was marked."]
        counts = ", ".join(f"{sum(1 for x in marked if getattr(x, n))} {share_label(n)}"
                           for n in SHARES)
        bodies = "partner body" if len(marked) == 1 else "partner bodies"
        found = [f"Of {len(marked)} {bodies} marked, how many share: {counts}."]
        nothing = [x.organisation for x in marked if not x.shares()]
        if nothing:
            found.append(f"Sharing nothing: {joined(nothing, quoted=True)}.")
        unmarked = [o.name for o in session.organisations
                    if o.name not in {x.organisation for x in marked}]
        if unmarked:
            found.append(f"Not marked yet: {joined(unmarked, quoted=True)}.")
        return "Sharing", found

    def since(self, before: Session, after: Session) -> list[str]:
        """Per partner body the board marked in both reviews (by its exact name): what
        it shares now and did not then, and what it no longer shares."""
        then = {x.organisation: set(x.shares()) for x in stored(before)}
        out = []
        for x in stored(after):
            if x.organisation not in then:
                continue
            now = set(x.shares())
            gained = [share_label(n) for n in SHARES if n in now - then[x.organisation]]
            lost = [share_label(n) for n in SHARES if n in then[x.organisation] - now]
            words = ([f"shares {joined(gained)} now, not then"] if gained else []) + (
                [f"no longer shares {joined(lost)}"] if lost else [])
            if words:
                out.append(f"“{x.organisation}” " + "; ".join(words) + ".")
        return out


PART = SharingPart()
