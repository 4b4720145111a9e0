"""Every string of the hostile corpus through every text field of the Set-up page, the
session file round trip (in the store and through the command line), and the session
file reader fuzzed: nothing crashes, every string comes back exactly, and a malformed
file gets exit 2, a message naming it, and changes nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gui.steps import STEPS
from gui.widgets.bound_text import BoundText
from model.demo import demo_session
from model.session import Action, Group, Obstacle, Organisation, Participant, Session
from model.session_file import (
    SessionFileError,
    read_session_file,
    session_to_dict,
    write_session_file,
)
from model.store import Store
from tests.hostile_strings import HOSTILE_STRINGS

ROOT = Path(__file__).resolve().parent.parent


def as_multiline_field_holds(text: str) -> str:
    """A multi-line field (QPlainTextEdit) holds every line break as "\n"."""
    for brk in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(brk, "\n")
    return text


def ids(strings: list[str]) -> list[str]:
    return [f"{i}:{s[:12]!r}" for i, s in enumerate(strings)]


def type_into(qtbot, field, text: str) -> None:
    """Put `text` in a field as a facilitator's paste does, then leave the field."""
    field.setFocus()
    if isinstance(field, QLineEdit):
        field.setText(text)
        field.textEdited.emit(text)  # what typing or pasting emits
    else:
        field.setPlainText(text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field saves it


@pytest.fixture
def setup_page(qtbot, window, store: Store):
    session_id = store.add_session(Session(
        title="Hostile input", organisations=[Organisation("Council")],
        groups=[Group("Board members")],
        participants=[Participant("Ann", organisation="Council", group="Board members")]))
    window.open_session(session_id, step=1)
    return window.current_view().page(1)


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=ids(HOSTILE_STRINGS))
def test_every_text_field_of_every_step_keeps_every_string_exactly(
        qtbot, window, store: Store, text: str) -> None:
    """Every field bound to stored text, on every step (Set-up's details, an obstacle's
    wording, notes and action, the typology rationale...), with the first item selected."""
    session = demo_session()
    # An obstacle of the partnership's own first: a Box 1 obstacle's wording is the source's.
    session.obstacles.insert(0, Obstacle("Our own obstacle", library="custom"))
    session_id = store.add_session(session)
    window.open_session(session_id, step=1)
    view = window.current_view()
    tried = []
    for step in STEPS:
        view.show_step(step.number)
        for bound in view.page(step.number).findChildren(BoundText):
            name = bound.widget.accessibleName()
            if "date" in name.lower() or bound.widget.property("takes"):
                # A date field takes dates only (tested with the set-up edits), a number
                # field numbers (tested with its exercise).
                continue
            before = bound.read(store.load(session_id)) or ""
            type_into(qtbot, bound.widget, text)
            stored = bound.read(store.load(session_id)) or ""
            shown = bound.text()
            typed = text if isinstance(bound.widget, QLineEdit) \
                else as_multiline_field_holds(text)
            if not text.strip() and stored == before:
                if bound.widget.styleSheet():  # a blank title or wording: refused, and
                    assert shown == typed, name  # kept on screen, outlined, to put right
                else:  # a blank action is no action: what is stored is shown
                    assert shown == stored, name
            else:
                assert (stored, shown) == (typed, typed), name
            tried.append(name)
    assert {"Title", "Partnership", "Facilitator", "Venue", "Purpose"} <= set(tried)
    # What is shown after reopening the session is what was typed.
    window.show_home()
    window.close_document(session_id)
    window.open_session(session_id, step=1)
    fresh = window.current_view().page(1)
    assert fresh.fields["partnership"].text() == text
    assert fresh.fields["purpose"].toPlainText() == as_multiline_field_holds(text)


def test_leaving_a_multiline_field_does_not_rewrite_its_line_breaks(qtbot, window,
                                                                     store: Store) -> None:
    text = "line one\r\nline two\u2028three\rfour"  # as an imported file may hold it
    session_id = store.add_session(Session(title="Imported", purpose=text))
    window.open_session(session_id, step=1)
    purpose = window.current_view().page(1).fields["purpose"]
    purpose.setFocus()
    qtbot.keyClick(purpose, Qt.Key.Key_Tab)
    window.show_home()  # flushes every field
    assert store.load(session_id).purpose == text


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=ids(HOSTILE_STRINGS))
def test_every_setup_list_keeps_every_string_exactly(qtbot, store: Store, setup_page,
                                                     text: str) -> None:
    sid = setup_page.document.session_id
    editors = {"organisations": setup_page.organisations, "groups": setup_page.groups,
               "participants": setup_page.participants}
    for name, editor in editors.items():
        model = editor.model
        accepted = model.setData(model.index(0, 0), text, Qt.ItemDataRole.EditRole)
        session = store.load(sid)
        stored = getattr(session, name)[0].name
        if name != "participants" and not text.strip():
            assert not accepted and stored != text  # a blank name is refused
            continue
        assert accepted and stored == text, name
        if text:  # an unnamed participant is shown as "(Participant 1)"
            assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == text
        assert model.data(model.index(0, 0), Qt.ItemDataRole.EditRole) == text
    if text.strip():  # the participant still points at the renamed body and group
        participant = store.load(sid).participants[0]
        assert (participant.organisation, participant.group) == (text, text)


