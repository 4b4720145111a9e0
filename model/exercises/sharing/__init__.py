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

from model import frameworks
from model.changes import Changeset
from model.edits import SessionEditor, check_lengths
from model.errors import EditRefused
from model.session import SHARES, Session, Sharing
from model.text import shortened

# --- reading (pure) ---------------------------------------------------------------------


def rows(session: Session) -> list[Sharing]:
    """One row per partner body, in Set-up's order: as stored, or unmarked."""
    stored = {x.organisation: x for x in session.sharing}
    return [stored.get(o.name) or Sharing(o.name) for o in session.organisations]


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
    row, name = _row(editor, organisation_id)
    on = not bool(row[share]) if row else True
    label = f"Mark {name} {'shares' if on else 'does not share'} {share_label(share)}"
    return _edit(editor, organisation_id, row, label, None, **{share: int(on)})


def set_why_not(editor: SessionEditor, organisation_id: int, text: str) -> Changeset:
    """Why the partner body does not share more; typing on merges into one undo step."""
    row, name = _row(editor, organisation_id)
    return _edit(editor, organisation_id, row, f"Edit why not, for {name}",
                 ("sharing", organisation_id, "why_not"), why_not=text)


def set_would_change(editor: SessionEditor, organisation_id: int, text: str) -> Changeset:
    """What would change it; typing on merges into one undo step."""
    row, name = _row(editor, organisation_id)
    return _edit(editor, organisation_id, row, f"Edit what would change it, for {name}",
                 ("sharing", organisation_id, "would_change"), would_change=text)


# --- internals ------------------------------------------------------------------------

def _row(editor: SessionEditor, organisation_id: int) -> tuple[dict | None, str]:
    """The partner body's stored sharing row (None before its first edit) and its name."""
    organisation = editor.store.row("organisations", organisation_id)
    if organisation is None or organisation["session_id"] != editor.session_id:
        raise EditRefused("That partner body no longer exists; the view was out of date.")
    found = editor.store.database.query(
        "SELECT * FROM sharing WHERE organisation_id = ?", (organisation_id,))
    return (dict(found[0]) if found else None,
            f"“{shortened(' '.join(organisation['name'].split()), 40)}”")


def _edit(editor: SessionEditor, organisation_id: int, row: dict | None, label: str,
          merge_key: tuple | None, **values: object) -> Changeset:
    check_lengths(values)
    if row is not None:
        return editor.update("sharing", row["id"], label, merge_key, **values)
    if all(not v for v in values.values()):
        return Changeset(editor.session_id, label, ())  # nothing to store yet
    fresh = {"organisation_id": organisation_id, **{name: 0 for name in SHARES},
             "why_not": "", "would_change": ""}
    return editor.insert("sharing", {**fresh, **values}, label)
