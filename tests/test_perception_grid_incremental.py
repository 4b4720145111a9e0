"""A score takes the grid's short path (the score table updated from the changeset, rows
measured again only when they changed): it must show exactly what a full reload shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.exercises.perception.grid import COLUMN_STEP, PerceptionGrid
from model.session import SCORES, Group, Perception, PerceptionRow, Score, Session

Key = Qt.Key
NAMES = ["Board members", "Tenants and residents", "Council officers", "Health trust",
         "Police", "Voluntary sector forum", "Youth panel", "Housing association staff"]
COLOURS = ["#4477aa", "#ee6677", "#ccbb44", "#228833", "#66ccee", "#aa3377", None, "#bbbbbb"]


def crowded_workshop() -> Session:
    """Eight groups on twelve rows in both sections: cells hold many chips, so the score
    columns' widths move with the scores."""
    rows = [PerceptionRow("quality-of-life" if n < 5 else "governance",
                          f"Principle {n}" + (" with a label long enough to wrap" * (n % 3)))
            for n in range(12)]
    groups = [Group(name, colour) for name, colour in zip(NAMES, COLOURS, strict=True)]
    return Session(title="Crowded grid", groups=groups, perception=Perception(rows=rows))


def snapshot(grid: PerceptionGrid) -> list:
    """Everything the grid draws from: geometry, chips, spreads and texts."""
    geometry = grid._ensure_geometry()
    shot: list = [geometry.point_size, geometry.height, geometry.columns,
                  geometry.header, geometry.sections, geometry.notes]
    for box in geometry.rows:
        shot.append((box.index, box.rect, box.label_rect, box.cells, box.spread_rect,
                     box.band_y))
        shot += [(c.group, c.score, c.rect, c.point_size, c.anywhere) for c in box.chips]
    shot.append([(s.row.id, s.scores, s.count, s.range, s.flagged) for s in grid.spreads])
    shot.append([grid.spread_text(i) for i in range(len(grid.rows))])
    shot.append([(s.row.id, s.range) for s in grid.gaps()])
    return shot


def fresh(grid: PerceptionGrid) -> PerceptionGrid:
    """A grid built now from the stored session, as wide as `grid`, like `grid`'s mode."""
    other = PerceptionGrid(grid.document, presenter=grid.presenter)
    other.threshold = grid.threshold
    other.scores_hidden = grid.scores_hidden
    other.resize(grid.width(), 400)
    other.reload()
    return other


