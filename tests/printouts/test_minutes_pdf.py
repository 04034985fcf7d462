"""Minutes on paper: every field in the text, the legitimacy card first, a chart per round."""

import io
import os

import pypdfium2 as pdfium
import pytest
from helpers import DOCS
from minutes_sample import empty_minutes, rich_minutes
from pypdf import PdfReader

from printouts.charts import BAR_FILL
from printouts.minutes import STATUS, minutes_pdf

DOCS_IMG = DOCS / "img"
DPI = 150


def pages(pdf: bytes) -> list[str]:
    """Extract each page's text with its line breaks and spacing folded to single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def render(pdf: bytes, page: int):
    """Render a page at print resolution as an RGB image."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        document.close()


def rgb(colour) -> tuple[int, int, int]:
    """Return a ReportLab colour as 0-255 RGB."""
    return tuple(round(c * 255) for c in colour.rgb())


def pixels_of(image, colour) -> int:
    """Count the pixels of an image painted exactly in a colour."""
    want = rgb(colour)
    return sum(n for n, found in image.getcolors(1 << 20) if found == want)


@pytest.fixture(scope="module")
def rich() -> dict:
    return rich_minutes()


@pytest.fixture(scope="module")
def rich_pdf(rich) -> bytes:
    return minutes_pdf(rich)


def expected(m: dict) -> list[str]:
    """List what a reader must find in the minutes, as it is printed."""
    meeting = m["meeting"]
    words = [m["assembly"][k] for k in ("name", "area", "fingerprint")]
    words += [meeting["title"], meeting["venue"], "Thursday 12 March 2026", "Started 19:02"]
    words += ["ended 21:07", *meeting["access_features"], *meeting["notice"]["channels"]]
    words += ["Given on Thursday 26 February 2026, 14 days before"]
    for o in meeting["outreach"]:
        words += [o["label"], o["detail"], ", ".join(o["languages"])]
    words += [meeting["results_go_to"], meeting["next_meeting"], m["question"]]
    words += ["163 present in all", "151 live in the area", "37 came for the first time"]
    words += ["131 checked in by phone", "32 counted without phones"]
    for r in m["roles"]:
        words += [r["role"], r["name"], r["gender"]]
    for s in m["process"]["stages"]:
        words += [s["title"], f"{s['planned_minutes']} min"]
    words += [c["label"] for c in m["process"]["checklist"]]
    words += ["ticked by the facilitator at 19:16", "seen by the kiosk at 20:13", "Not done"]
    for g in m["breakouts"]:
        words += [f"Group {g['group']}: {g['theme']}", g["place"]]
        words += [p["text"] for p in g["points"]]
    words += ["All of us", "Most of us", "Some of us", "8 people", "not read back"]
    words += [t["title"] for t in m["themes"]]
    return words + decided(m)


def decided(m: dict) -> list[str]:
    """List what the minutes must say about decisions, delegates and actions."""
    proposal = m["proposals"][0]
    words = [f"“{proposal['wording']}”", *(v["text"] for v in proposal["versions"])]
    for a in proposal["amendments"]:
        words += [a["text"], a["proposed_by"], a["status"]]
    for rnd in proposal["rounds"]:
        words += [rnd["rule_label"], f"{rnd['present']} present", rnd["sentence"]]
        words += [*rnd["blocks"], *rnd["concerns"]]
    words += ["Choice Phones Voting cards Total", "Agree 104 27 131", "Block 2 0 2"]
    words += ["Stood aside: 9", "Round 30: Temperature check", "Round 31: Consent round"]
    for a in m["actions"]:
        words += [a["what"], a["owner"]]
    words.append("Thursday 26 March 2026")
    mandate = m["mandates"][0]
    words += [mandate["council"], mandate["delegate"], mandate["co_delegate"], mandate["alternate"]]
    words += [*mandate["text"].splitlines(), mandate["text_digest"]]
    recall = m["recalls"][0]
    words += [recall["delegate"], recall["sentence"], "31 signed, 29 needed"]
    words += ["Mandate 2 revoked at 20:52 on Thursday 12 March 2026"]
    report = m["report_backs"][0]
    words += [report["delegate"], report["council"], "Tuesday 3 March 2026"]
    words += list(report["items"][0].values())
    return words


def test_rich_minutes_show_every_field(rich, rich_pdf):
    text = " ".join(pages(rich_pdf))
    assert [word for word in expected(rich) if word not in text] == []
    assert "Nothing was decided" not in text


def test_every_page_has_the_assembly_the_date_and_its_number(rich, rich_pdf):
    found = pages(rich_pdf)
    for number, page in enumerate(found, 1):
        assert "Riverside People's Assembly, Riverside ward, Leeds" in page
        assert "Minutes of Thursday 12 March 2026" in page
        assert f"Page {number} of {len(found)}" in page


def test_page_one_is_the_legitimacy_card(rich, rich_pdf):
    first = pages(rich_pdf)[0]
    legitimacy = rich["legitimacy"]
    assert "This meeting met the standard for a people's assembly." in first
    assert legitimacy["summary"] in first
    for item in legitimacy["meeting"] + legitimacy["rolling"]["criteria"]:
        assert item["label"] in first and item["reason"] in first
    assert "Over the last 6 meetings" in first
    assert first.count("Partly met") == 2 and first.count("Not met") == 1
    assert "163 present in all" in first and "Door-knocking" in first
    image = render(rich_pdf, 0)
    for status in ("green", "amber", "red"):
        ink, tint = STATUS[status][1:]
        assert pixels_of(image, ink) > 2000 and pixels_of(image, tint) > 2000, status


