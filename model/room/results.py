"""What the room's answers add up to.

A group's score on a perception row is the **median** of its members' answers (the
lower of the two middle answers when their number is even, so it is always a score
someone gave), shown with the range of the answers. It is shown only once at least
`anonymity_floor` members of the group have answered that row: below the floor the
result is withheld, and only how many more answers are needed is said. A score the
facilitator types for a group (the group's agreed score) is kept apart and wins.

No function here returns who answered what: only counts, medians and ranges.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from statistics import median_low

from model.session import Cell, Score, Session

STATISTIC = "median"
# The range of a group's answers is said only from this many answers: with three, the
# lowest, the middle and the highest would be each member's own answer.
SPREAD_FROM = 5


@dataclass(frozen=True)
class Result:
    """The room's answers to one item (of one group, for the perception grid)."""

    count: int  # how many answered
    value: int  # the median (lower middle)
    low: int
    high: int

    @property
    def spread(self) -> str:
        """"2–5", or "" while too few answered for it to hide who gave what."""
        if self.count < SPREAD_FROM:
            return ""
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def respondent_groups(session: Session) -> dict[int, int | None]:
    """Respondent id -> group id now (a named participant's current group)."""
    participant_group = {p.id: p.group for p in session.participants}
    group_ids = {g.name: g.id for g in session.groups}
    groups: dict[int, int | None] = {}
    for r in session.room.respondents:
        if r.participant_id in participant_group:
            groups[r.id] = group_ids.get(participant_group[r.participant_id])
        else:
            groups[r.id] = r.group_id
    return groups


def answered(session: Session, exercise: str) -> int:
    """How many respondents answered at least one item of `exercise`."""
    return len({r.respondent_id for r in session.room.responses if r.exercise == exercise})


def expected(session: Session) -> int:
    """How many could answer: the participants present, or all who joined if more."""
    present = sum(1 for p in session.participants if p.present)
    joined = len(session.room.respondents)
    return max(present, joined)


def progress(session: Session, exercise: str) -> str:
    """"14 of 18 have answered"."""
    return f"{answered(session, exercise)} of {expected(session)} have answered"


def overjoined(session: Session) -> dict[int, tuple[int, int]]:
    """Group id -> (joined, members present) for the groups more people joined than
    set-up lists as present. The anonymity floor trusts that each person joins once: a
    small group joined again and again would show its one real member's answers, so
    the facilitator is told. (A group with no members listed cannot be checked.)"""
    present: dict[str, int] = defaultdict(int)
    for p in session.participants:
        if p.present and p.group:
            present[p.group] += 1
    names = {g.id: g.name for g in session.groups}
    joined: dict[int, int] = defaultdict(int)
    for group in respondent_groups(session).values():
        if group is not None:
            joined[group] += 1
    return {group: (n, present[names[group]]) for group, n in joined.items()
            if group in names and present[names[group]] and n > present[names[group]]}


def perception(session: Session) -> dict[tuple[int, int], Result]:
    """(row id, group id) -> the room's result, at or above the anonymity floor only."""
    groups = respondent_groups(session)
    rows = {r.id for r in session.perception.rows}
    scores: dict[tuple[int, int], list[int]] = defaultdict(list)
    for response in session.room.responses:
        if response.exercise != "perception":
            continue
        group = groups.get(response.respondent_id)
        row = int(response.item)
        if group is not None and row in rows:
            scores[(row, group)].append(int(response.value))
    floor = session.room.anonymity_floor
    return {key: _result(values) for key, values in scores.items() if len(values) >= floor}


def perception_waiting(session: Session) -> dict[int, int]:
    """Group id -> how many more of its members must answer before any of its results
    can show, for groups that have begun answering the grid and are below the floor."""
    groups = respondent_groups(session)
    members: dict[int, set[int]] = defaultdict(set)
    for response in session.room.responses:
        group = groups.get(response.respondent_id)
        if response.exercise == "perception" and group is not None:
            members[group].add(response.respondent_id)
    floor = session.room.anonymity_floor
    return {group: floor - len(who) for group, who in members.items() if len(who) < floor}


