"""The workshop session as plain data: one dataclass per thing a facilitator names.

Field names follow `contracts/session-file.md`. References between entities are by
name, as in the file (a participant's `group` is a group name); `id` fields carry the
database identity of a loaded entity and are `None` for one that is not stored yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Library = Literal["box1", "difficulties", "custom"]
Factor = Literal["justification", "governance", "performance"]
Horizon = Literal["now", "needed"]
Collaboration = Literal["co-operation", "co-ordination", "integration"]
Function = Literal["strategic", "commissioning", "delivery"]
Section = Literal["quality-of-life", "governance"]
ActionStatus = Literal["open", "done"]

LIBRARIES: tuple[str, ...] = ("box1", "difficulties", "custom")
FACTORS: tuple[str, ...] = ("justification", "governance", "performance")
HORIZONS: tuple[str, ...] = ("now", "needed")
COLLABORATIONS: tuple[str, ...] = ("co-operation", "co-ordination", "integration")
FUNCTIONS: tuple[str, ...] = ("strategic", "commissioning", "delivery")
SECTIONS: tuple[str, ...] = ("quality-of-life", "governance")
ACTION_STATUSES: tuple[str, ...] = ("open", "done")
TIERS: tuple[int, ...] = (1, 2, 3)
RATINGS: tuple[int, ...] = (0, 1, 2, 3)
# Votes on one obstacle: far more than any room casts, and far from what makes `+`
# overflow the database's whole numbers (2**63 - 1).
MAX_VOTES = 1_000_000
SCORES: tuple[int, ...] = (1, 2, 3, 4, 5)
# Box 2's three-level rating: the app's own scale (the briefing rates nothing).
ACCOUNTABILITY_RATINGS: tuple[str, ...] = ("in-place", "partly", "absent")
ACCOUNTABILITY_LIBRARIES: tuple[str, ...] = ("box2",)
# The steps that always run; the others (the exercises) a facilitator turns on or off
# for a session (`model.exercises.registry.OPTIONAL_STEPS`). A new or imported session
# runs the first three exercises, as every session did before steps could be turned off.
ALWAYS_RUN: tuple[str, ...] = ("setup", "summary", "compare")
DEFAULT_STEPS: tuple[str, ...] = ("obstacles", "typology", "perception")


@dataclass
class Organisation:
    """A partner body (council, NHS trust, police, voluntary group...)."""

    name: str
    id: int | None = None


@dataclass
class Group:
    """A stakeholder group; `colour` is `#rrggbb` or None."""

    name: str
    colour: str | None = None
    id: int | None = None


@dataclass
class Participant:
    """Someone in the room. `name` may be blank (anonymous); references are names or ""."""

    name: str = ""
    organisation: str = ""
    group: str = ""
    tier: int | None = None
    present: bool = True
    id: int | None = None


@dataclass
class KeyQuestions:
    """The board's answers to the two key questions of the Audit Commission."""

    in_charge: str = ""
    added_value: str = ""


@dataclass
class Obstacle:
    """One obstacle to partnership working, as rated by the board.

    `rating` is None (not rated), 0 not an issue, 1 minor, 2 significant, 3 critical.
    `hidden` marks a library item the facilitator has hidden for this session; hidden
    obstacles are not part of the session file, the summary or the PDF.
    """

    text: str
    library: str = "custom"
    factor: str | None = None
    rating: int | None = None
    votes: int = 0
    notes: str = ""
    action: str = ""
    hidden: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Cell:
    """One cell of the typology grid."""

    collaboration: str
    function: str


@dataclass
class Placement:
    """Where `by` (a participant, partner body or group) places the partnership.

    `by` is how the placer is shown (and how a session file names them). In a stored
    session the placer is `participant_id` or `group_id`, and `by` is read from them;
    with neither, the placement names someone the session does not list (from a file),
    by `by` alone."""

    by: str
    horizon: str
    collaboration: str
    function: str
    id: int | None = None
    participant_id: int | None = None
    group_id: int | None = None

    @property
    def cell(self) -> Cell:
        return Cell(self.collaboration, self.function)


@dataclass
class AgreedPlacement:
    """The board's agreed cells for now and needed, and why."""

    now: Cell | None = None
    needed: Cell | None = None
    rationale: str = ""


@dataclass
class Typology:
    placements: list[Placement] = field(default_factory=list)
    agreed: AgreedPlacement = field(default_factory=AgreedPlacement)


@dataclass
class PerceptionRow:
    """A quality-of-life issue or good-governance principle scored by the groups."""

    section: str
    label: str
    id: int | None = None


@dataclass
class Score:
    """A group's 1-5 score on a perception row (both named)."""

    row: str
    group: str
    score: int
    id: int | None = None


# A perception gap: a row whose groups' scores are this many points apart or more.
GAP_THRESHOLDS: tuple[int, ...] = (1, 2, 3, 4)
DEFAULT_GAP_THRESHOLD = 3


@dataclass
class Perception:
    """The grid's rows and scores, and `gap_threshold`: a row is flagged as a perception
    gap when its highest and lowest scores are at least this far apart. It is the
    session's, not the user's, so every PDF and summary of the session agrees."""

    rows: list[PerceptionRow] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    gap_threshold: int = DEFAULT_GAP_THRESHOLD


@dataclass
class Action:
    """An agreed action. `obstacle_id` links it to the obstacle it came from, if any."""

    text: str = ""
    owner: str = ""
    due: str | None = None
    status: str = "open"
    obstacle_id: int | None = None
    id: int | None = None
    accountability_id: int | None = None  # the Box 2 item it came from, if any