def every_string_session(texts: list[str]) -> Session:
    """A session with the corpus in every kind of text field at once."""
    session = demo_session()
    session.title = "Every hostile string"
    names = [t for t in texts if t.strip()]
    session.organisations = [Organisation(t) for t in names]
    session.groups = [Group(t) for t in names]
    session.participants = [Participant(t, organisation=names[i % len(names)],
                                        group=names[-1 - i % len(names)])
                            for i, t in enumerate(texts)]
    for i, obstacle in enumerate(session.obstacles):
        obstacle.notes = texts[i % len(texts)]
        obstacle.action = texts[-1 - i % len(texts)]
    session.perception.scores = []
    session.typology.placements = []
    session.purpose = "".join(texts)
    session.venue, session.facilitator = texts[0], texts[-1]
    _every_string_in_the_parts(session, names, texts)
    return session


def _every_string_in_the_parts(session: Session, names: list[str], texts: list[str]) -> None:
    """The demo's Box 2, sharing, value and layers, keyed to the new partner bodies (each
    takes the demo's row at its position, round) and with the corpus in their texts."""
    def text(i: int) -> str:
        return texts[i % len(texts)]

    for i, item in enumerate(session.accountability):
        item.owner = text(i)
    shared = session.parts["sharing"]
    session.parts["sharing"] = [
        dataclasses.replace(shared[i % len(shared)], organisation=name, why_not=text(i),
                            would_change=text(-1 - i))
        for i, name in enumerate(names)]
    value = session.parts["value"]
    inputs = value.inputs
    value.inputs = [dataclasses.replace(inputs[i % len(inputs)], organisation=name,
                                        other=text(i))
                    for i, name in enumerate(names)]
    value.outputs, value.outcomes, value.why, value.complaints_to = (
        text(0), text(1), text(2), text(-1))
    layers = session.parts["layers"]
    for i, layer in enumerate(layers.layers):
        layer.body, layer.note = text(i), text(-1 - i)
    seats = layers.seats
    layers.seats = [dataclasses.replace(seats[i % len(seats)], organisation=name)
                    for i, name in enumerate(names)]


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=ids(HOSTILE_STRINGS))
def test_session_file_round_trip_through_the_store_is_exact(store: Store, tmp_path: Path,
                                                            text: str) -> None:
    session = every_string_session([text, "plain"])
    session.partnership = session.key_questions.in_charge = text
    session.typology.agreed.rationale = text
    first_id = store.add_session(session)
    first = tmp_path / "first.json"
    write_session_file(store.load(first_id), first)
    second_id = store.add_session(read_session_file(first))
    second = tmp_path / "second.json"
    write_session_file(store.load(second_id), second)
    assert second.read_bytes() == first.read_bytes()
    loaded = store.load(second_id)
    assert loaded.partnership == text and loaded.typology.agreed.rationale == text
    assert [o.name for o in loaded.organisations] == [o.name for o in session.organisations]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_cli_import_export_round_trip_keeps_every_string(tmp_path: Path) -> None:
    db = tmp_path / "workshop.sqlite3"
    first = tmp_path / "first.json"
    write_session_file(every_string_session(HOSTILE_STRINGS), first)
    imported = cli("import", str(first), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    session_id = imported.stdout.strip()
    second = tmp_path / "second.json"
    exported = cli("export", session_id, "--json", str(second), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert second.read_bytes() == first.read_bytes()
    listed = cli("list", "--db", str(db))
    assert listed.stdout == f"{session_id}\t{demo_session().date}\tEvery hostile string\n"


# --- the session file reader, fuzzed -------------------------------------------------------

VALID = json.dumps(session_to_dict(every_string_session(HOSTILE_STRINGS[:12])),
                   ensure_ascii=False, indent=2).encode("utf-8")


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    """A valid session file damaged the ways files get damaged."""
    data = bytearray(VALID)
    how = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "garbage",
                                "splice"]))
    at = draw(st.integers(0, len(data) - 1))
    if how == "truncate":
        return bytes(data[:at])
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if how == "insert":
        return bytes(data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:])
    if how == "delete":
        return bytes(data[:at] + data[at + draw(st.integers(1, 200)):])
    if how == "garbage":
        return draw(st.binary(max_size=300))
    text = json.loads(VALID)  # a well-formed file whose content breaks a rule
    field = draw(st.sampled_from(["version", "format", "session"]))
    text[field] = draw(st.none() | st.integers() | st.text(max_size=5) | st.just([]))
    return json.dumps(text).encode()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    store = Store.open(folder / "workshop.sqlite3")
    store.add_session(demo_session())
    store.close()
    return folder / "workshop.sqlite3"


