"""The session's PDF summary (A4), something a board can circulate the same day.

`write_pdf(session, path)` is the whole interface: no Qt, no database. The cover, then
the sections of `report.sections.SECTIONS` in order: attendance and representation; key
questions; obstacles ranked by priority; typology; perception grid (on a landscape page
when it needs the width); actions; since the last review (when the caller passes the
review this one re-runs, `previous`, which it loads: this module never opens the store);
appendix of the frameworks used. Each section is a module of `report/sections/`; what
they are all built from (safe text, fonts, styles, cells) is `report/blocks.py`.

Speed: tables are Grids (report/grid.py), not reportlab Tables. A cell's text that fits
on one line is drawn as a `OneLine` rather than a Paragraph, which would parse markup
and break lines for nothing; the big tables have about a thousand such cells. Text that
may need to wrap stays a Paragraph, so it wraps and is never cut.
"""

from __future__ import annotations

import os

from reportlab import rl_config
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Spacer,
)

from model import findings
from model.compare import compare
from model.errors import WorkshopError
from model.files import write_atomically
from model.room import results as room
from model.session import Session
from report import scripts
from report.blocks import (
    BOTTOM,
    FONT,
    HEAD_FILL,
    MARGIN,
    MUTED,
    PAGE,
    PORTRAIT_WIDTH,
    RULE,
    TOP,
    CellParagraph,
    CellValue,
    Styles,
    bullets,
    cell,
    cell_line,
    empty,
    long_date,
    long_text,
    make_table,
    register_fonts,
    text,
)
from report.grid import Cell
from report.scripts import Paragraph
from report.section import Context
from report.sections import SECTIONS


class PdfExportError(WorkshopError):
    """The PDF cannot be written where asked; the message names the path."""


# --- page furniture: header and "Page N of M" -----------------------------------


def _canvas_maker(header: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until the end, so the footer can say how many there are."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict] = []

        def showPage(self) -> None:  # reportlab calls it by this name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(MUTED)
            scripts.draw(self, MARGIN, height - 12 * mm, _shorten(header, FONT, 8.5,
                                                                  width - 2 * MARGIN),
                         FONT, 8.5)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.drawCentredString(width / 2, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas

def _shorten(value: str, font: str, size: float, width: float) -> str:
    """One line of `value` that fits `width` (with … when cut: only page headers are)."""
    # A header line holds well under 400 characters: measure no more than that, or a
    # very long title costs a quadratic loop on every page.
    value = " ".join(value[:400].split())
    if scripts.width(value, font, size) <= width:
        return value
    while value and scripts.width(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


# Findings the cover gives under each heading (the rest are in their section): so the
# cover stays one page, and a board member reading only it sees the largest ones.
COVER_FINDINGS = 3


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _cover(session: Session, s: Styles, headings: tuple[str, ...]) -> list[Flowable]:
    """The session's details, its purpose, the key findings and what the summary holds:
    a board member reading only the cover knows what was found."""
    story: list[Flowable] = [Spacer(1, 8 * mm), Paragraph(text(session.title), s.title),
                             Paragraph("Partnership workshop summary", s.subtitle)]
    details = [("Partnership", session.partnership), ("Date", long_date(session.date)),
               ("Venue", session.venue), ("Facilitator", session.facilitator)]
    widths = [35 * mm, PORTRAIT_WIDTH - 35 * mm]
    rows: list[list[CellValue]] = [
        [Cell([cell_line(label, widths[0], s.cell_bold)], HEAD_FILL),
         cell(value, widths[1], s) if value else CellParagraph("<i>not recorded</i>", s.cell)]
        for label, value in details]
    story.append(make_table(rows, widths, header=False))
    story.append(Paragraph("Purpose", s.h2))
    story += (long_text(session.purpose, s.body) if session.purpose.strip()
              else [empty("No purpose was recorded.", s)])
    present = [p for p in session.participants if p.present]
    story.append(Paragraph("Key findings", s.h2))
    story.append(Paragraph(
        f"{len(present)} of {len(session.participants)} participants present, "
        f"{len(session.organisations)} partner bodies, {len(session.groups)} stakeholder "
        f"groups; {_count(len(session.actions), 'action')} agreed.", s.body))
    for heading, sentences in findings.finding_sections(session):
        story.append(Paragraph(text(heading), s.cover_head))
        more = len(sentences) - COVER_FINDINGS
        story += bullets(sentences[:COVER_FINDINGS]
                         + ([f"and {more} more, in its section"] if more > 0 else []), s)
    story.append(Paragraph("In this summary", s.h2))
    story.append(Paragraph(text(" · ".join(headings)), s.body))
    # One page, always: a long purpose and many findings shrink it a little rather than
    # leave a page 2 holding the cover's last two lines.
    return [KeepInFrame(0, 0, story, mode="shrink"), PageBreak()]


def story(session: Session, previous: Session | None = None) -> list[Flowable]:
    """Every flowable of the summary: the cover, then each section shown; `previous` is
    the review this session re-runs (loaded by the caller), for "Since the last review"."""
    register_fonts()
    s = Styles()
    comparison = compare(previous, session) if previous is not None else None
    # The grid as the window shows it: the room's scores where none was typed.
    session, from_room = room.with_room_scores(session)
    context = Context(session, s, from_room, comparison)
    shown = [section for section in SECTIONS if section.included(context)]
    flowables = _cover(session, s, tuple(section.heading for section in shown))
    for section in shown:
        flowables += section.flowables(context)
    return flowables


def _template(target: object, session: Session) -> BaseDocTemplate:
    doc = BaseDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=TOP, bottomMargin=BOTTOM, title=session.title,
                          author=session.facilitator, subject="Partnership workshop summary",
                          creator="Partnership Workshop")
    wide = landscape(PAGE)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(MARGIN, BOTTOM, PAGE[0] - 2 * MARGIN,
                                        PAGE[1] - TOP - BOTTOM, id="portrait")],
                     pagesize=PAGE),
        PageTemplate("landscape", [Frame(MARGIN, BOTTOM, wide[0] - 2 * MARGIN,
                                         wide[1] - TOP - BOTTOM, id="landscape")],
                     pagesize=wide),
    ])
    return doc

def _header(session: Session) -> str:
    return " · ".join(part for part in (session.title, long_date(session.date)) if part)

def write_pdf(session: Session, path: str | os.PathLike[str],
              previous: Session | None = None) -> None:
    """Write the summary of `session` to `path`, atomically; with `previous` (the
    review it re-runs), it says what moved since.

    Raises PdfExportError (naming the path) when the place cannot be written; on any
    failure nothing is left behind.
    """
    flowables = story(session, previous)

    def build(file: object) -> None:
        # Streams compressed only, not also ASCII85-encoded (reportlab's default, for
        # 7-bit mail): its pure-Python encoder was a tenth of the export's time.
        ascii85, rl_config.useA85 = rl_config.useA85, 0
        try:
            _template(file, session).build(flowables,
                                           canvasmaker=_canvas_maker(_header(session)))
        finally:
            rl_config.useA85 = ascii85

    write_atomically(path, build, PdfExportError, "cannot write the PDF")
