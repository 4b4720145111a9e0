"""Tests for model/session_file.py: the session file contract, version 1 (version 2,
the room, is tested in tests/test_session_file_v2.py)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import session_file
from model.session import Action, Obstacle, Session
from model.session_file import (
    SessionFileError,
    read_session_file,
    session_from_dict,
    session_to_dict,
    write_session_file,
)
from tests.hostile_strings import HOSTILE_STRINGS

# Every field filled, several entries per list, keys in the contract's order.
FULL: dict[str, Any] = {
    "format": "partnership-workshop-session",
    "version": 1,
    "session": {
        "title": "Carrick Housing: governance test",
        "partnership": "Carrick Housing",
        "date": "2009-12-04",
        "facilitator": "Ann Facilitator",
        "venue": "Town Hall, Room 2",
        "purpose": "Test the governance of the partnership.\nSecond line.",
        "organisations": [{"name": "Carrick Housing"}, {"name": "County Council"},
                          {"name": "Police"}],
        "groups": [{"name": "Board members", "colour": "#4477aa"},
                   {"name": "Officers", "colour": "#EE6677"},
                   {"name": "Residents"}],
        "participants": [
            {"name": "", "organisation": "Carrick Housing", "group": "Board members",
             "tier": 1, "present": True},
            {"name": "Bob", "organisation": "County Council", "group": "Officers",
             "tier": 2, "present": False},
            {"name": "Cath", "organisation": "", "group": "", "tier": None, "present": True},
            {"name": "Dev", "organisation": "Police", "group": "Residents",
             "tier": 3, "present": True},
        ],
        "key_questions": {"in_charge": "The board", "added_value": "Joined-up services"},
        "obstacles": [
            {"text": "lack of a shared vision of and for the community", "library": "box1",
             "factor": "justification", "rating": 2, "votes": 3, "notes": "", "action": ""},
            {"text": "too many meetings", "library": "difficulties", "factor": "governance",
             "rating": 0, "votes": 0, "notes": "agreed quickly", "action": "cut meetings"},
            {"text": "our own obstacle", "library": "custom", "factor": None,
             "rating": None, "votes": 12, "notes": "n", "action": "a"},
            {"text": "data sharing", "library": "custom", "factor": "performance",
             "rating": 3, "votes": 1, "notes": "", "action": ""},
        ],
        "typology": {
            "placements": [
                {"by": "Board members", "horizon": "now",
                 "collaboration": "co-ordination", "function": "strategic"},
                {"by": "Board members", "horizon": "needed",
                 "collaboration": "integration", "function": "commissioning"},
                {"by": "Officers", "horizon": "now",
                 "collaboration": "co-operation", "function": "delivery"},
                {"by": "someone not listed", "horizon": "now",
                 "collaboration": "co-operation", "function": "strategic"},
            ],
            "agreed": {
                "now": {"collaboration": "co-ordination", "function": "strategic"},
                "needed": {"collaboration": "integration", "function": "delivery"},
                "rationale": "Because.",
            },
        },
        "perception": {
            "rows": [{"section": "governance", "label": "Transparency"},
                     {"section": "quality-of-life", "label": "Housing"},
                     {"section": "governance", "label": "Accountability"}],
            "scores": [
                {"row": "Transparency", "group": "Board members", "score": 2},
                {"row": "Transparency", "group": "Officers", "score": 5},
                {"row": "Housing", "group": "Board members", "score": 1},
                {"row": "Accountability", "group": "Residents", "score": 4},
            ],
        },
        "actions": [
            {"text": "Agree a vision", "owner": "Chair", "due": "2010-01-31",
             "status": "open"},
            {"text": "Cut meetings", "owner": "", "due": None, "status": "done"},
            {"text": "", "owner": "", "due": None, "status": "open"},
        ],
    },
}

MINIMAL: dict[str, Any] = {"format": "partnership-workshop-session", "version": 1,
                           "session": {"title": "T"}}


def full() -> dict[str, Any]:
    return copy.deepcopy(FULL)


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """An independent oracle: a valid file dict with defaults filled, unknown fields dropped."""
    s = data["session"]

    def cell(c: dict | None) -> dict | None:
        return None if c is None else {"collaboration": c["collaboration"],
                                       "function": c["function"]}

    def group(g: dict) -> dict:
        out = {"name": g.get("name", "")}
        if g.get("colour") is not None:
            out["colour"] = g["colour"]
        return out

    kq = s.get("key_questions", {})
    ty = s.get("typology", {})
    ag = ty.get("agreed", {})
    pe = s.get("perception", {})
    return {
        "format": "partnership-workshop-session",
        "version": 1,
        "session": {
            "title": s["title"],
            "partnership": s.get("partnership", ""),
            "date": s.get("date"),
            "facilitator": s.get("facilitator", ""),
            "venue": s.get("venue", ""),
            "purpose": s.get("purpose", ""),
            "organisations": [{"name": o.get("name", "")} for o in s.get("organisations", [])],
            "groups": [group(g) for g in s.get("groups", [])],
            "participants": [
                {"name": p.get("name", ""), "organisation": p.get("organisation", ""),
                 "group": p.get("group", ""), "tier": p.get("tier"),
                 "present": p.get("present", True)}
                for p in s.get("participants", [])
            ],
            "key_questions": {"in_charge": kq.get("in_charge", ""),
                              "added_value": kq.get("added_value", "")},
            "obstacles": [
                {"text": o["text"], "library": o.get("library", "custom"),
                 "factor": o.get("factor"), "rating": o.get("rating"),
                 "votes": o.get("votes", 0), "notes": o.get("notes", ""),
                 "action": o.get("action", "")}
                for o in s.get("obstacles", [])
            ],
            "typology": {
                "placements": [
                    {"by": p.get("by", ""), "horizon": p["horizon"],
                     "collaboration": p["collaboration"], "function": p["function"]}
                    for p in ty.get("placements", [])
                ],
                "agreed": {"now": cell(ag.get("now")), "needed": cell(ag.get("needed")),
                           "rationale": ag.get("rationale", "")},
            },
            "perception": {
                "rows": [{"section": r["section"], "label": r["label"]}
                         for r in pe.get("rows", [])],
                "scores": [{"row": x["row"], "group": x["group"], "score": x["score"]}
                           for x in pe.get("scores", [])],
            },
            "actions": [
                {"text": a.get("text", ""), "owner": a.get("owner", ""), "due": a.get("due"),
                 "status": a.get("status", "open")}
                for a in s.get("actions", [])
            ],
        },
    }


def assert_round_trips(data: dict[str, Any]) -> None:
    """session_to_dict(session_from_dict(d)) is d normalised, key order included."""
    assert dumps(session_to_dict(session_from_dict(data))) == dumps(normalise(data))


# --- round trips ---------------------------------------------------------------------


def test_full_file_round_trips_through_write_and_read(tmp_path: Path) -> None:
    out = tmp_path / "full.json"
    write_session_file(session_from_dict(full()), out)
    text = out.read_bytes().decode("utf-8")
    assert text == dumps(FULL) + "\n"
    again = session_to_dict(read_session_file(out))
    assert again == FULL
    assert dumps(again) == dumps(FULL)  # same key order, same list order


def test_full_file_builds_the_expected_session() -> None:
    session = session_from_dict(full())
    assert session.title == "Carrick Housing: governance test"
    assert [o.name for o in session.organisations] == ["Carrick Housing", "County Council",
                                                       "Police"]
    assert [g.colour for g in session.groups] == ["#4477aa", "#EE6677", None]
    assert [p.tier for p in session.participants] == [1, 2, None, 3]
    assert session.participants[1].present is False
    assert session.obstacles[1].action == "cut meetings"
    assert all(o.hidden is False and o.id is None for o in session.obstacles)
    assert all(a.obstacle_id is None and a.id is None for a in session.actions)
    assert session.id is None and session.updated_at is None
    assert session.typology.agreed.now is not None
    assert session.typology.agreed.now.function == "strategic"
    assert session.perception.scores[1].score == 5


def test_contract_example_round_trips() -> None:
    example = {
        "format": "partnership-workshop-session", "version": 1,
        "session": {
            "title": "Carrick Housing: governance test", "partnership": "Carrick Housing",
            "date": "2009-12-04", "facilitator": "", "venue": "", "purpose": "",
            "organisations": [{"name": "Carrick Housing"}],
            "groups": [{"name": "Board members", "colour": "#4477aa"}],
            "participants": [{"name": "", "organisation": "Carrick Housing",
                              "group": "Board members", "tier": 1, "present": True}],
            "key_questions": {"in_charge": "", "added_value": ""},
            "obstacles": [{"text": "lack of a shared vision of and for the community",
                           "library": "box1", "factor": "justification", "rating": 2,
                           "votes": 3, "notes": "", "action": ""}],
            "typology": {
                "placements": [{"by": "Board members", "horizon": "now",
                                "collaboration": "co-ordination", "function": "strategic"}],
                "agreed": {"now": {"collaboration": "co-ordination", "function": "strategic"},
                           "needed": None, "rationale": ""}},
            "perception": {"rows": [{"section": "governance", "label": "Transparency"}],
                           "scores": [{"row": "Transparency", "group": "Board members",
                                       "score": 2}]},
            "actions": [{"text": "", "owner": "", "due": None, "status": "open"}],
        },
    }
    assert dumps(session_to_dict(session_from_dict(example))) == dumps(example)


def test_missing_fields_take_defaults() -> None:
    data = session_to_dict(session_from_dict(copy.deepcopy(MINIMAL)))
    assert data["session"] == {
        "title": "T", "partnership": "", "date": None, "facilitator": "", "venue": "",
        "purpose": "", "organisations": [], "groups": [], "participants": [],
        "key_questions": {"in_charge": "", "added_value": ""}, "obstacles": [],
        "typology": {"placements": [],
                     "agreed": {"now": None, "needed": None, "rationale": ""}},
        "perception": {"rows": [], "scores": []}, "actions": [],
    }
    assert list(data) == ["format", "version", "session"]


def test_missing_fields_inside_entries_take_defaults() -> None:
    data = copy.deepcopy(MINIMAL)
    data["session"].update({
        "groups": [{"name": "G", "colour": None}],
        "participants": [{}],
        "obstacles": [{"text": "x"}],
        "typology": {"placements": [{"horizon": "now", "collaboration": "integration",
                                     "function": "delivery"}], "agreed": {}},
        "actions": [{}],
    })
    out = session_to_dict(session_from_dict(data))["session"]
    assert out["groups"] == [{"name": "G"}]
    assert out["participants"] == [{"name": "", "organisation": "", "group": "",
                                     "tier": None, "present": True}]
    assert out["obstacles"] == [{"text": "x", "library": "custom", "factor": None,
                                 "rating": None, "votes": 0, "notes": "", "action": ""}]
    assert out["typology"]["placements"][0]["by"] == ""
    assert out["actions"] == [{"text": "", "owner": "", "due": None, "status": "open"}]
    assert_round_trips(data)


def test_unknown_fields_are_ignored() -> None:
    data = full()
    data["extra"] = {"anything": [1, 2]}
    data["session"]["mood"] = "sunny"
    data["session"]["groups"][0]["shape"] = None
    data["session"]["typology"]["agreed"]["now"]["why"] = 3
    data["session"]["perception"]["scores"][0]["comment"] = float("nan")
    assert session_to_dict(session_from_dict(data)) == FULL


def test_hidden_obstacles_are_not_written() -> None:
    session = session_from_dict(full())
    session.obstacles[0].hidden = True
    session.obstacles.append(Obstacle("hidden one", library="box1", hidden=True, id=7))
    session.actions.append(Action("linked", obstacle_id=3, id=9))
    out = session_to_dict(session)["session"]
    assert [o["text"] for o in out["obstacles"]] == [o["text"] for o in
                                                      FULL["session"]["obstacles"][1:]]
    assert out["actions"][-1] == {"text": "linked", "owner": "", "due": None,
                                  "status": "open"}


def test_session_built_in_code_is_written() -> None:
    out = session_to_dict(Session(title="x"))
    assert out["session"]["typology"]["agreed"] == {"now": None, "needed": None,
                                                    "rationale": ""}


def with_string(s: str) -> dict[str, Any]:
    """FULL with every string field set to `s` (blank-refusing fields get a prefix)."""
    name = s if s.strip() else "x" + s
    data = copy.deepcopy(MINIMAL)
    data["session"] = {
        "title": name, "partnership": s, "date": None, "facilitator": s, "venue": s,
        "purpose": s,
        "organisations": [{"name": name}],
        "groups": [{"name": name}],
        "participants": [{"name": s, "organisation": name, "group": name, "tier": None,
                          "present": True}],
        "key_questions": {"in_charge": s, "added_value": s},
        "obstacles": [{"text": name, "library": "custom", "factor": None, "rating": None,
                       "votes": 0, "notes": s, "action": s}],
        "typology": {"placements": [{"by": s, "horizon": "now",
                                     "collaboration": "integration", "function": "delivery"}],
                     "agreed": {"now": None, "needed": None, "rationale": s}},
        "perception": {"rows": [{"section": "governance", "label": name}],
                       "scores": [{"row": name, "group": name, "score": 3}]},
        "actions": [{"text": s, "owner": s, "due": None, "status": "done"}],
    }
    return data


@pytest.mark.parametrize("s", HOSTILE_STRINGS, ids=range(len(HOSTILE_STRINGS)))
def test_hostile_strings_round_trip_exactly(s: str, tmp_path: Path) -> None:
    data = with_string(s)
    session = session_from_dict(json.loads(dumps(data)))
    assert session.partnership == s and session.purpose == s
    assert session.obstacles[0].notes == s and session.typology.placements[0].by == s
    text = dumps(session_to_dict(session))
    assert json.loads(text) == data
    assert session_to_dict(session_from_dict(json.loads(text))) == data
    out = tmp_path / "hostile.json"
    write_session_file(session, out)
    assert session_to_dict(read_session_file(out)) == data


def test_hostile_strings_are_written_as_text_not_escapes(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    write_session_file(session_from_dict(with_string("Gŵyl Ŷd 😀 <b>&amp;")), out)
    assert "Gŵyl Ŷd 😀 <b>&amp;" in out.read_text(encoding="utf-8")


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_round_trips(s: str) -> None:
    data = with_string(s)
    assert session_to_dict(session_from_dict(json.loads(dumps(data)))) == data


# --- refusals naming the field --------------------------------------------------------

DELETE = object()


def mutated(path: str, value: object) -> dict[str, Any]:
    """FULL with the field at dotted `path` (ints index lists) set to value or deleted."""
    data = full()
    keys: list[str | int] = [int(k) if k.isdigit() else k for k in path.split(".")]
    parent: Any = data
    for key in keys[:-1]:
        parent = parent[key]
    if value is DELETE:
        del parent[keys[-1]]
    else:
        parent[keys[-1]] = value
    return data


S = "session"
PA = "session.participants"
OB = "session.obstacles"
TY = "session.typology"
PE = "session.perception"
REFUSED: list[tuple[str, object, str]] = [
    # (field to change, new value, path expected at the start of the message)
    ("version", DELETE, "version"),
    ("version", "1", "version"),
    ("version", True, "version"),
    ("version", 1.0, "version"),
    ("version", 0, "version"),
    ("version", None, "version"),
    ("session", DELETE, "session"),
    ("session", [], "session"),
    ("session", None, "session"),
    ("session.title", DELETE, "session.title"),
    ("session.title", "", "session.title"),
    ("session.title", "  \t\n ", "session.title"),
    ("session.title", 5, "session.title"),
    ("session.title", None, "session.title"),
    ("session.title", "\ud800 lone", "session.title"),
    ("session.partnership", 5, "session.partnership"),
    ("session.partnership", None, "session.partnership"),
    ("session.facilitator", ["x"], "session.facilitator"),
    ("session.venue", False, "session.venue"),
    ("session.purpose", {"a": 1}, "session.purpose"),
    ("session.date", "2009-13-01", "session.date"),
    ("session.date", "2009-02-30", "session.date"),
    ("session.date", "2009-2-1", "session.date"),
    ("session.date", "04/12/2009", "session.date"),
    ("session.date", "20091204", "session.date"),
    ("session.date", "2009-12-04 ", "session.date"),
    ("session.date", "2009-12-04\n", "session.date"),
    ("session.date", "٢٠٠٩-١٢-٠٤", "session.date"),
    ("session.date", "2009-12-04T10:00", "session.date"),
    ("session.date", 20091204, "session.date"),
    ("session.date", "", "session.date"),
    ("session.organisations", {}, "session.organisations"),
    ("session.organisations", None, "session.organisations"),
    ("session.organisations.1", "County Council", "session.organisations[1]"),
    ("session.organisations.1.name", "Carrick Housing", "session.organisations[1].name"),
    ("session.organisations.1.name", "", "session.organisations[1].name"),
    ("session.organisations.1.name", " ", "session.organisations[1].name"),
    ("session.organisations.1.name", DELETE, "session.organisations[1].name"),
    ("session.organisations.1.name", 3, "session.organisations[1].name"),
    ("session.organisations.2.name", "\udfff", "session.organisations[2].name"),
    ("session.groups", "Board members", "session.groups"),
    ("session.groups.2", None, "session.groups[2]"),
    ("session.groups.2.name", "Officers", "session.groups[2].name"),
    ("session.groups.2.name", "", "session.groups[2].name"),
    ("session.groups.0.colour", "#44aa", "session.groups[0].colour"),
    ("session.groups.0.colour", "red", "session.groups[0].colour"),
    ("session.groups.0.colour", "#GGGGGG", "session.groups[0].colour"),
    ("session.groups.0.colour", "4477aa", "session.groups[0].colour"),
    ("session.groups.0.colour", "#4477aa ", "session.groups[0].colour"),
    ("session.groups.0.colour", 4477, "session.groups[0].colour"),
    ("session.participants", {"name": "x"}, PA),
    ("session.participants.0", [], f"{PA}[0]"),
    ("session.participants.0.name", 7, f"{PA}[0].name"),
    ("session.participants.0.name", None, f"{PA}[0].name"),
    ("session.participants.0.organisation", "Nobody", f"{PA}[0].organisation"),
    ("session.participants.0.organisation", "carrick housing", f"{PA}[0].organisation"),
    ("session.participants.0.organisation", None, f"{PA}[0].organisation"),
    ("session.participants.1.group", "Nobody", f"{PA}[1].group"),
    ("session.participants.1.group", "Officers ", f"{PA}[1].group"),
    ("session.participants.1.group", 1, f"{PA}[1].group"),
    ("session.participants.2.tier", 0, f"{PA}[2].tier"),
    ("session.participants.2.tier", 4, f"{PA}[2].tier"),
    ("session.participants.2.tier", "1", f"{PA}[2].tier"),
    ("session.participants.2.tier", True, f"{PA}[2].tier"),
    ("session.participants.2.tier", 1.0, f"{PA}[2].tier"),
    ("session.participants.3.present", None, f"{PA}[3].present"),
    ("session.participants.3.present", 1, f"{PA}[3].present"),
    ("session.participants.3.present", "true", f"{PA}[3].present"),
    ("session.key_questions", None, "session.key_questions"),
    ("session.key_questions", [], "session.key_questions"),
    ("session.key_questions.in_charge", 1, "session.key_questions.in_charge"),
    ("session.key_questions.added_value", None, "session.key_questions.added_value"),
    ("session.obstacles", "none", OB),
    ("session.obstacles.3", 3, f"{OB}[3]"),
    ("session.obstacles.1.text", DELETE, f"{OB}[1].text"),
    ("session.obstacles.1.text", "", f"{OB}[1].text"),
    ("session.obstacles.1.text", "\n", f"{OB}[1].text"),
    ("session.obstacles.1.text", None, f"{OB}[1].text"),
    ("session.obstacles.1.library", "box2", f"{OB}[1].library"),
    ("session.obstacles.1.library", None, f"{OB}[1].library"),
    ("session.obstacles.1.library", "Box1", f"{OB}[1].library"),
    ("session.obstacles.1.factor", "money", f"{OB}[1].factor"),
    ("session.obstacles.1.factor", "", f"{OB}[1].factor"),
    ("session.obstacles.1.rating", 4, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", -1, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", True, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", False, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", 1.5, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", 2.0, f"{OB}[1].rating"),
    ("session.obstacles.1.rating", "2", f"{OB}[1].rating"),
    ("session.obstacles.2.votes", -1, f"{OB}[2].votes"),
    ("session.obstacles.2.votes", 1.5, f"{OB}[2].votes"),
    ("session.obstacles.2.votes", 3.0, f"{OB}[2].votes"),
    ("session.obstacles.2.votes", True, f"{OB}[2].votes"),
    ("session.obstacles.2.votes", "3", f"{OB}[2].votes"),
    ("session.obstacles.2.votes", None, f"{OB}[2].votes"),
    ("session.obstacles.2.votes", float("inf"), f"{OB}[2].votes"),
    ("session.obstacles.2.votes", 2**64, f"{OB}[2].votes"),
    ("session.obstacles.2.notes", None, f"{OB}[2].notes"),
    ("session.obstacles.2.action", 5, f"{OB}[2].action"),
    ("session.obstacles.2.action", {"text": "x"}, f"{OB}[2].action"),
    ("session.typology", None, TY),
    ("session.typology.placements", {}, f"{TY}.placements"),
    ("session.typology.placements.0", "x", f"{TY}.placements[0]"),
    ("session.typology.placements.0.by", 5, f"{TY}.placements[0].by"),
    ("session.typology.placements.0.by", None, f"{TY}.placements[0].by"),
    ("session.typology.placements.0.horizon", "later", f"{TY}.placements[0].horizon"),
    ("session.typology.placements.0.horizon", DELETE, f"{TY}.placements[0].horizon"),
    ("session.typology.placements.1.collaboration", "cooperation",
     f"{TY}.placements[1].collaboration"),
    ("session.typology.placements.1.collaboration", DELETE,
     f"{TY}.placements[1].collaboration"),
    ("session.typology.placements.2.function", "Strategic", f"{TY}.placements[2].function"),
    ("session.typology.placements.2.function", None, f"{TY}.placements[2].function"),
    ("session.typology.placements.1.horizon", "now", f"{TY}.placements[1]"),
    ("session.typology.agreed", [], f"{TY}.agreed"),
    ("session.typology.agreed.now", "co-ordination", f"{TY}.agreed.now"),
    ("session.typology.agreed.now", {}, f"{TY}.agreed.now.collaboration"),
    ("session.typology.agreed.now.collaboration", "x", f"{TY}.agreed.now.collaboration"),
    ("session.typology.agreed.needed.function", "y", f"{TY}.agreed.needed.function"),
    ("session.typology.agreed.needed.function", DELETE, f"{TY}.agreed.needed.function"),
    ("session.typology.agreed.rationale", None, f"{TY}.agreed.rationale"),
    ("session.perception", "x", PE),
    ("session.perception.rows", None, f"{PE}.rows"),
    ("session.perception.rows.1", ["governance", "x"], f"{PE}.rows[1]"),
    ("session.perception.rows.1.section", "quality of life", f"{PE}.rows[1].section"),
    ("session.perception.rows.1.section", DELETE, f"{PE}.rows[1].section"),
    ("session.perception.rows.1.label", "", f"{PE}.rows[1].label"),
    ("session.perception.rows.1.label", "  ", f"{PE}.rows[1].label"),
    ("session.perception.rows.1.label", DELETE, f"{PE}.rows[1].label"),
    ("session.perception.rows.1.label", 2, f"{PE}.rows[1].label"),
    ("session.perception.rows.2.label", "Transparency", f"{PE}.rows[2].label"),
    ("session.perception.scores", {}, f"{PE}.scores"),
    ("session.perception.scores.0", 2, f"{PE}.scores[0]"),
    ("session.perception.scores.0.row", "Nothing", f"{PE}.scores[0].row"),
    ("session.perception.scores.0.row", DELETE, f"{PE}.scores[0].row"),
    ("session.perception.scores.0.group", "Nobody", f"{PE}.scores[0].group"),
    ("session.perception.scores.0.group", None, f"{PE}.scores[0].group"),
    ("session.perception.scores.0.score", 7, f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", 0, f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", True, f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", 2.0, f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", "3", f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", None, f"{PE}.scores[0].score"),
    ("session.perception.scores.0.score", DELETE, f"{PE}.scores[0].score"),
    ("session.perception.scores.1.group", "Board members", f"{PE}.scores[1]"),
    ("session.actions", "x", "session.actions"),
    ("session.actions.0", None, "session.actions[0]"),
    ("session.actions.0.text", 1, "session.actions[0].text"),
    ("session.actions.0.owner", None, "session.actions[0].owner"),
    ("session.actions.0.due", "2010-02-29", "session.actions[0].due"),
    ("session.actions.0.due", "31/01/2010", "session.actions[0].due"),
    ("session.actions.0.due", 2010, "session.actions[0].due"),
    ("session.actions.1.status", "closed", "session.actions[1].status"),
    ("session.actions.1.status", None, "session.actions[1].status"),
    ("session.actions.1.status", "Done", "session.actions[1].status"),
    ("session.actions.2.owner", "a\ud83d", "session.actions[2].owner"),
]


@pytest.mark.parametrize(("field", "value", "path"), REFUSED,
                         ids=[f"{f}={v!r}"[:70] for f, v, _ in REFUSED])
def test_rule_broken_is_refused_naming_the_field(field: str, value: object,
                                                  path: str) -> None:
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(mutated(field, value))
    message = str(caught.value)
    assert message.startswith(path + ": "), message
    assert "\n" not in message
    message.encode("utf-8")  # printable even when the value was not


@pytest.mark.parametrize(("field", "value", "path"), REFUSED[:40])
def test_rule_broken_in_a_file_names_file_and_field(field: str, value: object, path: str,
                                                    tmp_path: Path) -> None:
    f = tmp_path / "x.json"
    f.write_text(json.dumps(mutated(field, value)), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value).startswith(f"{f}: {path}: ")


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("session.perception.scores.0.score", 7, "session.perception.scores[0].score: 7 is not 1-5"),
    ("session.participants.2.tier", 5, "session.participants[2].tier: 5 is not 1, 2, 3 or null"),
    ("session.title", " ", "session.title: must not be blank"),
    ("session.title", DELETE, "session.title: missing (required)"),
    ("session.obstacles.0.rating", 9, "session.obstacles[0].rating: 9 is not 0-3 or null"),
    ("session.obstacles.0.votes", -2, "session.obstacles[0].votes: -2 is not a whole number >= 0"),
    ("session.obstacles.0.library", "x",
     'session.obstacles[0].library: "x" is not box1, difficulties or custom'),
    ("session.date", "2009-13-01",
     'session.date: "2009-13-01" is not a date (YYYY-MM-DD) or null'),
    ("session.groups.1.name", "Board members",
     'session.groups[1].name: "Board members" is used twice (the first is session.groups[0].name)'),
    ("session.partnership", None, "session.partnership: null is not a string"),
    ("session.actions.0.due", 2010,
     "session.actions[0].due: 2010 is not a date (YYYY-MM-DD) or null"),
    ("session.obstacles.0.votes", 2**63, f"session.obstacles[0].votes: {2**63} is too large"),
    ("session.title", "a\ud800b",
     "session.title: contains \\ud800, half of a character pair, which cannot be stored"),
])
def test_exact_messages(field: str, value: object, expected: str) -> None:
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(mutated(field, value))
    assert str(caught.value) == expected


def test_the_first_offending_field_is_named() -> None:
    data = mutated("session.actions.0.status", "bad")
    data["session"]["perception"]["scores"][2]["score"] = 9
    with pytest.raises(SessionFileError, match=r"^session\.perception\.scores\[2\]\.score"):
        session_from_dict(data)


def test_the_first_offending_field_is_named_within_a_list() -> None:
    data = mutated("session.obstacles.0.rating", 7)
    data["session"]["obstacles"][2] = "not an object"
    with pytest.raises(SessionFileError, match=r"^session\.obstacles\[0\]\.rating"):
        session_from_dict(data)


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(SessionFileError) as caught:
        session_from_dict(mutated("session.date", "x" * 500))
    assert len(str(caught.value)) < 140
    assert "..." in str(caught.value)


@pytest.mark.parametrize("top", [[], [FULL], "x", 1, None, True])
def test_top_level_not_an_object_is_refused(top: object) -> None:
    with pytest.raises(SessionFileError, match="not a Partnership Workshop session file"):
        session_from_dict(top)


@pytest.mark.parametrize("fmt", ["partnership-workshop", "Partnership-Workshop-Session",
                                 None, 1, ["partnership-workshop-session"], DELETE])
def test_wrong_format_is_refused(fmt: object) -> None:
    with pytest.raises(SessionFileError, match="not a Partnership Workshop session file"):
        session_from_dict(mutated("format", fmt))


@pytest.mark.parametrize("version", [3, 99, 10**30])
def test_newer_version_is_refused(version: int) -> None:
    data = mutated("version", version)
    data["session"] = {"anything": "in a shape this app does not know"}
    with pytest.raises(SessionFileError, match="newer version") as caught:
        session_from_dict(data)
    assert str(caught.value).startswith("made by a newer version of Partnership Workshop")


# --- reading files -----------------------------------------------------------------------


def write_bytes(tmp_path: Path, raw: bytes) -> Path:
    f = tmp_path / "in.json"
    f.write_bytes(raw)
    return f


def test_read_newer_version_file(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, json.dumps(mutated("version", 3)).encode())
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value) == (
        f"{f}: made by a newer version of Partnership Workshop (file version 3, this app "
        "reads versions 1 and 2); update the app to import it")


def test_read_wrong_format_file(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, json.dumps(mutated("format", "other-app")).encode())
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value) == \
        f'{f}: not a Partnership Workshop session file (format is "other-app")'


def test_read_invalid_json(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, b'{\n  "format": "x",\n  "version" 1\n}')
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value).startswith(f"{f}: not valid JSON (line 3, column 13): ")


@pytest.mark.parametrize("raw", [b"", b"{", b"[1,]", b"{'a': 1}", b"\x00"])
def test_read_broken_json(tmp_path: Path, raw: bytes) -> None:
    f = write_bytes(tmp_path, raw)
    with pytest.raises(SessionFileError, match="not valid JSON"):
        read_session_file(f)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_read_nan_and_infinity_refused(tmp_path: Path, constant: str) -> None:
    text = dumps(FULL).replace('"votes": 12', f'"votes": {constant}')
    f = write_bytes(tmp_path, text.encode())
    with pytest.raises(SessionFileError, match=f"{constant} is not a number"):
        read_session_file(f)


def test_read_huge_number_and_deep_nesting(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).replace('"votes": 12', '"votes": ' + "9" * 5000)
                    .encode())
    with pytest.raises(SessionFileError, match="too many digits"):
        read_session_file(f)
    f = write_bytes(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(SessionFileError, match="not valid JSON"):
        read_session_file(f)


def test_read_float_overflow_is_refused_as_a_field(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).replace('"votes": 12', '"votes": 1e400').encode())
    with pytest.raises(SessionFileError, match=r"session\.obstacles\[2\]\.votes"):
        read_session_file(f)


def test_read_not_utf8(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).replace("Carrick", "Carr\xefck").encode("latin-1"))
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value) == f"{f}: not UTF-8 text"


def test_read_utf16_is_not_utf8(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).encode("utf-16"))
    with pytest.raises(SessionFileError, match="not UTF-8 text"):
        read_session_file(f)


def test_read_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).encode("utf-8-sig"))
    assert session_to_dict(read_session_file(f)) == FULL


def test_read_lone_surrogate(tmp_path: Path) -> None:
    text = dumps(FULL).replace('"venue": "Town Hall', '"venue": "\\ud800Town Hall')
    f = write_bytes(tmp_path, text.encode())
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value).startswith(f"{f}: session.venue: ")


def test_read_escaped_surrogate_pair_is_fine(tmp_path: Path) -> None:
    text = dumps(FULL).replace('"venue": "Town Hall', '"venue": "\\ud83d\\ude00Town Hall')
    f = write_bytes(tmp_path, text.encode())
    assert read_session_file(f).venue.startswith("😀Town Hall")


def test_read_top_level_array(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, json.dumps([FULL]).encode())
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value).startswith(f"{f}: not a Partnership Workshop session file")


def test_read_missing_file(tmp_path: Path) -> None:
    f = tmp_path / "nope.json"
    with pytest.raises(SessionFileError) as caught:
        read_session_file(f)
    assert str(caught.value) == f"{f}: cannot read the file: No such file or directory"


def test_read_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="cannot read the file"):
        read_session_file(tmp_path)


def test_read_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_file, "MAX_FILE_BYTES", 1000)
    big = full()
    big["session"]["purpose"] = "x" * 2000
    f = write_bytes(tmp_path, dumps(big).encode())
    with pytest.raises(SessionFileError, match="too large") as caught:
        read_session_file(f)
    assert str(caught.value).startswith(f"{f}: ")


def test_read_accepts_str_path(tmp_path: Path) -> None:
    f = write_bytes(tmp_path, dumps(FULL).encode())
    assert read_session_file(str(f)).title == FULL["session"]["title"]


# --- writing files -----------------------------------------------------------------------


def test_write_overwrites_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old content", encoding="utf-8")
    write_session_file(session_from_dict(full()), out)
    assert json.loads(out.read_text(encoding="utf-8")) == FULL
    assert os.listdir(tmp_path) == ["out.json"]


def test_write_to_a_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "folder.json"
    target.mkdir()
    with pytest.raises(SessionFileError) as caught:
        write_session_file(session_from_dict(full()), target)
    assert str(caught.value).startswith(f"{target}: cannot write")
    assert os.listdir(tmp_path) == ["folder.json"]
    assert os.listdir(target) == []


def test_write_into_a_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    with pytest.raises(SessionFileError) as caught:
        write_session_file(session_from_dict(full()), target)
    assert str(caught.value).startswith(f"{target}: cannot write")
    assert os.listdir(tmp_path) == []


def test_failed_write_leaves_no_temp_file(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.json"
    out.write_text("old content", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SessionFileError) as caught:
        write_session_file(session_from_dict(full()), out)
    assert str(caught.value) == (f"{out}: cannot write: permission denied; "
                                 "choose a folder you can write to")
    assert os.listdir(tmp_path) == ["out.json"]
    assert out.read_text(encoding="utf-8") == "old content"


def test_failed_fsync_leaves_no_temp_file(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(SessionFileError, match="the disk is full"):
        write_session_file(session_from_dict(full()), tmp_path / "out.json")
    assert os.listdir(tmp_path) == []


def test_write_refuses_a_session_that_would_not_import(tmp_path: Path) -> None:
    session = session_from_dict(full())
    session.participants[0].group = "Renamed away"
    out = tmp_path / "out.json"
    with pytest.raises(SessionFileError) as caught:
        write_session_file(session, out)
    assert str(caught.value).startswith(f"{out}: cannot write: session.participants[0].group")
    assert os.listdir(tmp_path) == []


def test_write_refuses_unencodable_text(tmp_path: Path) -> None:
    session = session_from_dict(full())
    session.venue = "bad \udc80"
    with pytest.raises(SessionFileError, match=r"session\.venue"):
        write_session_file(session, tmp_path / "out.json")
    assert os.listdir(tmp_path) == []


def test_written_file_ends_with_newline_and_is_indented(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_session_file(session_from_dict(copy.deepcopy(MINIMAL)), out)
    text = out.read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "partnership-workshop-session",\n  "version": 1,')


# --- fuzzing -------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["now", "needed", "governance", "open", "box1", "#4477aa",
                       "2009-12-04", "Transparency", "Board members", "Carrick Housing"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.sampled_from(
        ["format", "version", "session", "title", "name", "score"]), children, max_size=4),
    max_leaves=12,
)


def all_paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    paths = []
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return paths
    for key, child in items:
        paths.append(prefix + (key,))
        paths.extend(all_paths(child, prefix + (key,)))
    return paths


FULL_PATHS = all_paths(FULL)


def check(data: object) -> None:
    """session_from_dict returns a Session or raises SessionFileError, nothing else."""
    try:
        session = session_from_dict(data)
    except SessionFileError as exc:
        message = str(exc)
        assert message and "\n" not in message
        message.encode("utf-8")
        return
    assert isinstance(session, Session)
    assert isinstance(data, dict)
    assert dumps(session_to_dict(session)) == dumps(normalise(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_fuzz_arbitrary_values(data: object) -> None:
    check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FULL_PATHS), st.sampled_from(["replace", "delete", "add"]),
       json_values)
def test_fuzz_mutations_of_a_valid_file(path: tuple, how: str, value: object) -> None:
    data = full()
    parent: Any = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent["unknown " + str(last)] = value
    else:
        parent.insert(last, value)
    check(data)
