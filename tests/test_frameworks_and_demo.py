"""The frameworks' content and the demo session against the seeds' own wording.

The wording is checked against excerpts of the seeds kept in tests/seed_excerpts/ (each
records its seed and line numbers), so the tests pass on a clone of the project alone;
tests/test_seed_excerpts.py checks the excerpts against the seeds where they are present."""

from __future__ import annotations

from pathlib import Path

from model import frameworks
from model.demo import demo_session

SEEDS = Path(__file__).resolve().parent / "seed_excerpts"


def seed(name: str) -> str:
    """The excerpt of seed `name` that the app's wording is checked against."""
    return (SEEDS / name).read_text(encoding="utf-8")


def test_box1_is_the_eleven_obstacles_of_the_seed_with_a_factor_each():
    obstacles = frameworks.library_obstacles("box1")
    assert len(obstacles) == 11
    text = seed(frameworks.seed_of("box1"))
    for obstacle in obstacles:
        assert obstacle.text in text
        assert obstacle.factor in ("justification", "governance", "performance")


def test_difficulties_come_from_the_2009_slides():
    text = seed(frameworks.seed_of("difficulties"))
    items = frameworks.library_obstacles("difficulties")
    assert len(items) == 10
    assert all(item.text in text for item in items)


def test_typology_definitions_and_examples_are_the_seeds():
    text = seed(frameworks.seed_of("typology"))
    for term in frameworks.collaboration_levels() + frameworks.functions():
        assert term.definition in text
    assert len(frameworks.typology_examples()) == 6
    for example in frameworks.typology_examples().values():
        assert example in text


def test_default_rows_are_the_ten_principles_and_the_quality_of_life_issues():
    text = seed(frameworks.seed_of("perception"))
    rows = frameworks.default_perception_rows()
    assert len([r for r in rows if r.section == "governance"]) == 10
    assert all(r.label in text for r in rows)


def _seed_table() -> list[tuple[str, str, list[str]]]:
    """(section, row label, the cell text of columns 1-5) from the seed's Governance Test."""
    lines = seed("004_ab2dd0d9840521d9.txt").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Governance Test"))
    rows, section = [], None
    for line in lines[start + 1:]:
        if line.startswith("Challenges"):
            break
        cells = line.split("\t")
        if cells[0] == "Quality of Life Issues":
            section = "quality-of-life"
        elif cells[0] == "Governance Principles":
            section = "governance"
        elif section and cells[0].strip():
            rows.append((section, cells[0], (cells[1:] + [""] * 5)[:5]))
    return rows


def test_demo_reproduces_the_governance_test_exactly():
    demo = demo_session()
    table = _seed_table()
    assert len(table) == 10
    assert [(r.section, r.label) for r in demo.perception.rows] == \
        [(section, label) for section, label, _ in table]
    group_names = [g.name for g in demo.groups]
    placed = {(s.row, s.score): s.group for s in demo.perception.scores}
    for _, label, cells in table:
        for column, cell in enumerate(cells, start=1):
            if cell:
                # Spelt as the table spells that cell ("Carrick Housing Staff" in some
                # rows, "Carrick Housing staff" in another): each spelling is a group.
                assert placed[(label, column)] == cell
            else:
                assert (label, column) not in placed
    spelt = {cell for _, _, cells in table for cell in cells if cell}
    assert set(group_names) == spelt and len(group_names) == 13
    assert {"Carrick Housing Staff", "Carrick Housing staff", "Young People",
            "Young people", "Disab. Tenants"} <= set(group_names)
    assert "illustrative" in demo.purpose


def test_the_demos_governance_rows_are_the_tables_not_the_ten_principles():
    demo = demo_session()
    governance = [r.label for r in demo.perception.rows if r.section == "governance"]
    assert governance == [r.label for r in frameworks.governance_test_rows()]
    assert [label for _, label, _ in _seed_table()][-4:] == governance
    principles = {r.label for r in frameworks.principle_rows()}
    assert "Partnership working" not in principles  # two different slides
    assert "Honest and fair behaviour" not in principles


def test_the_demos_invented_details_are_marked_illustrative():
    demo = demo_session()
    for value in (demo.facilitator, demo.venue):
        assert value.endswith(" (illustrative)")
    assert "facilitator, venue" in demo.purpose


def test_the_demo_fills_in_the_optional_exercises_with_their_steps_off(store):
    """Box 2, sharing, value for money and the three layers have content for a
    facilitator who turns their steps on; the steps themselves stay the default three,
    the demo's own actions stay its three, and every free text of theirs is marked."""
    from model.exercises import accountability, layers, sharing, value
    from model.exercises.registry import PARTS
    from model.session import DEFAULT_STEPS
    from model.session_file import session_from_dict, session_to_dict

    demo = demo_session()
    assert demo.steps == list(DEFAULT_STEPS)
    assert [a.text for a in demo.actions] == [
        "Invite the primary care trust's director to the next board",
        "Write down who signs off the estate improvement plan",
        "Repeat the governance test with tenants' groups in a year"]
    items = demo.accountability
    assert [x.text for x in items] == frameworks.accountability_processes()
    assert {x.rating for x in items} == {"in-place", "partly", "absent"}
    assert all(x.owner and x.due for x in items)
    assert demo.accountability_actions_by_text() == {}  # no gap in the actions list
    partners = [o.name for o in demo.organisations]
    assert [x.organisation for x in sharing.stored(demo)] == partners
    assert [x.organisation for x in value.stored(demo).inputs] == partners
    assert [x.organisation for x in layers.stored(demo).seats] == partners
    assert [x.layer for x in layers.stored(demo).layers] == list(layers.LAYERS)
    assert all(part.findings(demo) for part in PARTS) and accountability.gaps(demo)
    vfm = value.stored(demo)
    texts = [t for x in sharing.stored(demo) for t in (x.why_not, x.would_change)]
    texts += [vfm.outputs, vfm.outcomes, vfm.why, vfm.complaints_to]
    texts += [x.other for x in vfm.inputs if x.other]
    texts += [x.note for x in layers.stored(demo).layers]
    assert all(t.rstrip(".").endswith("(illustrative)") for t in texts), texts
    # The store and the session file keep all of it.
    data = session_to_dict(demo)
    assert data["version"] == 2 and "steps" not in data["session"]
    assert {"accountability", "sharing", "value", "layers"} <= set(data["session"])
    assert session_to_dict(store.load(store.add_session(session_from_dict(data)))) == data
