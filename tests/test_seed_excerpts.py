"""The seed excerpts the tests check wording against (tests/seed_excerpts/) are the
seeds' own lines, verbatim, where the seeds are present (../shared/seeds beside the
project); on a clone of the project alone there is nothing to compare, and they skip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXCERPTS = Path(__file__).resolve().parent / "seed_excerpts"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _parts(excerpt: Path) -> list[tuple[int, list[str]]]:
    """(first line number, lines) for each part of an excerpt."""
    parts: list[tuple[int, list[str]]] = []
    for line in excerpt.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"@@ (\d+)", line):
            parts.append((int(match.group(1)), []))
        elif parts:
            parts[-1][1].append(line)
    return parts


@pytest.mark.parametrize("excerpt", sorted(EXCERPTS.glob("*.txt")), ids=lambda p: p.name)
def test_an_excerpt_is_its_seeds_lines_verbatim(excerpt: Path) -> None:
    seed = SEEDS / excerpt.name
    if not seed.exists():
        pytest.skip("the seeds are not beside this copy of the project")
    lines = seed.read_text(encoding="utf-8").splitlines()
    parts = _parts(excerpt)
    assert parts
    for first, part in parts:
        assert lines[first - 1:first - 1 + len(part)] == part, (excerpt.name, first)


def test_every_seed_the_tests_read_has_an_excerpt() -> None:
    from model import frameworks

    for part in ("box1", "difficulties", "typology", "perception"):
        assert (EXCERPTS / frameworks.seed_of(part)).exists(), part