def obstacles(session: Session) -> dict[int, tuple[Result | None, int]]:
    """Obstacle id -> (the room's rating, at or above the floor, else None; dot votes).
    Dot votes are a count, so they are shown whatever their number."""
    ratings: dict[int, list[int]] = defaultdict(list)
    votes: dict[int, int] = defaultdict(int)
    for response in session.room.responses:
        if response.exercise != "obstacles":
            continue
        kind, _, obstacle = response.item.partition(":")
        if kind == "rating":
            ratings[int(obstacle)].append(int(response.value))
        else:
            votes[int(obstacle)] += int(response.value)
    floor = session.room.anonymity_floor
    return {o.id: (_result(ratings[o.id]) if len(ratings[o.id]) >= floor else None,
                   votes[o.id])
            for o in session.visible_obstacles() if o.id in ratings or o.id in votes}


def typology(session: Session) -> dict[str, dict[Cell, int]]:
    """Horizon -> cell -> how many placed the partnership there, for each horizon that
    at least `anonymity_floor` respondents answered."""
    cells: dict[str, dict[Cell, int]] = defaultdict(lambda: defaultdict(int))
    for response in session.room.responses:
        if response.exercise == "typology":
            collaboration, _, function = response.value.partition("/")
            cells[response.item][Cell(collaboration, function)] += 1
    floor = session.room.anonymity_floor
    return {horizon: dict(counts) for horizon, counts in cells.items()
            if sum(counts.values()) >= floor}


def _result(values: list[int]) -> Result:
    return Result(len(values), median_low(values), min(values), max(values))


def with_room_scores(session: Session) -> tuple[Session, set[tuple[str, str]]]:
    """`session` with the room's perception results standing in for the scores nobody
    typed, and the (row label, group name) cells that are the room's: what the grid
    shows, for the PDF and the findings."""
    derived = perception(session)
    if not derived:
        return session, set()
    typed = {(s.row, s.group) for s in session.perception.scores}
    labels = {r.id: r.label for r in session.perception.rows}
    names = {g.id: g.name for g in session.groups}
    added = [Score(labels[row], names[group], result.value)
             for (row, group), result in derived.items()
             if group in names and (labels[row], names[group]) not in typed]
    shown = replace(session, perception=replace(
        session.perception, scores=session.perception.scores + added))
    return shown, {(s.row, s.group) for s in added}


def obstacle_text(result: Result | None, votes: int, floor: int) -> str:
    """"The room: significant (median of 5 answers, from minor to critical); 7 dot
    votes", or what is still awaited."""
    from model.frameworks import rating_label

    if result is None:
        rating = f"rating shown once {floor} have answered"
    elif result.count < SPREAD_FROM:
        rating = f"{rating_label(result.value)} ({STATISTIC} of {result.count} answers)"
    elif result.low == result.high:
        rating = f"{rating_label(result.value)} ({result.count} answers, all the same)"
    else:
        rating = (f"{rating_label(result.value)} ({STATISTIC} of {result.count} answers, "
                  f"from {rating_label(result.low)} to {rating_label(result.high)})")
    return f"The room: {rating}; {votes} dot vote{'s' if votes != 1 else ''}"


def typology_texts(session: Session) -> list[str]:
    """A sentence per horizon the room placed (at or above the floor): how many placed
    the partnership in each cell, most first."""
    from model.frameworks import collaboration_levels, functions

    levels = {t.key: t.label for t in collaboration_levels()}
    kinds = {t.key: t.label for t in functions()}
    texts = []
    for horizon, counts in typology(session).items():
        total = sum(counts.values())
        cells = sorted(counts.items(), key=lambda pair: -pair[1])
        where = "; ".join(f"{n} in {levels.get(c.collaboration, c.collaboration)} × "
                          f"{kinds.get(c.function, c.function).lower()}" for c, n in cells)
        when = "now" if horizon == "now" else "where it needs to be"
        texts.append(f"The room ({total} answers), {when}: {where}.")
    return texts
