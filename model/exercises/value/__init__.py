"""Value for money (issue 16). The Audit Commission asks every partnership "How does
this partnership add value?", and evaluating one needs "a value for money analysis ...
assessing the inputs, outputs and outcomes of each partnership", starting from "the
resource implications, including staff time for meetings and administration"
(Strachan c. 2005, on the Commission's Governing Partnerships); partnership working
"can therefore extract value as well as add to it" (Audit Commission 2005). And
accountability needs "a system for redress", where "Partnerships often ignore the need
for complaints procedures".

So the board records, for each partner body, what it puts in (staff hours a month,
money a year in pounds, other inputs), then the partnership's outputs and outcomes,
its verdict (adds value, costs more than it adds, not yet known) and why, and where a
service user who complains goes and how clear that route is. Counting inputs that way,
the verdicts, the question and the route's marks are the app's own
(`frameworks.own_choice("value")`). The two key questions' answers stay the session's
own fields (`Session.key_questions`, edited with `SessionEditor.set_detail`): the page
shows them, this part does not copy them.

A partner body's inputs row is stored only once the board first edits it, and the
session's row for the rest likewise (in the same changeset, so undoing that edit leaves
nothing stored). Inputs rows are keyed by the organisation's id, so renaming a partner
body keeps its row and deleting it deletes the row (and undo restores both). A number
not recorded is None, never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
from model.text import shortened

NAME = "value"
INPUTS_TABLE = "value_inputs"
TABLE = "value_for_money"

MAX_HOURS = 100_000  # staff hours a month, all the partner body's staff together
MAX_MONEY = 10_000_000_000  # pounds a year
VERDICTS: tuple[str, ...] = ("adds-value", "costs-more", "not-known")
ROUTES: tuple[str, ...] = ("clear", "unclear", "none")
NUMBERS: tuple[str, ...] = ("hours_a_month", "money_a_year")
# The session-level texts, as the session file names them -> their stored columns.
TEXTS: dict[str, str] = {"outputs": "outputs", "outcomes": "outcomes", "why": "verdict_why",
                         "complaints_to": "complaints_to"}
# What each field is called in messages and undo labels.
WORDS = {"hours_a_month": "staff hours a month", "money_a_year": "money a year",
         "other": "other inputs", "outputs": "outputs", "outcomes": "outcomes",
         "why": "why (the verdict)", "complaints_to": "where a user complains",
         "verdict": "verdict", "redress": "how clear the complaints route is"}
CAPS = {"hours_a_month": MAX_HOURS, "money_a_year": MAX_MONEY}
# What a refused number should have been, and what may come before its digits.
TAKES = {"hours_a_month": "a whole number of hours, e.g. 12 or 1,200",
         "money_a_year": "a whole number of pounds, e.g. 3000, 3,000 or £3,000"}
UNITS = {"money_a_year": "£"}


@dataclass
class Input:
    """What one partner body puts into the partnership: staff hours a month for its
    meetings and their administration, money a year in pounds (None: not recorded),
    and other inputs (rooms, data, staff seconded...). `organisation` is its name."""

    organisation: str
    hours_a_month: int | None = None
    money_a_year: int | None = None
    other: str = ""
    id: int | None = field(default=None, compare=False)

    def entered(self) -> bool:
        return self.hours_a_month is not None or self.money_a_year is not None \
            or bool(self.other)


@dataclass
class ValueForMoney:
    """The session's value for money: the partner bodies' inputs (as stored, in Set-up's
    order), the outputs and outcomes, the board's verdict (one of VERDICTS, None: not
    given) and why, where a service user complains, and how clear that route is to
    users (one of ROUTES, None: not said)."""

    inputs: list[Input] = field(default_factory=list)
    outputs: str = ""
    outcomes: str = ""
    verdict: str | None = None
    why: str = ""
    complaints_to: str = ""
    redress: str | None = None
    id: int | None = field(default=None, compare=False)  # its row, once stored

    def entered(self) -> bool:
        """Whether anything is entered (a file writes `session.value` only then)."""
        return any(x.entered() for x in self.inputs) or any(
            getattr(self, name) for name in (*TEXTS, "verdict", "redress"))


# --- reading (pure) ---------------------------------------------------------------------

def stored(session: Session) -> ValueForMoney:
    """What the board entered (`Session.parts`), or nothing yet."""
    return session.parts.get(NAME) or ValueForMoney()


def inputs(session: Session) -> list[Input]:
    """One row per partner body, in Set-up's order: as stored, or nothing recorded."""
    return per_partner_body(stored(session).inputs, session, Input)


