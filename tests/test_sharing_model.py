"""The "sharing" acid test (Bovaird 2009) in the core: the five things shared as the seed
words them, the edits (mark, why not, what would change it), their undo, a partner body
deleted and restored with its row, the store's round trip, the session file (version
2's optional `sharing`, refusals by path), the CSV, and the step off by default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from model import frameworks, starting_points
from model.csv_export import csv_files
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises import sharing
from model.exercises.registry import OPTIONAL_STEPS
from model.exercises.sharing import SHARES, Sharing
from model.session import DEFAULT_STEPS, Organisation, Session
from model.session_file import SessionFileError, session_from_dict, session_to_dict
from model.store import Store

EXCERPT = Path(__file__).resolve().parent / "seed_excerpts" / "004_ab2dd0d9840521d9.txt"


@pytest.fixture
def editor(store: Store) -> SessionEditor:
    session = starting_points.new_session()
    session.organisations = [Organisation("Council"), Organisation("NHS Trust")]
    return SessionEditor(store, store.add_session(session))


def apply(editor: SessionEditor, changeset):
    editor.store.apply(changeset)
    return changeset


def load(editor: SessionEditor) -> Session:
    return editor.store.load(editor.session_id)


def org_id(editor: SessionEditor, position: int) -> int:
    return load(editor).organisations[position].id  # type: ignore[return-value]


def test_the_test_and_the_five_things_are_the_seeds_words() -> None:
    text = EXCERPT.read_text(encoding="utf-8")
    assert frameworks.sharing_test() in text
    assert frameworks.seed_of("sharing") == EXCERPT.name
    for share in SHARES:
        assert sharing.share_label(share) in text.casefold(), share
    assert "SHARING (e.g. of specialised services" in text
    assert "Pooling risk" in text


def test_the_marking_and_questions_say_they_are_the_apps_own() -> None:
    sentence = frameworks.own_choice("sharing")
    assert "the app's own" in sentence
    assert "Why not?" in sentence and "What would change it?" in sentence
    text = EXCERPT.read_text(encoding="utf-8").casefold()
    assert "why not" not in text and "would change" not in text


def test_off_by_default_and_after_box_2_of_the_optional_steps(editor) -> None:
    # Later exercises follow it: it stays the fifth, after the first three and Box 2.
    assert OPTIONAL_STEPS[4] == "sharing" and "sharing" not in DEFAULT_STEPS
    session = load(editor)
    assert not session.step_on("sharing")
    assert sharing.stored(session) == []
    assert [r.organisation for r in sharing.rows(session)] == ["Council", "NHS Trust"]
    assert all(r.shares() == [] for r in sharing.rows(session))


def test_marks_and_texts_and_their_undo(editor) -> None:
    council = org_id(editor, 0)
    done = [apply(editor, sharing.toggle(editor, council, "expertise"))]
    assert [r.shares() for r in sharing.rows(load(editor))] == [["expertise"], []]
    done.append(apply(editor, sharing.toggle(editor, council, "risk")))
    done.append(apply(editor, sharing.toggle(editor, council, "risk")))
    assert load(editor).parts["sharing"][0].shares() == ["expertise"]
    done.append(apply(editor, sharing.set_why_not(editor, council, "Budgets ring-fenced")))
    done.append(apply(editor, sharing.set_would_change(editor, council, "A pooled budget")))
    row = load(editor).parts["sharing"][0]
    assert (row.why_not, row.would_change) == ("Budgets ring-fenced", "A pooled budget")
    assert done[-1].merge_key == ("sharing", council, "would_change")
    for change in reversed(done[2:]):
        editor.store.apply(change.inverse())
    assert load(editor).parts["sharing"][0].shares() == ["expertise", "risk"]
    assert load(editor).parts["sharing"][0].why_not == ""
    for change in reversed(done[:2]):
        editor.store.apply(change.inverse())
    assert load(editor).parts["sharing"] == []  # the first edit made the row: undo removes it
    with pytest.raises(EditRefused):
        sharing.toggle(editor, council, "gossip")


def test_the_first_edit_is_undone_to_nothing(editor) -> None:
    council = org_id(editor, 0)
    change = apply(editor, sharing.toggle(editor, council, "services"))
    assert len(load(editor).parts["sharing"]) == 1
    editor.store.apply(change.inverse())
    assert load(editor).parts["sharing"] == []
    # Clearing a text on an unmarked partner body stores nothing.
    assert not sharing.set_why_not(editor, council, "")


def test_deleting_a_partner_body_deletes_its_row_and_undo_restores_it(editor) -> None:
    trust = org_id(editor, 1)
    apply(editor, sharing.toggle(editor, trust, "knowledge"))
    apply(editor, sharing.set_why_not(editor, trust, "Data protection"))
    removal = apply(editor, editor.remove_named("organisations", trust))
    assert load(editor).parts["sharing"] == []
    assert [r.organisation for r in sharing.rows(load(editor))] == ["Council"]
    editor.store.apply(removal.inverse())
    [row] = load(editor).parts["sharing"]
    assert (row.organisation, row.shares(), row.why_not) == ("NHS Trust", ["knowledge"],
                                                             "Data protection")
    # Renaming keeps the row: it is keyed by the organisation's id.
    apply(editor, editor.rename("organisations", trust, "Acute Trust"))
    assert load(editor).parts["sharing"][0].organisation == "Acute Trust"


def test_a_partner_body_of_another_session_is_refused(editor, store: Store) -> None:
    other = starting_points.new_session("Other")
    other.organisations = [Organisation("Police")]
    police = store.load(store.add_session(other)).organisations[0].id
    with pytest.raises(EditRefused):
        sharing.toggle(editor, police, "services")


def _filled() -> Session:
    session = starting_points.new_session("Sharing test")
    session.organisations = [Organisation("Council"), Organisation("NHS Trust"),
                             Organisation("Police")]
    session.parts["sharing"] = [Sharing("Council", services=True, risk=True, why_not="=Cost"),
                       Sharing("Police", would_change="A shared control room")]
    session.steps = ["perception", "sharing"]
    return session


def test_store_and_session_file_round_trip(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    assert [x.organisation for x in loaded.parts["sharing"]] == ["Council", "Police"]
    data = session_to_dict(loaded)
    assert data["version"] == 2
    assert data["session"]["steps"] == ["perception", "sharing"]
    assert data["session"]["sharing"][0] == {
        "organisation": "Council", "services": True, "expertise": False,
        "knowledge": False, "resources": False, "risk": True, "why_not": "=Cost",
        "would_change": ""}
    again = store.load(store.add_session(session_from_dict(data)))
    assert session_to_dict(again) == data


def test_a_session_without_sharing_still_writes_version_1(editor) -> None:
    data = session_to_dict(load(editor))
    assert data["version"] == 1 and "sharing" not in data["session"]
    data["version"] = 2
    assert sharing.stored(session_from_dict(data)) == []
    data["version"] = 1  # in a version 1 file the field is unknown, and ignored
    data["session"]["sharing"] = [{"organisation": "Council", "services": True}]
    assert sharing.stored(session_from_dict(data)) == []


@pytest.mark.parametrize(("value", "message"), [
    ({"organisation": "Council"}, "session.sharing: {"),
    ([{"organisation": ""}], "session.sharing[0].organisation: must not be blank"),
    ([{}], "session.sharing[0].organisation:"),
    ([{"organisation": "Fire"}], "session.sharing[0].organisation: \"Fire\" is not the name"),
    ([{"organisation": "Council"}, {"organisation": "Council"}],
     "session.sharing[1].organisation: \"Council\" is listed twice"),
    ([{"organisation": "Council", "risk": 1}], "session.sharing[0].risk: 1 is not true or false"),
    ([{"organisation": "Council", "why_not": 3}], "session.sharing[0].why_not:"),
    ([{"organisation": "Council"}] * 501, "session.sharing: 501 items"),
])
def test_refusals_name_the_field(value, message) -> None:
    data = {"format": "partnership-workshop-session", "version": 2,
            "session": {"title": "T", "organisations": [{"name": "Council"}],
                        "sharing": value}}
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(data)
    assert str(caught.value).startswith(message), str(caught.value)


def test_csv_has_every_partner_body_and_measure(store: Store) -> None:
    loaded = store.load(store.add_session(_filled()))
    files = csv_files(loaded)
    rows = list(csv.DictReader(io.StringIO(files["sharing.csv"].decode("utf-8-sig"))))
    assert len(rows) == 3 * 7
    council = {r["measure"]: r["value"] for r in rows if r["organisation_number"] == "1"}
    assert council == {"services": "1", "expertise": "0", "knowledge": "0",
                       "resources": "0", "risk": "1", "why_not": "'=Cost",
                       "would_change": ""}
    assert {r["item"] for r in rows} == {"Council", "NHS Trust", "Police"}


def test_the_key_findings_count_what_is_shared_and_name_who_shares_nothing(editor) -> None:
    """Counted over the partner bodies the board marked: one not marked yet is said to
    be so, never to share nothing."""
    assert sharing.PART.findings(load(editor)) == (
        "Sharing", ["No partner body's sharing was marked."])
    council = load(editor).organisations[0].id
    apply(editor, sharing.toggle(editor, council, "risk"))
    apply(editor, sharing.toggle(editor, council, "services"))
    heading, found = sharing.PART.findings(load(editor))
    assert found == ["Of 1 partner body marked, how many share: 1 services, "
                     "0 expertise, 0 knowledge, 0 resources, 1 risk.",
                     "Not marked yet: “NHS Trust”."]
    nhs = load(editor).organisations[1].id
    apply(editor, sharing.set_why_not(editor, nhs, "No budget"))
    assert sharing.PART.findings(load(editor))[1][1:] == ["Sharing nothing: “NHS Trust”."]
    assert sharing.PART.findings(Session("No partner bodies")) is None
