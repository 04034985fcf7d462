"""QR codes: what a real decoder reads from the projector's SVG and the terminal's blocks."""

import zxingcpp
from helpers import paint, svg_cells

from kiosk.web.qr import qr_svg, qr_terminal


def terminal_cells(art: str) -> list[list[bool]]:
    """Read half-block characters back into a grid, two rows of cells per line."""
    halves = {
        "█": (True, True),
        "▀": (True, False),
        "▄": (False, True),
        " ": (False, False),
        "\xa0": (False, False),
    }
    cells = []
    for line in art.splitlines():
        pairs = [halves.get(ch, (False, False)) for ch in line]  # blanks: space, no-break
        cells.append([top for top, _ in pairs])
        cells.append([bottom for _, bottom in pairs])
    return cells


def test_projector_svg_decodes_to_the_join_url():
    url = "http://192.168.1.23:5000/m/BCDF"
    svg = qr_svg(url)
    assert 'viewBox="0 0' in svg  # scales to whatever size the projector gives it
    assert [r.text for r in zxingcpp.read_barcodes(paint(svg_cells(svg)))] == [url]


def test_terminal_qr_decodes_to_the_join_url():
    url = "http://10.0.0.5:5000/m/XQZT"
    # Printed inverted (light on a dark terminal), so dark cells are the blank ones.
    cells = [[not dark for dark in row] for row in terminal_cells(qr_terminal(url))]
    assert [r.text for r in zxingcpp.read_barcodes(paint(cells))] == [url]
