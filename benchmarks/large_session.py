"""The "large session" of the benchmarks, generated from code (deterministic).

40 participants, 12 stakeholder groups, 30 perception rows (all scored by every group),
30 obstacles, 80 typology placements (every participant, now and needed).
"""

from __future__ import annotations

import random

from model import frameworks
from model.palette import PALETTE
from model.session import (
    COLLABORATIONS,
    FUNCTIONS,
    Action,
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


def large_session(seed: int = 1) -> Session:
    rng = random.Random(seed)
    organisations = [Organisation(f"Partner body {i + 1}") for i in range(10)]
    groups = [Group(f"Stakeholder group {i + 1}", PALETTE[i % len(PALETTE)])
              for i in range(12)]
    participants = [
        Participant(f"Participant name {i + 1}", organisations[i % 10].name,
                    groups[i % 12].name, (i % 3) + 1, i % 7 != 0)
        for i in range(40)
    ]
    rows = frameworks.default_perception_rows() + [
        PerceptionRow("quality-of-life" if i % 2 else "governance", f"Extra row {i + 1}")
        for i in range(14)
    ]
    obstacles = frameworks.library_obstacles("box1") + frameworks.library_obstacles(
        "difficulties") + [Obstacle(f"Local obstacle {i + 1}", "custom", "governance")
                           for i in range(9)]
    for obstacle in obstacles:
        obstacle.rating = rng.choice([None, 0, 1, 2, 3])
        obstacle.votes = rng.randint(0, 6)
        obstacle.notes = "Discussed at length. " * rng.randint(0, 12)
    placements = [
        Placement(p.name, horizon, rng.choice(COLLABORATIONS), rng.choice(FUNCTIONS))
        for p in participants for horizon in ("now", "needed")
    ]
    return Session(
        title="Large benchmark session",
        partnership="Benchmark partnership",
        date="2026-03-14",
        facilitator="Benchmark facilitator",
        venue="Council chamber",
        purpose="A session as large as the benchmarks' goals describe.",
        organisations=organisations,
        groups=groups,
        participants=participants,
        obstacles=obstacles,
        typology=Typology(placements=placements),
        perception=Perception(
            rows=rows,
            scores=[Score(r.label, g.name, rng.randint(1, 5)) for r in rows for g in groups],
        ),
        actions=[Action(f"Action {i + 1}", f"Owner {i + 1}", "2026-06-30") for i in range(10)],
    )