def import_in_process(path: Path, db: Path, capsys: pytest.CaptureFixture[str]
                      ) -> tuple[int, str, str]:
    from main import main

    status = main(["import", str(path), "--db", str(db)])
    out, err = capsys.readouterr()
    return status, out, err


def malformed(content: bytes) -> bool:
    path = Path(tempfile.mkdtemp()) / "probe.json"
    path.write_bytes(content)
    try:
        read_session_file(path)
    except SessionFileError:
        return True
    finally:
        shutil.rmtree(path.parent)
    return False


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(damaged_files().filter(malformed))
def test_fuzzed_import_through_the_command_line(fuzz_db: Path, tmp_path: Path,
                                                content: bytes) -> None:
    path = tmp_path / "damaged file.json"
    path.write_bytes(content)
    before = folder_state(fuzz_db.parent)
    result = cli("import", str(path), "--db", str(fuzz_db))
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: ") and "Traceback" not in result.stderr
    assert folder_state(fuzz_db.parent) == before  # not a byte of the database changed


# --- the PDF summary ---------------------------------------------------------------------

RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufefc]+")
PDF_TITLE = "Hostile-strings-summary"


def drawable(text: str) -> str:
    """What of `text` the PDF can show and give back when its text is extracted.

    Dropped: control characters (report.pdf drops them: reportlab cannot draw them),
    invisible format characters (Unicode category Cf: joiners, direction marks, soft
    hyphens), characters outside DejaVu Sans, and characters beyond U+FFFF: reportlab
    writes their ToUnicode entries as odd-length hex, so no reader can extract them
    (an emoji DejaVu has is drawn, but cannot be copied back out). Whitespace is
    dropped too: extraction re-wraps lines.
    """
    from report.blocks import FONT, register_fonts
    from report.scripts import font_for

    register_fonts()
    # Devanagari is shaped (HarfBuzz): its joined glyphs extract as private-use codes.
    drawn = "".join(c for c in text if font_for(c, FONT) is not None
                    and not "\u0900" <= c <= "\u097f"
                    and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))
    # Arabic is drawn in its joined forms, which extract as such: compared as letters.
    return unicodedata.normalize("NFKC", drawn)


def pdf_text(path: Path) -> str:
    """The PDF's text, squeezed, without the page furniture between split parts."""
    from pypdf import PdfReader

    pages = "".join(page.extract_text() for page in PdfReader(path).pages)
    squeezed = "".join(c for c in pages if not c.isspace()
                       and unicodedata.category(c) not in ("Cc", "Cf"))
    squeezed = unicodedata.normalize("NFKC", squeezed)
    return re.sub(r"Page\d+of\d+", "", squeezed).replace(PDF_TITLE, "")


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=ids(HOSTILE_STRINGS))
def test_every_string_appears_in_the_pdf_as_typed(tmp_path: Path, text: str) -> None:
    from report.pdf import write_pdf

    name = text if text.strip() else "x" + text
    session = Session(
        title=PDF_TITLE, partnership=text, purpose=text,
        organisations=[Organisation(name)], groups=[Group(name)],
        obstacles=[Obstacle("Rated", rating=2, notes=text, action=text)],
        actions=[Action(text)])
    path = tmp_path / "summary.pdf"
    write_pdf(session, path)
    content = pdf_text(path)
    shown = drawable(text)
    # Right-to-left text is drawn right to left; extraction gives it in drawing order.
    mirrored = RTL_RUN.sub(lambda m: m.group()[::-1], shown)
    found = max(content.count(shown), content.count(mirrored))
    assert found >= (1 if len(text) > 500 else 3), (shown[:80], content[:400])