def test_scores_then_undo_show_what_a_full_reload_shows(qtbot, window, store):
    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    qtbot.keyClick(window, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    grid = window.current_view().page(4).grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    presenter = PerceptionGrid(grid.document, presenter=True)
    presenter.resize(1200, 600)
    presenter.follow(grid)
    keys = [Key.Key_5, Key.Key_1, Key.Key_3, Key.Key_1, Key.Key_5, Key.Key_2, Key.Key_4,
            Key.Key_Delete, Key.Key_1]
    checks = 0
    for n in range(60):
        if n % 12 == 11:  # the next group, from the first row
            qtbot.keyClick(grid, Key.Key_Right)
            qtbot.keyClick(grid, Key.Key_Home)
        if n == 30:  # the room's grid hides the scores; the laptop's still shows them
            grid.set_scores_hidden(True)
        qtbot.keyClick(grid, keys[n % len(keys)])
        if n % 4 == 3:
            grid.document.undo_stack.undo()
        if n % 3 == 0:
            for shown in (grid, presenter):
                other = fresh(shown)
                assert snapshot(shown) == snapshot(other), f"after press {n}"
                other.deleteLater()
            checks += 1
    stored = {(s.row, s.group): s.score for s in store.load(session_id).perception.scores}
    assert len(stored) > 20  # the presses really scored (columns crowded, widths moving)
    assert max(len(grid.shown_chips(r, s)) for r in range(12) for s in range(1, 6)) > 2
    assert checks == 20
    presenter.deleteLater()


def test_a_score_repaints_only_the_rows_it_changed(qtbot, window, store):
    """Even columns (at most two chips a cell): a score repaints its row, not the grid."""
    session = crowded_workshop()
    session.groups = session.groups[:2]
    session_id = store.add_session(session)
    assert window.open_session(session_id)
    qtbot.keyClick(window, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    grid = window.current_view().page(4).grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    grid.select(row=6)
    qtbot.keyClick(grid, Key.Key_3)  # a chip in the row: the row as high as it will be
    grid.select(row=6)
    repainted: list = []
    grid.update = lambda *area: repainted.append(area)  # type: ignore[method-assign]
    qtbot.keyClick(grid, Key.Key_4)
    # The scored row (its chip moved from 3 to 4) and the next row, now selected.
    assert {area for area in repainted} == {(grid.row_rect(6),), (grid.row_rect(7),)}
    assert [s.score for s in store.load(session_id).perception.scores] == [4]


def test_in_a_crowded_grid_a_score_that_leaves_the_columns_repaints_only_its_row(
        qtbot, window, store):
    """Crowded cells: the columns' widths follow the scores, but their edges move in
    steps, so a score that moves no edge repaints its row, not the grid."""
    session = crowded_workshop()
    session.perception.scores = [  # half the groups give 1: the 1 column is crowded
        Score(row.label, group.name, 1 if g < 4 else (r + g) % 5 + 1)
        for r, row in enumerate(session.perception.rows)
        for g, group in enumerate(session.groups)]
    session_id = store.add_session(session)
    assert window.open_session(session_id)
    qtbot.keyClick(window, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    grid = window.current_view().page(4).grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    columns = grid._ensure_geometry().columns
    widths = [columns[s + 1] - columns[s] for s in SCORES]
    assert widths[0] == max(widths) and len(set(widths)) > 1  # wider where crowded
    area = columns[6] - columns[1]
    floor, step = area * 0.14, area * COLUMN_STEP
    for s in SCORES:  # every edge on a step, every column at least the floor
        moved = (columns[s] - columns[1] - (s - 1) * floor) / step
        assert abs(moved - round(moved)) < 1e-6
        assert widths[s - 1] >= floor - 1e-6
    grid.select(row=6, group=5)
    height = grid.row_rect(6).height()
    repainted: list = []
    grid.update = lambda *area: repainted.append(area)  # type: ignore[method-assign]
    # The voluntary sector: 2 → 3, by a click (the selection stays: nothing scrolls).
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(6, 3).center())
    assert grid._ensure_geometry().columns == columns
    assert grid.row_rect(6).height() == height
    assert set(repainted) == {(grid.row_rect(6),)}
    assert grid.shown_chips(6, 3) == ["Voluntary sector forum", "Youth panel"]


def test_the_presenter_headline_follows_a_renamed_session_not_the_scores(qtbot, window, store):
    """The presenter reads the session's names when they change, not on every score."""
    from tests.test_presenter import open_presenter

    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    qtbot.keyClick(window, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    presenter = open_presenter(qtbot, window)
    document = presenter.document
    assert presenter.headline.toolTip() == "Crowded grid: perception grid"
    assert document.edit(lambda editor: editor.set_detail("partnership", "Testshire"))
    assert presenter.headline.toolTip() == "Testshire: perception grid"
    assert document.edit(lambda editor: editor.set_detail("title", "Renamed"))
    assert presenter.windowTitle() == "Renamed — Presenter view"
    document.undo_stack.undo()
    assert presenter.windowTitle() == "Crowded grid — Presenter view"
    loads: list = []
    load = document.store.load
    document.store.load = lambda *args: loads.append(args) or load(*args)  # type: ignore
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_3)
    assert loads == []  # neither grid, nor the page, nor the presenter read it all again
    document.store.load = load  # type: ignore[method-assign]
    assert [s.score for s in store.load(session_id).perception.scores] == [3]
    assert presenter.chips()[("Principle 0", 3)] == ["Board members"]
    assert presenter.headline.toolTip() == "Testshire: perception grid"


def test_a_chip_that_fits_on_one_line_is_measured_as_wrapping_would(qtbot, window, store):
    """The one-line box stands for the wrapped box only where they are the same."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QFontMetricsF

    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    grid = window.current_view().page(4).grid
    flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
    for size in (8.25, 11.0, 17.5, 28.0):
        font = QFont(grid.font())
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font)
        for name in NAMES + ["Ünïcödé – grüp", "مجموعة أصحاب المصلحة", "x  y", "A"]:
            natural = metrics.horizontalAdvance(name)
            for step in range(-8, 40):
                width = natural + step * 0.37
                box, point_size, anywhere = grid._chip_text(font, name, width)
                if point_size == size and not anywhere:
                    assert box == metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, name)


def test_a_long_word_shrinks_its_chip_rather_than_break_while_it_can(qtbot, window, store):
    """"Stakeholder" in a narrow column: the chip's type shrinks until the word fits
    (down to MIN_CHIP_SCALE of the grid's), and only a word that would not fit even then
    is broken mid-word."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from gui.exercises.perception.grid import MIN_CHIP_SCALE

    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    grid = window.current_view().page(4).grid
    for size in (11.0, 16.8, 21.0, 28.0):
        font = QFont(grid.font())
        font.setPointSizeF(size)
        natural = QFontMetricsF(font).horizontalAdvance("Stakeholder")
        for share in (0.97, 0.9, 0.8, 0.75, 0.7, 0.65, 0.62):
            width = natural * share
            box, point_size, anywhere = grid._chip_text(font, "Stakeholder group 1", width)
            small = QFont(font)
            small.setPointSizeF(point_size)
            assert not anywhere, (size, share)
            assert QFontMetricsF(small).horizontalAdvance("Stakeholder") <= width
            assert size * MIN_CHIP_SCALE <= point_size < size
        box, point_size, anywhere = grid._chip_text(font, "Stakeholder group 1",
                                                    natural * MIN_CHIP_SCALE * 0.8)
        assert anywhere and point_size == size * MIN_CHIP_SCALE
        # A no-break space (pasted from a word processor) joins two words Qt will not
        # part: the chip still holds its text.
        for width in (natural * 0.9, natural * 1.2, natural * 1.6):
            box, point_size, anywhere = grid._chip_text(font, "Stakeholder\u00a0group 1",
                                                        width)
            assert box.width() <= width + 0.5


def test_a_word_too_long_for_its_chip_breaks_alone(qtbot, window, store):
    """Only the word that cannot fit even in the smallest type is broken: the others in
    the name stay whole ("Representati|ves of the voluntary", not "vol|untary")."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout

    from gui.exercises.perception.grid import BREAK_WHERE_NEEDED, MIN_CHIP_SCALE, _broken_box

    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    grid = window.current_view().page(4).grid
    name = "Representatives of the voluntary sector"
    font = QFont(grid.font())
    font.setPointSizeF(11.0)
    small = QFont(font)
    small.setPointSizeF(11.0 * MIN_CHIP_SCALE)
    width = QFontMetricsF(small).horizontalAdvance("Representatives") * 0.8
    box, point_size, anywhere = grid._chip_text(font, name, width)
    assert anywhere and box == _broken_box(small, name, width)
    layout = QTextLayout(name, small)
    layout.setTextOption(BREAK_WHERE_NEEDED)
    layout.beginLayout()
    lines, line = [], layout.createLine()
    while line.isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        lines.append(name[line.textStart():line.textStart() + line.textLength()].strip())
        line = layout.createLine()
    layout.endLayout()
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    for word in ("of", "the", "voluntary", "sector"):
        assert any(word in line.split() for line in lines), lines


def same_pixels(shown, painted) -> bool:
    """Whether two grabs of the screen agree, pixel by pixel, to within 3 levels of 255 in
    each channel: anti-aliased edges painted clipped to a row can round a level apart
    from the same edges painted whole, which no eye sees (and which the grid's width
    decides: it moved with the steps list's longest title). A missing or stale chip,
    text or rule differs by far more."""
    from PySide6.QtGui import QImage

    if shown == painted:
        return True
    if shown.size() != painted.size():
        return False
    shown = shown.convertToFormat(QImage.Format.Format_RGB32)
    painted = painted.convertToFormat(QImage.Format.Format_RGB32)
    return all(abs(a - b) <= 3 for a, b in zip(bytes(shown.constBits()),
                                                bytes(painted.constBits()), strict=True))


def test_what_the_screen_shows_after_each_score_is_what_a_full_repaint_shows(qtbot, window,
                                                                            store):
    """Scores repaint only parts of the grid (the rows that changed, the headings' strip
    when it scrolls, each painted on its own): the pixels must be those of a repaint of
    the whole grid (to within the anti-aliasing's rounding: see `same_pixels`)."""
    from PySide6.QtCore import QPoint, QRect

    session = crowded_workshop()
    session.perception.scores = [
        Score(row.label, group.name, (r * g) % 5 + 1)
        for r, row in enumerate(session.perception.rows)
        for g, group in enumerate(session.groups)]
    session_id = store.add_session(session)
    assert window.open_session(session_id)
    window.resize(1100, 600)
    qtbot.keyClick(window, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.current_view().page(4)
    grid = page.grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    viewport = page.scroll.viewport()
    area = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())

    def on_screen():  # the window's pixels as they are, not painted again
        return window.screen().grabWindow(window.winId()).toImage().copy(area)

    scrolled = False
    for n, key in enumerate([Key.Key_5, Key.Key_1, Key.Key_3, Key.Key_2] * 5):
        qtbot.keyClick(grid, key)
        QApplication.processEvents()
        shown = on_screen()
        grid.repaint()
        assert same_pixels(shown, on_screen()), f"after press {n}"
        scrolled = scrolled or page.scroll.verticalScrollBar().value() > 0
    assert scrolled


def test_a_name_with_no_break_spaces_wraps_between_its_words(qtbot, window, store):
    """A group name pasted from a word processor ("Tenants and residents" with no-break
    spaces) wraps at its spaces in a narrow chip, on the laptop and the presenter (both
    draw with PerceptionGrid), never mid-word (issue 15)."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from gui.exercises.perception.grid import wrappable

    session_id = store.add_session(crowded_workshop())
    assert window.open_session(session_id)
    grid = window.current_view().page(4).grid
    name = "Tenants\u00a0and\u00a0residents\u202fassociation"
    assert wrappable(name) == "Tenants and residents association"
    for size in (11.0, 28.0):
        font = QFont(grid.font())
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance("association") * 1.3  # a word fits, not the name
        box, point_size, anywhere = grid._chip_text(font, name, width)
        assert not anywhere and point_size == size
        assert box.height() > 1.5 * metrics.height()  # wrapped onto lines at the spaces
        assert box.width() <= width + 0.5
