"""Edits of one session, built as changesets from what is stored now.

`SessionEditor` builds; it never writes. The caller applies the changeset with
`Store.apply` (the GUI does so through its undo stack), and undoes it by applying
`changeset.inverse()`. Rules (blank or duplicate names, dates) are checked here and
broken ones raise `EditRefused` before anything is built.

Exercise modules build their own edits on the primitives `update`, `insert`,
`delete` and `move`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from model.changes import Changeset, RowChange
from model.errors import EditRefused
from model.palette import is_colour, next_colour
from model.store.schema import DEPENDANTS, ORDERED_TABLES
from model.text import shortened

if TYPE_CHECKING:
    from model.store.sessions import Store

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UK_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")

# The most one field holds: room for pages of notes, while a stray paste of a whole
# document is refused with a message rather than stored (and printed) in full.
MAX_TEXT = 20_000

ANONYMOUS_LABEL = re.compile(r"^Participant \d+$")

# Session columns a user edits, with the words the undo menu uses for them.
SESSION_COLUMNS = {
    "title": "title", "partnership": "partnership", "date": "date",
    "facilitator": "facilitator", "venue": "venue", "purpose": "purpose",
    "in_charge": "“Who is in charge?” answer", "added_value": "“Added value” answer",
    "agreed_now_collaboration": "agreed placement (now)",
    "agreed_now_function": "agreed placement (now)",
    "agreed_needed_collaboration": "agreed placement (needed)",
    "agreed_needed_function": "agreed placement (needed)",
    "rationale": "rationale",
}

# What each kind of named list is called in messages.
NAMED_LISTS = {
    "organisations": ("name", "partner body"),
    "stakeholder_groups": ("name", "stakeholder group"),
    "perception_rows": ("label", "perception row"),
}


def checked_date(value: str | None, what: str = "date") -> str | None:
    """`value` as an ISO date (YYYY-MM-DD), or None. A day-first date as typed in the
    UK ("14/03/2026", "14.3.2026", "14-03-2026") is taken and written the ISO way;
    anything else is refused."""
    if value is None:
        return None
    value = value.strip()
    day_first = UK_DATE.match(value)
    try:
        if day_first:
            day, _, month, year = day_first.groups()
            return date(int(year), int(month), int(day)).isoformat()
        if not DATE_PATTERN.match(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise EditRefused(f"The {what} “{value}” is not a date: use YYYY-MM-DD or "
                          "DD/MM/YYYY, for example 2026-03-14 or 14/03/2026.") from None
    return value


def check_lengths(values: dict) -> None:
    """Refuse a text longer than MAX_TEXT characters."""
    for value in values.values():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise EditRefused(
                f"That text is {len(value):,} characters long; a field holds at most "
                f"{MAX_TEXT:,}. Shorten it (or keep the long document elsewhere and "
                "note where). It has not been saved.")


class SessionEditor:
    """Builds the changesets that edit one stored session."""

    def __init__(self, store: Store, session_id: str) -> None:
        self.store = store
        self.session_id = session_id

    # --- primitives ----------------------------------------------------------------

    def update(self, table: str, row_id: int | str, label: str,
               merge_key: tuple | None = None, **values: object) -> Changeset:
        """Set columns of one row; an empty changeset if nothing would change."""
        check_lengths(values)
        row = self._row(table, row_id)
        changed = {k: v for k, v in values.items() if row[k] != v}
        if not changed:
            return self._changeset(label)
        return self._changeset(label, [_set(table, row, **changed)], merge_key)

    def clear_partner_body_row(self, table: str, organisation_id: int | None,
                               what: str) -> Changeset:
        """Clear what a partner body has entered in an exercise (its row of `table`
        goes; nothing to do before its first edit). `what`: the undo label's words."""
        row, name = self.partner_body_row(table, organisation_id)
        label = f"Clear {what}, for {name}"
        return self._changeset(label) if row is None else self.delete(table, row["id"], label)

    def update_or_make(self, table: str, row: dict | None, fresh: dict, label: str,
                       merge_key: tuple | None, **values: object) -> Changeset:
        """Set columns of an exercise's row that is made on its first edit: `row` as
        stored, or None before then, when the row is made from `fresh` with `values`
        (nothing at all if they are `fresh`'s own: a mark taken off, a blank typed)."""
        if row is not None:
            return self.update(table, row["id"], label, merge_key, **values)
        if all(fresh.get(key) == value for key, value in values.items()):
            return self._changeset(label)  # nothing to store yet
        return self.insert(table, {**fresh, **values}, label, merge_key=merge_key)

    def insert(self, table: str, values: dict, label: str, index: int | None = None,
               merge_key: tuple | None = None) -> Changeset:
        """Add a row (at `index` of an ordered list, at its end by default). A row made
        by typing its first words takes the typing's `merge_key`, so that the words
        typed after merge with it into one undo step (`Changeset.then`)."""
        check_lengths(values)
        row = {"id": self._next_id(table), "session_id": self.session_id, **values}
        changes: list[RowChange] = []
        if table in ORDERED_TABLES:
            rows = self.store.rows(table, self.session_id)
            index = len(rows) if index is None else max(0, min(index, len(rows)))
            changes += _renumber(table, rows[:index] + [None] + rows[index:])
            row["position"] = index
        changes.append(RowChange(table, None, row))
        return self._changeset(label, changes, merge_key)

    def partner_body_row(self, table: str, organisation_id: int | None
                         ) -> tuple[dict | None, str]:
        """An exercise's row for a partner body (`table` keyed by organisation_id; None
        before its first edit) and the partner body's name, quoted and shortened for an
        undo label. A partner body not in the session (deleted under the view) is
        refused."""
        organisation = self.store.row("organisations", organisation_id) \
            if organisation_id is not None else None
        if organisation is None or organisation["session_id"] != self.session_id:
            raise EditRefused("That partner body no longer exists; the view was out of date.")
        found = self.store.database.query(
            f"SELECT * FROM {table} WHERE organisation_id = ?", (organisation_id,))
        return (dict(found[0]) if found else None,
                f"“{shortened(' '.join(organisation['name'].split()), 40)}”")

    def delete(self, table: str, row_id: int | str, label: str) -> Changeset:
        """Remove a row, with the rows that depend on it (restored together on undo)."""
        return self._changeset(label, self._delete_changes(table, row_id))

    def move(self, table: str, row_id: int, index: int, label: str) -> Changeset:
        """Move a row of an ordered list to `index`."""
        rows = self.store.rows(table, self.session_id)
        moving = next(r for r in rows if r["id"] == row_id)
        rest = [r for r in rows if r["id"] != row_id]
        index = max(0, min(index, len(rest)))
        return self._changeset(label, _renumber(table, rest[:index] + [moving] + rest[index:]))

    # --- session details -----------------------------------------------------------

    def set_detail(self, column: str, value: str | None) -> Changeset:
        """Set one of the session's own fields (title, date, purpose, answers...)."""
        if column not in SESSION_COLUMNS:
            raise ValueError(f"not an editable session field: {column}")
        if column == "title" and not (value or "").strip():
            raise EditRefused("A session needs a title: it names the session in the "
                              "list and on the PDF.")
        if column == "date":
            value = checked_date(value or None)
        return self.update("sessions", self.session_id, f"Edit {SESSION_COLUMNS[column]}",
                           merge_key=("sessions", self.session_id, column), **{column: value})

    # --- named lists: partner bodies, stakeholder groups ---------------------------

    def add_named(self, table: str, name: str | None = None, index: int | None = None,
                  **values: object) -> Changeset:
        column, noun = NAMED_LISTS[table]
        if name is None:
            name = self._unused_name(table, f"New {noun}")
        self._check_name(table, name)
        if table == "stakeholder_groups" and values.get("colour") is None:
            values["colour"] = next_colour(
                [r["colour"] for r in self.store.rows(table, self.session_id)])
        changeset = self.insert(table, {column: name, **values}, f"Add {noun} “{name}”",
                                index)
        if table != "stakeholder_groups":
            return changeset
        new_id = changeset.changes[-1].after["id"]
        return self._changeset(changeset.label, list(changeset.changes) +
                               self._adopt_placements({name: ("group_id", new_id)}))

    def rename(self, table: str, row_id: int, name: str) -> Changeset:
        """Rename a partner body, group or perception row. A group's placements are its
        by id; placements naming a partner body (from a session file) follow by name."""
        column, noun = NAMED_LISTS[table]
        row = self._row(table, row_id)
        old = row[column]
        if name == old:
            return self._changeset("")
        self._check_name(table, name, exclude_id=row_id)
        changes = [_set(table, row, **{column: name})]
        if table == "organisations":
            changes += self._relabel_placements({old: name})
        elif table == "stakeholder_groups":
            changes += self._adopt_placements({name: ("group_id", row_id)})
        return self._changeset(f"Rename {noun} “{old}” to “{name}”", changes)

    def remove_named(self, table: str, row_id: int) -> Changeset:
        column, noun = NAMED_LISTS[table]
        name = self._row(table, row_id)[column]
        changes = self._delete_changes(table, row_id)  # a group's placements with it
        if table == "organisations":
            changes = [RowChange("placements", p, None)
                       for p in self.store.rows("placements", self.session_id)
                       if p["by"] == name] + changes
        return self._changeset(f"Remove {noun} “{name}”", changes)

    def set_group_colour(self, group_id: int, colour: str) -> Changeset:
        if not is_colour(colour):
            raise EditRefused(f"“{colour}” is not a colour: use #rrggbb.")
        name = self._row("stakeholder_groups", group_id)["name"]
        return self.update("stakeholder_groups", group_id, f"Change colour of “{name}”",
                           colour=colour.lower())

    # --- participants --------------------------------------------------------------

    def add_participant(self, index: int | None = None, **values: object) -> Changeset:
        values = {"name": "", "organisation_id": None, "group_id": None, "tier": None,
                  "present": 1, **values}
        self._check_participant(values, None)
        return self._with_participant_labels(
            self.insert("participants", values, "Add participant", index))

    def update_participant(self, participant_id: int, **values: object) -> Changeset:
        """Change a participant's name, organisation_id, group_id, tier or present."""
        self._check_participant(values, participant_id)
        if "present" in values:
            values["present"] = int(bool(values["present"]))
        return self._with_participant_labels(
            self.update("participants", participant_id, "Edit participant",
                        merge_key=("participants", participant_id, tuple(values)), **values))

    def remove_participant(self, participant_id: int) -> Changeset:
        labels = self._participant_labels()
        label = labels[participant_id]
        # Their placements go with them (DEPENDANTS), and come back on undo.
        return self._with_participant_labels(
            self.delete("participants", participant_id, f"Remove participant “{label}”"))

    def move_participant(self, participant_id: int, index: int) -> Changeset:
        return self._with_participant_labels(
            self.move("participants", participant_id, index, "Move participant"))

    # --- internals -----------------------------------------------------------------

    def _changeset(self, label: str, changes: list[RowChange] | tuple = (),
                   merge_key: tuple | None = None) -> Changeset:
        return Changeset(self.session_id, label, tuple(changes), merge_key)

    def _row(self, table: str, row_id: int | str) -> dict:
        row = self.store.row(table, row_id)
        if row is None or (table != "sessions" and row["session_id"] != self.session_id):
            raise EditRefused("That item no longer exists; the view was out of date.")
        return row

    def _next_id(self, table: str) -> int:
        rows = self.store.database.query(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
        return (rows[0]["seq"] if rows else 0) + 1

    def _delete_changes(self, table: str, row_id: int | str) -> list[RowChange]:
        row = self._row(table, row_id)
        changes: list[RowChange] = []
        for child_table, column, action in DEPENDANTS.get(table, []):
            for child in self.store.database.query(
                    f"SELECT * FROM {child_table} WHERE {column} = ?", (row_id,)):
                child = dict(child)
                if action == "cascade":
                    changes += self._delete_changes(child_table, child["id"])
                else:
                    changes.append(_set(child_table, child, **{column: None}))
        changes.append(RowChange(table, row, None))
        return changes

    def _unused_name(self, table: str, base: str) -> str:
        column = NAMED_LISTS[table][0]
        taken = {r[column] for r in self.store.rows(table, self.session_id)}
        name, n = base, 2
        while name in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def _check_name(self, table: str, name: str, exclude_id: int | None = None) -> None:
        column, noun = NAMED_LISTS[table]
        if not name.strip():
            raise EditRefused(f"A {noun} needs a name.")
        for r in self.store.rows(table, self.session_id):
            if r[column] == name and r["id"] != exclude_id:
                raise EditRefused(f"There is already a {noun} called “{name}”: "
                                  "give this one a different name.")

    def _check_participant(self, values: dict, participant_id: int | None) -> None:
        name = values.get("name")
        if name:
            # Placements are stored by id, but named by label in session files and on
            # the PDF: two people of one name, or a name that is an unnamed
            # participant's label, could not be told apart there.
            if ANONYMOUS_LABEL.match(name):
                raise EditRefused(f"“{name}” is how an unnamed participant is shown: "
                                  "give this one another name, or leave it blank.")
            if any(r["name"] == name and r["id"] != participant_id
                   for r in self.store.rows("participants", self.session_id)):
                raise EditRefused(f"There is already a participant called “{name}”: add "
                                  "something to tell them apart (an initial, a role).")
        if values.get("tier") not in (None, 1, 2, 3):
            raise EditRefused("A seniority tier is 1, 2, 3 or not recorded.")
        for column, table in (("organisation_id", "organisations"),
                              ("group_id", "stakeholder_groups")):
            if values.get(column) is not None:
                self._row(table, values[column])

    def _participant_labels(self, rows: list[dict] | None = None) -> dict[int, str]:
        rows = self.store.rows("participants", self.session_id) if rows is None else rows
        return {r["id"]: r["name"] or f"Participant {i + 1}" for i, r in enumerate(rows)}

    def _with_participant_labels(self, changeset: Changeset) -> Changeset:
        """Add to a participant edit the placement changes for a shown label that changes
        (added, renamed, or renumbered): placements are the participant's by id and
        need none, but one naming nobody, by that label, becomes theirs."""
        if not changeset:
            return changeset
        rows = self.store.rows("participants", self.session_id)
        before = self._participant_labels(rows)
        after_rows = {r["id"]: r for r in rows}
        for change in changeset.changes:
            if change.table == "participants":
                if change.after is None:
                    after_rows.pop(change.before["id"], None)
                else:
                    row_id = change.after["id"]
                    after_rows[row_id] = {**after_rows.get(row_id, {}), **change.after}
        ordered = sorted(after_rows.values(), key=lambda r: (r["position"], r["id"]))
        after = self._participant_labels(ordered)
        new_labels = {after[i]: ("participant_id", i) for i in after
                      if before.get(i) != after[i]}
        return self._changeset(changeset.label,
                               list(changeset.changes) + self._adopt_placements(new_labels),
                               changeset.merge_key)

    def _adopt_placements(self, placers: dict[str, tuple[str, int]]) -> list[RowChange]:
        """A placement that names nobody (a session file's `by` the session did not list)
        becomes the placer's who is now shown by that label ({label: (column, id)}), as
        it would have been had they been there on import; so a session file never names
        two placements by one label for one horizon. If the placer already placed for
        that horizon, theirs is kept and the nameless one goes (undo restores it)."""
        rows = self.store.rows("placements", self.session_id)
        orphans = [p for p in rows if p["by"] is not None and p["by"] in placers]
        # A group's placement shown by the label a participant now has becomes theirs
        # too (participants place when a session has any): a file names both by it.
        groups = {g["id"]: g["name"] for g in self.store.rows("stakeholder_groups",
                                                              self.session_id)}
        orphans += [{**p, "by": groups[p["group_id"]]} for p in rows
                    if p["group_id"] is not None and groups.get(p["group_id"]) in placers
                    and placers[groups[p["group_id"]]][0] == "participant_id"]
        if not orphans:
            return []
        taken = {(column, p[column], p["horizon"]) for p in rows
                 for column in ("participant_id", "group_id") if p[column] is not None}
        changes = []
        for p in orphans:
            column, placer_id = placers[p["by"]]
            stored = next(row for row in rows if row["id"] == p["id"])
            if (column, placer_id, p["horizon"]) in taken:
                changes.append(RowChange("placements", stored, None))
            else:
                taken.add((column, placer_id, p["horizon"]))
                placer = {"by": None, "participant_id": None, "group_id": None,
                          column: placer_id}
                changes.append(_set("placements", stored, **placer))
        return changes

    def _relabel_placements(self, renames: dict[str, str]) -> list[RowChange]:
        """Placements naming a renamed partner body follow it (a session file may name
        one as a placer). Two passes through a temporary name, so that swapping two
        labels never collides on (by, horizon)."""
        if not renames:
            return []
        moving = [p for p in self.store.rows("placements", self.session_id)
                  if p["by"] is not None and p["by"] in renames]
        parked = [{**p, "by": f"\x00moving {p['id']}"} for p in moving]
        return [_set("placements", p, by=q["by"]) for p, q in zip(moving, parked, strict=True)] + \
               [_set("placements", q, by=renames[p["by"]])
                for p, q in zip(moving, parked, strict=True)]


def _set(table: str, row: dict, **values: object) -> RowChange:
    """An update of some columns of `row`. Only those columns (and the id) are recorded,
    so an undo checks and restores just what this edit changed."""
    return RowChange(table, {"id": row["id"], **{k: row[k] for k in values}},
                     {"id": row["id"], **values})


def _renumber(table: str, rows: list[dict | None]) -> list[RowChange]:
    """Position changes that put `rows` in this order (None marks a slot being filled)."""
    return [_set(table, row, position=position) for position, row in enumerate(rows)
            if row is not None and row["position"] != position]
