"""The built-in demo session: the Carrick Housing "Governance Test" of
004_ab2dd0d9840521d9.txt (Bovaird, 2009), with illustrative content added for the
exercises the seed does not cover."""

from __future__ import annotations

import dataclasses

from model import frameworks
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
    )
