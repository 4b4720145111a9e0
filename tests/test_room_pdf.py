"""The PDF of a session the room answered: how many answered each exercise, the room's
results (the grid's marked scores, obstacle ratings, typology counts), and never who
answered what."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from model.demo import demo_session
from model.document import SessionDocument
from model.exercises.perception import set_score
from model.room import answers
from model.store import Store
from report.blocks import ROOM_MARK
from report.pdf import write_pdf


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(path).pages)


def answered_session(store: Store) -> SessionDocument:
    document = SessionDocument(store, store.add_session(demo_session()))
    session = document.session
    board = next(g for g in session.groups if g.name == "Board members")
    row = session.perception.rows[0]
    obstacle = session.visible_obstacles()[0]
    document.commit(lambda e: set_score(e, row.id, board.id, None))  # the room's shows
    chair = session.participants[0]  # named: their name must never be tied to answers
    for index, score in enumerate((2, 4, 5)):
        if index == 0:
            joined = document.commit(lambda e: answers.join(e, participant_id=chair.id))
        else:
            joined = document.commit(lambda e: answers.join(e, group_id=board.id))
        who = answers.respondent_id(joined)
        for exercise, item, value in (
                ("perception", str(row.id), str(score)),
                ("obstacles", f"rating:{obstacle.id}", str(index + 1)),
                ("obstacles", f"votes:{obstacle.id}", "2"),
                ("typology", "now", "co-ordination/strategic")):
            document.commit(lambda e, x=exercise, i=item, v=value, w=who:
                            answers.answer(e, w, x, i, v))
    return document


def test_the_pdf_says_how_many_answered_and_shows_the_rooms_results(
        store: Store, tmp_path: Path) -> None:
    document = answered_session(store)
    out = tmp_path / "room.pdf"
    write_pdf(store.load(document.session_id), out)
    words = pdf_text(out)
    assert words.count("The room: 3 of 9 have answered") == 3  # each exercise
    assert f"Board members {ROOM_MARK}" in words  # the grid: the room's median, marked
    assert "significant (median of 3 answers); 6 dot votes" in words
    assert "6 dot votes" in words
    assert "The room (3 answers), now: 3 in Co-ordination × strategic" in words
    assert "No one's own answers are shown" in words


def test_a_session_the_room_never_answered_says_nothing_of_it(store: Store,
                                                              tmp_path: Path) -> None:
    session_id = store.add_session(demo_session())
    out = tmp_path / "plain.pdf"
    write_pdf(store.load(session_id), out)
    words = pdf_text(out)
    assert "The room:" not in words and ROOM_MARK not in words
