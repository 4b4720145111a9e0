"""What the session found, computed from what the board entered (never typed).

Used by the Summary step and the PDF, so both say the same thing in the same words.
Representation follows 003_65e52aae779c7856.txt: a partner body not represented by a
first- or second-tier leader is unlikely to give the partnership's aims the sign-up
they need (`frameworks.why_tiers_matter()`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model import frameworks
from model.exercises.obstacles import top_priorities
from model.exercises.perception import RowSpread, flagged_rows, groups_at
from model.exercises.registry import PARTS
from model.exercises.typology import Agreement, agreement, cell_label, movement
from model.session import Action, Cell, Obstacle, Participant, Session
from model.text import joined, left_to_right

LEADER_TIERS = (1, 2)


@dataclass(frozen=True)
class Attendance:
    """One partner body: who came (with their tier) and who did not."""

    organisation: str
    present: list[tuple[str, int | None]]  # (participant label, tier)
    absent: list[str]

    @property
    def has_leader(self) -> bool:
        return any(tier in LEADER_TIERS for _, tier in self.present)


@dataclass(frozen=True)
class Representation:
    """Partner bodies absent or present without a leader, and people with no partner body."""

    absent: list[str] = field(default_factory=list)
    without_leader: list[str] = field(default_factory=list)
    unaffiliated: list[str] = field(default_factory=list)  # present, no partner body

    def __bool__(self) -> bool:
        return bool(self.absent or self.without_leader or self.unaffiliated)


def participant_labels(session: Session) -> list[tuple[str, Participant]]:
    """Each participant with their display label ("Participant N" when anonymous)."""
    return [(session.participant_label(i), p) for i, p in enumerate(session.participants)]


def attendance(session: Session) -> list[Attendance]:
    """Per partner body, in list order: present participants with tiers, absent ones."""
    people = participant_labels(session)
    return [
        Attendance(
            organisation.name,
            [(label, p.tier) for label, p in people
             if p.organisation == organisation.name and p.present],
            [label for label, p in people
             if p.organisation == organisation.name and not p.present],
        )
        for organisation in session.organisations
    ]


def representation(session: Session) -> Representation:
    """Which partner bodies had nobody present, which had nobody at tier 1 or 2, and
    which present participants belong to no partner body."""
    bodies = attendance(session)
    return Representation(
        absent=[b.organisation for b in bodies if not b.present],
        without_leader=[b.organisation for b in bodies if b.present and not b.has_leader],
        unaffiliated=[label for label, p in participant_labels(session)
                      if p.present and not p.organisation],
    )


def representation_texts(found: Representation) -> list[str]:
    """The representation findings as sentences for the board."""
    texts = []
    if found.absent:
        texts.append("No one was present from " + joined(found.absent, quoted=True) + ".")
    if found.without_leader:
        texts.append("Present without a first- or second-tier leader: "
                     + joined(found.without_leader, quoted=True) + ".")
    if found.unaffiliated:
        texts.append("Present with no partner body recorded: "
                     + joined(found.unaffiliated, quoted=True) + ".")
    return texts


@dataclass(frozen=True)
class KeyFindings:
    """What the Summary step and the PDF report as the session's key findings."""

    top_obstacles: list[Obstacle]
    now: Agreement
    needed: Agreement
    agreed_now: Cell | None  # the board's agreed cells (None when not agreed)
    agreed_needed: Cell | None
    gaps: list[RowSpread]
    representation: Representation


def key_findings(session: Session) -> KeyFindings:
    """The session's key findings, computed from what was entered (the perception gaps
    by the session's own gap threshold)."""
    placements = session.typology.placements
    return KeyFindings(
        top_obstacles=top_priorities(session.obstacles, 3),
        now=agreement(placements, "now"),
        needed=agreement(placements, "needed"),
        agreed_now=session.typology.agreed.now,
        agreed_needed=session.typology.agreed.needed,
        gaps=flagged_rows(session),
        representation=representation(session),
    )


def finding_sections(session: Session) -> list[tuple[str, list[str]]]:
    """The key findings as (heading, sentences), in the order the board reads them."""
    found = key_findings(session)
    obstacles = [obstacle_text(o) for o in found.top_obstacles] or [
        "No obstacles were rated."]
    typology = agreement_texts(session) + [agreed_text(session)]
    gaps = gap_texts(session) or (
        [f"No row has groups {session.perception.gap_threshold} or more points apart."]
        if session.perception.scores else ["No perception scores were given."])
    people = representation_texts(found.representation) or (
        ["Every partner body was present with a first- or second-tier leader."]
        if session.organisations else ["No partner bodies were recorded."])
    sections = [("obstacles", "Top obstacles", obstacles), ("typology", "Typology", typology),
                ("perception", "Widest perception gaps", gaps)]
    sections.append(("accountability", "Accountability gaps (Box 2)",
                     accountability_texts(session)))
    sections += [(part.name, *found) for part in PARTS if (found := part.findings(session))]
    # A step the session did not run has no findings (set-up's representation always).
    return [(heading, [left_to_right(x) for x in sentences])
            for step, heading, sentences in sections if session.step_on(step)] + [
        ("Representation", [left_to_right(x) for x in people])]


