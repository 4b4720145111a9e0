"""What moved between two reviews of one partnership, instrument by instrument.

`compare(before, after)` matches what the two reviews name (stakeholder groups,
participants, obstacles, perception rows, actions, typology placers): first by the exact
name, then ignoring case and spacing. Each match says how it was made, and whatever is
left unmatched is listed (came / went, new / gone), never silently dropped. A group
renamed to a different word cannot be matched: it is shown as one gone and one new.

`sections(comparison)` words it for the window and the PDF alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from model import frameworks
from model.exercises import accountability
from model.exercises.perception import row_spreads
from model.exercises.registry import PARTS
from model.exercises.typology import Agreement, agreement, cell_label
from model.room.results import with_room_scores
from model.session import HORIZONS, Cell, Session
from model.text import joined, left_to_right

EXACT = "exact"
LOOSE = "case and spacing"
MOVERS = 5  # the biggest perception movers shown


def folded_name(name: str) -> str:
    """A name with case and spacing ignored: "Board  Members " ~ "board members"."""
    return " ".join(name.casefold().split())


# --- matching names ---------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    before: str
    after: str
    how: str  # EXACT or LOOSE


@dataclass(frozen=True)
class NameMatch:
    """Names of the earlier review paired with names of the later one."""

    matched: list[Match]
    only_before: list[str]  # went, or gone
    only_after: list[str]  # came, or new

    def after_of(self) -> dict[str, str]:
        return {m.before: m.after for m in self.matched}

    @property
    def loose(self) -> list[Match]:
        return [m for m in self.matched if m.how != EXACT]


def match_names(before: list[str], after: list[str]) -> NameMatch:
    """Pair names one to one: exact matches first, then case- and space-insensitive
    ones, each in list order. Blank names are never matched."""
    left = [n for n in before if n.strip()]
    right = [n for n in after if n.strip()]
    pairs: dict[str, Match] = {}
    taken: set[str] = set()
    right_set = set(right)
    for name in left:
        if name in right_set and name not in taken:
            pairs[name] = Match(name, name, EXACT)
            taken.add(name)
    loose: dict[str, list[str]] = {}
    for name in right:
        if name not in taken:
            loose.setdefault(folded_name(name), []).append(name)
    for name in left:
        if name in pairs:
            continue
        candidates = loose.get(folded_name(name))
        if candidates:
            other = candidates.pop(0)
            pairs[name] = Match(name, other, LOOSE)
            taken.add(other)
    matched = [pairs[n] for n in left if n in pairs]
    return NameMatch(matched, [n for n in left if n not in pairs],
                     [n for n in right if n not in taken])


# --- obstacles -------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleChange:
    """One obstacle named in both reviews (by its text as it is now)."""

    text: str
    rating_before: int | None
    rating_after: int | None
    votes_before: int
    votes_after: int

    @property
    def moved(self) -> str:
        """"rose", "fell", "same", "newly rated" or "not rated now"."""
        a, b = self.rating_before, self.rating_after
        if a == b:
            return "same"
        if a is None:
            return "newly rated"
        if b is None:
            return "not rated now"
        return "rose" if b > a else "fell"


@dataclass(frozen=True)
class ObstaclesCompared:
    changes: list[ObstacleChange]  # in the later review's list order
    match: NameMatch
    votes_before: int
    votes_after: int

    def where(self, moved: str) -> list[ObstacleChange]:
        return [c for c in self.changes if c.moved == moved]


def _obstacles(before: Session, after: Session) -> ObstaclesCompared:
    old = {o.text: o for o in before.visible_obstacles()}
    new = {o.text: o for o in after.visible_obstacles()}
    match = match_names(list(old), list(new))
    by_after = {m.after: m.before for m in match.matched}
    changes = [ObstacleChange(o.text, old[by_after[o.text]].rating, o.rating,
                              old[by_after[o.text]].votes, o.votes)
               for o in after.visible_obstacles() if o.text in by_after]
    return ObstaclesCompared(changes, match, sum(o.votes for o in old.values()),
                             sum(o.votes for o in new.values()))


# --- actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSince:
    """An action agreed at the earlier review, and where it stands now: as marked in
    the later review if carried into it, else as marked in the earlier one since."""

    text: str
    owner: str
    due: str | None
    status: str
    carried: bool


@dataclass(frozen=True)
class ActionsCompared:
    done: list[ActionSince]
    still_open: list[ActionSince]
    new: list[str]  # actions of the later review not carried from the earlier


def _actions(before: Session, after: Session) -> ActionsCompared:
    match = match_names([a.text for a in before.actions], [a.text for a in after.actions])
    later = {a.text: a for a in after.actions}
    pairs = match.after_of()
    since: list[ActionSince] = []
    for action in before.actions:
        carried = later.get(pairs[action.text]) if action.text in pairs else None
        status = carried.status if carried else action.status
        since.append(ActionSince(action.text or "(an action with no text)", action.owner,
                                 action.due, status, carried is not None))
    return ActionsCompared([a for a in since if a.status == "done"],
                           [a for a in since if a.status != "done"],
                           [a for a in match.only_after])


# --- typology --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacerMove:
    by: str  # as named in the later review
    before: Cell
    after: Cell


@dataclass(frozen=True)
class HorizonCompared:
    horizon: str
    before: Agreement
    after: Agreement
    agreed_before: Cell | None
    agreed_after: Cell | None
    moves: list[PlacerMove]  # placers in both reviews who placed in another cell


def _typology(before: Session, after: Session, placers: NameMatch) -> list[HorizonCompared]:
    found = []
    pairs = placers.after_of()
    for horizon in HORIZONS:
        old = {p.by: p.cell for p in before.typology.placements if p.horizon == horizon}
        new = {p.by: p.cell for p in after.typology.placements if p.horizon == horizon}
        moves = [PlacerMove(pairs[by], cell, new[pairs[by]]) for by, cell in old.items()
                 if by in pairs and pairs[by] in new and new[pairs[by]] != cell]
        found.append(HorizonCompared(
            horizon, agreement(before.typology.placements, horizon),
            agreement(after.typology.placements, horizon),
            getattr(before.typology.agreed, horizon), getattr(after.typology.agreed, horizon),
            moves))
    return found


# --- perception ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreChange:
    row: str  # as labelled in the later review
    group: str  # as named in the later review
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class GroupCompared:
    """A group's mean score over the rows both reviews scored (None: none in common)."""

    group: str
    before_name: str
    mean_before: float | None
    mean_after: float | None
    rows: int


