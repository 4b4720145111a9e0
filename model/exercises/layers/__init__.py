"""The three-layer framework (Audit Commission 2009, "Working better together"):
partnerships should work at a strategic level (oversight, vision, and direction-setting),
an executive level (resource allocation and performance management) and an operational
level (service management and delivery): the seed's words. For this partnership the
board names the body or group at each layer, marks a layer missing (no body does this)
or duplicated (more than one body does it, or two overlap), and writes a note: the
naming, the marks and the note are the app's own.

And the representation on the strategic decision-making group (Matrix 2004): for each
partner body, who holds its seat there: a first-tier leader, a second-tier leader
(the briefing's "first- or second-tier leaders"), someone else, or no one ("not
represented"); or not recorded. A partner body not represented there by a first- or
second-tier leader is the briefing's warning sign (`frameworks.why_tiers_matter()`),
and the part's `findings` say which.

A layer's row is stored only once the board first edits it, and a seat's once it is
recorded (in the same changeset, so undoing that edit leaves the session as it was);
"not recorded" is no row. Seats are keyed by the organisation's id, so renaming a
partner body keeps its seat and deleting it deletes the seat (and undo restores both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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
from model.text import joined, shortened

# The three layers, in the seed's order and words.
LAYERS: tuple[str, ...] = ("strategic", "executive", "operational")
# The board's marks of a layer: the app's own.
MARKS: tuple[str, ...] = ("missing", "duplicated")
# Who holds a partner body's seat on the strategic group: a first- or second-tier
# leader (the briefing's words), someone else or no one (the app's own).
SEATS: tuple[str, ...] = ("first-tier", "second-tier", "other", "none")
LEADER_SEATS: tuple[str, ...] = ("first-tier", "second-tier")
TEXTS: tuple[str, ...] = ("body", "note")
MAX_SEATS = 500  # one per partner body at most
# (fill, ink) of a mark and of a seat, as the page and the PDF draw them: a gap stands out.
MARK_COLOURS = {"missing": ("#b71c1c", "#ffffff"), "duplicated": ("#f28c28", "#1a1a1a")}
SEAT_COLOURS = {"first-tier": ("#2e7d32", "#ffffff"), "second-tier": ("#2e7d32", "#ffffff"),
                "other": ("#f28c28", "#1a1a1a"), "none": ("#b71c1c", "#ffffff")}


@dataclass
class Layer:
    """One layer for this partnership: the body or group that works there (free text,
    several may be named), the board's mark (None, "missing" or "duplicated") and a
    note on what to do about it."""

    layer: str
    body: str = ""
    mark: str | None = None
    note: str = ""
    id: int | None = None

    def entered(self) -> bool:
        return bool(self.body or self.note or self.mark)


@dataclass
class Seat:
    """Who holds a partner body's seat on the strategic group: one of SEATS, or None
    (not recorded). `organisation` is the partner body's name."""

    organisation: str
    seat: str | None = None
    id: int | None = None

    @property
    def leader(self) -> bool:
        return self.seat in LEADER_SEATS


@dataclass
class Layers:
    """The part's data as stored: the layers the board has edited (in LAYERS order) and
    the seats recorded (in the partner bodies' order)."""

    layers: list[Layer] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)


# --- reading (pure) ---------------------------------------------------------------------

def stored(session: Session) -> Layers:
    """What the board has entered (`Session.parts`)."""
    return session.parts.get(PART.name) or Layers()


def layers(session: Session) -> list[Layer]:
    """The three layers, in order: as stored, or blank."""
    edited = {x.layer: x for x in stored(session).layers}
    return [edited.get(name) or Layer(name) for name in LAYERS]


def layer(session: Session, name: str) -> Layer:
    return next(x for x in layers(session) if x.layer == name)


def seats(session: Session) -> list[Seat]:
    """One seat per partner body, in Set-up's order: as recorded, or not recorded."""
    return per_partner_body(stored(session).seats, session, Seat)


def strategic_group(session: Session) -> str:
    """The body or group named at the strategic layer, on one line ("" if none)."""
    return one_line(layer(session, "strategic").body)


def without_leader(session: Session) -> list[Seat]:
    """Partner bodies whose seat is recorded as held by someone else, or by no one."""
    return [s for s in seats(session) if s.seat is not None and not s.leader]


def one_line(value: str) -> str:
    """`value` with its runs of white space (line breaks too) as single spaces."""
    return " ".join(value.split())


def layer_label(name: str) -> str:
    """"strategic", "executive" or "operational": the seed's words."""
    return next(t.label for t in frameworks.layer_terms() if t.key == name)


def layer_does(name: str) -> str:
    """What the layer does, in the seed's words."""
    return next(t.definition for t in frameworks.layer_terms() if t.key == name)


def mark_label(mark: str | None) -> str:
    """"missing", "duplicated" or "" (the app's own marks)."""
    return frameworks.layer_mark_label(mark)


def seat_label(seat: str | None) -> str:
    """"first-tier leader", ..., "not represented" or "not recorded"."""
    return frameworks.seat_label(seat)


# --- findings ---------------------------------------------------------------------------

