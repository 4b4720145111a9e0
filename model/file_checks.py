"""The checks a session file's fields pass when it is read: each returns the field's
value or raises SessionFileError naming the field by its JSON path ("session.sharing[2].risk:
"yes" is not true or false"). Used by `model.session_file` and by each exercise's part of
the file (`model.exercises.part`), so every part of a file is refused in the same words.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Any, NoReturn

from model.errors import WorkshopError

DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
MISSING: Any = object()  # a field's default when it is required


class SessionFileError(WorkshopError):
    """A session file cannot be read or written; the message is one line for the user."""


# --- reading: checks ---------------------------------------------------------------


def show(value: object) -> str:
    """A short, readable, one-line rendering of a JSON value for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = "this value"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 60 else text[:57] + "..."


def choices(values: tuple[object, ...], nullable: bool = False) -> str:
    names = [str(v) for v in values] + (["null"] if nullable else [])
    return ", ".join(names[:-1]) + " or " + names[-1]


def fail(path: str, message: str) -> NoReturn:
    raise SessionFileError(f"{path}: {message}")


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def obj(value: object, path: str) -> dict:
    if not isinstance(value, dict):
        fail(path, f"{show(value)} is not an object")
    return value


def member(parent: dict, key: str, path: str, default: Any = MISSING) -> Any:
    """parent[key], or `default` when missing (a missing required field is refused)."""
    if key in parent:
        return parent[key]
    if default is MISSING:
        fail(f"{path}.{key}", "missing (required)")
    return default


def sub_object(parent: dict, key: str, path: str) -> dict:
    return obj(member(parent, key, path, {}), f"{path}.{key}")


def text(value: object, path: str) -> str:
    if not isinstance(value, str):
        fail(path, f"{show(value)} is not a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start:exc.end].encode("utf-8", "backslashreplace").decode("utf-8")
        fail(path, f"contains {bad}, half of a character pair, which cannot be stored")
    return value


def string(parent: dict, key: str, path: str, default: Any = "",
            nullable: bool = False, blank: bool = True) -> Any:
    value = member(parent, key, path, default)
    where = f"{path}.{key}"
    if value is None and nullable:
        return None
    value = text(value, where)
    if not blank and not value.strip():
        fail(where, "must not be blank")
    return value


def choice(parent: dict, key: str, path: str, values: tuple[str, ...],
            default: Any = MISSING, nullable: bool = False) -> Any:
    value = member(parent, key, path, default)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in values:
        fail(f"{path}.{key}", f"{show(value)} is not {choices(values, nullable)}")
    return value


def number(parent: dict, key: str, path: str, values: tuple[int, ...], described: str,
            default: Any = MISSING, nullable: bool = False) -> Any:
    value = member(parent, key, path, default)
    if value is None and nullable:
        return None
    if not is_int(value) or value not in values:
        fail(f"{path}.{key}", f"{show(value)} is not {described}")
    return value


def date(parent: dict, key: str, path: str) -> str | None:
    value = member(parent, key, path, None)
    if value is None:
        return None
    where = f"{path}.{key}"
    try:
        if not isinstance(value, str) or not DATE.fullmatch(value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        fail(where, f"{show(value)} is not a date (YYYY-MM-DD) or null")
    return text(value, where)


def unique(seen: dict[Any, str], key: Any, path: str, message: str) -> None:
    """Refuse a second `key` with `message`, followed by where the first one is."""
    if key in seen:
        fail(path, f"{message} (the first is {seen[key]})")
    seen[key] = path


def items(parent: dict, key: str, path: str, cap: int) -> Iterator[tuple[str, dict]]:
    """The objects of list `key` (missing means empty), each with its path, in order;
    more than `cap` of them is refused."""
    value = member(parent, key, path, [])
    where = f"{path}.{key}"
    if not isinstance(value, list):
        fail(where, f"{show(value)} is not a list")
    if len(value) > cap:
        fail(where, f"{len(value):,} items, more than the {cap:,} a session file may hold")
    for i, item in enumerate(value):
        yield f"{where}[{i}]", obj(item, f"{where}[{i}]")


def flag(parent: dict, key: str, path: str) -> bool:
    """A true/false field (missing means false)."""
    value = member(parent, key, path, False)
    if not isinstance(value, bool):
        fail(f"{path}.{key}", f"{show(value)} is not true or false")
    return value


def partner_body_items(parent: dict, key: str, path: str, cap: int,
                       organisations: list[str]) -> list[tuple[str, dict, str]]:
    """The objects of list `key` that each belong to a partner body: their `organisation`
    (required) names one of `organisations`, each at most once. As (path, object, name),
    in the partner bodies' order whatever the file's."""
    seen: dict[Any, str] = {}
    found: dict[str, tuple[str, dict]] = {}
    for where, item in items(parent, key, path, cap):
        name = string(item, "organisation", where, default=MISSING, blank=False)
        if name not in organisations:
            fail(f"{where}.organisation", f"{show(name)} is not the name of an organisation "
                                          "in session.organisations")
        unique(seen, name, f"{where}.organisation", f"{show(name)} is listed twice")
        found[name] = (where, item)
    return [(*found[name], name) for name in organisations if name in found]
