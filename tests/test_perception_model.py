"""The perception grid's core: spreads and gaps (pure), and score and row edits (store)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import frameworks
from model.demo import demo_session
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises.perception import (
    add_default_rows,
    add_row,
    flagged_rows,
    groups_at,
    move_row,
    ordered_rows,
    remove_row,
    rename_row,
    row_spreads,
    set_row_section,
    set_score,
)
from model.session import Group, Perception, PerceptionRow, Score, Session

GROUPS = ["Board", "Staff", "Tenants", "Council"]


def session_with(rows: list[tuple[str, str]], scores: dict[tuple[str, str], int]) -> Session:
    return Session(
        title="Grid",
        groups=[Group(name, "#4477aa") for name in GROUPS],
        perception=Perception(
            rows=[PerceptionRow(section, label) for section, label in rows],
            scores=[Score(row, group, score) for (row, group), score in scores.items()],
        ),
    )


# --- spreads and gaps (no database) ------------------------------------------------------

def test_spread_of_rows_with_none_one_and_many_scores():
    session = session_with(
        [("governance", "None"), ("governance", "One"), ("governance", "Two"),
         ("governance", "Same")],
        {("One", "Staff"): 4,
         ("Two", "Tenants"): 5, ("Two", "Board"): 1,
         ("Same", "Board"): 3, ("Same", "Staff"): 3, ("Same", "Council"): 3})
    none, one, two, same = row_spreads(session)
    assert (none.count, none.minimum, none.maximum, none.range, none.flagged) == \
        (0, None, None, None, False)
    assert none.scores == {}
    assert (one.count, one.minimum, one.maximum, one.range, one.flagged) == (1, 4, 4, 0, False)
    assert (two.count, two.minimum, two.maximum, two.range, two.flagged) == (2, 1, 5, 4, True)
    # Group order, not the order scores were given in.
    assert list(two.scores.items()) == [("Board", 1), ("Tenants", 5)]
    assert (same.range, same.flagged) == (0, False)
    assert two.row.label == "Two"


def test_one_score_is_never_flagged_even_with_threshold_zero():
    session = session_with([("governance", "One")], {("One", "Board"): 5})
    assert row_spreads(session, threshold=0)[0].flagged is False
    session.perception.gap_threshold = 0
    assert flagged_rows(session) == []


def flagged_at(session, threshold):
    session.perception.gap_threshold = threshold
    return [s.row.label for s in flagged_rows(session)]


def test_threshold_decides_what_is_flagged():
    session = session_with(
        [("governance", "A"), ("governance", "B"), ("governance", "C")],
        {("A", "Board"): 1, ("A", "Staff"): 3,      # range 2
         ("B", "Board"): 2, ("B", "Staff"): 5,      # range 3
         ("C", "Board"): 1, ("C", "Staff"): 5})     # range 4
    assert [s.row.label for s in flagged_rows(session)] == ["C", "B"]  # the default 3
    assert flagged_at(session, 2) == ["C", "B", "A"]
    assert flagged_at(session, 4) == ["C"]
    assert flagged_at(session, 5) == []
    assert [s.flagged for s in row_spreads(session)] == [False, False, False]
    assert [s.flagged for s in row_spreads(session, threshold=2)] == [True, True, True]


def test_flagged_ties_keep_the_order_rows_are_shown_in():
    session = session_with(
        [("governance", "G1"), ("quality-of-life", "Q1"), ("governance", "G2"),
         ("quality-of-life", "Q2")],
        {("G1", "Board"): 1, ("G1", "Staff"): 4,
         ("Q1", "Board"): 2, ("Q1", "Staff"): 5,
         ("G2", "Board"): 1, ("G2", "Tenants"): 5,
         ("Q2", "Council"): 5, ("Q2", "Tenants"): 2})
    # Shown order: Q1, Q2 (quality of life), then G1, G2. G2 is widest (4); the rest tie at 3.
    assert [s.row.label for s in row_spreads(session)] == ["Q1", "Q2", "G1", "G2"]
    assert [s.row.label for s in flagged_rows(session)] == ["G2", "Q1", "Q2", "G1"]


def test_groups_at_gives_a_cells_groups_in_group_order():
    session = session_with([("governance", "Row")],
                           {("Row", "Council"): 2, ("Row", "Board"): 2, ("Row", "Staff"): 3})
    assert [g.name for g in groups_at(session, "Row", 2)] == ["Board", "Council"]
    assert [g.name for g in groups_at(session, "Row", 3)] == ["Staff"]
    assert groups_at(session, "Row", 5) == []
    assert groups_at(session, "No such row", 2) == []


def test_demo_reproduces_the_seeds_table():
    session = demo_session()
    spreads = row_spreads(session)
    assert spreads[0].row.label == "Liveable Environment: quality of housing"
    assert [g.name for g in groups_at(session, spreads[0].row.label, 1)] == \
        ["Carrick Housing Staff"]
    assert (spreads[0].count, spreads[0].range) == (5, 4)
    community = next(s for s in spreads if s.row.label == "Community safety")
    assert (community.count, community.range, community.flagged) == (2, 1, False)
    assert [s.row.label for s in flagged_rows(session)][:3] == [
        "Liveable Environment: quality of housing",
        "Liveable Environment: quality of housing services",
        "Liveable Environment: quality of surroundings"]


@given(st.lists(st.integers(1, 5), max_size=4), st.integers(0, 5))
def test_spread_properties(values, threshold):
    scores = dict(zip(GROUPS, values, strict=False))
    session = session_with([("governance", "Row")],
                           {("Row", group): score for group, score in scores.items()})
    spread = row_spreads(session, threshold)[0]
    assert spread.count == len(scores)
    if scores:
        assert spread.range == max(values) - min(values)
        assert spread.flagged == (len(values) >= 2 and spread.range >= threshold)
    else:
        assert spread.range is None and not spread.flagged


# --- score edits (store) -------------------------------------------------------------------

@pytest.fixture
def grid(store):
    session = session_with(
        [("quality-of-life", "Housing"), ("quality-of-life", "Safety"),
         ("governance", "Transparency"), ("governance", "Leadership")], {})
    session_id = store.add_session(session)
    return SessionEditor(store, session_id)


def ids(editor):
    session = editor.store.load(editor.session_id)
    return ({r.label: r.id for r in session.perception.rows},
            {g.name: g.id for g in session.groups})


def scores(editor):
    session = editor.store.load(editor.session_id)
    return {(s.row, s.group): s.score for s in session.perception.scores}


def labels(editor):
    return [(r.section, r.label) for r in ordered_rows(editor.store.load(editor.session_id))]


def test_set_score_inserts_updates_and_clears_each_undoable(store, grid):
    rows, groups = ids(grid)
    first = set_score(grid, rows["Housing"], groups["Board"], 3)
    store.apply(first)
    assert scores(grid) == {("Housing", "Board"): 3}
    second = set_score(grid, rows["Housing"], groups["Board"], 5)
    assert len(second.changes) == 1
    store.apply(second)
    assert scores(grid) == {("Housing", "Board"): 5}
    cleared = set_score(grid, rows["Housing"], groups["Board"], None)
    store.apply(cleared)
    assert scores(grid) == {}
    store.apply(cleared.inverse())
    assert scores(grid) == {("Housing", "Board"): 5}
    store.apply(second.inverse())
    assert scores(grid) == {("Housing", "Board"): 3}
    store.apply(first.inverse())
    assert scores(grid) == {}


def test_set_score_refuses_out_of_range_and_clearing_nothing_is_no_edit(grid):
    rows, groups = ids(grid)
    with pytest.raises(EditRefused):
        set_score(grid, rows["Housing"], groups["Board"], 6)
    with pytest.raises(EditRefused):
        set_score(grid, rows["Housing"], groups["Board"], 0)
    with pytest.raises(EditRefused):
        set_score(grid, 99999, groups["Board"], 2)
    assert not set_score(grid, rows["Housing"], groups["Board"], None)
    assert set_score(grid, rows["Housing"], groups["Board"], 1)


def test_removing_a_row_takes_its_scores_and_undo_brings_them_back(store, grid):
    rows, groups = ids(grid)
    store.apply(set_score(grid, rows["Safety"], groups["Staff"], 2))
    store.apply(set_score(grid, rows["Safety"], groups["Tenants"], 5))
    change = remove_row(grid, rows["Safety"])
    store.apply(change)
    assert scores(grid) == {}
    assert "Safety" not in [label for _, label in labels(grid)]
    store.apply(change.inverse())
    assert scores(grid) == {("Safety", "Staff"): 2, ("Safety", "Tenants"): 5}
    assert labels(grid)[1] == ("quality-of-life", "Safety")


def test_rename_keeps_scores_and_refuses_duplicates(store, grid):
    rows, groups = ids(grid)
    store.apply(set_score(grid, rows["Leadership"], groups["Council"], 4))
    store.apply(rename_row(grid, rows["Leadership"], "Leadership and vision"))
    assert scores(grid) == {("Leadership and vision", "Council"): 4}
    with pytest.raises(EditRefused):
        rename_row(grid, rows["Leadership"], "Transparency")
    with pytest.raises(EditRefused):
        rename_row(grid, rows["Leadership"], "   ")


# --- row edits (store) ---------------------------------------------------------------------

def test_add_row_at_an_index_within_its_section(store, grid):
    store.apply(add_row(grid, "governance", "Equity", 1))
    store.apply(add_row(grid, "quality-of-life", "Transport", 0))
    store.apply(add_row(grid, "governance", None))
    assert labels(grid) == [
        ("quality-of-life", "Transport"), ("quality-of-life", "Housing"),
        ("quality-of-life", "Safety"), ("governance", "Transparency"),
        ("governance", "Equity"), ("governance", "Leadership"),
        ("governance", "New perception row")]
    stored = store.rows("perception_rows", grid.session_id)
    assert [r["position"] for r in stored] == list(range(7))
    with pytest.raises(EditRefused):
        add_row(grid, "governance", "Equity")


def test_add_row_undo_restores_positions(store, grid):
    before = store.rows("perception_rows", grid.session_id)
    change = add_row(grid, "quality-of-life", "Transport", 0)
    store.apply(change)
    store.apply(change.inverse())
    assert store.rows("perception_rows", grid.session_id) == before


def test_move_within_a_section_and_to_the_other(store, grid):
    rows, _ = ids(grid)
    store.apply(move_row(grid, rows["Leadership"], 0))
    assert labels(grid)[2:] == [("governance", "Leadership"), ("governance", "Transparency")]
    change = set_row_section(grid, rows["Housing"], "governance")
    assert "to governance principles" in change.label
    store.apply(change)
    # Another section: at its end by default.
    assert labels(grid) == [
        ("quality-of-life", "Safety"), ("governance", "Leadership"),
        ("governance", "Transparency"), ("governance", "Housing")]
    store.apply(set_row_section(grid, rows["Transparency"], "quality-of-life", 0))
    assert labels(grid) == [
        ("quality-of-life", "Transparency"), ("quality-of-life", "Safety"),
        ("governance", "Leadership"), ("governance", "Housing")]
    stored = store.rows("perception_rows", grid.session_id)
    assert [r["label"] for r in stored] == [label for _, label in labels(grid)]
    # Moving to where it already is changes nothing.
    assert not move_row(grid, rows["Safety"], 1)
    assert not set_row_section(grid, rows["Safety"], "quality-of-life")


def test_moving_between_sections_undoes_as_one_step(store, grid):
    rows, groups = ids(grid)
    store.apply(set_score(grid, rows["Safety"], groups["Board"], 2))
    before = store.rows("perception_rows", grid.session_id)
    change = set_row_section(grid, rows["Safety"], "governance", 1)
    store.apply(change)
    assert labels(grid)[2] == ("governance", "Safety")
    assert scores(grid) == {("Safety", "Board"): 2}
    store.apply(change.inverse())
    assert store.rows("perception_rows", grid.session_id) == before


def test_interleaved_sections_are_shown_together_and_an_edit_tidies_positions(store):
    session = session_with([("governance", "G1"), ("quality-of-life", "Q1"),
                            ("governance", "G2"), ("quality-of-life", "Q2")], {})
    editor = SessionEditor(store, store.add_session(session))
    assert [label for _, label in labels(editor)] == ["Q1", "Q2", "G1", "G2"]
    rows, _ = ids(editor)
    store.apply(move_row(editor, rows["G2"], 0))
    stored = store.rows("perception_rows", editor.session_id)
    assert [r["label"] for r in stored] == ["Q1", "Q2", "G2", "G1"]


def test_add_default_rows_twice_adds_nothing_the_second_time(store, grid):
    change = add_default_rows(grid, "principles")
    store.apply(change)
    principles = [r.label for r in frameworks.principle_rows()]
    governance = [label for section, label in labels(grid) if section == "governance"]
    # "Transparency" was there already: not added twice; the others come after.
    assert governance == ["Transparency", "Leadership"] + [
        p for p in principles if p not in ("Transparency", "Leadership")]
    assert "8 rows" in change.label
    assert not add_default_rows(grid, "principles")
    store.apply(add_default_rows(grid, "quality-of-life"))
    qol = [label for section, label in labels(grid) if section == "quality-of-life"]
    assert qol[:2] == ["Housing", "Safety"]
    assert set(qol[2:]) == {r.label for r in frameworks.quality_of_life_rows()}
    assert not add_default_rows(grid, "quality-of-life")
    every = [label for _, label in labels(grid)]
    assert len(every) == len(set(every))
    stored = store.rows("perception_rows", grid.session_id)
    assert [r["position"] for r in stored] == list(range(len(stored)))
    assert [r["label"] for r in stored] == every


def test_add_default_rows_ignores_case_and_undoes_in_one_step(store, grid):
    rows, _ = ids(grid)
    store.apply(rename_row(grid, rows["Leadership"], "  leadership "))
    before = store.rows("perception_rows", grid.session_id)
    change = add_default_rows(grid, "principles")
    store.apply(change)
    assert "Leadership" not in [label for _, label in labels(grid)]
    store.apply(change.inverse())
    assert store.rows("perception_rows", grid.session_id) == before
    # Applying it again (redo) gives the same rows and ids.
    store.apply(change)
    assert len(labels(grid)) == 4 + 8


def test_add_default_rows_refuses_an_unknown_set(grid):
    with pytest.raises(ValueError):
        add_default_rows(grid, "obstacles")