@dataclass(frozen=True)
class GapChange:
    row: str
    range_before: int | None
    range_after: int | None


@dataclass(frozen=True)
class PerceptionCompared:
    rows: NameMatch
    by_group: list[GroupCompared]
    changes: list[ScoreChange]  # every score given in both, in row then group order
    movers: list[ScoreChange]  # the biggest changes, largest first
    gaps_closed: list[GapChange]
    gaps_opened: list[GapChange]
    gaps_still: list[GapChange]
    threshold: int


def _perception(before: Session, after: Session, groups: NameMatch,
                threshold: int) -> PerceptionCompared:
    rows = match_names([r.label for r in before.perception.rows],
                       [r.label for r in after.perception.rows])
    row_pairs, group_pairs = rows.after_of(), groups.after_of()
    old = {(s.row, s.group): s.score for s in before.perception.scores}
    new = {(s.row, s.group): s.score for s in after.perception.scores}
    changes: list[ScoreChange] = []
    per_group: dict[str, list[ScoreChange]] = {g: [] for g in group_pairs.values()}
    for row_before, row_after in row_pairs.items():
        for group_before, group_after in group_pairs.items():
            a, b = old.get((row_before, group_before)), new.get((row_after, group_after))
            if a is not None and b is not None:
                change = ScoreChange(row_after, group_after, a, b)
                changes.append(change)
                per_group[group_after].append(change)
    by_group = [GroupCompared(m.after, m.before,
                              fmean(c.before for c in per_group[m.after])
                              if per_group[m.after] else None,
                              fmean(c.after for c in per_group[m.after])
                              if per_group[m.after] else None,
                              len(per_group[m.after]))
                for m in groups.matched]
    movers = sorted((c for c in changes if c.delta), key=lambda c: -abs(c.delta))[:MOVERS]
    spread_before = {s.row.label: s for s in row_spreads(before, threshold)}
    spread_after = {s.row.label: s for s in row_spreads(after, threshold)}
    closed, opened, still = [], [], []
    for row_before, row_after in row_pairs.items():
        a, b = spread_before[row_before], spread_after[row_after]
        change = GapChange(row_after, a.range, b.range)
        if a.flagged and b.flagged:
            still.append(change)
        elif a.flagged:
            closed.append(change)
        elif b.flagged:
            opened.append(change)
    return PerceptionCompared(rows, by_group, changes, movers, closed, opened, still,
                              threshold)


