"""The typology's agreement measures and edits, without Qt."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.demo import demo_session
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises.typology import (
    GRID,
    MAX_DISTANCE,
    Placer,
    agreement,
    distance,
    initials,
    movement,
    place,
    placer_colours,
    placers,
    placing_for,
    remove_placement,
    set_agreed,
    set_rationale,
    spread,
)
from model.session import Cell, Group, Participant, Placement, Session

TOP_LEFT = Cell("co-operation", "strategic")
NEXT_RIGHT = Cell("co-operation", "commissioning")
BOTTOM_RIGHT = Cell("integration", "delivery")
CENTRE = Cell("co-ordination", "commissioning")


def placements(horizon: str, *cells: Cell) -> list[Placement]:
    return [Placement(f"P{i}", horizon, c.collaboration, c.function)
            for i, c in enumerate(cells)]


def test_counts_have_every_cell_and_ignore_the_other_horizon():
    ps = placements("now", TOP_LEFT, TOP_LEFT, CENTRE) + placements("needed", BOTTOM_RIGHT)
    a = agreement(ps, "now")
    assert list(a.counts) == list(GRID) and len(a.counts) == 9
    assert a.counts[TOP_LEFT] == 2 and a.counts[CENTRE] == 1 and a.counts[BOTTOM_RIGHT] == 0
    assert a.total == 3
    assert a.modal_cells == [TOP_LEFT]
    assert a.modal_share == pytest.approx(2 / 3)
    assert a.shared_view
    assert a.share_text() == "2 of 3 (67%)"


def test_empty_horizon():
    a = agreement(placements("now", TOP_LEFT), "needed")
    assert a.total == 0 and a.modal_cells == [] and a.modal_share == 0.0
    assert not a.shared_view and a.spread == 0.0
    assert set(a.counts.values()) == {0}


def test_ties_list_all_modal_cells_in_grid_order():
    a = agreement(placements("now", BOTTOM_RIGHT, TOP_LEFT, BOTTOM_RIGHT, TOP_LEFT, CENTRE),
                  "now")
    assert a.modal_cells == [TOP_LEFT, BOTTOM_RIGHT]
    assert a.modal_share == pytest.approx(0.4)
    assert not a.shared_view


def test_shared_view_needs_at_least_half():
    assert agreement(placements("now", TOP_LEFT, TOP_LEFT, CENTRE, BOTTOM_RIGHT), "now") \
        .shared_view  # exactly 50%
    few = agreement(placements("now", TOP_LEFT, TOP_LEFT, CENTRE, BOTTOM_RIGHT, NEXT_RIGHT),
                    "now")
    assert not few.shared_view and few.share_text() == "2 of 5 (40%)"


def test_spread_is_ordinal_in_both_directions():
    assert spread([]) == 0.0 and spread([TOP_LEFT]) == 0.0
    assert spread([CENTRE, CENTRE, CENTRE]) == 0.0
    one_step = spread([TOP_LEFT, NEXT_RIGHT])
    one_step_down = spread([TOP_LEFT, Cell("co-ordination", "strategic")])
    corners = spread([TOP_LEFT, BOTTOM_RIGHT])
    assert one_step == one_step_down == pytest.approx(0.25)
    assert corners == pytest.approx(1.0)
    assert one_step < spread([TOP_LEFT, CENTRE]) < corners
    # the mean over all pairs: (1 + 4 + 3) / 3 pairs / 4
    assert spread([TOP_LEFT, NEXT_RIGHT, BOTTOM_RIGHT]) == pytest.approx(8 / 12)
    assert agreement(placements("now", TOP_LEFT, BOTTOM_RIGHT), "now").spread == 1.0


def test_spread_stays_in_range_for_every_pair():
    for a in GRID:
        for b in GRID:
            assert 0.0 <= spread([a, b]) <= 1.0
            assert (spread([a, b]) == 0.0) == (a == b)


@given(st.lists(st.sampled_from(GRID), max_size=60))
def test_spread_is_the_mean_distance_over_all_pairs_of_placements(cells: list[Cell]):
    """However it is summed, spread is the definition: every pair of placements."""
    pairs = list(combinations(cells, 2))
    expected = (sum(distance(a, b) for a, b in pairs) / (len(pairs) * MAX_DISTANCE)
                if pairs else 0.0)
    assert spread(cells) == expected


def session_with(placed: list[Placement]) -> Session:
    session = Session("t")
    session.typology.placements = placed
    return session


def test_movement_prefers_the_agreed_cells():
    session = session_with(placements("now", TOP_LEFT, TOP_LEFT)
                           + placements("needed", CENTRE))
    assert movement(session) == (TOP_LEFT, CENTRE)
    session.typology.agreed.now = BOTTOM_RIGHT
    assert movement(session) == (BOTTOM_RIGHT, CENTRE)
    session.typology.agreed.needed = NEXT_RIGHT
    assert movement(session) == (BOTTOM_RIGHT, NEXT_RIGHT)


def test_movement_has_no_end_for_a_tie_or_nobody():
    session = session_with(placements("now", TOP_LEFT, CENTRE))
    assert movement(session) == (None, None)


def test_placing_for_participants_else_groups():
    session = Session("t", groups=[Group("Tenants", "#4477aa"), Group("Staff", "#ee6677")])
    assert placing_for(session) == ["Tenants", "Staff"]
    assert placer_colours(session) == {"Tenants": "#4477aa", "Staff": "#ee6677"}
    session.participants = [Participant("Ann", group="Staff"), Participant(""),
                            Participant("Bo", group="Tenants")]
    assert placing_for(session) == ["Ann", "Participant 2", "Bo"]
    assert placer_colours(session) == {"Ann": "#ee6677", "Participant 2": None,
                                       "Bo": "#4477aa"}


def test_initials():
    assert initials("Board chair") == "BC"
    assert initials("Participant 12") == "P12"
    assert initials("Young families' representative") == "YFR"
    assert initials("Business") == "Bu"
    assert initials("") == "?"


# --- edits against a real store ---------------------------------------------------------

@pytest.fixture
def editor(store):
    session_id = store.add_session(demo_session())
    return SessionEditor(store, session_id)


def by(editor: SessionEditor, label: str) -> Placer:
    """The placer shown as `label` in the "placing for" list."""
    return next(p for p in placers(editor.store.load(editor.session_id)) if p.label == label)


def apply(editor: SessionEditor, changeset):
    editor.store.apply(changeset)
    return editor.store.load(editor.session_id)


def test_place_inserts_then_replaces_then_undoes(editor):
    store = editor.store
    first = place(editor, by(editor, "Neighbourhood inspector"), "now", CENTRE)
    session = apply(editor, first)
    mine = [p for p in session.typology.placements if p.by == "Neighbourhood inspector"]
    assert [(p.horizon, p.cell) for p in mine] == [("now", CENTRE)]
    second = place(editor, by(editor, "Neighbourhood inspector"), "now", BOTTOM_RIGHT)
    session = apply(editor, second)
    mine = [p for p in session.typology.placements if p.by == "Neighbourhood inspector"]
    assert [(p.horizon, p.cell) for p in mine] == [("now", BOTTOM_RIGHT)]
    store.apply(second.inverse())
    store.apply(first.inverse())
    assert not [p for p in store.load(editor.session_id).typology.placements
                if p.by == "Neighbourhood inspector"]


def test_remove_placement(editor):
    before = editor.store.load(editor.session_id).typology.placements
    change = remove_placement(editor, by(editor, "Board chair"), "needed")
    session = apply(editor, change)
    assert [(p.by, p.horizon) for p in session.typology.placements
            if p.by == "Board chair"] == [("Board chair", "now")]
    assert not remove_placement(editor, by(editor, "Board chair"), "needed")
    editor.store.apply(change.inverse())
    assert editor.store.load(editor.session_id).typology.placements == before


def test_set_agreed_and_rationale(editor):
    session = apply(editor, set_agreed(editor, "now", CENTRE))
    assert session.typology.agreed.now == CENTRE
    assert session.typology.agreed.needed == BOTTOM_RIGHT
    session = apply(editor, set_agreed(editor, "needed", None))
    assert session.typology.agreed.needed is None
    session = apply(editor, set_rationale(editor, "Because <we> & “they” agreed"))
    assert session.typology.agreed.rationale == "Because <we> & “they” agreed"


def test_edits_refuse_nonsense(editor):
    with pytest.raises(EditRefused):
        place(editor, Placer("  "), "now", CENTRE)
    with pytest.raises(ValueError):
        place(editor, by(editor, "Board chair"), "later", CENTRE)
    with pytest.raises(ValueError):
        set_agreed(editor, "now", Cell("merger", "strategic"))
