"""The frameworks' content (obstacles, typology, perception rows), read from
`resources/frameworks.json`, where each part records the seed it comes from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model.session import Obstacle, PerceptionRow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class Term:
    """A named item of a framework with its definition (a factor, level or function)."""

    key: str
    label: str
    definition: str
    figure_label: str = ""


@cache
def _content() -> dict:
    with open(RESOURCES / "frameworks.json", encoding="utf-8") as f:
        return json.load(f)


def seeds() -> dict[str, str]:
    """Seed file name -> the document it holds."""
    return dict(_content()["seeds"])


def citation(seed: str) -> str:
    """Seed `seed` cited in the text, as a reader would: "Matrix Research and
    Consultancy, 2004"; the file name when it has no source recorded."""
    source = _content()["sources"]["items"].get(seed)
    return f"{source['author'].rstrip('.')}, {source['year']}" if source else seed


def reference(seed: str) -> str:
    """Seed `seed` in a list of sources: author (year) title. Details."""
    source = _content()["sources"]["items"].get(seed)
    if not source:
        return seed
    title = source["title"] if source["title"][-1] in ".?!" else source["title"] + "."
    return f"{source['author']} ({source['year']}) {title} {source['details']}."


def cited_seeds() -> list[str]:
    """The seeds with a source recorded, in order."""
    return list(_content()["sources"]["items"])


def seed_of(part: str) -> str:
    """The seed file a framework part ("box1", "typology"...) comes from."""
    return _content()[part]["seed"]


def title_of(part: str) -> str:
    return _content()[part]["title"]


def factors() -> list[Term]:
    return [Term(**item) for item in _content()["factors"]["items"]]


def factor_label(key: str | None) -> str:
    return next((t.label for t in factors() if t.key == key), "")


def rating_label(value: int | None) -> str:
    """"not rated", "not an issue", "minor", "significant" or "critical"."""
    return next((r["label"] for r in _content()["ratings"] if r["value"] == value), "not rated")


def library_obstacles(library: str) -> list[Obstacle]:
    """Fresh, unrated obstacles of a library: "box1" or "difficulties"."""
    return [
        Obstacle(text=item["text"], library=library, factor=item["factor"])
        for item in _content()[library]["items"]
    ]


def collaboration_levels() -> list[Term]:
    return [Term(**item) for item in _content()["typology"]["collaboration"]]


def functions() -> list[Term]:
    return [Term(**item) for item in _content()["typology"]["function"]]


def typology_examples() -> dict[tuple[str, str], str]:
    """(collaboration, function) -> the seed's example partnership for that cell."""
    return {
        (e["collaboration"], e["function"]): e["text"]
        for e in _content()["typology"]["examples"]
    }


def typology_caveat() -> str:
    return _content()["typology"]["caveat"]


def section_label(key: str) -> str:
    sections = _content()["perception"]["sections"]
    return next((s["label"] for s in sections if s["key"] == key), key)


def quality_of_life_rows() -> list[PerceptionRow]:
    return [PerceptionRow("quality-of-life", label)
            for label in _content()["perception"]["quality_of_life"]]


def principle_rows() -> list[PerceptionRow]:
    """The ten good-governance principles of the 2009 slides."""
    return [PerceptionRow("governance", label)
            for label in _content()["perception"]["principles"]]


def default_perception_rows() -> list[PerceptionRow]:
    return quality_of_life_rows() + principle_rows()


def governance_test_rows() -> list[PerceptionRow]:
    """The Governance Test table's own governance rows (not Bovaird's ten principles)."""
    return [PerceptionRow("governance", label)
            for label in _content()["perception"]["governance_test_rows"]]


def principles_title() -> str:
    """The title of the slide the ten principles come from (not the Governance Test)."""
    return _content()["perception"]["principles_title"]


def perception_credit() -> str:
    """Whose the Governance Test is, as the seed credits it."""
    return _content()["perception"]["credit"]


def row_origin(label: str) -> str:
    """Where a perception row comes from, in a sentence: the Governance Test table,
    Bovaird's ten principles (another slide), both, or "" for the session's own row.
    Compared ignoring case and surrounding spaces."""
    key = label.strip().casefold()
    perception = _content()["perception"]
    in_table = key in {r.casefold() for r in perception["quality_of_life"]
                       + perception["governance_test_rows"]}
    in_principles = key in {r.casefold() for r in perception["principles"]}
    test = f"the Governance Test table ({perception_credit()})"
    ten = f"Bovaird's ten principles (the slide {principles_title()}, 2009)"
    if in_table and in_principles:
        return f"A row of {test}, and one of {ten}."
    if in_table:
        return f"A row of {test}."
    if in_principles:
        return f"One of {ten}: not a row of the Governance Test."
    return ""