# --- the whole comparison ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    before: Session
    after: Session
    groups: NameMatch
    participants: NameMatch
    obstacles: ObstaclesCompared
    actions: ActionsCompared
    typology: list[HorizonCompared]
    perception: PerceptionCompared


def compare(before: Session, after: Session) -> Comparison:
    """What moved from the review `before` to the review `after`. Perception scores are
    as the grid shows them: the room's results where nobody typed a score. Both reviews'
    gaps are measured by the later one's gap threshold, so that a gap "closed" is one
    the scores closed, not a threshold changed in between."""
    before, _ = with_room_scores(before)
    after, _ = with_room_scores(after)
    groups = match_names([g.name for g in before.groups], [g.name for g in after.groups])
    participants = match_names([p.name for p in before.participants],
                               [p.name for p in after.participants])
    placers = match_names(before.placers(), after.placers())
    return Comparison(before, after, groups, participants, _obstacles(before, after),
                      _actions(before, after), _typology(before, after, placers),
                      _perception(before, after, groups,
                                  after.perception.gap_threshold))


# --- in words ---------------------------------------------------------------------------


def review_name(session: Session) -> str:
    """A review named for a heading: its title and date."""
    return f"{session.title} ({session.date})" if session.date else session.title


def _matching(what: str, match: NameMatch, came: str, went: str,
              unnamed: tuple[int, int] = (0, 0)) -> list[str]:
    texts = [f"{what} “{m.before}” then is “{m.after}” now (matched ignoring case and "
             "spacing)." for m in match.loose]
    if match.only_after:
        texts.append(f"{came}: {joined(match.only_after, quoted=True)}.")
    if match.only_before:
        texts.append(f"{went}: {joined(match.only_before, quoted=True)}.")
    if any(unnamed):
        texts.append(f"Unnamed participants cannot be matched: {unnamed[0]} then, "
                     f"{unnamed[1]} now.")
    return texts


