"""The room: participants answer from their own phones (or on paper cards the facilitator
enters), and the group results are derived from their answers.

- `answers`: who joins and what they answer, as edits checked against the session;
- `results`: what the answers add up to, behind the anonymity floor.

Each answer is one `Response` row: its exercise, the item it answers and a value.

| exercise     | item                       | value                        |
| ------------ | -------------------------- | ---------------------------- |
| `perception` | perception row id          | score `1`-`5`                |
| `obstacles`  | `rating:<obstacle id>`     | rating `0`-`3`               |
| `obstacles`  | `votes:<obstacle id>`      | dot votes `1`-`DOT_VOTES`    |
| `typology`   | horizon (`now`, `needed`)  | `<collaboration>/<function>` |
"""

EXERCISES: tuple[str, ...] = ("perception", "obstacles", "typology")
EXERCISE_NAMES = {"perception": "Perception grid", "obstacles": "Obstacles",
                  "typology": "Typology"}
DOT_VOTES = 3  # dot votes each respondent may spend across the obstacles
VIAS: tuple[str, ...] = ("phone", "laptop")  # how a respondent answers: own phone, paper card
MAX_FLOOR = 99
# The most respondents one session's room takes: far past any board (8–25 people), so
# a flood of made-up joins is bounded.
MAX_RESPONDENTS = 500