def accountability_texts(session: Session) -> list[str]:
    """Box 2's gaps in sentences: which items are partly or absent, and who owns them."""
    from model.exercises import accountability

    items = accountability.items(session)
    if not any(i.rating for i in items):
        return ["None of Box 2's items was rated."]
    gaps = accountability.gaps(session)
    if not gaps:
        return ["Every rated Box 2 item is in place."]
    out = []
    for item in gaps:
        who = f", owner {item.owner}" if item.owner.strip() else ", no owner named"
        out.append(f"{_first_upper(item.text)}: {accountability.rating_text(item.rating)}"
                   f"{who}.")
    return out


def _first_upper(value: str) -> str:
    return value[:1].upper() + value[1:]


def obstacle_text(obstacle: Obstacle) -> str:
    votes = "1 vote" if obstacle.votes == 1 else f"{obstacle.votes} votes"
    return f"“{obstacle.text}”: {frameworks.rating_label(obstacle.rating)}, {votes}."


def agreement_texts(session: Session) -> list[str]:
    """Whether the placements agree, for now and for needed."""
    texts = []
    for horizon, word in (("now", "Now"), ("needed", "Needed")):
        found = agreement(session.typology.placements, horizon)
        if not found.total:
            texts.append(f"{word}: no placements yet.")
            continue
        share = f"{found.modal_count} of {found.total} placements " \
                f"({round(100 * found.modal_share)}%)"
        cells = [cell_label(c) for c in found.modal_cells]
        if len(cells) > 1:
            texts.append(f"{word}: placements split between {_plain(cells)}, "
                         f"{share} each.")
        elif found.shared_view:
            texts.append(f"{word}: a shared view: {share} in {cells[0]}.")
        else:
            texts.append(f"{word}: placements split; the most common cell, {cells[0]}, "
                         f"holds {share}.")
    return texts


def agreed_text(session: Session) -> str:
    """The board's agreed placement now → needed, as a sentence; when the board has not
    agreed one, the movement the placements suggest."""
    agreed = session.typology.agreed
    if agreed.now is None and agreed.needed is None:
        now, needed = movement(session)
        if now is None or needed is None:
            return "No placement was agreed."
        return (f"No placement was agreed. Most placements put it at {cell_label(now)} now "
                f"and {cell_label(needed)} needed.")
    now_words = cell_label(agreed.now) if agreed.now else "not agreed"
    needed_words = cell_label(agreed.needed) if agreed.needed else "not agreed"
    if agreed.now is not None and agreed.now == agreed.needed:
        return f"Agreed: {now_words} now, and that is where the partnership needs to be."
    return f"Agreed: {now_words} now → {needed_words} needed."


def gap_texts(session: Session) -> list[str]:
    """The rows whose groups are the session's gap threshold or more points apart,
    widest first."""
    texts = []
    for spread in flagged_rows(session):
        label = spread.row.label
        low = [g.name for g in groups_at(session, label, spread.minimum)]
        high = [g.name for g in groups_at(session, label, spread.maximum)]
        texts.append(f"“{label}”: a gap of {spread.range} points, from {spread.minimum} "
                     f"({_plain(low)}) to {spread.maximum} ({_plain(high)}).")
    return texts


def action_obstacles(session: Session) -> dict[int, Obstacle]:
    """Action index -> the obstacle the action was agreed for.

    A stored session links them by id. A session not stored yet (the demo written
    straight to a PDF) has no ids, so the session file's rule applies: an obstacle's
    action is the first action with the obstacle's action text.
    """
    links: dict[int, Obstacle] = {}
    by_id = {o.id: o for o in session.obstacles if o.id is not None}
    for index, action in enumerate(session.actions):
        if action.obstacle_id is not None and action.obstacle_id in by_id:
            links[index] = by_id[action.obstacle_id]
    if by_id:
        return links
    return {a: session.obstacles[o] for a, o in session.actions_by_text().items()}


def obstacle_of(session: Session, action: Action) -> Obstacle | None:
    """The obstacle an action was agreed for, if any."""
    index = next((i for i, a in enumerate(session.actions) if a is action), None)
    return None if index is None else action_obstacles(session).get(index)


def _plain(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
