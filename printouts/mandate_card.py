"""Mandate cards for delegates: A6 cards four to an A4 sheet, and a large-print A4 copy.

Each card has an identity side (who, from where, to which council, the QR code, expiry, status)
and a terms side (scope, positions, spending cap, duties, recall, decisions, sign-off). The same
builders set both the cards and the large print, so the two always carry the same fields.
"""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.words import gettext as _

from .common import INK, REVOKED_RED, card_styles, qr_image
from .fonts import SANS, SANS_BOLD, Paragraph, draw_string
from .mandate_layout import FACE_W, Block, Card, lay_out, sheets_pdf

QR_SIZE = 40 * mm  # on the A6 card: comfortably over 32 mm, for phones and webcams alike
LARGE_SIZE = 16.0
LARGE_QR = 90 * mm


def _para(text: str, style: ParagraphStyle, markup: str = "") -> Paragraph:
    """Return a paragraph of escaped text, optionally led by a bold label."""
    lead = f"<b>{escape(markup)}</b> " if markup else ""
    return Paragraph(lead + escape(text), style)


def _gap(st: dict, lines: float = 0.5) -> Spacer:
    """Return a vertical gap of a fraction of a body line."""
    return Spacer(1, st["body"].leading * lines)


def _rule(st: dict) -> HRFlowable:
    """Return a thin rule with a little air either side."""
    pad = st["body"].leading * 0.35
    return HRFlowable(width="100%", thickness=0.6, color=INK, spaceBefore=pad, spaceAfter=pad)


def _revoked_banner(st: dict, width: float) -> Table:
    """Return the red REVOKED band that heads a revoked mandate's identity side."""
    rows = [
        [Paragraph(escape(_("REVOKED")), st["stamp"])],
        [
            Paragraph(
                escape(_("Record copy only: this mandate is no longer in force.")),
                st["stamp_note"],
            )
        ],
    ]
    band = Table(rows, colWidths=[width])
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), REVOKED_RED)]))
    return band


def _right(style: ParagraphStyle) -> ParagraphStyle:
    """Return a copy of a style set flush right."""
    return style.clone(style.name + "_right", alignment=2)


def _people(card: dict, st: dict) -> list[Flowable]:
    """Return who carries the mandate: delegate and co-delegate large, then the alternate."""
    out = [_para(_("Delegate"), st["label"]), _para(card["delegate"], st["name"])]
    if card["co_delegate"]:
        out += [_para(_("Co-delegate"), st["label"]), _para(card["co_delegate"], st["name"])]
    out.append(_para(card["alternate"] or _("none"), st["body"], _("Alternate:")))
    return out


def _facts(card: dict, st: dict) -> list[Flowable]:
    """Return the column beside the QR code: expiry, issue date and status."""
    status = _("REVOKED") if card["status"] == "revoked" else _("Issued, in force")
    return [
        _para(_("Valid until"), st["label"]),
        _para(card["expiry"], st["body"]),
        _gap(st),
        _para(_("Issued"), st["label"]),
        _para(card["issued"], st["body"]),
        _gap(st),
        _para(_("Status"), st["label"]),
        _para(status, st["kicker"]),
    ]


def _qr_row(card: dict, st: dict, width: float, qr_size: float) -> Table:
    """Return the QR code with the facts beside it."""
    gap = 3 * mm
    row = Table(
        [[qr_image(card["payload"], qr_size), _facts(card, st)]],
        colWidths=[qr_size + gap, width - qr_size - gap],
    )
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return row


def _fingerprint(card: dict, st: dict) -> Paragraph:
    """Return the assembly's key fingerprint in two lines of groups, easy to compare by eye."""
    groups = card["assembly"]["fingerprint"].split()
    half = (len(groups) + 1) // 2
    lines = [" ".join(groups[:half]), " ".join(groups[half:])]
    return Paragraph("<br/>".join(escape(line) for line in lines if line), st["mono"])


def _title(card: dict, st: dict, width: float) -> Table:
    """Return the card's title line: what it is on the left, its number on the right."""
    number = _para(_("No. %(number)s", number=card["mandate_id"]), _right(st["kicker"]))
    title = Table(
        [[_para(_("MANDATE CARD"), st["kicker"]), number]], colWidths=[width * 0.7, width * 0.3]
    )
    title.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (1, 0), (1, 0), 0)])
    )
    return title


