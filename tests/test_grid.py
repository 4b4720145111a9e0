"""The summary's table flowable (report/grid.py): how its rows split across pages."""

from __future__ import annotations

from reportlab.lib import colors

from report.blocks import CellParagraph, Styles, register_fonts
from report.grid import Cell, Grid, OneLine


def grid_of(rows: list[list[Cell]]) -> Grid:
    head = [Cell([OneLine("Head", Styles().cell_bold)]) for _ in rows[0]]
    grid = Grid(rows, [60.0, 120.0], head, colors.black, 0.4)
    grid.wrap(180, 10_000)
    return grid


def test_a_row_splits_inside_only_where_each_cell_shows_some_of_itself() -> None:
    register_fonts()
    s = Styles()
    words = CellParagraph(" ".join(["Discussed at length."] * 12), s.cell)
    row = [Cell([OneLine("28", s.cell)]), Cell([words])]
    grid = grid_of([row])
    head, body = grid._measure()
    # Room for the number and one line of the words: a Paragraph leaves no single line
    # behind, so the row does not split there...
    assert grid.split(180, head + 3 + s.cell.leading * 1.5 + 3) == []
    # ...but where it can show two lines it does, each part keeping the number's cell,
    # and the part on the next page shows the number again, to say whose it is.
    top, rest = grid.split(180, head + 3 + s.cell.leading * 2.5 + 3)
    assert [len(c.content) for c in top.rows[0]] == [1, 1]
    assert [len(c.content) for c in rest.rows[0]] == [1, 1]
    assert rest.rows[0][0].content[0].words == "28"
    assert rest.header is grid.header
