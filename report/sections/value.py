"""Value for money's section (Strachan c. 2005; Audit Commission 2005): each partner
body's inputs with their totals (staff hours a month and a year, money a year, other
inputs), the outputs and outcomes, the board's verdict and why, and where a service
user who complains goes and how clear that route is. Counting inputs this way, the
verdicts and the route's marks are the app's own, and the section says so. The two key
questions' answers are in their own section. Rules in `model.exercises.value`."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from model import frameworks
from model.exercises import value
from model.session import Session
from report.blocks import (
    BOLD,
    PORTRAIT_WIDTH,
    CellParagraph,
    CellValue,
    Styles,
    cell,
    cell_line,
    cited,
    empty,
    long_text,
    make_table,
    own_choice_note,
    section_head,
    text,
)
from report.scripts import Paragraph
from report.section import Context, Section

HEADING = "Value for money"
ALSO_IN = "001_ccd9b21d42e56455.txt"
HEADS = ("Partner body", "Staff hours a month", "Hours a year", "Money a year (£)",
         "Other inputs")
NOT_RECORDED = "—"


def _number(amount: int | None, column: float, style: ParagraphStyle) -> CellParagraph:
    """A number right-aligned, thousands separated ("—" when not recorded)."""
    shown = NOT_RECORDED if amount is None else f"{amount:,}"
    return CellParagraph(text(shown), style)


def _inputs(session: Session, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(text("Inputs, per partner body"), s.h2)]
    rows = value.inputs(session)
    if not rows:
        return [*story, empty("The session has no partner bodies.", s)]
    right = ParagraphStyle("value_right", s.cell, alignment=TA_RIGHT)
    right_bold = ParagraphStyle("value_right_bold", right, fontName=BOLD)
    w = PORTRAIT_WIDTH
    widths = [0.25 * w, 0.13 * w, 0.12 * w, 0.16 * w, 0.34 * w]
    table: list[list[CellValue]] = [[
        cell_line(HEADS[0], widths[0], s.cell_bold),
        *(CellParagraph(text(name), right_bold) for name in HEADS[1:4]),
        cell_line(HEADS[4], widths[4], s.cell_bold)]]
    for row in rows:
        year = None if row.hours_a_month is None else row.hours_a_month * 12
        table.append([cell(row.organisation, widths[0], s),
                      _number(row.hours_a_month, widths[1], right),
                      _number(year, widths[2], right),
                      _number(row.money_a_year, widths[3], right),
                      cell(row.other, widths[4], s)])
    hours = value.total(session, "hours_a_month")
    money = value.total(session, "money_a_year")
    table.append([cell_line("Total", widths[0], s.cell_bold),
                  _number(hours, widths[1], right_bold),
                  _number(None if hours is None else hours * 12, widths[2], right_bold),
                  _number(money, widths[3], right_bold), []])
    story.append(make_table(table, widths))
    count = len(rows)
    counted = [f"{n} of {count} partner bodies recorded their {words}"
               for measure, words in (("hours_a_month", "staff hours"),
                                      ("money_a_year", "money"))
               if (n := value.recorded(session, measure)) < count]
    note = (f"Staff hours are for the partnership's meetings and their administration; "
            f"money is in pounds a year; {NOT_RECORDED} is not recorded.")
    if counted:
        note += f" Totals are of what was recorded: {'; '.join(counted)}."
    story.append(Paragraph(text(note), s.small))
    return story


def _answer(label: str, answer: str, missing: str, s: Styles) -> list[Flowable]:
    """A question or heading in bold, then the board's answer (or `missing`)."""
    return [Paragraph(f"<b>{text(label)}</b>", s.cover_head),
            *(long_text(answer, s.body) if answer.strip() else [empty(missing, s)])]


def _value(session: Session, s: Styles) -> list[Flowable]:
    seed = frameworks.seed_of("value")
    story = section_head(
        HEADING,
        f"“{frameworks.value_quote('analysis')}” ({cited(seed)}). "
        f"“{frameworks.value_quote('extract')}” ({cited(ALSO_IN)}). What the board recorded; "
        "its answers to the two key questions are under Key questions.", s)
    story.append(own_choice_note("value", s))
    story += _inputs(session, s)
    data = value.stored(session)

    story.append(Paragraph(text("Outputs and outcomes"), s.h2))
    story += _answer("Outputs: what the partnership produced", data.outputs,
                     "No outputs were recorded.", s)
    story += _answer("Outcomes: what changed for people", data.outcomes,
                     "No outcomes were recorded.", s)

    story.append(Paragraph(text("Verdict"), s.h2))
    marks = ", ".join(label for _, label in frameworks.value_verdicts())
    if data.verdict:
        story.append(Paragraph(
            f"The board's verdict: <b>{text(value.verdict_label(data.verdict))}</b>.", s.body))
    else:
        story.append(empty("The board gave no verdict.", s))
    story.append(Paragraph(text(f"The verdicts ({marks}) are the app's own marks."), s.small))
    if data.why.strip() or data.verdict:
        story += _answer("Why", data.why, "No reasons were recorded.", s)

    story.append(Paragraph(text("Complaints and redress"), s.h2))
    story.append(Paragraph(text(f"“{frameworks.value_quote('redress')}” ({cited(seed)})."),
                           s.body))
    story += _answer("A service user complains: to whom?", data.complaints_to,
                     "No complaints route was named.", s)
    routes = ", ".join(label for _, label in frameworks.value_routes())
    route = (f"The route is <b>{text(value.route_label(data.redress))}</b>."
             if data.redress else "How clear the route is to users was not marked.")
    story.append(Spacer(1, 2))
    story.append(Paragraph(route, s.body if data.redress else s.empty))
    story.append(Paragraph(text(f"The question and the marks ({routes}) are the app's own."),
                           s.small))
    return story


def _flowables(c: Context) -> list[Flowable]:
    return _value(c.session, c.styles)


SECTION = Section(HEADING, _flowables, step="value")
