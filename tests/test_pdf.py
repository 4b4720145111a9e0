"""The PDF summary: every section, every typed string exactly as typed, atomic writes,
and the CLI's `--pdf` outputs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from model.demo import demo_session
from model.errors import WorkshopError
from model.session import (
    Action,
    AgreedPlacement,
    Cell,
    Group,
    KeyQuestions,
    Obstacle,
    Organisation,
    Participant,
    Perception,
    PerceptionRow,
    Placement,
    Score,
    Session,
    Typology,
)
from report.blocks import text
from report.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
HEADINGS = ["Attendance and representation", "Key questions", "Obstacles ranked by priority",
            "Typology", "Perception grid", "Actions", "Appendix: frameworks used"]

MARKUP = "<b>bold?</b> & <img src=\"x\"> <font color=red>red</font>"
WELSH = "Cyngor Sir Ynys Môn: ŵ ŷ Ŵ Ŷ"
POLISH = "Łódź źródło ł ź"
CYRILLIC = "Общественный совет"
GREEK = "Ομάδα πολιτών"
# A long note with words and one very long unbroken run, to be wrapped, never cut.
LONG_NOTE = (" ".join(f"note{i:04d}" for i in range(290)) + " " + "x" * 400)[:2983] \
    + " end of the note."
assert len(LONG_NOTE) == 3000


def extracted(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squeezed(value: str) -> str:
    """Text with all whitespace removed: extraction re-wraps lines."""
    return "".join(value.split())


def joined(content: str, header: str, table_header: str) -> str:
    """Squeezed text with what comes between the parts of a split table row taken out:
    the page furniture (header, "Page N of M") and the table's repeated header row."""
    body = re.sub(r"Page\d+of\d+", "", squeezed(content))
    return body.replace(squeezed(header), "").replace(squeezed(table_header), "")


def typed_session() -> Session:
    groups = [Group(CYRILLIC, "#4477aa"), Group(GREEK, "#ccbb44"), Group(MARKUP, None)]
    rows = [PerceptionRow("quality-of-life", f"Housing {WELSH}"),
            PerceptionRow("governance", f"Transparency {POLISH}")]
    return Session(
        title=f"Review {MARKUP}",
        partnership=f"Partneriaeth {WELSH}",
        date="2026-03-01",
        facilitator=f"Hwylusydd {POLISH}",
        venue=f"Neuadd {GREEK}",
        purpose=f"Line one {CYRILLIC}\nLine two & <more>",
        organisations=[Organisation(WELSH), Organisation(POLISH), Organisation("Absent body")],
        groups=groups,
        participants=[Participant(CYRILLIC, WELSH, CYRILLIC, 1, True),
                      Participant("", POLISH, GREEK, 3, True),
                      Participant(GREEK, "Absent body", "", 1, False),
                      Participant("No body", "", "", None, True)],
        key_questions=KeyQuestions(in_charge=f"The board {MARKUP}",
                                   added_value=f"Added {GREEK}\n{POLISH}"),
        obstacles=[
            Obstacle(f"Our own obstacle {MARKUP}", rating=3, votes=2, notes=LONG_NOTE),
            Obstacle(f"Second {WELSH}", factor="governance", rating=1, notes=f"Short {GREEK}",
                     action=f"Act {POLISH}"),
            Obstacle(f"Never rated {CYRILLIC}"),
            Obstacle("Hidden one", hidden=True, rating=3),
        ],
        typology=Typology(
            placements=[Placement(CYRILLIC, "now", "co-operation", "strategic"),
                        Placement("Participant 2", "now", "co-operation", "strategic"),
                        Placement(CYRILLIC, "needed", "integration", "delivery")],
            agreed=AgreedPlacement(Cell("co-operation", "strategic"),
                                   Cell("integration", "delivery"), f"Because {MARKUP}")),
        perception=Perception(rows=rows, scores=[
            Score(rows[0].label, CYRILLIC, 1), Score(rows[0].label, GREEK, 5),
            Score(rows[1].label, MARKUP, 3)]),
        actions=[Action(f"Act {POLISH}", f"Owner {GREEK}", "2026-04-01"),
                 Action(f"Other {MARKUP}", CYRILLIC, None, "done")],
    )