FINDING_BODY = 120  # characters of a body's name in a finding (the section has it whole)


def finding_texts(session: Session) -> list[str]:
    """What the board found, as sentences: the layers marked missing, those marked
    duplicated (with the bodies named there), then the partner bodies not represented
    on the strategic group by a first- or second-tier leader, and those not recorded."""
    shown = layers(session)
    texts: list[str] = []
    missing = [x for x in shown if x.mark == "missing"]
    if missing:
        texts.append(f"Missing: {_layer_phrase(missing)}.")
    duplicated = [x for x in shown if x.mark == "duplicated"]
    if duplicated:
        texts.append("Duplicated: " + joined([
            f"the {layer_label(x.layer)} layer"
            + (f" ({shortened(one_line(x.body), FINDING_BODY)})" if one_line(x.body) else "")
            for x in duplicated]) + ".")
    if not missing and not duplicated:
        texts.append("No layer was marked missing or duplicated." if any(
            x.entered() for x in shown) else "No layer was named or marked.")
    texts += seat_texts(session)
    return texts


def seat_texts(session: Session) -> list[str]:
    """The representation on the strategic group, in sentences (see `finding_texts`)."""
    every = seats(session)
    if not every:
        return ["No partner bodies were recorded, so the strategic group's "
                "representation cannot be assessed."]
    group = strategic_group(session)
    on = f"On the strategic group ({shortened(group, FINDING_BODY)})" if group \
        else "On the strategic group"
    texts = []
    weak = without_leader(session)
    if weak:
        texts.append(f"{on}, not represented by a first- or second-tier leader: "
                     + ", ".join(f"“{s.organisation}” ({seat_label(s.seat)})" for s in weak)
                     + ".")
    unrecorded = [s.organisation for s in every if s.seat is None]
    if len(unrecorded) == len(every):
        texts.append("No partner body's seat on the strategic group was recorded.")
    elif unrecorded:
        texts.append("Seat on the strategic group not recorded for: "
                     + joined(unrecorded, quoted=True) + ".")
    elif not weak:
        texts.append(f"{on}, every partner body has a first- or second-tier leader.")
    return texts


def _layer_phrase(found: list[Layer]) -> str:
    names = [layer_label(x.layer) for x in found]
    if len(names) == 1:
        return f"the {names[0]} layer"
    return f"the {joined(names)} layers"


# --- edits ------------------------------------------------------------------------------

def toggle_mark(editor: SessionEditor, name: str, mark: str) -> Changeset:
    """Mark the layer `mark` ("missing", "duplicated"); if it already is, clear it
    (`set_mark` refuses any other mark)."""
    row = _layer_row(editor, name)
    return set_mark(editor, name, None if row and row["mark"] == mark else mark)


def set_mark(editor: SessionEditor, name: str, mark: str | None) -> Changeset:
    """Mark the layer "missing" or "duplicated", or clear its mark (None)."""
    if mark is not None and mark not in MARKS:
        raise EditRefused(f"A layer is marked {' or '.join(MARKS)}, not {mark!r}.")
    row = _layer_row(editor, name)
    label = (f"Clear the mark of the {layer_label(name)} layer" if mark is None
             else f"Mark the {layer_label(name)} layer {mark_label(mark)}")
    return _edit_layer(editor, name, row, label, None, mark=mark)


def set_body(editor: SessionEditor, name: str, text: str) -> Changeset:
    """The body or group at the layer; typing on merges into one undo step."""
    row = _layer_row(editor, name)
    return _edit_layer(editor, name, row, f"Edit the body at the {layer_label(name)} layer",
                       ("layers", editor.session_id, name, "body"), body=text)


def set_note(editor: SessionEditor, name: str, text: str) -> Changeset:
    """The note on the layer (what to do about it); typing on merges into one step."""
    row = _layer_row(editor, name)
    return _edit_layer(editor, name, row, f"Edit the note on the {layer_label(name)} layer",
                       ("layers", editor.session_id, name, "note"), note=text)


def set_seat(editor: SessionEditor, organisation_id: int, seat: str | None) -> Changeset:
    """Who holds the partner body's seat on the strategic group (one of SEATS), or None:
    not recorded."""
    if seat is not None and seat not in SEATS:
        raise EditRefused(f"A seat is held by {', '.join(SEATS)}, not {seat!r}.")
    row, name = editor.partner_body_row("layer_seats", organisation_id)
    if seat is None:
        label = f"Clear the seat of {name} on the strategic group"
        if row is None:
            return Changeset(editor.session_id, label, ())
        return editor.delete("layer_seats", row["id"], label)
    label = f"Record the seat of {name} on the strategic group: {seat_label(seat)}"
    if row is not None:
        return editor.update("layer_seats", row["id"], label, None, seat=seat)
    return editor.insert("layer_seats", {"organisation_id": organisation_id, "seat": seat},
                         label)


# --- internals ------------------------------------------------------------------------