def own_choice(key: str) -> str:
    """How the app says that a piece of structure is its own, not a seed's: "ratings",
    "factors", "difficulties_factors", "tiers", "gap", "scale", "accountability",
    "sharing" or "value"."""
    return _content()["own_choices"][key]


def typology_axis(key: str) -> str:
    """Figure 1's own title of an axis: "collaboration" or "function"."""
    return _content()["typology"]["axes"][key]


def typology_credit() -> str:
    """Figure 1's origin, as the briefing credits it."""
    return _content()["typology"]["credit"]


def key_questions() -> list[tuple[str, str]]:
    """(field, question) for the two key questions."""
    return [(q["key"], q["question"]) for q in _content()["key_questions"]["items"]]


def accountability_processes() -> list[str]:
    """Box 2: processes and structures for assuring accountability."""
    return list(_content()["box2"]["items"])


def accountability_rating_label(key: str | None) -> str:
    """"in place", "partly", "absent", or "not rated" (the app's own scale)."""
    return next((r["label"] for r in _content()["box2"]["ratings"] if r["key"] == key),
                "not rated")


def sharing_test() -> str:
    """Bovaird's acid test, in the slides' words."""
    return _content()["sharing"]["test"]


def sharing_label(key: str) -> str:
    """"services", "expertise", "knowledge", "resources" or "risk": the seed's words."""
    return next(i["label"] for i in _content()["sharing"]["items"] if i["key"] == key)


def value_quote(key: str) -> str:
    """The seeds' words the value for money exercise quotes: "analysis" (inputs, outputs,
    outcomes; staff time), "extract" (it can extract value as well as add to it),
    "redress" (a system for redress; complaints procedures) or "complain"."""
    return _content()["value"][key]


def value_verdicts() -> list[tuple[str, str]]:
    """(key, label) of the board's verdicts on value for money: the app's own marks."""
    return [(v["key"], v["label"]) for v in _content()["value"]["verdicts"]]


def value_routes() -> list[tuple[str, str]]:
    """(key, label) of how clear the complaints route is to users: the app's own marks."""
    return [(r["key"], r["label"]) for r in _content()["value"]["routes"]]


def tier_label(value: int | None) -> str:
    items = _content()["tiers"]["items"]
    return next((t["label"] for t in items if t["value"] == value), "Tier not recorded")


def why_tiers_matter() -> str:
    return _content()["tiers"]["why"]


def layer_terms() -> list[Term]:
    """The three layers of the Audit Commission's framework (2009), each with what it
    does in the seed's words: strategic, executive, operational."""
    return [Term(i["key"], i["label"], i["does"]) for i in _content()["layers"]["items"]]


def layers_framework() -> str:
    """The Audit Commission's three layer framework, in the seed's words."""
    return _content()["layers"]["framework"]


def layer_mark_label(key: str | None) -> str:
    """"missing", "duplicated", or "" for an unmarked layer (the app's own marks)."""
    marks = _content()["layers"]["marks"]
    return next((m["label"] for m in marks if m["key"] == key), "")


def layer_mark_meaning(key: str) -> str:
    """What a mark means, as the page and the PDF explain it (the app's own words)."""
    return next(m["means"] for m in _content()["layers"]["marks"] if m["key"] == key)


def seat_label(key: str | None) -> str:
    """Who holds a partner body's seat on the strategic group: "first-tier leader",
    "second-tier leader", "someone else", "not represented", or "not recorded"."""
    items = _content()["layers"]["seats"]["items"]
    return next((i["label"] for i in items if i["key"] == key), "not recorded")


def seats_seed() -> str:
    """The seed the strategic group's representation comes from (the Matrix briefing)."""
    return _content()["layers"]["seats"]["seed"]


def seats_quote() -> str:
    """Where the briefing puts the answer: the representation on the partnership's
    strategic decision-making group (its words; `why_tiers_matter` follows it)."""
    return _content()["layers"]["seats"]["quote"]
