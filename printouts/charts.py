"""Bar charts for printed results: labelled, and readable when photocopied in greyscale."""

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from kiosk.words import gettext as _

from .fonts import SANS, SANS_BOLD

BAR_FILL = colors.HexColor("#3d3a5c")  # dark enough to stay solid on a greyscale copy
GRID_GREY = colors.HexColor("#c9c6d3")
LABEL_WIDTH = 42 * mm
BAR_ROOM = 7.5 * mm  # height given to each bar with its gap


def _short(label: str, limit: int = 28) -> str:
    """Shorten a long option so it fits beside its bar."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _value_max(values: list[int]) -> int:
    """Return a round top for the value axis, a little above the largest count."""
    top = max(values, default=0)
    step = 5 if top <= 50 else 10 if top <= 200 else 50
    return max(step, (top // step + 1) * step)


def _label_axes(chart: HorizontalBarChart, totals: list[tuple[str, int]]) -> None:
    """Name each bar on the left and mark counts along the bottom, with light gridlines."""
    names = [_short(label) for label, _count in totals]
    chart.categoryAxis.categoryNames = names or [_("(no choices)")]
    chart.categoryAxis.reverseDirection = 1  # first choice at the top, as on the ballot
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _value_max([n for _, n in totals])
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID_GREY
    chart.valueAxis.gridStrokeWidth = 0.4


def _fill_bars(chart: HorizontalBarChart, totals: list[tuple[str, int]]) -> None:
    """Draw the bars solid dark, each with its count written just past its end."""
    chart.data = [[n for _, n in totals] or [0]]
    chart.bars[0].fillColor = BAR_FILL
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 2.2 * mm
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = SANS_BOLD
    chart.barLabels.fontSize = 9
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3


def totals_chart(totals: list[tuple[str, int]], width: float, caption: str = "") -> Drawing:
    """Draw one horizontal bar per choice, its count written at the end of the bar."""
    plot_h = max(1, len(totals)) * BAR_ROOM
    top_room = 6 * mm if caption else 2 * mm
    drawing = Drawing(width, plot_h + 9 * mm + top_room)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, 7 * mm
    chart.width, chart.height = width - LABEL_WIDTH - 14 * mm, plot_h
    _fill_bars(chart, totals)
    _label_axes(chart, totals)
    drawing.add(chart)
    if caption:
        top = drawing.height - 4 * mm
        drawing.add(String(0, top, caption, fontName=SANS_BOLD, fontSize=9))
    return drawing
