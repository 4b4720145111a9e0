"""The three-layer framework (Audit Commission 2009) and the strategic group's
representation (Matrix 2004) in the core: the layers as the seed words them, the edits
(mark, body, note, seat), their undo down to nothing stored, a partner body deleted and
restored with its seat, the store's round trip, the session file (version 2's optional
`layers`, refusals by path), the CSV, the findings, and the step off by default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from model import findings, frameworks, starting_points
from model.csv_export import csv_files
from model.edits import MAX_TEXT, SessionEditor
from model.errors import EditRefused
from model.exercises import layers
from model.exercises.layers import LAYERS, Layer, Layers, Seat
from model.exercises.registry import OPTIONAL_STEPS
from model.reviews import rerun
from model.session import DEFAULT_STEPS, Organisation, Session
from model.session_file import SessionFileError, session_from_dict, session_to_dict
from model.store import Store
from tests.hostile_strings import HOSTILE_STRINGS

EXCERPTS = Path(__file__).resolve().parent / "seed_excerpts"


@pytest.fixture
def editor(store: Store) -> SessionEditor:
    session = starting_points.new_session()
    session.organisations = [Organisation("Council"), Organisation("Police"),
                             Organisation("Fire")]
    return SessionEditor(store, store.add_session(session))


def apply(editor: SessionEditor, changeset):
    editor.store.apply(changeset)
    return changeset


def load(editor: SessionEditor) -> Session:
    return editor.store.load(editor.session_id)


def org_id(editor: SessionEditor, position: int) -> int:
    return load(editor).organisations[position].id  # type: ignore[return-value]


def stored(editor: SessionEditor) -> Layers:
    return load(editor).parts["layers"]


# --- words -------------------------------------------------------------------------------

def test_the_layers_and_what_they_do_are_the_seeds_words() -> None:
    seed = (EXCERPTS / "002_a5d88c8848304873.txt").read_text(encoding="utf-8")
    assert frameworks.seed_of("layers") == "002_a5d88c8848304873.txt"
    assert frameworks.layers_framework() in seed
    assert [t.key for t in frameworks.layer_terms()] == list(LAYERS)
    for term in frameworks.layer_terms():
        assert f"at {'an' if term.label[0] in 'eo' else 'a'} {term.label} level" in seed
        assert term.definition in seed, term.key
    assert layers.layer_does("strategic") == "oversight, vision, and direction-setting"
    assert frameworks.title_of("layers") == "Three-layer framework"


def test_the_strategic_group_and_why_leaders_matter_are_the_briefings_words() -> None:
    seed = (EXCERPTS / frameworks.seats_seed()).read_text(encoding="utf-8")
    assert frameworks.seats_seed() == frameworks.seed_of("tiers")
    assert frameworks.seats_quote() in seed
    assert frameworks.why_tiers_matter() in seed
    assert "first- or second-tier leaders" in seed
    assert [layers.seat_label(x) for x in layers.SEATS] == [
        "first-tier leader", "second-tier leader", "someone else", "not represented"]
    assert layers.seat_label(None) == "not recorded"


def test_the_marks_and_the_seats_say_they_are_the_apps_own() -> None:
    sentence = frameworks.own_choice("layers")
    assert "the app's own" in sentence
    for word in ("missing", "duplicated", "someone else", "not represented"):
        assert word in sentence
    seeds = "".join(p.read_text(encoding="utf-8") for p in EXCERPTS.glob("*.txt")).casefold()
    assert "duplicated" not in seeds and "someone else" not in seeds


def test_off_by_default_and_the_last_step(editor) -> None:
    assert OPTIONAL_STEPS[-1] == "layers"
    assert "layers" not in DEFAULT_STEPS
    session = load(editor)
    assert not session.step_on("layers")
    assert stored(editor) == Layers()
    assert [(x.layer, x.body, x.mark) for x in layers.layers(session)] == [
        ("strategic", "", None), ("executive", "", None), ("operational", "", None)]
    assert [(s.organisation, s.seat) for s in layers.seats(session)] == [
        ("Council", None), ("Police", None), ("Fire", None)]
    # Off: the Summary and the PDF cover have no such heading.
    assert "Three-layer framework" not in [h for h, _ in findings.finding_sections(session)]


# --- edits and undo ---------------------------------------------------------------------

def test_marks_texts_and_their_undo(editor) -> None:
    done = [apply(editor, layers.toggle_mark(editor, "executive", "missing"))]
    assert [(x.layer, x.mark) for x in stored(editor).layers] == [("executive", "missing")]
    done.append(apply(editor, layers.toggle_mark(editor, "executive", "duplicated")))
    assert stored(editor).layers[0].mark == "duplicated"
    done.append(apply(editor, layers.toggle_mark(editor, "executive", "duplicated")))
    assert stored(editor).layers[0].mark is None  # again: cleared
    done.append(apply(editor, layers.set_body(editor, "executive", "Executive Group")))
    done.append(apply(editor, layers.set_note(editor, "executive", "Merge with ops")))
    assert done[-2].merge_key == ("layers", editor.session_id, "executive", "body")
    assert done[-1].merge_key == ("layers", editor.session_id, "executive", "note")
    x = stored(editor).layers[0]
    assert (x.body, x.mark, x.note) == ("Executive Group", None, "Merge with ops")
    for change in reversed(done[1:]):
        editor.store.apply(change.inverse())
    assert (stored(editor).layers[0].body, stored(editor).layers[0].mark) == ("", "missing")
    editor.store.apply(done[0].inverse())
    assert stored(editor) == Layers()  # the first edit made the row: undo removes it


def test_the_first_edit_of_a_layer_is_undone_to_nothing(editor) -> None:
    change = apply(editor, layers.set_body(editor, "strategic", "Carrick Partnership Board"))
    assert len(stored(editor).layers) == 1
    editor.store.apply(change.inverse())
    assert stored(editor) == Layers()
    # Clearing a text or a mark of an unedited layer stores nothing.
    assert not layers.set_note(editor, "strategic", "")
    assert not layers.set_mark(editor, "strategic", None)


def test_layers_keep_their_order_whatever_the_order_of_edits(editor) -> None:
    for name in ("operational", "strategic", "executive"):
        apply(editor, layers.set_body(editor, name, name.upper()))
    assert [x.layer for x in stored(editor).layers] == list(LAYERS)


def test_seats_and_their_undo(editor) -> None:
    police = org_id(editor, 1)
    first = apply(editor, layers.set_seat(editor, police, "other"))
    assert [(s.organisation, s.seat) for s in stored(editor).seats] == [("Police", "other")]
    second = apply(editor, layers.set_seat(editor, police, "first-tier"))
    assert stored(editor).seats[0].seat == "first-tier"
    assert not layers.set_seat(editor, police, "first-tier")  # no change, no undo step
    cleared = apply(editor, layers.set_seat(editor, police, None))
    assert stored(editor).seats == []
    assert not layers.set_seat(editor, police, None)
    editor.store.apply(cleared.inverse())
    assert stored(editor).seats[0].seat == "first-tier"
    editor.store.apply(second.inverse())
    assert stored(editor).seats[0].seat == "other"
    editor.store.apply(first.inverse())
    assert stored(editor) == Layers()


def test_bad_edits_are_refused(editor, store: Store) -> None:
    with pytest.raises(EditRefused):
        layers.toggle_mark(editor, "strategic", "absent")
    with pytest.raises(EditRefused):
        layers.set_body(editor, "tactical", "x")
    with pytest.raises(EditRefused):
        layers.set_seat(editor, org_id(editor, 0), "third-tier")
    with pytest.raises(EditRefused, match="characters long"):
        layers.set_note(editor, "strategic", "x" * (MAX_TEXT + 1))
    other = starting_points.new_session("Other")
    other.organisations = [Organisation("Police")]
    police = store.load(store.add_session(other)).organisations[0].id
    with pytest.raises(EditRefused):
        layers.set_seat(editor, police, "none")
    assert stored(editor) == Layers()


def test_deleting_a_partner_body_deletes_its_seat_and_undo_restores_it(editor) -> None:
    fire = org_id(editor, 2)
    apply(editor, layers.set_seat(editor, fire, "none"))
    removal = apply(editor, editor.remove_named("organisations", fire))
    assert stored(editor).seats == []
    assert [s.organisation for s in layers.seats(load(editor))] == ["Council", "Police"]
    editor.store.apply(removal.inverse())
    assert [(s.organisation, s.seat) for s in stored(editor).seats] == [("Fire", "none")]
    # Renaming keeps the seat: it is keyed by the organisation's id.
    apply(editor, editor.rename("organisations", fire, "Fire and Rescue"))
    assert stored(editor).seats[0].organisation == "Fire and Rescue"


@pytest.mark.parametrize("text", HOSTILE_STRINGS[:40])
def test_any_text_is_kept_exactly(editor, text: str) -> None:
    apply(editor, layers.set_body(editor, "operational", text))
    apply(editor, layers.set_note(editor, "operational", text))
    x = layers.layer(load(editor), "operational")
    assert (x.body, x.note) == (text, text)


# --- findings ---------------------------------------------------------------------------

def _session(**parts) -> Session:
    session = starting_points.new_session("Layers")
    session.organisations = [Organisation("Council"), Organisation("Police"),
                             Organisation("Fire")]
    session.steps = ["layers"]
    session.parts["layers"] = Layers(**parts)
    return session


def test_findings_name_the_marks_and_the_seats_without_a_leader() -> None:
    session = _session(
        layers=[Layer("strategic", "Carrick Partnership Board"),
                Layer("executive", mark="missing"),
                Layer("operational", "Housing Forum; Tenants' Panel", "duplicated")],
        seats=[Seat("Council", "first-tier"), Seat("Police", "other"), Seat("Fire", "none")])
    heading, texts = layers.PART.findings(session)
    assert heading == "Three-layer framework"
    assert texts == [
        "Missing: the executive layer.",
        "Duplicated: the operational layer (Housing Forum; Tenants' Panel).",
        "On the strategic group (Carrick Partnership Board), not represented by a first- "
        "or second-tier leader: “Police” (someone else), “Fire” (not represented).",
    ]
    # The Summary and the PDF cover read them from the registry, when the step is on.
    assert ("Three-layer framework", texts) in findings.finding_sections(session)
    session.steps = []
    assert "Three-layer framework" not in dict(findings.finding_sections(session))


def test_findings_when_every_seat_has_a_leader_or_some_are_not_recorded() -> None:
    session = _session(layers=[Layer("strategic", mark="missing"),
                               Layer("executive", mark="missing")],
                       seats=[Seat("Council", "first-tier"), Seat("Police", "second-tier")])
    assert layers.finding_texts(session) == [
        "Missing: the strategic and executive layers.",
        "Seat on the strategic group not recorded for: “Fire”."]
    session.parts["layers"].seats.append(Seat("Fire", "second-tier"))
    assert layers.finding_texts(session)[-1] == (
        "On the strategic group, every partner body has a first- or second-tier leader.")
    assert layers.finding_texts(_session()) == [
        "No layer was named or marked.",
        "No partner body's seat on the strategic group was recorded."]
    named = _session(layers=[Layer("strategic", "Board")])
    assert layers.finding_texts(named)[0] == "No layer was marked missing or duplicated."
    nobody = _session()
    nobody.organisations = []
    assert "cannot be assessed" in layers.finding_texts(nobody)[-1]


def test_a_long_body_is_shortened_in_a_finding_only() -> None:
    body = "Board " * 100
    session = _session(layers=[Layer("strategic", body, "duplicated")])
    found = layers.finding_texts(session)[0]
    assert len(found) < 200 and found.endswith("…).")


# --- store, file, CSV -------------------------------------------------------------------

def _filled() -> Session:
    return _session(
        layers=[Layer("strategic", "Carrick Partnership Board", note="=Keep"),
                Layer("operational", "A; B", "duplicated", "Merge the two")],
        seats=[Seat("Council", "first-tier"), Seat("Fire", "none")])


def test_store_and_session_file_round_trip(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    assert [x.layer for x in loaded.parts["layers"].layers] == ["strategic", "operational"]
    data = session_to_dict(loaded)
    assert data["version"] == 2
    assert data["session"]["layers"] == {
        "strategic": {"body": "Carrick Partnership Board", "mark": None, "note": "=Keep"},
        "operational": {"body": "A; B", "mark": "duplicated", "note": "Merge the two"},
        "seats": [{"organisation": "Council", "seat": "first-tier"},
                  {"organisation": "Fire", "seat": "none"}]}
    again = store.load(store.add_session(session_from_dict(data)))
    assert session_to_dict(again) == data
    # Stored whole again (a copy of the session), and the re-run starts empty.
    copy = store.load(store.add_session(store.load(again.id)))
    assert session_to_dict(copy) == data
    fresh = store.load(rerun(store, again.id))
    assert fresh.parts["layers"] == Layers() and "layers" not in session_to_dict(fresh)[
        "session"]


def test_read_in_order_whatever_the_files() -> None:
    data = session_to_dict(_filled())
    data["session"]["layers"] = {
        "seats": [{"organisation": "Fire", "seat": "other"},
                  {"organisation": "Council", "seat": "second-tier"}],
        "operational": {"mark": "missing"}, "strategic": {"body": "B"},
        "executive": {"body": "", "mark": None, "note": ""}}
    got = session_from_dict(data).parts["layers"]
    assert [x.layer for x in got.layers] == ["strategic", "operational"]  # blank: none
    assert [s.organisation for s in got.seats] == ["Council", "Fire"]


def test_nothing_entered_writes_no_layers(editor) -> None:
    apply(editor, layers.set_body(editor, "strategic", "Board"))
    apply(editor, layers.set_body(editor, "strategic", ""))  # the row stays, blank
    data = session_to_dict(load(editor))
    assert data["version"] == 1 and "layers" not in data["session"]
    data["version"] = 2
    assert layers.stored(session_from_dict(data)) == Layers()
    data["version"] = 1  # in a version 1 file the field is unknown, and ignored
    data["session"]["layers"] = {"strategic": {"mark": "missing"}}
    assert layers.stored(session_from_dict(data)) == Layers()


@pytest.mark.parametrize(("value", "message"), [
    ([], "session.layers: [] is not an object"),
    ({"tactical": {}}, "session.layers.tactical: \"tactical\" is not a layer"),
    ({"a b<c>": {}}, "session.layers: \"a b<c>\" is not a layer"),
    ({"strategic": "Board"}, "session.layers.strategic: \"Board\" is not an object"),
    ({"strategic": {"body": 3}}, "session.layers.strategic.body: 3 is not a string"),
    ({"executive": {"mark": "absent"}},
     "session.layers.executive.mark: \"absent\" is not missing, duplicated or null"),
    ({"operational": {"note": None}}, "session.layers.operational.note: null is not"),
    ({"seats": {}}, "session.layers.seats: {} is not a list"),
    ({"seats": [{"seat": "none"}]}, "session.layers.seats[0].organisation: missing"),
    ({"seats": [{"organisation": " ", "seat": "none"}]},
     "session.layers.seats[0].organisation: must not be blank"),
    ({"seats": [{"organisation": "Ambulance", "seat": "none"}]},
     "session.layers.seats[0].organisation: \"Ambulance\" is not the name"),
    ({"seats": [{"organisation": "Council", "seat": "none"},
                {"organisation": "Council", "seat": "other"}]},
     "session.layers.seats[1].organisation: \"Council\" is listed twice"),
    ({"seats": [{"organisation": "Council"}]},
     "session.layers.seats[0].seat: missing (required)"),
    ({"seats": [{"organisation": "Council", "seat": "third-tier"}]},
     "session.layers.seats[0].seat: \"third-tier\" is not first-tier, second-tier, other "
     "or none"),
    ({"seats": [{"organisation": "Council", "seat": None}]},
     "session.layers.seats[0].seat: null is not"),
    ({"seats": [{"organisation": "Council", "seat": "none"}] * 501},
     "session.layers.seats: 501 items, more than the 500"),
])
def test_refusals_name_the_field(value, message) -> None:
    data = {"format": "partnership-workshop-session", "version": 2,
            "session": {"title": "T", "organisations": [{"name": "Council"}],
                        "layers": value}}
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value).startswith(message), str(caught.value)


def test_csv_has_every_layer_and_partner_body(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    files = csv_files(loaded)
    rows = list(csv.DictReader(io.StringIO(files["layers.csv"].decode("utf-8-sig"))))
    assert len(rows) == 3 * 3 + 3
    assert list(rows[0])[-2:] == ["layer", "organisation_number"]
    measures = {(r["item"], r["measure"]): r["value"] for r in rows}
    assert measures[("strategic", "body")] == "Carrick Partnership Board"
    assert measures[("strategic", "note")] == "'=Keep"  # a formula, neutralised
    assert measures[("strategic", "mark")] == ""
    assert measures[("operational", "mark")] == "duplicated"
    assert measures[("executive", "body")] == ""
    seats = [(r["item"], r["value"], r["layer"], r["organisation_number"])
             for r in rows if r["measure"] == "seat"]
    assert seats == [("Council", "first-tier", "strategic", "1"),
                     ("Police", "", "strategic", "2"), ("Fire", "none", "strategic", "3")]
    assert all(r["organisation_number"] == "" for r in rows if r["measure"] != "seat")


def test_compare_says_which_marks_and_seats_moved() -> None:
    before, after = Session("Then"), Session("Now")
    before.organisations = after.organisations = [Organisation("Council"),
                                                  Organisation("Police")]
    before.parts["layers"] = Layers([Layer("executive", mark="missing")],
                                    [Seat("Council", "other"), Seat("Police", "none")])
    after.parts["layers"] = Layers([Layer("executive", body="Exec group")],
                                   [Seat("Council", "first-tier"), Seat("Police", "none")])
    assert layers.PART.since(before, after) == [
        "The executive layer: missing then, unmarked now.",
        "“Council” on the strategic group: someone else then, first-tier leader now."]


def test_the_first_words_typed_merge_with_the_rest_into_one_undo_step(editor) -> None:
    first = apply(editor, layers.set_body(editor, "strategic", "Carr"))
    rest = apply(editor, layers.set_body(editor, "strategic", "Carrick Board"))
    assert first.merge_key == rest.merge_key is not None
    editor.store.apply(first.then(rest).inverse())
    assert stored(editor) == Layers()


def test_compare_says_nothing_moved_of_what_the_later_review_has_not_entered() -> None:
    before, after = Session("Then"), Session("Now")
    before.organisations = after.organisations = [Organisation("Council")]
    before.parts["layers"] = Layers([Layer("executive", mark="missing")],
                                    [Seat("Council", "other")])
    assert layers.PART.since(before, after) == []