def total(session: Session, measure: str) -> int | None:
    """The sum of `measure` ("hours_a_month" or "money_a_year") over the partner bodies
    that recorded it; None when none did."""
    values = [getattr(x, measure) for x in stored(session).inputs
              if getattr(x, measure) is not None]
    return sum(values) if values else None


def recorded(session: Session, measure: str) -> int:
    """How many partner bodies recorded `measure`."""
    return sum(1 for x in stored(session).inputs if getattr(x, measure) is not None)


def verdict_label(key: str | None) -> str:
    """"adds value", "costs more than it adds", "not yet known" (the app's own marks),
    or "not given"."""
    return dict(frameworks.value_verdicts()).get(key or "", "not given")


def route_label(key: str | None) -> str:
    """"clear to users", "unclear to users", "there is none" (the app's own marks), or
    "not said"."""
    return dict(frameworks.value_routes()).get(key or "", "not said")


def whole(value: int | None) -> str:
    """A number as the page and the PDF show it: thousands separated; "" for none."""
    return "" if value is None else f"{value:,}"


# Digits 0-9 only (a spreadsheet reads no others), with commas between thousands.
_WHOLE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0{1,2})?", re.ASCII)


def parse_whole(typed: str, measure: str) -> int | None:
    """A number as typed ("1,200", "£3,000", "12") for `measure` ("hours_a_month" or
    "money_a_year"): None for a blank; anything else (a fraction, a minus sign, words,
    more than the cap) is refused with a message saying what would be taken."""
    cap, what = CAPS[measure], WORDS[measure]
    text = typed.strip()
    if not text:
        return None
    text = text.removeprefix(UNITS.get(measure, "")).strip()
    how = TAKES[measure]
    if text.startswith("-") and _WHOLE.fullmatch(text[1:].strip()):
        raise EditRefused(f"“{shortened(typed, 40)}” is below zero: enter {how}. "
                          "It has not been saved; the field keeps what you typed.")
    if not _WHOLE.fullmatch(text):
        hint = " (round it)" if re.fullmatch(r"[\d,]*\.\d+", text, re.ASCII) else ""
        raise EditRefused(f"“{shortened(typed, 40)}” is not {how}{hint}. It has not been "
                          "saved; the field keeps what you typed. Leave it blank if it is "
                          "not known.")
    digits = text.split(".")[0].replace(",", "").lstrip("0") or "0"
    number = int(digits) if len(digits) <= len(str(cap)) else cap + 1
    if number > cap:
        raise EditRefused(f"“{shortened(typed, 40)}” is more than the {cap:,} {what} "
                          "this records at most. It has not been saved; the field keeps "
                          "what you typed.")
    return number


# --- edits ------------------------------------------------------------------------------

def set_number(editor: SessionEditor, organisation_id: int, measure: str,
               typed: str) -> Changeset:
    """Set a partner body's staff hours a month or money a year from what was typed
    (see `parse_whole`); typing on merges into one undo step."""
    if measure not in NUMBERS:
        raise ValueError(f"not a number of the inputs: {measure}")
    number = parse_whole(typed, measure)
    row, name = editor.partner_body_row(INPUTS_TABLE, organisation_id)
    return _edit_input(editor, organisation_id, row, f"Edit {WORDS[measure]}, for {name}",
                       (INPUTS_TABLE, organisation_id, measure), **{measure: number})


def clear_inputs(editor: SessionEditor, organisation_id: int) -> Changeset:
    """Back to nothing recorded: hours, money and other inputs (undo brings them back)."""
    return editor.clear_partner_body_row(INPUTS_TABLE, organisation_id, "the inputs")


def set_other(editor: SessionEditor, organisation_id: int, text: str) -> Changeset:
    """A partner body's other inputs (rooms, data, staff seconded...); typing merges."""
    row, name = editor.partner_body_row(INPUTS_TABLE, organisation_id)
    return _edit_input(editor, organisation_id, row, f"Edit other inputs, for {name}",
                       (INPUTS_TABLE, organisation_id, "other"), other=text)


def set_text(editor: SessionEditor, name: str, text: str) -> Changeset:
    """Outputs, outcomes, why (the verdict's reasons) or where a user complains
    (`name` as in TEXTS); typing on merges into one undo step."""
    if name not in TEXTS:
        raise ValueError(f"not a text of value for money: {name}")
    return _edit(editor, f"Edit {WORDS[name]}", (TABLE, editor.session_id, name),
                 **{TEXTS[name]: text})