def test_each_round_has_a_bar_chart_drawn_to_scale(rich_pdf):
    found = pages(rich_pdf)
    page = next(n for n, text in enumerate(found) if "Round 31: Consent round" in text)
    assert "Totals from every source" in found[page]
    assert "Stand aside" in found[page] and "0 50 100" in found[page]
    image = render(rich_pdf, page)
    want = rgb(BAR_FILL)
    width, height = image.size
    data = image.load()
    runs = []  # each bar's length: the longest run of bar colour in its rows
    in_bar = False
    for y in range(height):
        length = sum(1 for x in range(width) if data[x, y] == want)
        if length and not in_bar:
            runs.append(0)
        in_bar = bool(length)
        if length:
            runs[-1] = max(runs[-1], length)
    assert len(runs) == 4  # Agree, Concerns, Stand aside, Block
    scale = runs[0] / 131
    for bar, count in zip(runs, (131, 12, 9, 2), strict=True):
        assert abs(bar - count * scale) <= 2


def test_an_empty_meeting_says_plainly_that_nothing_was_decided():
    minutes = empty_minutes()
    found = pages(minutes_pdf(minutes))
    assert len(found) == 1
    page = found[0]
    assert "Nothing was decided at this meeting." in page
    assert "This meeting did not meet the standard for a people's assembly." in page
    assert minutes["legitimacy"]["summary"] in page
    assert "Times Not recorded." in page and "No notice recorded." in page
    assert "Proposal" not in page and "Page 1 of 1" in page


def test_a_meeting_with_talk_but_no_proposals_still_says_so(rich):
    minutes = {**rich, "proposals": [], "mandates": [], "question": None}
    text = " ".join(pages(minutes_pdf(minutes)))
    assert "Proposals and decisions Nothing was decided at this meeting." in text
    assert "No question was put to the room." in text
    assert "Group A: Green space" in text


def test_docs_show_page_one_of_the_minutes(rich_pdf):
    image = render(rich_pdf, 0)
    target = DOCS_IMG / "minutes-page-1.png"
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") or not target.exists():
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        image.save(target)
    assert target.stat().st_size > 20_000


def with_evidence(minutes: dict) -> dict:
    """Add what the kiosk now records: residency, needs, erasures and submissions."""
    minutes["legitimacy"]["residency"] = {
        "area": ["LS6 1", "LS6 2"],
        "inside": 140,
        "outside": 9,
        "not_given": 14,
        "declared": 0,
        "on_paper": {"inside": 20, "outside": 2, "not_given": 10},
    }
    minutes["access_needs"] = [
        {"key": "step_free", "label": "Step-free access", "count": 4},
        {"key": "bsl", "label": "BSL interpreter", "count": 0},
        {"key": "childcare", "label": "Childcare", "count": 7},
    ]
    minutes["privacy"] = {
        "retention_days": 365,
        "erased_on_request": [{"attendee": "Attendee 17", "on": "2026-03-20"}],
        "erased_after_retention": 0,
    }
    minutes["submissions"] = [
        {
            "id": 3,
            "meeting_date": "2026-03-12",
            "wording": "Lease the Mill Lane lot to the assembly.",
            "route": "petition_scheme",
            "route_label": "Petition under the council's petition scheme",
            "recipient": "Democratic Services\nLeeds City Council",
            "signers": [{"name": "Dana Reyes", "role": "Facilitator"}],
            "sent_on": "2026-03-16",
            "reply_due": "2026-03-30",
            "replied_on": None,
            "reply_text": "",
            "reply_pdf_sha256": None,
            "outcome": None,
            "overdue": True,
        }
    ]
    return minutes


def test_the_minutes_print_where_people_live_their_needs_submissions_and_erasures():
    text = " ".join(pages(minutes_pdf(with_evidence(rich_minutes()))))
    assert (
        "Where people live: 140 inside the area; 9 outside it; 14 not given. From the sign-in "
        "sheets: 20 inside the area; 2 outside it; 10 not given. The area: LS6 1, LS6 2." in text
    )
    assert (
        "Access needs: Step-free access 4; Childcare 7." in text and "BSL interpreter 0" not in text
    )
    assert "Submissions to the council" in text and "Overdue: no reply yet" in text
    assert "Petition under the council's petition scheme, to Democratic Services" in text
    assert "Signed: Dana Reyes (Facilitator)." in text
    assert "Erased on request: Attendee 17 (Friday 20 March 2026)." in text
    assert "Check-in details are kept 365 days after a meeting." in text


def test_an_election_and_a_recall_are_named_as_such_not_by_their_ballots_stage():
    minutes = rich_minutes()
    election = minutes["proposals"][0] | {"id": 40, "about": "election"}
    election["rounds"] = [election["rounds"][1] | {"id": 41, "stage": "runoff"}]
    recall = minutes["proposals"][0] | {"id": 42, "about": "recall"}
    recall["rounds"] = [recall["rounds"][1] | {"id": 43, "stage": "final"}]
    minutes["proposals"] += [election, recall]
    text = " ".join(pages(minutes_pdf(minutes)))
    assert "Round 41: Election" in text and "Round 43: Recall vote" in text
    assert "Run-off" not in text