@pytest.fixture(scope="module")
def typed_pdf(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pdf") / "typed.pdf"
    write_pdf(typed_session(), path)
    return extracted(path)


def test_every_section_heading_is_there_in_order(typed_pdf: str) -> None:
    after_cover = typed_pdf[typed_pdf.index("Page 1 of"):]  # the cover lists them too
    positions = [after_cover.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), dict(zip(HEADINGS, positions, strict=True))
    assert positions == sorted(positions)
    for label in ("Partnership", "Date", "Venue", "Facilitator", "Purpose"):
        assert label in typed_pdf


@pytest.mark.parametrize("typed", [
    f"Review {MARKUP}", f"Partneriaeth {WELSH}", f"Hwylusydd {POLISH}", f"Neuadd {GREEK}",
    f"Line one {CYRILLIC}", "Line two & <more>", WELSH, POLISH, CYRILLIC, GREEK, MARKUP,
    f"The board {MARKUP}", f"Added {GREEK}", f"Our own obstacle {MARKUP}", f"Second {WELSH}",
    f"Short {GREEK}", f"Act {POLISH}", f"Never rated {CYRILLIC}", f"Because {MARKUP}",
    f"Housing {WELSH}", f"Transparency {POLISH}", f"Owner {GREEK}", f"Other {MARKUP}",
    "Participant 2",
])
def test_typed_strings_appear_exactly(typed_pdf: str, typed: str) -> None:
    assert squeezed(typed) in squeezed(typed_pdf)


def test_long_note_appears_whole(typed_pdf: str) -> None:
    # Where the note's row splits across pages, the page furniture, the repeated table
    # header and the row's number (obstacle 1, repeated to say whose the rest is) come
    # between its two parts: take them out, then it must be whole.
    body = joined(typed_pdf, f"Review {MARKUP} · 1 March 2026",
                  "# Obstacle Factor Rating Votes Notes Action 1")
    assert squeezed(LONG_NOTE) in body


def test_hidden_obstacles_left_out_and_unrated_listed_as_such(typed_pdf: str) -> None:
    assert "Hidden one" not in typed_pdf
    assert "not rated" in typed_pdf
    assert "critical" in typed_pdf and "minor" in typed_pdf


def test_representation_findings(typed_pdf: str) -> None:
    assert "No one was present from “Absent body”" in typed_pdf
    assert squeezed(f"leader: “{POLISH}”") in squeezed(typed_pdf)
    assert "“No body”" in typed_pdf


def test_perception_gap_is_listed(typed_pdf: str) -> None:
    assert "gap of 4 points" in typed_pdf


def test_actions_show_the_obstacle_they_came_from(typed_pdf: str) -> None:
    squeezed_text = squeezed(typed_pdf)
    assert squeezed(f"Act {POLISH}") in squeezed_text
    assert "From obstacle" in typed_pdf


def test_page_numbers_and_header_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "demo.pdf"
    write_pdf(demo_session(), path)
    reader = PdfReader(path)
    assert [entry.title for entry in reader.outline] == HEADINGS  # bookmarks to sections
    assert reader.metadata.title == "Carrick Housing: governance test"
    pages = reader.pages
    for number, page in enumerate(pages, start=1):
        content = page.extract_text()
        assert f"Page {number} of {len(pages)}" in content
        assert "Carrick Housing: governance test · 4 December 2009" in content


def test_demo_perception_grid_is_on_a_landscape_page(tmp_path: Path) -> None:
    path = tmp_path / "demo.pdf"
    write_pdf(demo_session(), path)
    for page in PdfReader(path).pages:
        content = page.extract_text()
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if "Perception grid" in content and "Perception gaps" in content:
            assert width > height
            for name in ("Carrick Housing Staff", "Carrick Housing staff", "Young People",
                         "Disab. Tenants", "Private contractors",
                         "Liveable Environment: quality of housing services"):
                assert name in content
        else:
            assert width < height


def test_empty_session_says_so_in_every_section(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    write_pdf(Session(title="Empty"), path)
    content = extracted(path)
    for heading in HEADINGS:
        assert heading in content
    for message in ("No purpose was recorded.", "No partner bodies were recorded.",
                    "No participants were recorded.", "No answer was recorded.",
                    "No obstacles were recorded.", "No placements were made.",
                    "No placement was agreed.", "No perception rows were recorded.",
                    "No actions were agreed."):
        assert message in content


def test_unrated_obstacles_say_no_obstacles_were_rated(tmp_path: Path) -> None:
    path = tmp_path / "unrated.pdf"
    write_pdf(Session(title="T", obstacles=[Obstacle("One"), Obstacle("Two")]), path)
    assert "No obstacles were rated." in extracted(path)


def test_appendix_cites_each_framework_as_a_reader_would(typed_pdf: str) -> None:
    from model import frameworks

    for part in ("box1", "typology", "perception", "key_questions", "tiers", "box2"):
        assert f"Source: {frameworks.citation(frameworks.seed_of(part))}" in typed_pdf
    assert "Source: Matrix Research and Consultancy, 2004" in typed_pdf
    sources = squeezed(typed_pdf[typed_pdf.rindex("Sources"):])
    for seed in frameworks.cited_seeds():
        assert squeezed(frameworks.reference(seed)) in sources
    assert squeezed("Bovaird, T. (2009) So what does this all mean for the future of "
                    "partnership working?") in sources
    assert ".txt" not in typed_pdf  # no seed file names
    for term in frameworks.collaboration_levels():
        assert squeezed(term.definition) in squeezed(typed_pdf)


def test_every_date_is_written_one_way(typed_pdf: str) -> None:
    from report.blocks import long_date

    assert long_date("2026-03-14") == "14 March 2026"
    assert long_date(None) == "" and long_date("soon") == "soon"
    assert "1March2026" in squeezed(typed_pdf) and "1April2026" in squeezed(typed_pdf)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", typed_pdf)


def test_cover_carries_the_details_and_the_key_findings(tmp_path: Path) -> None:
    path = tmp_path / "demo.pdf"
    write_pdf(demo_session(), path)
    cover = PdfReader(path).pages[0].extract_text()
    for words in ("Carrick Housing: governance test", "4 December 2009", "Key findings",
                  "Top obstacles", "Widest perception gaps", "In this summary",
                  "9 of 10 participants present"):
        assert words in cover


def test_no_paragraph_leaves_a_line_alone_on_a_page() -> None:
    from report.blocks import Styles, register_fonts

    register_fonts()
    styles = Styles()
    for style in (styles.body, styles.bullet, styles.cell, styles.small):
        assert not style.allowWidows and not style.allowOrphans
    assert styles.h1.keepWithNext and styles.h2.keepWithNext


def test_names_with_no_break_spaces_stay_whole(tmp_path: Path) -> None:
    name = "Cymdeithas\xa0Tai\xa0Gogledd\xa0Cymru"
    narrow = "Jean\u202fDupont"
    session = Session(title="No-break", groups=[Group(name, "#4477aa"), Group(narrow)],
                      perception=Perception(
                          rows=[PerceptionRow("governance", f"Tryloywder {name}")],
                          scores=[Score(f"Tryloywder {name}", name, 2),
                                  Score(f"Tryloywder {name}", narrow, 4)]),
                      participants=[Participant(narrow, "", name, 1, True)])
    path = tmp_path / "nbsp.pdf"
    write_pdf(session, path)
    lines = extracted(path).splitlines()
    whole = name.replace("\xa0", " ")
    assert any(whole in line.replace("\xa0", " ") for line in lines)
    # Where the whole name is wider than its column it breaks between its words, never
    # inside one (reportlab would cut "Gogle|dd").
    words = whole.split()
    for line in lines:
        for token in re.split(r"[\s\xa0\u202f“”.]+", line):
            assert not any(w.startswith(token) and w != token for w in words
                           if len(token) > 2), line
    assert all(("Jean" in line) == ("Dupont" in line) for line in lines)


def test_text_escapes_markup_and_keeps_lines() -> None:
    assert text("<b>a</b> & b\nc") == "&lt;b&gt;a&lt;/b&gt; &amp; b<br/>c"
    assert text("a   b") == "a &nbsp;&nbsp;b"
    assert text("bell\x07") == "bell"


def test_emoji_and_arabic_do_not_break_the_build(tmp_path: Path) -> None:
    path = tmp_path / "wide.pdf"
    write_pdf(Session(title="مجلس الشراكة 🎉", purpose="x" * 20000), path)
    assert path.stat().st_size > 0


# --- writing safely ------------------------------------------------------------------


def test_folder_as_output_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(WorkshopError, match=re.escape(str(tmp_path))):
        write_pdf(demo_session(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.pdf"
    with pytest.raises(WorkshopError, match="does not exist"):
        write_pdf(demo_session(), target)
    assert not target.parent.exists()


def test_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    import report.pdf as module

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "_template", broken)
    with pytest.raises(WorkshopError, match="disk is full"):
        write_pdf(demo_session(), tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_refused_naming_the_path(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    target = tmp_path / "out.pdf"
    with pytest.raises(WorkshopError, match="permission denied") as raised:
        write_pdf(demo_session(), target)
    assert str(target) in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_replacing_an_existing_pdf(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_pdf(demo_session(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


# --- the command line ----------------------------------------------------------------


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_demo_pdf(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    result = run("demo", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "Carrick Housing: governance test" in extracted(out)


def test_cli_export_pdf_of_a_stored_session(tmp_path: Path) -> None:
    from model.store import Store

    db = tmp_path / "w.sqlite3"
    store = Store.open(db)
    try:
        session_id = store.add_session(typed_session())
    finally:
        store.close()
    out = tmp_path / "typed.pdf"
    result = run("export", session_id, "--pdf", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    content = squeezed(extracted(out))
    for typed in (f"Review {MARKUP}", WELSH, POLISH, CYRILLIC, GREEK):
        assert squeezed(typed) in content


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_cli_bad_pdf_output_exits_2(tmp_path: Path, where: str) -> None:
    out = tmp_path if where == "folder" else tmp_path / "nope" / "out.pdf"
    result = run("demo", "--pdf", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and str(out) in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_reportlab_is_not_loaded_for_other_commands(tmp_path: Path) -> None:
    code = ("import sys; out = sys.argv[1]; "
            "import main; main.main(['demo', '--json', out]); "
            "assert 'reportlab' not in sys.modules, 'reportlab loaded'")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.json")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_long_field_wraps_across_pages_without_breaking(tmp_path: Path) -> None:
    """A 3,000-character name, label or answer anywhere (even a table cell taller than
    a page, or a stakeholder group in the perception grid) still builds, whole."""
    def long(tag: str) -> str:
        return (f"{tag}start " + " ".join(f"{tag}{i}" for i in range(600)))[:2990] + f" {tag}end"

    session = typed_session()
    group, row = long("grp"), long("row")
    session.groups.append(Group(group, "#ee6677"))
    session.organisations.append(Organisation(long("org")))
    session.participants.append(Participant(long("who"), long("org"), group, 2, True))
    session.perception.rows.append(PerceptionRow("governance", row))
    session.perception.scores += [Score(row, group, 2), Score(row, CYRILLIC, 5)]
    session.actions.append(Action(long("act"), long("own"), None))
    session.typology.agreed.rationale = long("why")
    path = tmp_path / "long.pdf"
    write_pdf(session, path)
    content = squeezed(extracted(path))
    for tag in ("grp", "row", "org", "who", "act", "own", "why"):
        assert f"{tag}start" in content and f"{tag}end" in content
        assert f"{tag}299{tag}300" in content  # the middle is there too


def test_a_perception_row_label_of_one_long_word_still_fits(tmp_path: Path) -> None:
    label = "y" * 3000
    session = Session(title="Long word", groups=[Group("Board")], perception=Perception(
        rows=[PerceptionRow("governance", label)]))
    path = tmp_path / "word.pdf"
    write_pdf(session, path)
    assert label in joined(extracted(path), "Long word", "1 2 3 4 5")


def test_a_bug_while_building_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    import report.pdf as module

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(module, "_canvas_maker", broken)
    with pytest.raises(RuntimeError):
        write_pdf(demo_session(), tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_table_continued_on_the_next_page_repeats_its_header(tmp_path: Path) -> None:
    session = Session(title="Many", participants=[
        Participant(f"Person {i}", "", "", 1, True) for i in range(90)])
    path = tmp_path / "many.pdf"
    write_pdf(session, path)
    # After the cover, whose key findings name people too.
    pages = [squeezed(page.extract_text()) for page in PdfReader(path).pages[1:]]
    head = squeezed("# Participant Partner body Stakeholder group Tier Present")
    with_people = [page for page in pages if "Person" in page]
    assert len(with_people) >= 2
    for page in with_people:
        assert page.count(head) == 1 and page.index(head) < page.index("Person")
    assert all(f"Person{i}——tier1present" in "".join(with_people) for i in range(90))


def test_reportlab_runs_its_c_accelerator() -> None:
    """rl_accel is a dependency: without it reportlab formats every number and measures
    every string in pure Python, and the export is markedly slower."""
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"


def test_pdf_export_needs_no_qt(tmp_path: Path) -> None:
    code = ("import sys; out = sys.argv[1]; "
            "import main; main.main(['demo', '--pdf', out]); "
            "assert 'PySide6' not in sys.modules, 'Qt loaded'")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.pdf")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_obstacle_columns_keep_their_widths_unless_another_split_is_clearly_shorter() -> None:
    from report.blocks import register_fonts, shared_widths

    register_fonts()
    defaults, least = [130.0, 95.0, 85.0], 60.0
    words = ["lack of a shared vision of and for the community"] * 11
    short = ["Write down who signs off the plan"] * 11
    assert shared_widths([words, short, short], defaults, least) == defaults
    assert shared_widths([[""] * 11] * 3, defaults, least) == defaults
    # Long notes beside an empty action column: the notes take the room the action
    # column does not need, the action column keeps enough for its heading.
    notes = [" ".join(["Discussed at length."] * 20)] * 11
    obstacle, wide, action = shared_widths([words, notes, [""] * 11], defaults, least)
    assert wide > 1.5 * defaults[1] and action == least
    assert obstacle + wide + action == pytest.approx(sum(defaults))
    # Notes of many short lines take as many lines at any width: nothing to gain.
    lines = ["\n".join(["Agreed."] * 15)] * 11
    assert shared_widths([notes, lines, [""] * 11], defaults, least) == defaults
    # However much the notes hold, a column keeps room for its longest word.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    long_words = ["poor governance: unclear accountability and responsibility"] * 11
    obstacle, wide, action = shared_widths([long_words, notes, ["improvement"] * 11],
                                            defaults, least)
    assert wide > defaults[1]
    assert obstacle - 8 >= stringWidth("responsibility", "DejaVuSans", 8.5)
    assert action - 8 >= stringWidth("improvement", "DejaVuSans", 8.5)


def test_a_chip_moves_whole_to_the_next_page_unless_it_is_very_tall() -> None:
    from report.blocks import Chip, Styles, register_fonts

    register_fonts()
    chip_style = Styles().chip("#aa3377")
    name = "Representatives of the voluntary, community and faith sector"
    chip = Chip(text(name), chip_style)
    chip.wrap(80, 1000)
    assert chip.height > 3 * chip_style.leading  # it wraps...
    assert chip.split(80, chip.height / 2) == []  # ...and stays whole
    tall = Chip(text(" ".join([name] * 30)), chip_style)
    tall.wrap(80, 10_000)
    assert len(tall.split(80, 300)) == 2