@dataclass
class AccountabilityItem:
    """One of Box 2's processes and structures for assuring accountability, as the board
    rates it: `rating` None (not rated), "in-place", "partly" or "absent" (the app's own
    scale); who owns putting it right and by when (ISO date or None). `action` is the
    text of the action made from it, if any (as an obstacle's `action`)."""

    text: str
    library: str = "box2"
    rating: str | None = None
    owner: str = ""
    due: str | None = None
    action: str = ""
    id: int | None = None


@dataclass
class Respondent:
    """Someone who answers in the room: as a named participant (`participant_id`) or as
    an anonymous member of a group (`group_id` alone). `via` is "phone" or "laptop" (a
    paper card entered by the facilitator); both count the same."""

    participant_id: int | None
    group_id: int | None
    via: str = "phone"
    id: int | None = None


@dataclass
class Response:
    """One respondent's answer to one item of an exercise (see `model.room`)."""

    respondent_id: int
    exercise: str
    item: str
    value: str
    id: int | None = None


@dataclass
class Room:
    """What the room answered. `anonymity_floor`: a group's result is shown only once at
    least this many of its members have answered.

    Respondents and responses refer to the session's entities by id (a respondent's
    `participant_id` / `group_id`, a response's `respondent_id` and the id in its item).
    A session not stored yet (`Session.id` is None, as read from a session file) has no
    ids, so its room refers by position in the session's lists instead (a response to an
    obstacle by its position in `obstacles`): see `Session.room_references`."""

    anonymity_floor: int = 3
    respondents: list[Respondent] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)


@dataclass
class Session:
    """One workshop session: everything the facilitator and the board entered."""

    title: str
    partnership: str = ""
    date: str | None = None
    facilitator: str = ""
    venue: str = ""
    purpose: str = ""
    organisations: list[Organisation] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    key_questions: KeyQuestions = field(default_factory=KeyQuestions)
    obstacles: list[Obstacle] = field(default_factory=list)
    typology: Typology = field(default_factory=Typology)
    perception: Perception = field(default_factory=Perception)
    actions: list[Action] = field(default_factory=list)
    room: Room = field(default_factory=Room)
    # Box 2's items as stored; empty until the board first rates or edits one (then
    # all five are stored): see `model.exercises.accountability.items`.
    accountability: list[AccountabilityItem] = field(default_factory=list)
    # The data of the exercises that keep it in tables of their own, by step name (see
    # `model.exercises.part`): a part missing here has nothing entered yet.
    parts: dict[str, Any] = field(default_factory=dict)
    # The optional steps this session runs (step names, in the window's order).
    steps: list[str] = field(default_factory=lambda: list(DEFAULT_STEPS))
    id: str | None = None
    updated_at: str | None = None
    # A partnership's reviews: `uid` names this session wherever it travels (None until
    # stored); `review_of` is the uid of the earlier review this one re-runs.
    uid: str | None = None
    review_of: str | None = None

    def participant_label(self, index: int) -> str:
        """A participant's display name: their name, or "Participant N" when blank."""
        name = self.participants[index].name
        return name if name else f"Participant {index + 1}"

    def placers(self) -> list[str]:
        """Who places typology markers: the participants, or the groups if there are none."""
        if self.participants:
            return [self.participant_label(i) for i in range(len(self.participants))]
        return [g.name for g in self.groups]

    def actions_by_text(self) -> dict[int, int]:
        """Action index -> obstacle index, by the session file's rule (which has no ids):
        an obstacle's agreed action is the first action not yet taken whose text is
        the obstacle's `action`."""
        links: dict[int, int] = {}
        for o_index, obstacle in enumerate(self.obstacles):
            if not obstacle.action:
                continue
            for a_index, action in enumerate(self.actions):
                if a_index not in links and action.text == obstacle.action:
                    links[a_index] = o_index
                    break
        return links

    def accountability_actions_by_text(self) -> dict[int, int]:
        """Action index -> Box 2 item index, by the session file's rule: an item's action
        is the first action not yet taken (by an obstacle, or an earlier item) whose
        text is the item's `action`."""
        taken = set(self.actions_by_text())
        links: dict[int, int] = {}
        for i_index, item in enumerate(self.accountability):
            if not item.action:
                continue
            for a_index, action in enumerate(self.actions):
                if a_index not in taken and action.text == item.action:
                    taken.add(a_index)
                    links[a_index] = i_index
                    break
        return links

    def step_on(self, name: str) -> bool:
        """Whether this session runs step `name`: an exercise only if it is on."""
        return name in ALWAYS_RUN or name in self.steps

    def visible_obstacles(self) -> list[Obstacle]:
        return [o for o in self.obstacles if not o.hidden]

    def room_references(self, entities: list) -> dict[int, int]:
        """How the room refers to each of `entities` (this session's participants, groups,
        perception rows, obstacles or respondents) -> its position in the list: its id
        in a stored session, its position in one not stored yet (see `Room`)."""
        if self.id is None:
            return {i: i for i in range(len(entities))}
        return {e.id: i for i, e in enumerate(entities) if e.id is not None}


@dataclass
class SessionSummary:
    """One line of the sessions list."""

    id: str
    title: str
    partnership: str
    date: str | None
    updated_at: str
    demo: bool = False
    uid: str | None = None
    review_of: str | None = None