def set_verdict(editor: SessionEditor, verdict: str | None) -> Changeset:
    """The board's verdict: one of VERDICTS, or None (not given)."""
    if verdict is not None and verdict not in VERDICTS:
        raise EditRefused(f"The verdict is {check.choices(VERDICTS)}, not {verdict!r}.")
    label = (f"Verdict: {verdict_label(verdict)}" if verdict else "Clear the verdict")
    return _edit(editor, label, None, verdict=verdict)


def set_redress(editor: SessionEditor, route: str | None) -> Changeset:
    """How clear the complaints route is to users: one of ROUTES, or None (not said)."""
    if route is not None and route not in ROUTES:
        raise EditRefused(f"The complaints route is {check.choices(ROUTES)}, not {route!r}.")
    label = (f"Complaints route: {route_label(route)}" if route
             else "Clear the complaints route's mark")
    return _edit(editor, label, None, redress=route)


# --- internals ------------------------------------------------------------------------

def _edit_input(editor: SessionEditor, organisation_id: int, row: dict | None, label: str,
                merge_key: tuple, **values: object) -> Changeset:
    fresh = {"organisation_id": organisation_id, "hours_a_month": None,
             "money_a_year": None, "other": ""}
    return editor.update_or_make(INPUTS_TABLE, row, fresh, label, merge_key, **values)


def _edit(editor: SessionEditor, label: str, merge_key: tuple | None,
          **values: object) -> Changeset:
    """An edit of the session's row, made by this edit if it is not stored yet."""
    found = editor.store.database.query(
        f"SELECT * FROM {TABLE} WHERE session_id = ?", (editor.session_id,))
    fresh = {"outputs": "", "outcomes": "", "verdict": None, "verdict_why": "",
             "complaints_to": "", "redress": None}
    return editor.update_or_make(TABLE, dict(found[0]) if found else None, fresh, label,
                                 merge_key, **values)


# --- its part of the session: tables, file, CSV, findings ---------------------------------

class ValuePart:
    """Value for money in the store (tables `value_inputs`, by organisation id, and
    `value_for_money`, one row per session), in session file version 2
    (`session.value`, inputs by partner body name) and in `value.csv`."""

    name = NAME
    title = "Value for money"
    tables = (INPUTS_TABLE, TABLE)
    reads = ("organisations",)
    csv_columns = ("organisation_number",)
    max_items = 500  # one inputs row per partner body at most

    def empty(self) -> ValueForMoney:
        return ValueForMoney()

    def load(self, rows: Rows, session: Session) -> ValueForMoney:
        found = rows(TABLE)
        s = found[0] if found else None
        data = ValueForMoney(
            [Input(name, r["hours_a_month"], r["money_a_year"], r["other"], id=r["id"])
             for name, r in rows_by_partner_body(rows(INPUTS_TABLE), session)])
        if s is not None:
            data.id = s["id"]
            data.verdict, data.redress = s["verdict"], s["redress"]
            for name, column in TEXTS.items():
                setattr(data, name, s[column])
        return data

    def store(self, data: ValueForMoney, insert: Insert, ids: StoredIds) -> None:
        insert(INPUTS_TABLE, [{"organisation_id": ids.organisations[x.organisation],
                               "hours_a_month": x.hours_a_month,
                               "money_a_year": x.money_a_year, "other": x.other}
                              for x in data.inputs])
        if data.entered() or data.id is not None:
            insert(TABLE, [{"verdict": data.verdict, "redress": data.redress,
                            **{column: getattr(data, name) for name, column in TEXTS.items()}}])

    def from_file(self, s: dict, session: Session) -> ValueForMoney:
        """`session.value`: its inputs one per partner body named in
        `session.organisations`, kept in their order."""
        p = f"session.{NAME}"
        v = check.obj(s[NAME], p)
        inputs = check.partner_body_items(v, "inputs", p, self.max_items,
                                          [o.name for o in session.organisations])
        return ValueForMoney(
            [Input(name, *(_whole(item, m, path) for m in NUMBERS),
                   check.string(item, "other", path)) for path, item, name in inputs],
            **{name: check.string(v, name, p) for name in TEXTS},
            verdict=check.choice(v, "verdict", p, VERDICTS, default=None, nullable=True),
            redress=check.choice(v, "redress", p, ROUTES, default=None, nullable=True))

    def to_file(self, data: ValueForMoney) -> dict | None:
        if not data.entered():
            return None
        return {"inputs": [{"organisation": x.organisation, "hours_a_month": x.hours_a_month,
                            "money_a_year": x.money_a_year, "other": x.other}
                           for x in data.inputs if x.entered()],
                "outputs": data.outputs, "outcomes": data.outcomes, "verdict": data.verdict,
                "why": data.why, "complaints_to": data.complaints_to,
                "redress": data.redress}

    def csv_rows(self, session: Session) -> list[list[Value]]:
        """Every partner body (none recorded too) × hours_a_month, money_a_year, other
        (`item` is the partner body); then the session's own measures (no item):
        outputs, outcomes, verdict, why, complaints_to, redress."""
        out: list[list[Value]] = []
        for number, x in enumerate(inputs(session), 1):
            out += [["", "", x.organisation, measure, getattr(x, measure), number]
                    for measure in (*NUMBERS, "other")]
        data = stored(session)
        out += [["", "", "", name, getattr(data, name), ""]
                for name in ("outputs", "outcomes", "verdict", "why", "complaints_to",
                             "redress")]
        return out

    def findings(self, session: Session) -> tuple[str, list[str]] | None:
        return "Value for money", findings(session)

    def since(self, before: Session, after: Session) -> list[str]:
        """The verdict, the staff time and money given, and the complaints route, then
        and now, where they changed."""
        then, now = stored(before), stored(after)
        out = []
        if then.verdict != now.verdict:
            out.append(f"The board's verdict: {verdict_label(then.verdict)} then, "
                       f"{verdict_label(now.verdict)} now.")
        for measure, unit in (("hours_a_month", "staff hours a month"),
                              ("money_a_year", "£ a year")):
            old, new = total(before, measure), total(after, measure)
            if old != new:
                counted = recorded(before, measure), recorded(after, measure)
                out.append(f"Partner bodies' {unit}: {_total(old)} then, {_total(new)} now"
                           + (f" (recorded by {counted[0]} then, {counted[1]} now)"
                              if None not in (old, new) and counted[0] != counted[1]
                              else "") + ".")
        if then.redress != now.redress:
            out.append(f"The complaints route: {route_label(then.redress)} then, "
                       f"{route_label(now.redress)} now.")
        return out


