"""The built-in demo session: the Carrick Housing "Governance Test" of
004_ab2dd0d9840521d9.txt (Bovaird, 2009), with illustrative content added for the
exercises the seed does not cover."""

from __future__ import annotations

import dataclasses

from model import frameworks
from model.exercises.accountability import fresh_items
from model.exercises.layers import Layer, Layers, Seat
from model.exercises.sharing import SHARES, Sharing
from model.exercises.value import Input, ValueForMoney
from model.palette import PALETTE
from model.session import (
    Action,
    AgreedPlacement,
    Cell,
    Group,
    KeyQuestions,
    Organisation,
    Participant,
    Perception,
    PerceptionRow,
    Placement,
    Score,
    Session,
    Typology,
)

# The seed's table, row by row: (section, label, groups in score columns 1..5), each
# name spelt as that cell of the table spells it. The table writes "Carrick Housing
# Staff" and "Young People" in some rows and "Carrick Housing staff" and "Young people"
# in others; whether each pair is one group the seed does not say, so the demo keeps
# both spellings (four groups) rather than decide for it.
GOVERNANCE_TEST: list[tuple[str, str, list[list[str]]]] = [
    ("quality-of-life", "Liveable Environment: quality of housing",
     [["Carrick Housing Staff"], ["Board members"], ["Voluntary groups"],
      ["Carrick District officers"], ["Public officials"]]),
    ("quality-of-life", "Liveable Environment: quality of housing services",
     [["Carrick Housing Staff"], ["Board members"], ["Voluntary groups"],
      ["Carrick District officers"], ["Public officials"]]),
    ("quality-of-life", "Liveable Environment: quality of surroundings",
     [["Carrick Housing Staff"], ["Board members"], ["Voluntary groups"],
      ["Carrick District officers"], ["Public officials"]]),
    ("quality-of-life", "Community safety", [["Young families"], ["Media"], [], [], []]),
    ("quality-of-life", "Health, social well-being and disability issues",
     [["Disab. Tenants"], ["Board members"], [], [], []]),
    ("quality-of-life", "Education and Training", [["Young People"], ["Business"], [], [], []]),
    ("governance", "Transparency", [["Young families"], ["Board members"], ["Media"], [], []]),
    ("governance", "Partnership working",
     [["Carrick Housing staff"], ["Board members"], ["Public officials"],
      ["Voluntary groups"], []]),
    ("governance", "Sustainability", [["Carrick District officers"], ["Young people"], [], [], []]),
    ("governance", "Honest and fair behaviour",
     [["Disab. Tenants"], ["Private contractors"], ["Business"], [], []]),
]

PURPOSE = (
    "Demo session. The perception grid reproduces the Governance Test of Carrick Housing "
    "estates (Governance International, in Bovaird 2009): the perception of different "
    "groups of current quality of life and state of public governance, every group in the "
    "score column where the seed's table puts it, spelt as the table spells it (it writes "
    "both “Carrick Housing Staff” and “Carrick Housing staff”, “Young People” and “Young "
    "people”, so each spelling is a group here). The facilitator, venue, partner bodies, "
    "participants, obstacle ratings and votes, typology placements, key-question answers "
    "and actions are illustrative, added so that every exercise has content."
)

# Not in the seed, which credits the table to Governance International but names no
# facilitator or venue: marked wherever they are shown.
FACILITATOR = "Governance International (illustrative)"
VENUE = "Carrick Housing estates (illustrative)"

ORGANISATIONS = ["Carrick Housing", "Carrick District Council",
                 "Voluntary and community sector", "Local business", "Police"]

# (role, partner body, group, tier, present): illustrative.
PARTICIPANTS = [
    ("Board chair", "Carrick Housing", "Board members", 1, True),
    ("Chief executive", "Carrick Housing", "Carrick Housing Staff", 1, True),
    ("Housing officer", "Carrick Housing", "Carrick Housing Staff", 3, True),
    ("Head of housing", "Carrick District Council", "Carrick District officers", 2, True),
    ("Community safety officer", "Carrick District Council", "Public officials", 3, True),
    ("Voluntary sector forum lead", "Voluntary and community sector", "Voluntary groups", 2, True),
    ("Tenants' representative", "", "Disab. Tenants", 3, True),
    ("Young families' representative", "", "Young families", 3, True),
    ("Local employer", "Local business", "Business", 3, True),
    ("Neighbourhood inspector", "Police", "Public officials", 2, False),
]