def _layer_row(editor: SessionEditor, name: str) -> dict | None:
    """The layer's stored row (None before its first edit)."""
    if name not in LAYERS:
        raise EditRefused(f"The layers are {', '.join(LAYERS)}, not {name!r}.")
    found = editor.store.database.query(
        "SELECT * FROM layers WHERE session_id = ? AND layer = ?", (editor.session_id, name))
    return dict(found[0]) if found else None


def _edit_layer(editor: SessionEditor, name: str, row: dict | None, label: str,
                merge_key: tuple | None, **values: object) -> Changeset:
    fresh = {"layer": name, "body": "", "mark": None, "note": ""}
    return editor.update_or_make("layers", row, fresh, label, merge_key, **values)


# --- its part of the session: tables, file, CSV -----------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,39}")


class LayersPart:
    """The layers and seats in the store (tables `layers`, by layer, and `layer_seats`,
    by organisation id), in session file version 2 (`session.layers`, seats by partner
    body name) and in `layers.csv`."""

    name = "layers"
    title = "Three-layer framework"
    tables = ("layers", "layer_seats")
    reads = ("organisations",)
    csv_columns = ("layer", "organisation_number")

    def empty(self) -> Layers:
        return Layers()

    def load(self, rows: Rows, session: Session) -> Layers:
        by_layer = {r["layer"]: r for r in rows("layers")}
        return Layers(
            [Layer(name, r["body"], r["mark"], r["note"], id=r["id"])
             for name in LAYERS if (r := by_layer.get(name)) is not None],
            [Seat(name, r["seat"], id=r["id"])
             for name, r in rows_by_partner_body(rows("layer_seats"), session)])

    def store(self, data: Layers, insert: Insert, ids: StoredIds) -> None:
        insert("layers", [{"layer": x.layer, "body": x.body, "mark": x.mark, "note": x.note}
                          for x in data.layers])
        insert("layer_seats", [{"organisation_id": ids.organisations[x.organisation],
                                "seat": x.seat} for x in data.seats if x.seat is not None])

    def from_file(self, s: dict, session: Session) -> Layers:
        """`session.layers`: an object with any of the three layers and `seats` (see
        docs/session-file-v2.md); layers read in their order, seats in the partner
        bodies' order, whatever the file's."""
        where = "session.layers"
        value = check.obj(s["layers"], where)
        for key in value:
            if key not in (*LAYERS, "seats"):
                path = f"{where}.{key}" if _PLAIN_KEY.fullmatch(key) else where
                check.fail(path, f"{check.show(key)} is not a layer: "
                                 f"{check.choices(LAYERS)} (or seats)")
        found: list[Layer] = []
        for name in LAYERS:
            if name not in value:
                continue
            path = f"{where}.{name}"
            item = check.obj(value[name], path)
            x = Layer(name, check.string(item, "body", path),
                      check.choice(item, "mark", path, MARKS, default=None, nullable=True),
                      check.string(item, "note", path))
            if x.entered():
                found.append(x)
        seats_ = check.partner_body_items(value, "seats", where, MAX_SEATS,
                                          [o.name for o in session.organisations])
        return Layers(found, [Seat(name, check.choice(item, "seat", path, SEATS))
                              for path, item, name in seats_])

    def to_file(self, data: Layers) -> dict | None:
        written: dict[str, Any] = {
            x.layer: {"body": x.body, "mark": x.mark, "note": x.note}
            for x in data.layers if x.entered()}
        seats_ = [{"organisation": x.organisation, "seat": x.seat}
                  for x in data.seats if x.seat is not None]
        if seats_:
            written["seats"] = seats_
        return written or None

    def csv_rows(self, session: Session) -> list[list[Value]]:
        """Each layer × body, mark and note (`item` the layer), then every partner body's
        seat on the strategic group (`item` the partner body; empty: not recorded)."""
        out: list[list[Value]] = []
        for x in layers(session):
            out += [["", "", x.layer, measure, value, x.layer, None]
                    for measure, value in (("body", x.body), ("mark", x.mark),
                                           ("note", x.note))]
        for number, s in enumerate(seats(session), 1):
            out.append(["", "", s.organisation, "seat", s.seat, "strategic", number])
        return out

    def findings(self, session: Session) -> tuple[str, list[str]] | None:
        return frameworks.title_of(self.name), finding_texts(session)

    def since(self, before: Session, after: Session) -> list[str]:
        """Each layer's mark, and each partner body's seat on the strategic group (by
        its exact name), where both reviews entered them and they changed (a re-run
        starts with nothing entered: that is not a change)."""
        out = []
        then = {x.layer: x for x in stored(before).layers}
        for now in stored(after).layers:
            old = then.get(now.layer)
            if old is not None and old.mark != now.mark:
                out.append(f"The {layer_label(now.layer)} layer: "
                           f"{mark_label(old.mark) or 'unmarked'} then, "
                           f"{mark_label(now.mark) or 'unmarked'} now.")
        seated = {s.organisation: s.seat for s in stored(before).seats}
        out += [f"“{s.organisation}” on the strategic group: {seat_label(seated[s.organisation])}"
                f" then, {seat_label(s.seat)} now."
                for s in stored(after).seats
                if s.organisation in seated and seated[s.organisation] != s.seat]
        return out


PART = LayersPart()
