"""Comparing two reviews of one partnership: the model on a pair built from the demo,
and the Compare step (Ctrl+6) driven by keys."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from model.compare import EXACT, LOOSE, compare, match_names, sections
from model.demo import demo_session
from model.reviews import rerun
from model.session import Cell, Session
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier


def next_year(first: Session) -> Session:
    """The demo a year on: ratings changed, "Board members" retyped in other case and
    spacing, "Media" renamed "Press", the chief executive gone, a newcomer, an action done,
    scores moved."""
    later = copy.deepcopy(first)
    later.title, later.date = "Carrick Housing: review 2010", "2010-12-03"
    later.obstacles[0].rating = 0  # significant -> not an issue
    later.obstacles[5].rating = 3  # not an issue -> critical
    later.obstacles[5].votes = 4
    renames = {"Board members": "board  MEMBERS", "Media": "Press"}
    for group in later.groups:
        group.name = renames.get(group.name, group.name)
    for item in later.participants + later.perception.scores:
        item.group = renames.get(item.group, item.group)
    later.participants = [p for p in later.participants if p.name != "Chief executive"]
    later.participants.append(type(later.participants[0])("New tenant rep", "", "", 3, True))
    later.typology.placements = [p for p in later.typology.placements
                                 if p.by != "Chief executive"]
    later.actions[0].status = "done"
    later.typology.agreed.now = Cell("co-ordination", "delivery")
    for score in later.perception.scores:
        if score.group == "board  MEMBERS":
            score.score = 5
    return later


@pytest.fixture
def pair() -> tuple[Session, Session]:
    first = demo_session()
    return first, next_year(first)


def test_names_match_exactly_then_ignoring_case_and_spacing():
    found = match_names(["Board members", "Media", "Residents", ""],
                        ["Residents", "board  MEMBERS", "Press", ""])
    assert [(m.before, m.after, m.how) for m in found.matched] == [
        ("Board members", "board  MEMBERS", LOOSE), ("Residents", "Residents", EXACT)]
    assert found.only_before == ["Media"] and found.only_after == ["Press"]


def test_the_comparison_of_the_demo_and_its_next_year(pair):
    first, later = pair
    found = compare(first, later)
    assert [m.after for m in found.groups.loose] == ["board  MEMBERS"]
    assert found.groups.only_before == ["Media"] and found.groups.only_after == ["Press"]
    assert found.participants.only_before == ["Chief executive"]
    assert found.participants.only_after == ["New tenant rep"]
    rose, fell = found.obstacles.where("rose"), found.obstacles.where("fell")
    assert [(c.rating_before, c.rating_after, c.votes_after) for c in rose] == [(0, 3, 4)]
    assert [c.text for c in fell] == [first.obstacles[0].text]
    assert found.obstacles.votes_after == found.obstacles.votes_before + 4
    assert [a.text for a in found.actions.done] == [first.actions[0].text]
    assert len(found.actions.still_open) == len(first.actions) - 1
    now = found.typology[0]
    assert now.agreed_before == Cell("co-operation", "delivery")
    assert now.agreed_after == Cell("co-ordination", "delivery")
    board = next(g for g in found.perception.by_group if g.group == "board  MEMBERS")
    assert board.before_name == "Board members" and board.mean_after == 5.0
    assert board.mean_before < 5.0
    assert found.perception.movers and all(m.group == "board  MEMBERS"
                                           for m in found.perception.movers)
    assert "Press" not in {g.group for g in found.perception.by_group}  # unmatched: listed
    text = "\n".join(s for _, sentences in sections(found) for s in sentences)
    assert "Group “Board members” then is “board  MEMBERS” now" in text
    assert "Groups no longer there: “Media”." in text and "New groups: “Press”." in text
    assert "Were there last time, not this time: “Chief executive”." in text
    assert "Came this time: “New tenant rep”." in text
    assert "Rated higher: “competing ideologies between partners”, not an issue → critical" \
        in text
    assert f"Done: “{first.actions[0].text}”" in text
    assert "Now, agreed cell: Co-operation × Service delivery → Co-ordination × Service " \
           "delivery." in text


def test_gaps_that_close_and_open(pair):
    first, later = pair
    found = compare(first, later)
    before_gaps = {g.row for g in found.perception.gaps_closed + found.perception.gaps_still}
    after_gaps = {g.row for g in found.perception.gaps_opened + found.perception.gaps_still}
    from model.exercises.perception import flagged_rows
    assert before_gaps == {s.row.label for s in flagged_rows(first)}
    assert after_gaps == {s.row.label for s in flagged_rows(later)}
    assert found.perception.gaps_closed or found.perception.gaps_opened


@pytest.fixture
def linked(store):
    first = store.add_session(demo_session())
    copy_id = rerun(store, first)
    later = next_year(store.load(first))
    later.review_of, later.uid = store.load(first).uid, None
    store.delete_session(copy_id)
    return first, store.add_session(later)


def test_the_compare_step_by_keys(qtbot, window, store, linked):
    first, later = linked
    window.open_session(later, step=1)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    page = window.current_view().page(6)
    assert QApplication.focusWidget() is page.earlier
    assert (page.earlier.currentData(), page.later.currentData()) == (first, later)
    shown = page.report.toPlainText()
    assert "Were there last time, not this time: “Chief executive”." in shown
    assert "Rated higher: “competing ideologies between partners”" in shown
    # Up picks the other review: the same one twice is refused, in words.
    qtbot.keyClick(page.earlier, Qt.Key.Key_Up)
    assert page.earlier.currentData() == later
    assert "Pick two different reviews" in page.report.toPlainText()
    # Alt+L goes to the later picker; Down swaps it to the earlier review.
    qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.later
    qtbot.keyClick(page.later, Qt.Key.Key_Down)
    assert page.later.currentData() == first
    assert "From Carrick Housing: review 2010" in page.report.toPlainText()
    # An edit of the open session shows when the step is shown again (the pair kept:
    # from this session, now rating its first obstacle critical, to the first review).
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert store.load(later).visible_obstacles()[0].rating == 3
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    assert (page.earlier.currentData(), page.later.currentData()) == (later, first)
    assert "Rated lower: “lack of a shared vision of and for the community”, critical → " \
           "significant" in page.report.toPlainText()


def test_a_session_with_no_other_review_says_how_to_link_one(qtbot, window, store):
    window.open_session(store.add_session(new_session("Alone")), step=6)
    page = window.current_view().page(6)
    assert "Duplicate for a re-run" in page.report.toPlainText()
    assert not page.earlier.isEnabled()


# --- the PDF ------------------------------------------------------------------------------


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_pdf_says_what_moved_since_the_last_review(tmp_path, pair):
    from pypdf import PdfReader

    from report.pdf import write_pdf

    first, later = pair
    write_pdf(later, tmp_path / "since.pdf", previous=first)
    outline = [entry.title for entry in PdfReader(tmp_path / "since.pdf").outline]
    assert outline[-2:] == ["Since the last review", "Appendix: frameworks used"]
    shown = pdf_text(tmp_path / "since.pdf")
    assert "Compared with the earlier review Carrick Housing: governance test (2009-12-04)" \
        in shown
    for words in ("Group “Board members” then is “board MEMBERS” now",
                  "Groups no longer there: “Media”.", "New groups: “Press”.",
                  "Were there last time, not this time: “Chief executive”.",
                  "Rated higher: “competing ideologies between partners”, not an issue → "
                  "critical", f"Done: “{first.actions[0].text}”"):
        assert words in shown, words
    write_pdf(later, tmp_path / "alone.pdf")  # no earlier review: no such section
    assert "Since the last review" not in pdf_text(tmp_path / "alone.pdf")


def test_exporting_the_pdf_from_the_command_line_loads_the_earlier_review(tmp_path, store,
                                                                         linked):
    import subprocess
    import sys
    from pathlib import Path

    _first, later = linked
    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "later.pdf"
    store.close()
    result = subprocess.run([sys.executable, str(root / "main.py"), "--db",
                             str(store.path), "export", later, "--pdf", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Since the last review" in pdf_text(out)
    assert "Were there last time, not this time: “Chief executive”." in pdf_text(out)


def test_box_2_and_sharing_say_what_moved_when_either_review_ran_them(pair):
    from model.exercises import accountability
    from model.exercises.sharing import Sharing

    first, later = pair
    assert "Box 2 accountability" not in dict(sections(compare(first, later)))
    first.steps = [*first.steps, "accountability", "sharing"]
    first.accountability = accountability.fresh_items()
    first.accountability[0].rating = "absent"
    first.accountability[1].rating = "partly"
    later.accountability = copy.deepcopy(first.accountability)
    later.accountability[0].rating = "in-place"
    council = first.organisations[0].name
    first.parts["sharing"] = [Sharing(council, services=True)]
    later.parts["sharing"] = [Sharing(council, risk=True, knowledge=True)]

    found = dict(sections(compare(first, later)))
    box2 = found["Box 2 accountability"]
    assert box2[0] == f"“{first.accountability[0].text}”: absent → in place."
    assert box2[1] == f"Still a gap (partly): “{first.accountability[1].text}”."
    assert found["Sharing acid test"] == [
        f"“{council}” shares knowledge and risk now, not then; no longer shares services."]


def test_a_re_run_with_nothing_entered_yet_is_not_said_to_have_changed(pair):
    """A re-run starts with Box 2 unrated and no sharing marks: Compare counts what is
    not rated this time and says nothing moved, never "in place → not rated" or "no
    longer shares"."""
    from model.exercises import accountability
    from model.exercises.sharing import Sharing
    from model.starting_points import copy_for_rerun

    first, _ = pair
    first.steps = [*first.steps, "accountability", "sharing"]
    first.accountability = accountability.fresh_items()
    first.accountability[0].rating = "in-place"
    first.parts["sharing"] = [Sharing(first.organisations[0].name, services=True)]
    found = dict(sections(compare(first, copy_for_rerun(first))))
    assert found["Box 2 accountability"] == ["Rated last time, not rated this time: 1 item."]
    assert found["Sharing acid test"] == ["Nothing changed."]


def test_a_sentence_that_begins_with_a_right_to_left_name_stays_left_to_right(pair):
    """“مجلس المدينة” shares risk now…: an invisible left-to-right mark in front, so the
    window and the PDF do not set the English sentence backwards."""
    from model.exercises.sharing import Sharing
    from model.text import LEFT_TO_RIGHT_MARK

    first, later = pair
    name = "مجلس المدينة"
    for review in (first, later):
        review.organisations[0].name = name
        review.steps = [*review.steps, "sharing"]
    first.parts["sharing"] = [Sharing(name)]
    later.parts["sharing"] = [Sharing(name, risk=True)]
    [said] = dict(sections(compare(first, later)))["Sharing acid test"]
    assert said == f"{LEFT_TO_RIGHT_MARK}“{name}” shares risk now, not then."
    assert all(not s.startswith(LEFT_TO_RIGHT_MARK)
               for _, sentences in sections(compare(*pair)) for s in sentences
               if name not in s)
