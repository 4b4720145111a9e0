"""Key findings, computed from the session (no display, no database)."""

from __future__ import annotations

from model import findings
from model.demo import demo_session
from model.session import (
    Action,
    AgreedPlacement,
    Cell,
    Group,
    Obstacle,
    Organisation,
    Participant,
    Perception,
    PerceptionRow,
    Placement,
    Score,
    Session,
    Typology,
)


def people_session() -> Session:
    return Session(
        title="Representation",
        organisations=[Organisation(n) for n in ("Council", "NHS trust", "Police", "Business")],
        participants=[
            Participant("Leader", "Council", tier=1),
            Participant("Officer", "Council", tier=3),
            Participant("", "NHS trust", tier=3),  # anonymous: "Participant 3"
            Participant("Deputy", "NHS trust", tier=2, present=False),  # absent leader
            Participant("Inspector", "Police", tier=2, present=False),
            Participant("Owner", "Business", tier=None),  # tier not recorded
            Participant("Resident", ""),
            Participant("Away", "", present=False),
        ],
    )


def test_attendance_per_partner_body() -> None:
    bodies = {b.organisation: b for b in findings.attendance(people_session())}
    assert bodies["Council"].present == [("Leader", 1), ("Officer", 3)]
    assert bodies["NHS trust"].present == [("Participant 3", 3)]
    assert bodies["NHS trust"].absent == ["Deputy"]
    assert bodies["Police"].present == [] and bodies["Police"].absent == ["Inspector"]


def test_representation_findings() -> None:
    found = findings.representation(people_session())
    assert found.absent == ["Police"]
    # An absent leader does not count; an unrecorded tier is not a leader.
    assert found.without_leader == ["NHS trust", "Business"]
    assert found.unaffiliated == ["Resident"]
    texts = findings.representation_texts(found)
    assert texts == [
        "No one was present from “Police”.",
        "Present without a first- or second-tier leader: “NHS trust” and “Business”.",
        "Present with no partner body recorded: “Resident”.",
    ]


def test_fully_represented_session_has_no_representation_findings() -> None:
    session = Session(title="T", organisations=[Organisation("Council")],
                      participants=[Participant("Chief", "Council", tier=1)])
    found = findings.representation(session)
    assert not found and findings.representation_texts(found) == []


def test_demo_key_findings() -> None:
    session = demo_session()
    found = findings.key_findings(session)
    assert [o.text for o in found.top_obstacles][:2] == [
        session.obstacles[4].text, session.obstacles[8].text]  # both critical, 5 and 4 votes
    assert found.representation.absent == ["Police"]
    assert found.representation.without_leader == ["Local business"]
    assert (found.agreed_now, found.agreed_needed) == (
        Cell("co-operation", "delivery"), Cell("integration", "delivery"))
    assert found.needed.shared_view and found.needed.modal_cells == [
        Cell("integration", "delivery")]
    # The seed's table: the three "Liveable Environment" rows run from 1 to 5.
    assert [g.row.label for g in found.gaps][:3] == [
        "Liveable Environment: quality of housing",
        "Liveable Environment: quality of housing services",
        "Liveable Environment: quality of surroundings"]
    headings = [h for h, _ in findings.finding_sections(session)]
    assert headings == ["Top obstacles", "Typology", "Widest perception gaps",
                        "Representation"]


def test_typology_sentences() -> None:
    session = Session(title="T", typology=Typology(
        placements=[Placement("A", "now", "co-operation", "strategic"),
                    Placement("B", "now", "co-operation", "strategic"),
                    Placement("C", "now", "integration", "delivery"),
                    Placement("A", "needed", "integration", "delivery"),
                    Placement("B", "needed", "co-ordination", "strategic")],
        agreed=AgreedPlacement(Cell("co-operation", "strategic"), None)))
    now, needed = findings.agreement_texts(session)
    assert now.startswith("Now: a shared view: 2 of 3 placements (67%) in "
                          "Co-operation × Strategic")
    assert needed == ("Needed: placements split between Co-ordination × Strategic and "
                      "Integration × Service delivery, 1 of 2 placements (50%) each.")
    assert findings.agreed_text(session) == (
        "Agreed: Co-operation × Strategic now → not agreed needed.")
    assert findings.agreed_text(Session(title="T")) == "No placement was agreed."
    session.typology.agreed = AgreedPlacement()
    session.typology.placements.pop()  # needed: one placement, in one cell
    assert findings.agreed_text(session) == (
        "No placement was agreed. Most placements put it at Co-operation × Strategic now "
        "and Integration × Service delivery needed.")
    assert findings.agreement_texts(Session(title="T")) == [
        "Now: no placements yet.", "Needed: no placements yet."]


def test_gap_sentences_name_the_groups_at_each_end() -> None:
    rows = [PerceptionRow("governance", "Transparency"),
            PerceptionRow("governance", "Leadership")]
    session = Session(
        title="T", groups=[Group("Staff"), Group("Tenants"), Group("Board")],
        perception=Perception(rows=rows, scores=[
            Score("Transparency", "Staff", 1), Score("Transparency", "Board", 1),
            Score("Transparency", "Tenants", 5), Score("Leadership", "Staff", 2),
            Score("Leadership", "Tenants", 3)]))
    assert findings.gap_texts(session) == [
        "“Transparency”: a gap of 4 points, from 1 (Staff and Board) to 5 (Tenants)."]
    session.perception.gap_threshold = 5  # the session's threshold decides (not 1-4 here)
    assert findings.gap_texts(session) == []
    sections = dict(findings.finding_sections(session))
    assert sections["Widest perception gaps"] == ["No row has groups 5 or more points apart."]


def test_unrated_obstacles_are_not_top_priorities() -> None:
    session = Session(title="T", obstacles=[Obstacle("A"), Obstacle("B", rating=0)])
    top = dict(findings.finding_sections(session))["Top obstacles"]
    assert all("“A”" not in t for t in top)


def test_actions_are_linked_to_obstacles_by_id_or_by_text() -> None:
    stored = Session(title="T", obstacles=[Obstacle("O1", action="Do", id=7),
                                           Obstacle("O2", id=8)],
                     actions=[Action("Do", obstacle_id=None, id=1),
                              Action("Other", obstacle_id=8, id=2)])
    # Stored sessions link by id only.
    assert {i: o.text for i, o in findings.action_obstacles(stored).items()} == {1: "O2"}
    fresh = Session(title="T", obstacles=[Obstacle("O1", action="Do")],
                    actions=[Action("Other"), Action("Do"), Action("Do")])
    assert {i: o.text for i, o in findings.action_obstacles(fresh).items()} == {1: "O1"}
    assert findings.obstacle_of(fresh, fresh.actions[1]).text == "O1"
    assert findings.obstacle_of(fresh, fresh.actions[2]) is None