# (participant, now, needed) as (collaboration, function) pairs: illustrative.
PLACEMENTS = [
    ("Board chair", ("co-ordination", "strategic"), ("integration", "commissioning")),
    ("Chief executive", ("co-ordination", "delivery"), ("integration", "delivery")),
    ("Housing officer", ("co-operation", "delivery"), ("integration", "delivery")),
    ("Head of housing", ("co-operation", "strategic"), ("co-ordination", "commissioning")),
    ("Community safety officer", ("co-operation", "strategic"), ("integration", "delivery")),
    ("Voluntary sector forum lead", ("co-operation", "delivery"), ("integration", "delivery")),
    ("Tenants' representative", ("co-operation", "delivery"), ("integration", "delivery")),
    ("Young families' representative",
     ("co-operation", "strategic"), ("co-ordination", "delivery")),
    ("Local employer", ("co-ordination", "commissioning"), ("integration", "delivery")),
]

# Box 1 position -> (rating, votes, notes): illustrative.
OBSTACLE_RATINGS = {
    0: (2, 3, "Staff and tenants describe different estates."),
    1: (1, 0, ""),
    2: (2, 1, ""),
    3: (1, 0, ""),
    4: (3, 5, "Health partners have not attended since the spring."),
    5: (0, 0, ""),
    6: (1, 1, ""),
    7: (2, 2, "Business and police send officers without authority to commit."),
    8: (3, 4, "Nobody could say who signs off the estate improvement plan."),
    9: (1, 0, ""),
    10: (2, 2, ""),
}

ACTIONS = [
    Action("Invite the primary care trust's director to the next board", "Board chair",
           "2010-01-15"),
    Action("Write down who signs off the estate improvement plan", "Chief executive",
           "2010-02-01"),
    Action("Repeat the governance test with tenants' groups in a year", "Head of housing",
           "2010-12-01"),
]


# The optional exercises (their steps stay off, as in any new session, until the
# facilitator turns one on in Set-up): illustrative, like the rest beyond the perception
# grid, and consistent with it: the obstacles' notes, the actions, the key questions'
# answers and the participants' tiers.

# Box 2, item by item (position: rating, owner, due). None of its gaps is in the actions
# list, so the Summary (shown whatever steps run) keeps the demo's own three actions; a
# facilitator who turns Box 2 on can add a gap to it (Alt+A) and see the link.
ACCOUNTABILITY = {
    0: ("partly", "Head of housing", "2010-02-01"),
    1: ("in-place", "Board chair", "2010-12-01"),
    2: ("partly", "Board chair", "2010-01-15"),
    3: ("absent", "Chief executive", "2010-03-31"),
    4: ("absent", "Head of housing", "2010-03-31"),
}

# (partner body, what it shares, why not, what would change it).
SHARING = [
    ("Carrick Housing", ("services", "expertise", "knowledge", "resources"),
     "The board has not agreed who carries the risk of the estate improvement plan "
     "(illustrative).",
     "A risk register for the plan that every partner signs up to (illustrative)."),
    ("Carrick District Council", ("services", "expertise", "knowledge", "resources"),
     "As accountable body for the plan it carries the plan's risk alone (illustrative).",
     "The same risk register, with the risks shared out by partner (illustrative)."),
    ("Voluntary and community sector", ("expertise", "knowledge"),
     "Small groups with no spare money or staff to put in (illustrative).",
     "A small grants fund for tenants' projects from the plan's budget (illustrative)."),
    ("Local business", (),
     "Its representative cannot commit the firms it speaks for (illustrative).",
     "Apprenticeships on the estate improvement works, offered by named firms "
     "(illustrative)."),
    ("Police", ("expertise", "knowledge"),
     "Crime data are shared; officers' time and budgets are not (illustrative).",
     "A neighbourhood inspector who attends and can commit officers' time "
     "(illustrative)."),
]

# (partner body, staff hours a month, money a year in pounds, other inputs).
VALUE_INPUTS = [
    ("Carrick Housing", 40, 25_000,
     "Board secretariat and meeting rooms at the estate office (illustrative)"),
    ("Carrick District Council", 24, 60_000,
     "Finance and legal support as accountable body (illustrative)"),
    ("Voluntary and community sector", 12, None,
     "Volunteers' time at tenants' meetings (illustrative)"),
    ("Local business", 3, None, ""),
    ("Police", 4, None, "Crime data for the estates (illustrative)"),
]

