"""Writes the binary assets of corpora/dev/tune part B.

Campaigns b-quillfern-clinic-it and b-tallyhaul-shipping-api:

    python corpora/tools/dev_tune_b_binary_assets.py

Outputs (committed next to the other assets of each campaign):
    corpora/dev/tune/campaigns/b-quillfern-clinic-it/carenet-one-pager.pdf
        (fpdf2, core font, latin-1 only)
    corpora/dev/tune/campaigns/b-tallyhaul-shipping-api/sla-summary.docx
        (python-docx, Title/Heading/List Bullet)

The text below is the asset text; gold quotes for these files are taken from it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1] / "dev" / "tune" / "campaigns"

# --- Quillfern Health IT: CareNet one-pager (PDF) ----------------------------------------------------------

PDF_TITLE = "CareNet Managed IT for Dental & Medical Clinics"
PDF_SUBTITLE = "Quillfern Health IT - clinic one-pager, spring 2025"
PDF_INTRO = (
    "IT and cybersecurity for clinics with 5 to 60 workstations. One flat monthly price per workstation, "
    "a help desk that picks up, and the HIPAA paperwork done for you."
)

PDF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "What every clinic gets",
        [
            "24/7 monitoring of every workstation, server and firewall.",
            "15-minute response to critical issues, day or night.",
            "Unlimited remote help desk with no per-ticket fees.",
            "Help desk staffed 7 a.m. to 8 p.m. your time, Monday through Saturday.",
            "Next-business-day on-site visits for hardware failures.",
            "Microsoft 365 management, with migrations included.",
        ],
    ),
    (
        "HIPAA, handled",
        [
            "We sign a Business Associate Agreement before onboarding begins.",
            "Annual HIPAA Security Risk Assessment, with a written remediation plan.",
            "Operations center audited annually under SOC 2 Type II.",
        ],
    ),
    (
        "Backups you can actually restore",
        [
            "Encrypted nightly backups stored off site.",
            "Hourly snapshots of your practice-management server.",
            "Retention: 30 days on Essentials, 365 days on Secure+.",
            "4-hour restore guarantee on Secure+: if we miss it, your next month is free.",
        ],
    ),
]

PDF_PRICING_ROWS: list[tuple[str, str, str]] = [
    ("Plan", "Per workstation, per month", "Best for"),
    ("Essentials", "$119", "Clinics that want IT taken off their plate"),
    ("Secure+", "$159", "Clinics that want IT and security handled"),
]
PDF_PRICING_NOTE = "Servers: $199 per server per month on either plan. Minimum 5 workstations."

PDF_START = [
    "Fully onboarded in 21 days.",
    "Onboarding is free (normally $1,800) for agreements signed by June 30, 2025.",
    "12-month agreement, then month to month.",
]

PDF_FINE_PRINT = (
    "Restore guarantee applies to Secure+ clients and is measured from the time a disaster is declared. "
    "Free onboarding applies to new agreements of 5 or more workstations signed by June 30, 2025. "
    "Outage figures are based on 2024 ticket data from 38 client clinics. "
    "Quillfern Health IT LLC, Dayton, OH."
)


def write_quillfern_pdf(path: Path) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(width, 9, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(width, 6, PDF_SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width, 5, PDF_INTRO, new_x="LMARGIN", new_y="NEXT")

    for heading, bullets in PDF_SECTIONS:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(width, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for bullet in bullets:
            pdf.multi_cell(width, 5.5, f"- {bullet}", new_x="LMARGIN", new_y="NEXT")

    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(width, 7, "Pricing", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    with pdf.table(col_widths=(30, 55, 85), text_align="LEFT") as table:
        for row in PDF_PRICING_ROWS:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(2)
    pdf.multi_cell(width, 5.5, PDF_PRICING_NOTE, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(width, 7, "Getting started", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for bullet in PDF_START:
        pdf.multi_cell(width, 5.5, f"- {bullet}", new_x="LMARGIN", new_y="NEXT")

    pdf.ln(5)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(width, 4, PDF_FINE_PRINT, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


# --- Tallyhaul: service level summary (DOCX) ----------------------------------------------------------------

DOCX_TITLE = "Tallyhaul Service Level Summary"
DOCX_INTRO = (
    "This summary explains what Tallyhaul commits to on each plan: uptime, service credits, support "
    "response times and API performance. Your order form and the Tallyhaul Terms of Service govern if "
    "anything here differs."
)

DOCX_SECTIONS: list[tuple[str, list[str], list[str]]] = [
    (
        "Uptime commitments",
        ["Monthly uptime is measured on the rates, labels and tracking endpoints of the production API."],
        [
            "Developer: no SLA (best effort).",
            "Launch: 99.9% monthly uptime.",
            "Scale: 99.95% monthly uptime.",
            "Enterprise: 99.99% monthly uptime.",
        ],
    ),
    (
        "Service credits",
        [
            "If monthly uptime falls below your plan's commitment, we credit 10% of that month's fees for "
            "every 0.1% shortfall, up to 50% of the month's fees.",
            "Credits are applied automatically to your next invoice. You don't need to file a claim.",
        ],
        [],
    ),
    (
        "Support response targets",
        [],
        [
            "Developer: community forum and email, best effort.",
            "Launch: email support, first reply within 1 business day.",
            "Scale: shared Slack channel, first response within 4 hours.",
            "Scale P1 incidents (API down or tracking stalled): first response within 30 minutes, 24/7.",
            "Scale: a dedicated solutions engineer for onboarding and quarterly reviews.",
        ],
    ),
    (
        "Performance",
        [],
        [
            "Rate quotes return in under 400 ms at p95.",
            "Tracking events are pushed to your webhook within 2 minutes of the carrier scan.",
            "Rate limits: 5 requests per second on Developer, 25 on Launch, 100 on Scale.",
        ],
    ),
    (
        "Your data",
        [],
        [
            "Data is hosted in the United States.",
            "A GDPR data processing agreement is available on request.",
            "Tracking history is kept for 13 months.",
        ],
    ),
]


def write_tallyhaul_docx(path: Path) -> None:
    doc = Document()
    doc.add_paragraph(DOCX_TITLE, style="Title")
    doc.add_paragraph(DOCX_INTRO)
    for heading, paragraphs, bullets in DOCX_SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        for text in paragraphs:
            doc.add_paragraph(text)
        for text in bullets:
            doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph("Questions about your SLA? Write to success@tallyhaul.example.")
    doc.save(str(path))


def main() -> None:
    write_quillfern_pdf(ROOT / "b-quillfern-clinic-it" / "carenet-one-pager.pdf")
    write_tallyhaul_docx(ROOT / "b-tallyhaul-shipping-api" / "sla-summary.docx")


if __name__ == "__main__":
    main()