def identity(card: dict, st: dict, width: float, qr_size: float) -> list[Flowable]:
    """Return the identity side: assembly, delegates, council, QR code, expiry and status."""
    revoked = card["status"] == "revoked"
    out: list[Flowable] = [_revoked_banner(st, width), _gap(st)] if revoked else []
    out += [_title(card, st, width), _para(_("From"), st["label"])]
    out += [_para(card["assembly"]["name"], st["place"])]
    out += [_para(card["assembly"]["area"], st["body"]), _rule(st), *_people(card, st), _rule(st)]
    out += [_para(_("Mandated to"), st["label"]), _para(card["council"]["name"], st["place"])]
    out += [_para(card["council"]["level_label"], st["body"]), _rule(st)]
    out += [_qr_row(card, st, width, qr_size), _gap(st, 0.3)]
    out += [_para(_("The card's code, for typing at /verify"), st["label"])]
    out += [_para(card["payload"], st["code"]), _rule(st), _para(card["verify_hint"], st["note"])]
    out += [_para(_("Assembly key fingerprint"), st["label"]), _fingerprint(card, st)]
    return out


def _decision(number: int, decision: dict, st: dict) -> Block:
    """Return one decision: its exact words, when, how many were there, the counts, the outcome."""
    when = _("%(day)s, %(present)s present", day=decision["date"], present=decision["present"])
    return Block(
        [
            Paragraph(f"“{escape(decision['wording'])}”", st["item"], bulletText=f"{number}."),
            _para(when, st["indent"], _("Decided")),
            _para(decision["counts"], st["indent"]),
            _para(decision["outcome"], st["indent"]),
            _gap(st, 0.3),
        ]
    )


def _item(number: int, item: dict, st: dict) -> Block:
    """Return one agenda item led by the position the delegate must take on it."""
    words = f"<b>{escape(item['position_label'])}:</b> {escape(item['item'])}"
    block = Block([Paragraph(words, st["item"], bulletText=f"{number}.")])
    if item["limits"]:
        block.append(_para(item["limits"], st["indent"], _("Limits:")))
    block.append(_gap(st, 0.3))
    return block


def terms(card: dict, st: dict) -> list:
    """Return the terms: scope, positions, spending, duties, recall, decisions, sign-off.

    Each item and each decision is a Block, to be kept on one side when it fits on one.
    """
    out: list = [_para(_("Scope"), st["heading"]), _para(card["scope"], st["body"]), _gap(st)]
    out.append(_para(_("Positions to take"), st["heading"]))
    out += [_item(number, item, st) for number, item in enumerate(card["items"], 1)]
    out.append(_rule(st))
    out.append(_para(card["spending_cap"], st["body"], _("Spending cap:")))
    out.append(_para(card["report_back"], st["body"], _("Report back:")))
    out.append(_para(card["recall_rule"], st["body"], _("Recall:")))
    out += [_rule(st), _para(_("Decided by the assembly"), st["heading"])]
    out += [_decision(number, decision, st) for number, decision in enumerate(card["decisions"], 1)]
    if not card["decisions"]:
        out.append(_para(_("No recorded decision is attached to this mandate."), st["body"]))
    sign = card["sign_off"]
    signed = _(
        "%(facilitator)s (facilitator) and %(note_taker)s (note-taker).",
        facilitator=sign["facilitator"],
        note_taker=sign["note_taker"],
    )
    out += [_rule(st), _para(signed, st["body"], _("Signed off by"))]
    return out


def _physical(card: dict) -> list[Card]:
    """Set one mandate as physical cards: its identity side, then its terms."""
    return lay_out(card, lambda st: identity(card, st, FACE_W, QR_SIZE), lambda st: terms(card, st))


def mandate_cards_pdf(cards: list[dict]) -> bytes:
    """Draw mandate cards as A4 sheets of four A6 cards, printed double-sided, with cut lines."""
    return sheets_pdf([piece for card in cards for piece in _physical(card)], _("Mandate cards"))


def _large_footer(card: dict) -> Callable:
    """Return an onPage callback naming the mandate and the page in large type."""
    revoked = card["status"] == "revoked"

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(REVOKED_RED if revoked else colors.black)
        words = [_("REVOKED")] if revoked else []
        words += [_("Mandate no. %(number)s", number=card["mandate_id"]), card["delegate"]]
        words.append(_("page %(number)s", number=doc.page))
        font = SANS_BOLD if revoked else SANS
        draw_string(canvas, doc.leftMargin, 10 * mm, " · ".join(words), font, LARGE_SIZE)
        canvas.restoreState()

    return draw


def mandate_card_large_pdf(card: dict) -> bytes:
    """Draw one mandate in large print on A4: body text 16 pt, a large QR code, every field."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Mandate no. %(number)s, large print", number=card["mandate_id"]),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=22 * mm,
    )
    st = card_styles(LARGE_SIZE, floor=LARGE_SIZE)
    words = [KeepTogether(list(x)) if isinstance(x, Block) else x for x in terms(card, st)]
    story = identity(card, st, doc.width, LARGE_QR) + [Spacer(1, 8 * mm)] + words
    doc.build(story, onFirstPage=_large_footer(card), onLaterPages=_large_footer(card))
    return buffer.getvalue()