def _rating(value: int | None) -> str:
    return frameworks.rating_label(value)


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def sections(c: Comparison) -> list[tuple[str, list[str]]]:
    """The comparison in sentences, under headings: who was matched how, then each
    instrument's movements."""
    out: list[tuple[str, list[str]]] = []
    unnamed = (sum(1 for p in c.before.participants if not p.name.strip()),
               sum(1 for p in c.after.participants if not p.name.strip()))
    who = (_matching("Group", c.groups, "New groups", "Groups no longer there")
           + _matching("Participant", c.participants, "Came this time",
                       "Were there last time, not this time", unnamed))
    out.append(("Who was compared", who or [
        "The same stakeholder groups and participants, matched by their exact names."]))

    o = c.obstacles
    texts = []
    for moved, word in (("rose", "Rated higher"), ("fell", "Rated lower"),
                        ("newly rated", "Rated now, not rated then"),
                        ("not rated now", "Rated then, not rated now")):
        found = o.where(moved)
        texts += [f"{word}: “{x.text}”, {_rating(x.rating_before)} → {_rating(x.rating_after)}"
                  f" (votes {x.votes_before} → {x.votes_after})." for x in found]
    same = [x for x in o.where("same") if x.rating_after is not None]
    if same:
        texts.append(f"{len(same)} obstacle{'s' if len(same) != 1 else ''} rated the same "
                     "as last time.")
    texts.append(f"Votes cast: {o.votes_before} then, {o.votes_after} now.")
    if o.match.only_after:
        texts.append(f"New this time: {joined(o.match.only_after, quoted=True)}.")
    if o.match.only_before:
        texts.append(f"Not listed this time: {joined(o.match.only_before, quoted=True)}.")
    texts += [f"Obstacle “{m.before}” matched “{m.after}” ignoring case and spacing."
              for m in o.match.loose]
    out.append(("Obstacles", texts))

    a = c.actions
    texts = [f"Done: “{x.text}”" + (f" ({x.owner})" if x.owner else "") + "."
             for x in a.done]
    texts += [f"Still open: “{x.text}”" + (f" ({x.owner}" + (f", due {x.due}" if x.due else "")
                                            + ")" if x.owner or x.due else "") + "."
              for x in a.still_open]
    if not c.before.actions:
        texts.append("No actions were agreed last time.")
    if a.new:
        texts.append(f"{len(a.new)} new action{'s' if len(a.new) != 1 else ''} agreed "
                     "this time.")
    out.append(("Actions since last time", texts))

    texts = []
    for h in c.typology:
        word = "Now" if h.horizon == "now" else "Needed"
        texts.append(f"{word}: {_agreement(h.before)} then; {_agreement(h.after)} now "
                     f"(spread {h.before.spread:.2f} → {h.after.spread:.2f}).")
        then = cell_label(h.agreed_before) if h.agreed_before else "none"
        now = cell_label(h.agreed_after) if h.agreed_after else "none"
        texts.append(f"{word}, agreed cell: {then} → {now}" +
                     (" (unchanged)." if h.agreed_before == h.agreed_after else "."))
        if h.moves:
            texts.append(f"{word}: {len(h.moves)} placed the partnership in another cell "
                         f"than last time ({joined([m.by for m in h.moves], quoted=True)}).")
    out.append(("Typology", texts))

    p = c.perception
    texts = [f"“{g.group}”: mean {_mean(g.mean_before)} → {_mean(g.mean_after)} over "
             f"{g.rows} row{'s' if g.rows != 1 else ''} scored both times." for g in p.by_group]
    texts += [f"Biggest move: “{m.row}” by “{m.group}”, {m.before} → {m.after} "
              f"({m.delta:+d})." for m in p.movers]
    if p.changes and not p.movers:
        texts.append("No group changed any score.")
    texts += [f"Gap closed: “{g.row}”, {g.range_before} → {g.range_after} points apart."
              for g in p.gaps_closed]
    texts += [f"Gap opened: “{g.row}”, {_range(g.range_before)} → {g.range_after} "
              "points apart." for g in p.gaps_opened]
    texts += [f"Gap still open: “{g.row}”, {g.range_before} → {g.range_after} points apart."
              for g in p.gaps_still]
    if p.rows.only_after:
        texts.append(f"Rows new this time: {joined(p.rows.only_after, quoted=True)}.")
    if p.rows.only_before:
        texts.append(f"Rows not scored this time: {joined(p.rows.only_before, quoted=True)}.")
    out.append(("Perception grid", texts or ["No scores to compare."]))

    # The later exercises, when either review ran them.
    def ran(name: str) -> bool:
        return c.before.step_on(name) or c.after.step_on(name)

    if ran("accountability"):
        out.append(("Box 2 accountability", accountability.since(c.before, c.after)
                    or ["No Box 2 rating changed."]))
    out += [(part.title, part.since(c.before, c.after) or ["Nothing changed."])
            for part in PARTS if ran(part.name)]
    return [(heading, [left_to_right(x) for x in sentences]) for heading, sentences in out]


def _range(value: int | None) -> str:
    return "no scores" if value is None else str(value)


def _agreement(found: Agreement) -> str:
    if not found.total:
        return "no placements"
    cells = " / ".join(cell_label(c) for c in found.modal_cells)
    return f"{cells}, {found.share_text()}"