def _total(value: int | None) -> str:
    return "none recorded" if value is None else f"{value:,}"


def findings(session: Session) -> list[str]:
    """The verdict, the staff time the partner bodies give, and the complaints route,
    in sentences for the Summary and the PDF's cover."""
    data = stored(session)
    why = " ".join(data.why.split()).rstrip(" .")
    why = f" (why: {shortened(why, 160)})" if why else ""
    if data.verdict == "not-known":
        sentences = [f"The board's verdict: not yet known whether the partnership adds "
                     f"value{why}."]
    elif data.verdict:
        sentences = [f"The board's verdict: the partnership {verdict_label(data.verdict)}"
                     f"{why}."]
    else:
        sentences = ["The board gave no verdict on whether the partnership adds value."]
    hours, money = total(session, "hours_a_month"), total(session, "money_a_year")
    pounds = f"£{money:,} a year" if money is not None else ""
    if hours is not None:
        count, some = len(session.organisations), recorded(session, "hours_a_month")
        partial = f"; {some} of {count} partner bodies recorded theirs" if some < count else ""
        sentences.append(
            f"Partner bodies give {hours:,} staff hours a month to meetings and their "
            f"administration ({hours * 12:,} a year{partial})"
            + (f", and {pounds}" if pounds else "") + ".")
    elif pounds:
        sentences.append(f"No staff time was recorded; partner bodies give {pounds}.")
    else:
        sentences.append("No staff time or money was recorded.")
    where = " ".join(data.complaints_to.split())
    if where:
        route = ("" if not data.redress else "; the board says there is no route"
                 if data.redress == "none" else f"; the route is {route_label(data.redress)}")
        sentences.append(f"A user who complains goes to: {shortened(where, 120)}{route}.")
    elif data.redress == "none":
        sentences.append("No complaints route was named: the board says there is none.")
    else:
        sentences.append("No complaints route was named.")
    return sentences


def _whole(item: dict, key: str, path: str) -> int | None:
    """A whole number from 0 to its cap, or null (missing: null)."""
    value = check.member(item, key, path, None)
    if value is None:
        return None
    where, cap = f"{path}.{key}", CAPS[key]
    if not check.is_int(value):
        check.fail(where, f"{check.show(value)} is not a whole number or null")
    if value < 0:
        check.fail(where, f"{check.show(value)} is below zero")
    if value > cap:
        check.fail(where, f"{value:,} is more than {cap:,}")
    return value


PART = ValuePart()