VALUE = ValueForMoney(
    outputs="One estate improvement plan; the governance test with the estates' stakeholder "
            "groups; quarterly estate walkabouts (illustrative).",
    outcomes="Not yet measured: the governance test is to be repeated with tenants' groups "
             "in a year (illustrative).",
    verdict="adds-value",
    why="One plan for the estates instead of five; whether the estates are better for it "
        "is still to be shown (illustrative).",
    complaints_to="the agency that delivers the service; no one for the partnership as a "
                  "whole (illustrative)",
    redress="unclear",
)

# (layer, body or group, mark, note): each note says the layer is illustrative, as the
# findings quote a body's name but not its note.
LAYERS = [
    ("strategic", "Carrick Housing board; the district council's housing committee",
     "duplicated",
     "Both set direction for the estates: agree which one signs off the estate "
     "improvement plan (illustrative)."),
    ("executive", "", "missing",
     "No group allocates the partners' resources or manages performance across the "
     "estates: each agency reports up its own line (illustrative)."),
    ("operational", "Estate housing teams, community safety officers, tenants' projects",
     None, "Works on the ground; reports to each agency separately (illustrative)."),
]

# Who holds each partner body's seat on the strategic group: the leaders among the
# participants, and, as the note on "inappropriate levels of representation" has it,
# "Business and police send officers without authority to commit".
SEATS = [
    ("Carrick Housing", "first-tier"),
    ("Carrick District Council", "second-tier"),
    ("Voluntary and community sector", "second-tier"),
    ("Local business", "other"),
    ("Police", "other"),
]


def demo_session() -> Session:
    groups: list[str] = []
    for _, _, columns in GOVERNANCE_TEST:
        for names in columns:
            groups += [n for n in names if n not in groups]
    obstacles = frameworks.library_obstacles("box1")
    for index, (rating, votes, notes) in OBSTACLE_RATINGS.items():
        obstacles[index].rating, obstacles[index].votes = rating, votes
        obstacles[index].notes = notes
    obstacles[4].action = ACTIONS[0].text
    obstacles[8].action = ACTIONS[1].text
    return Session(
        title="Carrick Housing: governance test",
        partnership="Carrick Housing",
        date="2009-12-04",
        facilitator=FACILITATOR,
        venue=VENUE,
        purpose=PURPOSE,
        organisations=[Organisation(name) for name in ORGANISATIONS],
        groups=[Group(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(groups)],
        participants=[Participant(*p) for p in PARTICIPANTS],
        key_questions=KeyQuestions(
            in_charge="The Carrick Housing board, with the district council as accountable "
                      "body for the estate improvement plan (illustrative).",
            added_value="One plan for the estates instead of five; tenants' views reach the "
                        "agencies that can act on them (illustrative).",
        ),
        obstacles=obstacles,
        typology=Typology(
            placements=[
                Placement(who, horizon, *cell)
                for who, now, needed in PLACEMENTS
                for horizon, cell in (("now", now), ("needed", needed))
            ],
            agreed=AgreedPlacement(
                now=Cell("co-operation", "delivery"),
                needed=Cell("integration", "delivery"),
                rationale="Most partners see a co-operative service-delivery partnership "
                          "today and want to integrate delivery on the estates "
                          "(illustrative).",
            ),
        ),
        perception=Perception(
            rows=[PerceptionRow(section, label) for section, label, _ in GOVERNANCE_TEST],
            scores=[
                Score(label, group, score)
                for _, label, columns in GOVERNANCE_TEST
                for score, names in enumerate(columns, start=1)
                for group in names
            ],
        ),
        actions=[dataclasses.replace(a) for a in ACTIONS],
        accountability=[
            dataclasses.replace(item, rating=ACCOUNTABILITY[i][0], owner=ACCOUNTABILITY[i][1],
                                due=ACCOUNTABILITY[i][2])
            for i, item in enumerate(fresh_items())
        ],
        parts={
            "sharing": [Sharing(name, **{share: share in shares for share in SHARES},
                                why_not=why_not, would_change=would_change)
                        for name, shares, why_not, would_change in SHARING],
            "value": dataclasses.replace(
                VALUE, inputs=[Input(*x) for x in VALUE_INPUTS]),
            "layers": Layers(layers=[Layer(*x) for x in LAYERS],
                             seats=[Seat(*x) for x in SEATS]),
        },
    )
