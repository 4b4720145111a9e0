"""Value for money in the core (issue 16): the seeds' words and the app's own marks, the
numbers as typed (1,200, £3,000, blank; 12.5 and -3 refused), the edits and their undo
down to nothing stored, a partner body deleted and restored with its inputs, the store's
round trip, the session file (version 2's optional `value`, refusals by path), the CSV
and the key findings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from model import frameworks, starting_points
from model.changes import Changeset
from model.csv_export import csv_files
from model.edits import MAX_TEXT, SessionEditor
from model.errors import EditRefused
from model.exercises import value
from model.exercises.registry import OPTIONAL_STEPS
from model.exercises.value import MAX_HOURS, MAX_MONEY, Input, ValueForMoney
from model.findings import finding_sections
from model.session import DEFAULT_STEPS, Organisation, Session
from model.session_file import SessionFileError, session_from_dict, session_to_dict
from model.store import Store

EXCERPTS = Path(__file__).resolve().parent / "seed_excerpts"
STRACHAN = EXCERPTS / "000_d2441f0703b07db8.txt"
COMMISSION = EXCERPTS / "001_ccd9b21d42e56455.txt"


@pytest.fixture
def editor(store: Store) -> SessionEditor:
    session = starting_points.new_session()
    session.organisations = [Organisation("Council"), Organisation("NHS Trust")]
    return SessionEditor(store, store.add_session(session))


def apply(editor: SessionEditor, changeset: Changeset) -> Changeset:
    editor.store.apply(changeset)
    return changeset


def load(editor: SessionEditor) -> Session:
    return editor.store.load(editor.session_id)


def org_id(editor: SessionEditor, position: int) -> int:
    return load(editor).organisations[position].id  # type: ignore[return-value]


def stored_rows(editor: SessionEditor) -> dict[str, int]:
    db = editor.store.database
    return {table: db.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
            for table in (value.INPUTS_TABLE, value.TABLE)}


# --- words ------------------------------------------------------------------------------

def test_the_quotations_are_the_seeds_words() -> None:
    strachan = STRACHAN.read_text(encoding="utf-8")
    commission = COMMISSION.read_text(encoding="utf-8")
    assert frameworks.seed_of("value") == STRACHAN.name
    for key in ("analysis", "redress", "complain"):
        assert frameworks.value_quote(key) in strachan, key
    assert frameworks.value_quote("extract") in commission
    for _, question in frameworks.key_questions():
        assert question in strachan
    assert "staff time for meetings and administration" in frameworks.value_quote("analysis")


def test_the_marks_and_the_question_say_they_are_the_apps_own() -> None:
    sentence = frameworks.own_choice("value")
    assert "the app's own" in sentence
    seeds = (STRACHAN.read_text(encoding="utf-8") + COMMISSION.read_text(encoding="utf-8"))
    for _, label in (*frameworks.value_verdicts(), *frameworks.value_routes()):
        assert f"“{label}”" in sentence
    assert "“A service user complains: to whom?”" in sentence
    assert "A service user complains: to whom?" not in seeds
    assert "costs more than it adds" not in seeds and "not yet known" not in seeds
    assert [k for k, _ in frameworks.value_verdicts()] == list(value.VERDICTS)
    assert [k for k, _ in frameworks.value_routes()] == list(value.ROUTES)


def test_off_by_default_and_after_sharing(editor) -> None:
    assert OPTIONAL_STEPS.index("value") == OPTIONAL_STEPS.index("sharing") + 1
    assert "value" not in DEFAULT_STEPS
    session = load(editor)
    assert not session.step_on("value")
    assert value.stored(session) == ValueForMoney()
    assert [(x.organisation, x.hours_a_month, x.money_a_year, x.other)
            for x in value.inputs(session)] == [("Council", None, None, ""),
                                                ("NHS Trust", None, None, "")]
    assert "Value for money" not in [h for h, _ in finding_sections(session)]


# --- numbers as typed -------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "measure", "number"), [
    ("12", "hours_a_month", 12), (" 1,200 ", "hours_a_month", 1200), ("0", "hours_a_month", 0),
    ("", "hours_a_month", None), ("   ", "money_a_year", None), ("£3,000", "money_a_year", 3000),
    ("£ 3000", "money_a_year", 3000), ("3,000,000", "money_a_year", 3_000_000),
    ("12.00", "hours_a_month", 12), (f"{MAX_HOURS:,}", "hours_a_month", MAX_HOURS),
    (f"£{MAX_MONEY:,}", "money_a_year", MAX_MONEY),
])
def test_numbers_are_taken_as_people_type_them(typed, measure, number) -> None:
    assert value.parse_whole(typed, measure) == number


@pytest.mark.parametrize(("typed", "measure", "says"), [
    ("12.5", "hours_a_month", "(round it)"), ("-3", "hours_a_month", "below zero"),
    ("-£5", "money_a_year", "is not a whole number of pounds"),
    ("£-5", "money_a_year", "below zero"), ("twelve", "hours_a_month", "is not"),
    ("1,20", "hours_a_month", "is not"), ("1.200", "hours_a_month", "is not"),
    ("1.000", "hours_a_month", "is not"),
    ("£3,000", "hours_a_month", "whole number of hours"), ("3e3", "money_a_year", "is not"),
    ("١٢", "hours_a_month", "is not"),  # Arabic-Indic digits: not what a spreadsheet reads
    (f"{MAX_HOURS + 1}", "hours_a_month", f"the {MAX_HOURS:,} staff hours a month"),
    (f"{MAX_MONEY + 1}", "money_a_year", f"the {MAX_MONEY:,} money a year"),
    ("9" * 5000, "money_a_year", "is more than"),
], ids=lambda v: v[:20] if isinstance(v, str) else None)
def test_other_numbers_are_refused_saying_nothing_was_lost(typed, measure, says) -> None:
    with pytest.raises(EditRefused) as refused:
        value.parse_whole(typed, measure)
    message = str(refused.value)
    assert says in message, message
    assert "It has not been saved; the field keeps what you typed." in message
    assert len(message) < 300


# --- edits and their undo ---------------------------------------------------------------

def test_inputs_and_their_undo_down_to_nothing(editor) -> None:
    council = org_id(editor, 0)
    done = [apply(editor, value.set_number(editor, council, "hours_a_month", "1,200"))]
    assert stored_rows(editor) == {value.INPUTS_TABLE: 1, value.TABLE: 0}
    done.append(apply(editor, value.set_number(editor, council, "money_a_year", "£3,000")))
    done.append(apply(editor, value.set_other(editor, council, "Rooms & data <b>")))
    [row] = value.stored(load(editor)).inputs
    assert (row.organisation, row.hours_a_month, row.money_a_year, row.other) == (
        "Council", 1200, 3000, "Rooms & data <b>")
    assert done[1].merge_key == (value.INPUTS_TABLE, council, "money_a_year")
    # Clearing a number stores "not recorded", not 0.
    done.append(apply(editor, value.set_number(editor, council, "hours_a_month", "")))
    assert value.stored(load(editor)).inputs[0].hours_a_month is None
    assert value.total(load(editor), "hours_a_month") is None
    for change in reversed(done):
        editor.store.apply(change.inverse())
    assert value.stored(load(editor)) == ValueForMoney()
    assert stored_rows(editor) == {value.INPUTS_TABLE: 0, value.TABLE: 0}


def test_session_answers_and_their_undo_down_to_nothing(editor) -> None:
    done = [apply(editor, value.set_verdict(editor, "costs-more"))]
    assert stored_rows(editor)[value.TABLE] == 1
    done.append(apply(editor, value.set_text(editor, "why", "Meetings cost more than they save")))
    done.append(apply(editor, value.set_text(editor, "outputs", "A strategy")))
    done.append(apply(editor, value.set_text(editor, "outcomes", "Fewer evictions")))
    done.append(apply(editor, value.set_text(editor, "complaints_to", "Each body's own team")))
    done.append(apply(editor, value.set_redress(editor, "unclear")))
    data = value.stored(load(editor))
    assert (data.verdict, data.why, data.outputs, data.outcomes, data.complaints_to,
            data.redress) == ("costs-more", "Meetings cost more than they save", "A strategy",
                              "Fewer evictions", "Each body's own team", "unclear")
    done.append(apply(editor, value.set_verdict(editor, None)))
    assert value.stored(load(editor)).verdict is None
    for change in reversed(done):
        editor.store.apply(change.inverse())
    assert value.stored(load(editor)) == ValueForMoney()
    assert stored_rows(editor) == {value.INPUTS_TABLE: 0, value.TABLE: 0}
    # Clearing what was never entered stores nothing.
    assert not value.set_text(editor, "outputs", "")
    assert not value.set_verdict(editor, None)
    assert not value.set_number(editor, org_id(editor, 0), "hours_a_month", "  ")


def test_typing_the_first_words_and_more_is_one_undo_step(editor) -> None:
    """The first edit of a text makes the row; the typing after it merges with it (as the
    window's undo stack merges them), and undoing the whole leaves nothing stored."""
    first = apply(editor, value.set_text(editor, "outputs", "A str"))
    more = apply(editor, value.set_text(editor, "outputs", "A strategy"))
    assert first.merge_key == more.merge_key == (value.TABLE, editor.session_id, "outputs")
    merged = first.then(more)
    [change] = merged.changes
    assert change.before is None and change.after["outputs"] == "A strategy"
    assert change.after["verdict"] is None  # the whole row, not only the typed column
    editor.store.apply(merged.inverse())
    assert stored_rows(editor)[value.TABLE] == 0
    council = org_id(editor, 0)
    first = apply(editor, value.set_number(editor, council, "hours_a_month", "1"))
    more = apply(editor, value.set_number(editor, council, "hours_a_month", "12"))
    editor.store.apply(first.then(more).inverse())
    assert stored_rows(editor)[value.INPUTS_TABLE] == 0


def test_refusals_of_edits(editor, store: Store) -> None:
    council = org_id(editor, 0)
    with pytest.raises(EditRefused, match="round it"):
        value.set_number(editor, council, "hours_a_month", "12.5")
    with pytest.raises(EditRefused):
        value.set_verdict(editor, "great")
    with pytest.raises(EditRefused):
        value.set_redress(editor, "maybe")
    with pytest.raises(EditRefused, match="characters long"):
        value.set_text(editor, "outcomes", "x" * (MAX_TEXT + 1))
    with pytest.raises(EditRefused, match="characters long"):
        value.set_other(editor, council, "x" * (MAX_TEXT + 1))
    assert stored_rows(editor) == {value.INPUTS_TABLE: 0, value.TABLE: 0}
    other = starting_points.new_session("Other")
    other.organisations = [Organisation("Police")]
    police = store.load(store.add_session(other)).organisations[0].id
    with pytest.raises(EditRefused, match="no longer exists"):
        value.set_other(editor, police, "Rooms")


def test_deleting_a_partner_body_deletes_its_inputs_and_undo_restores_them(editor) -> None:
    trust = org_id(editor, 1)
    apply(editor, value.set_number(editor, trust, "hours_a_month", "12"))
    apply(editor, value.set_other(editor, trust, "Data"))
    removal = apply(editor, editor.remove_named("organisations", trust))
    assert value.stored(load(editor)).inputs == []
    assert [x.organisation for x in value.inputs(load(editor))] == ["Council"]
    editor.store.apply(removal.inverse())
    [row] = value.stored(load(editor)).inputs
    assert (row.organisation, row.hours_a_month, row.other) == ("NHS Trust", 12, "Data")
    apply(editor, editor.rename("organisations", trust, "Acute Trust"))
    assert value.stored(load(editor)).inputs[0].organisation == "Acute Trust"


# --- whole sessions: store, file, CSV ---------------------------------------------------

def _filled() -> Session:
    session = starting_points.new_session("Value test")
    session.organisations = [Organisation("Council"), Organisation("NHS Trust <&>"),
                             Organisation("Police")]
    session.key_questions.in_charge = "The chair"
    session.parts["value"] = ValueForMoney(
        [Input("Council", 24, 15_000, "=Rooms"), Input("NHS Trust <&>", 22, None, "")],
        outputs="+A strategy", outcomes="Llai o deuluoedd mewn llety dros dro ŵ 🏠",
        verdict="adds-value", why="", complaints_to="Council complaints team",
        redress="unclear")
    session.steps = ["perception", "value"]
    return session


def test_store_and_session_file_round_trip(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    assert [x.organisation for x in value.stored(loaded).inputs] == ["Council",
                                                                    "NHS Trust <&>"]
    data = session_to_dict(loaded)
    assert data["version"] == 2 and data["session"]["steps"] == ["perception", "value"]
    assert data["session"]["value"] == {
        "inputs": [{"organisation": "Council", "hours_a_month": 24, "money_a_year": 15_000,
                    "other": "=Rooms"},
                   {"organisation": "NHS Trust <&>", "hours_a_month": 22,
                    "money_a_year": None, "other": ""}],
        "outputs": "+A strategy", "outcomes": "Llai o deuluoedd mewn llety dros dro ŵ 🏠",
        "verdict": "adds-value", "why": "", "complaints_to": "Council complaints team",
        "redress": "unclear"}
    # The key questions stay where version 1 has them, not copied into `value`.
    assert data["session"]["key_questions"]["in_charge"] == "The chair"
    assert "in_charge" not in str(data["session"]["value"])
    again = store.load(store.add_session(session_from_dict(data)))
    assert session_to_dict(again) == data
    # Duplicating a session (stored whole) keeps it too.
    copy = store.load(store.add_session(loaded))
    assert value.stored(copy) == value.stored(loaded)


def test_only_a_verdict_is_written_and_read_back(store: Store) -> None:
    session = starting_points.new_session("Verdict only")
    session.parts["value"] = ValueForMoney(verdict="not-known")
    data = session_to_dict(store.load(store.add_session(session)))
    assert data["session"]["value"]["inputs"] == []
    assert value.stored(session_from_dict(data)).verdict == "not-known"


def test_files_without_value_still_import(editor) -> None:
    data = session_to_dict(load(editor))
    assert data["version"] == 1 and "value" not in data["session"]
    data["version"] = 2
    assert value.stored(session_from_dict(data)) == ValueForMoney()
    data["version"] = 1  # in a version 1 file the field is unknown, and ignored
    data["session"]["value"] = {"verdict": "adds-value"}
    assert value.stored(session_from_dict(data)) == ValueForMoney()
    # Missing fields of `value` take their defaults.
    data["version"] = 2
    data["session"]["value"] = {}
    assert value.stored(session_from_dict(data)) == ValueForMoney()


def _file(value_part: object) -> dict:
    return {"format": "partnership-workshop-session", "version": 2,
            "session": {"title": "T", "organisations": [{"name": "Council"}],
                        "value": value_part}}


@pytest.mark.parametrize(("part", "message"), [
    ([], "session.value: [] is not an object"),
    ({"inputs": {}}, "session.value.inputs: {} is not a list"),
    ({"inputs": [3]}, "session.value.inputs[0]: 3 is not an object"),
    ({"inputs": [{}]}, "session.value.inputs[0].organisation: missing (required)"),
    ({"inputs": [{"organisation": " "}]},
     "session.value.inputs[0].organisation: must not be blank"),
    ({"inputs": [{"organisation": "Fire"}]},
     "session.value.inputs[0].organisation: \"Fire\" is not the name of an organisation"),
    ({"inputs": [{"organisation": "Council"}, {"organisation": "Council"}]},
     "session.value.inputs[1].organisation: \"Council\" is listed twice (the first is "
     "session.value.inputs[0].organisation)"),
    ({"inputs": [{"organisation": "Council", "hours_a_month": -1}]},
     "session.value.inputs[0].hours_a_month: -1 is below zero"),
    ({"inputs": [{"organisation": "Council", "hours_a_month": 12.5}]},
     "session.value.inputs[0].hours_a_month: 12.5 is not a whole number or null"),
    ({"inputs": [{"organisation": "Council", "hours_a_month": "12"}]},
     "session.value.inputs[0].hours_a_month: \"12\" is not a whole number or null"),
    ({"inputs": [{"organisation": "Council", "hours_a_month": True}]},
     "session.value.inputs[0].hours_a_month: true is not a whole number or null"),
    ({"inputs": [{"organisation": "Council", "hours_a_month": MAX_HOURS + 1}]},
     f"session.value.inputs[0].hours_a_month: {MAX_HOURS + 1:,} is more than {MAX_HOURS:,}"),
    ({"inputs": [{"organisation": "Council", "money_a_year": MAX_MONEY + 1}]},
     f"session.value.inputs[0].money_a_year: {MAX_MONEY + 1:,} is more than {MAX_MONEY:,}"),
    ({"inputs": [{"organisation": "Council", "other": 3}]},
     "session.value.inputs[0].other: 3 is not a string"),
    ({"inputs": [{"organisation": "Council"}] * 501}, "session.value.inputs: 501 items"),
    ({"outputs": None}, "session.value.outputs: null is not a string"),
    ({"why": ["a"]}, "session.value.why: [\"a\"] is not a string"),
    ({"verdict": "great"},
     "session.value.verdict: \"great\" is not adds-value, costs-more, not-known or null"),
    ({"verdict": 1}, "session.value.verdict: 1 is not"),
    ({"redress": "maybe"}, "session.value.redress: \"maybe\" is not clear, unclear, none or null"),
    ({"complaints_to": "\ud800"}, "session.value.complaints_to: contains"),
])
def test_refusals_name_the_field(part, message) -> None:
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(_file(part))
    assert str(caught.value).startswith(message), str(caught.value)


def test_csv_has_every_partner_body_and_measure(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    rows = list(csv.DictReader(io.StringIO(
        csv_files(loaded)["value.csv"].decode("utf-8-sig"))))
    assert len(rows) == 3 * 3 + 6
    council = {r["measure"]: r["value"] for r in rows if r["organisation_number"] == "1"}
    assert council == {"hours_a_month": "24", "money_a_year": "15000", "other": "'=Rooms"}
    police = {r["measure"]: r["value"] for r in rows if r["organisation_number"] == "3"}
    assert police == {"hours_a_month": "", "money_a_year": "", "other": ""}
    assert {r["item"] for r in rows[:9]} == {"Council", "NHS Trust <&>", "Police"}
    own = {r["measure"]: r["value"] for r in rows if not r["organisation_number"]}
    assert own == {"outputs": "'+A strategy",
                   "outcomes": "Llai o deuluoedd mewn llety dros dro ŵ 🏠",
                   "verdict": "adds-value", "why": "",
                   "complaints_to": "Council complaints team", "redress": "unclear"}
    assert all(r["item"] == "" for r in rows[9:])


# --- findings ---------------------------------------------------------------------------

def _found(session: Session) -> list[str]:
    session.steps = ["value"]
    return dict(finding_sections(session))["Value for money"]


def test_findings_say_the_verdict_the_staff_time_and_the_route() -> None:
    session = _filled()
    session.parts["value"].why = "Pooled budget. "
    assert _found(session) == [
        "The board's verdict: the partnership adds value (why: Pooled budget).",
        "Partner bodies give 46 staff hours a month to meetings and their administration "
        "(552 a year; 2 of 3 partner bodies recorded theirs), and £15,000 a year.",
        "A user who complains goes to: Council complaints team; the route is unclear to "
        "users."]


def test_findings_when_nothing_was_entered() -> None:
    session = starting_points.new_session("Nothing")
    session.organisations = [Organisation("Council")]
    assert _found(session) == [
        "The board gave no verdict on whether the partnership adds value.",
        "No staff time or money was recorded.",
        "No complaints route was named."]
    session.parts["value"] = ValueForMoney([Input("Council", 46, None)], verdict="not-known",
                                           redress="none")
    assert _found(session) == [
        "The board's verdict: not yet known whether the partnership adds value.",
        "Partner bodies give 46 staff hours a month to meetings and their administration "
        "(552 a year).",
        "No complaints route was named: the board says there is none."]
    session.parts["value"] = ValueForMoney([Input("Council", None, 2500)],
                                           verdict="costs-more")
    assert _found(session)[:2] == [
        "The board's verdict: the partnership costs more than it adds.",
        "No staff time was recorded; partner bodies give £2,500 a year."]


def test_every_awkward_string_round_trips_exactly(store: Store) -> None:
    from tests.hostile_strings import HOSTILE_STRINGS, NAMEABLE

    session = starting_points.new_session("Awkward")
    names = list(dict.fromkeys(NAMEABLE))
    session.organisations = [Organisation(name) for name in names]
    session.parts["value"] = ValueForMoney(
        [Input(name, i, i * 1000, HOSTILE_STRINGS[i % len(HOSTILE_STRINGS)])
         for i, name in enumerate(names)],
        *(("\n".join(HOSTILE_STRINGS),) * 2), verdict="adds-value",
        why=HOSTILE_STRINGS[0], complaints_to=HOSTILE_STRINGS[-1])
    loaded = store.load(store.add_session(session))
    assert value.stored(loaded) == session.parts["value"]
    data = session_to_dict(loaded)
    assert value.stored(session_from_dict(data)) == session.parts["value"]


def test_compare_says_what_moved_in_value_for_money() -> None:
    before, after = Session("Then"), Session("Now")
    before.organisations = after.organisations = [Organisation("Council")]
    before.parts["value"] = ValueForMoney([Input("Council", hours_a_month=10)],
                                          verdict="not-known")
    after.parts["value"] = ValueForMoney([Input("Council", hours_a_month=12, money_a_year=500)],
                                         verdict="adds-value", redress="clear")
    said = value.PART.since(before, after)
    assert said[0].startswith("The board's verdict: not yet known")
    assert "staff hours a month: 10 then, 12 now." in said[1]
    assert "£ a year: none recorded then, 500 now." in said[2]
    assert said[3] == "The complaints route: not said then, clear to users now."
