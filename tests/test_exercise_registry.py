"""One home per exercise: every exercise a session can run has its step in the window
(with its keys in the keyboard help), its section in the PDF, and, when it keeps tables
of its own, a part that the store, the session file and the CSV export take from the
registry. These checks hold for any exercise added later, without naming it."""

from __future__ import annotations

import pytest

from gui.help import keyboard_html
from gui.steps import STEPS
from model import starting_points
from model.csv_export import CSV_FILES, csv_files
from model.exercises.registry import OPTIONAL_STEPS, PARTS, STEP_TITLES
from model.session import ALWAYS_RUN, DEFAULT_STEPS
from model.session_file import session_from_dict, session_to_dict
from model.store import Store
from report.sections import SECTIONS


def test_every_exercise_has_a_step_and_a_pdf_section() -> None:
    steps = {step.name: step for step in STEPS}
    sections = {section.step for section in SECTIONS if section.step}
    for name in OPTIONAL_STEPS:
        assert steps[name].title == STEP_TITLES[name]
        assert steps[name].keys, f"{name}'s page lists no keys for the keyboard help"
        assert name in sections, f"{name} has no section in the PDF"
    assert {step.name for step in STEPS} == {*OPTIONAL_STEPS, *ALWAYS_RUN}
    assert set(DEFAULT_STEPS) <= set(OPTIONAL_STEPS)


def test_the_keyboard_help_is_made_from_the_steps() -> None:
    html = keyboard_html()
    for step in STEPS:
        assert f"<b>{step.key}</b></td><td>{step.title}" in html
        if step.keys:
            assert f"<h3>{step.title} ({step.key})</h3>" in html
            assert all(key in html and what in html for key, what in step.keys)
    assert [step.key for step in STEPS][:5] == [f"Ctrl+{n}" for n in range(1, 6)]


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.name)
def test_a_part_with_nothing_entered_leaves_files_as_they_were(part, store: Store) -> None:
    """A new session loads every part empty; it writes a version 1 file with no key of
    the part (so every file written before the part existed reads back the same), and
    its CSV file holds only the header and unmarked rows."""
    session = starting_points.new_session("Parts")
    loaded = store.load(store.add_session(session))
    assert loaded.parts[part.name] == part.empty()
    assert part.to_file(part.empty()) is None
    data = session_to_dict(loaded)
    assert data["version"] == 1 and part.name not in data["session"]
    assert f"{part.name}.csv" in CSV_FILES and f"{part.name}.csv" in csv_files(loaded)
    assert session_from_dict(data).parts.get(part.name, part.empty()) == part.empty()


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.name)
def test_a_part_owns_its_tables(part, store: Store) -> None:
    tables = set(store.database.db.table_names())
    assert set(part.tables) <= tables
    assert set(part.reads) <= tables


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.name)
def test_compare_asks_every_part_what_moved(part) -> None:
    from model.compare import compare, sections

    before, after = starting_points.new_session("Then"), starting_points.new_session("Now")
    assert part.since(before, after) == []
    after.steps = [*after.steps, part.name]
    assert dict(sections(compare(before, after)))[part.title] == ["Nothing changed."]
