"""Write the binary assets of the demo campaign (corpora/demo/campaigns/routewick-spring-rush/).

    python corpora/tools/demo_binary_assets.py

Writes pricing-one-pager.pdf (fpdf2, core Helvetica font, so latin-1 text only) and
sales-battlecard.docx (python-docx, Title / Heading / List Bullet styles). The text below is what
the gold labels quote; change it here and re-run, never edit the outputs by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from fpdf import FPDF

FIXED_DATE = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CAMPAIGN = Path(__file__).resolve().parents[1] / "demo" / "campaigns" / "routewick-spring-rush"

# --------------------------------------------------------------------------------------------- PDF

PDF_TITLE = "Routewick Pricing"
PDF_SUBTITLE = "Scheduling and dispatch for plumbing and HVAC contractors. Spring Rush offer ends May 31."

PDF_PLANS = [
    (
        "Starter",
        "$25/tech/month billed monthly, or $20/tech/month billed annually.",
        "Up to 5 technicians. Dispatch board, tech app, invoicing and 200 on-my-way texts per month.",
    ),
    (
        "Crew",
        "$45/tech/month billed monthly, or $36/tech/month billed annually.",
        "Up to 50 technicians. Everything in Starter, plus route optimization and unlimited on-my-way texts.",
    ),
    (
        "Pro",
        "$65/tech/month billed monthly, or $52/tech/month billed annually.",
        "Unlimited technicians. Everything in Crew, plus the live GPS map and custom reports.",
    ),
]

PDF_SECTIONS = [
    (
        "Every plan includes",
        [
            "Unlimited dispatcher and office seats at no extra cost.",
            "Two-way sync with Ledgerleaf and Tallybrook, every 15 minutes.",
            "iOS and Android tech app that works offline.",
            "Live phone and chat support, Monday to Saturday, 7 a.m. to 8 p.m. ET.",
            "Card payments in the field at 2.9% + $0.30 per transaction.",
        ],
    ),
    (
        "Spring Rush offer",
        [
            "30-day free trial of every Crew feature. No credit card required.",
            "$0 setup fee (normally $600) when you start your trial by May 31.",
            "Live in 10 business days with a dedicated onboarding specialist.",
            "Time-Back Guarantee: save 5 hours of dispatch time a week within 60 days, "
            "or we refund your first two months.",
        ],
    ),
    (
        "Terms",
        [
            "Month-to-month on every plan. Cancel anytime in account settings; no cancellation fee.",
            "Annual billing is paid up front and saves 20%.",
            "The guarantee requires completed onboarding and 60 days of active use.",
            "Prices in US dollars, before sales tax.",
        ],
    ),
]

PDF_FOOTER = "Routewick, Inc. - 88 Kiln Street, Suite 300, Dayton, OH - routewick.example/pricing"


def write_pdf(path: Path) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(FIXED_DATE)  # reproducible bytes on every run
    pdf.set_title(PDF_TITLE)
    pdf.set_author("Routewick, Inc.")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(width, 11, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(width, 6, PDF_SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(width, 8, "Plans (priced per field technician)", new_x="LMARGIN", new_y="NEXT")
    for name, price, detail in PDF_PLANS:
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(width, 7, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(width, 6, price, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(width, 6, detail, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    for heading, bullets in PDF_SECTIONS:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(width, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for bullet in bullets:
            pdf.multi_cell(width, 6, "- " + bullet, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(width, 5, PDF_FOOTER, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


# -------------------------------------------------------------------------------------------- DOCX

DOCX_TITLE = "Routewick Spring Rush: Sales Battlecard and FAQ"

DOCX_BODY: list[tuple[str, str]] = [
    ("h", "The offer in one breath"),
    (
        "p",
        "Thirty days free with no credit card, $0 setup, month-to-month, live in 10 business days, "
        "and a guarantee that we save their dispatchers 5 hours a week.",
    ),
    ("h", "Who we sell to"),
    ("b", "Plumbing, HVAC and drain contractors with 3 to 80 field technicians."),
    (
        "b",
        "Owners, operations managers and office managers who dispatch from a whiteboard, a spreadsheet "
        "or an aging tool.",
    ),
    ("b", "Shops heading into the spring rush who already feel the phone ringing."),
    ("h", "Discovery questions"),
    ("b", "How many techs are in the field, and how many people dispatch or answer phones?"),
    ("b", "Walk me through this morning: how did jobs get onto the board, and what changed by 9 a.m.?"),
    ("b", "What do you use for accounting, and who re-types tickets into it today?"),
    ("h", "Key facts"),
    ("b", "Starter: $25 per tech per month, or $20 billed annually. Up to 5 technicians."),
    ("b", "Crew: $45 per tech per month, or $36 billed annually. Up to 50 technicians."),
    ("b", "Pro: $65 per tech per month, or $52 billed annually. Unlimited technicians."),
    ("b", "Live GPS map: Pro plan only."),
    ("b", "Route optimization: Crew and Pro."),
    ("b", "Annual billing saves 20% and is paid up front."),
    ("b", "Setup fee is normally $600 and is waived for any trial started by May 31."),
    ("b", "Onboarding: a dedicated specialist, live in 10 business days."),
    ("b", "Ledgerleaf and Tallybrook: two-way sync of customers, invoices and payments every 15 minutes."),
    ("b", "Support: live phone and chat, Monday through Saturday, 7 a.m. to 8 p.m. Eastern."),
    ("b", "Security: SOC 2 Type II audited, US data hosting, daily backups."),
    ("h", "Objection handling"),
    ("q", '"We\'re locked into another tool until the fall."'),
    (
        "p",
        "Start the trial now anyway. The $0 setup offer holds for any trial started by May 31, and "
        "there is no contract once they switch.",
    ),
    ("q", '"My techs hate new apps."'),
    (
        "p",
        "Techs get a one-hour training session during onboarding, and the app works offline, so it "
        "never eats their notes in a basement.",
    ),
    ("q", '"Is this going to mess up my books?"'),
    ("p", "Two-way sync with Ledgerleaf and Tallybrook every 15 minutes means no double entry."),
    ("q", '"What if it doesn\'t work for us?"'),
    (
        "p",
        "Month-to-month, cancel anytime, plus the Time-Back Guarantee: at least 5 hours a week saved "
        "within 60 days or a refund of the first two months.",
    ),
    ("h", "Competitors"),
    ("b", "Wrenchwell: $59 per tech per month, a 12-month contract and a $1,200 onboarding fee."),
    ("b", "Jobtrellis: $40 per tech per month, but charges $30 a month for every office seat."),
    ("b", "Whiteboard and spreadsheets: free, until one missed call costs a water-heater install."),
]


def write_docx(path: Path) -> None:
    doc = Document()
    doc.core_properties.author = "Routewick Sales Enablement"
    doc.core_properties.title = DOCX_TITLE
    doc.core_properties.created = FIXED_DATE
    doc.core_properties.modified = FIXED_DATE
    doc.add_paragraph(DOCX_TITLE, style="Title")
    for kind, text in DOCX_BODY:
        if kind == "h":
            doc.add_paragraph(text, style="Heading 1")
        elif kind == "b":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "q":
            doc.add_paragraph(text, style="Heading 3")
        else:
            doc.add_paragraph(text)
    doc.save(str(path))


def main() -> None:
    CAMPAIGN.mkdir(parents=True, exist_ok=True)
    write_pdf(CAMPAIGN / "pricing-one-pager.pdf")
    write_docx(CAMPAIGN / "sales-battlecard.docx")
    print(f"wrote {CAMPAIGN / 'pricing-one-pager.pdf'}")
    print(f"wrote {CAMPAIGN / 'sales-battlecard.docx'}")


if __name__ == "__main__":
    main()
