"""Writes the binary assets of corpora/dev/tune part A (campaigns a-brigadely-payroll and a-broadroof-solar).

    python corpora/tools/dev_tune_a_binary_assets.py

Outputs (committed next to the other assets of each campaign):
    corpora/dev/tune/campaigns/a-brigadely-payroll/groups-onepager.pdf  (fpdf2, core font, latin-1)
    corpora/dev/tune/campaigns/a-broadroof-solar/financing-guide.docx  (python-docx, built-in styles)

The text below is the asset text; gold quotes for these files are taken from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from onepager import write_onepager  # corpora/tools/onepager.py

FIXED_DATE = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # stable metadata across re-runs
ROOT = Path(__file__).resolve().parents[1] / "dev" / "tune" / "campaigns"

# --- Brigadely: one-pager for restaurant groups (PDF) -------------------------------------------------

PDF_TITLE = "Brigadely for Restaurant Groups"
PDF_SUBTITLE = "Payroll, tips and HR for every location, from one login."

PDF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Payroll compliance, handled",
        [
            "Federal, state and local payroll tax filing in all 50 states, included on every plan.",
            "Tip credit make-up pay: if a tipped employee's tips plus cash wage fall below minimum wage "
            "for the pay period, Brigadely flags it and adds the make-up pay automatically.",
            "Overtime calculated under each state's rules, including daily overtime where it applies.",
            "Fair workweek alerts for cities with predictive scheduling rules (Full House plan).",
            "New-hire reports sent to state agencies for you.",
        ],
    ),
    (
        "Onboarding in three steps",
        [
            "Kickoff call with your dedicated onboarding specialist.",
            "We migrate your employee records and year-to-date payroll history at no charge.",
            "Parallel run: we process one payroll side by side with your old provider before you go live.",
            "Typical time to first payroll: 10 business days, or 3 to 4 weeks for groups with more than "
            "5 locations.",
        ],
    ),
    (
        "Built for groups",
        [
            "Unlimited locations under one login.",
            "Location-level permissions, so each GM sees only their own restaurant.",
            "Consolidated labor cost reports across all your locations.",
        ],
    ),
    (
        "Security",
        [
            "256-bit encryption for data in transit and at rest.",
            "Two-factor authentication is required for every admin user.",
        ],
    ),
    (
        "Pricing for groups",
        [
            "Essentials: $39 per location per month, plus $5 per active employee.",
            "Full House: $79 per location per month, plus $7 per active employee.",
            "Save 15% with annual billing.",
            "Groups with 10 or more locations: ask about volume pricing.",
        ],
    ),
]

PDF_FOOTER = "Questions? Call 1-888-555-0142 or visit brigadely.example/groups"


def write_pdf(path: Path) -> None:
    write_onepager(
        path,
        title=PDF_TITLE,
        subtitle=PDF_SUBTITLE,
        sections=PDF_SECTIONS,
        footer=PDF_FOOTER,
        created=FIXED_DATE,
    )


# --- Broadroof: financing and warranty guide (DOCX) ----------------------------------------------------

DOCX_TITLE = "Broadroof Solar: Financing and Warranty Guide for Business Owners"
DOCX_INTRO = (
    "Going solar is a long-term decision. This guide explains the three ways to pay for a Broadroof system, "
    "what our warranties cover, and what happens between signing and switch-on."
)

DOCX_SECTIONS: list[tuple[str, str | None, list[str]]] = [
    (
        "Option 1: Buy the system",
        "You own the system from day one and keep all of the savings.",
        [
            "Typical payback: 4 to 7 years, depending on your utility rates and available incentives.",
            "Eligible projects may qualify for the federal investment tax credit and accelerated "
            "depreciation. Talk to your tax advisor about your situation.",
            "Payment schedule: 10% at signing, 60% when equipment is delivered, 30% at switch-on.",
        ],
    ),
    (
        "Option 2: Solar loan",
        "Finance the system and pay for it out of your savings.",
        [
            "Fixed rates from 6.9% APR.",
            "Terms of 5, 10 or 15 years.",
            "No prepayment penalty.",
            "On most 10- and 15-year terms, the monthly loan payment is lower than your monthly savings.",
            "Subject to credit approval. Businesses need at least 2 years of operating history.",
        ],
    ),
    (
        "Option 3: Power purchase agreement (PPA)",
        "$0 upfront and no maintenance costs: Broadroof owns, insures and maintains the system.",
        [
            "You pay a fixed rate per kWh for the power the system produces, set below your current "
            "utility rate.",
            "Your rate is locked for the full 20-year term, with no annual escalator.",
            "At the end of the term, you can renew, buy the system at fair market value, or have it "
            "removed at no cost.",
            "Available for systems of 100 kW and larger.",
        ],
    ),
    (
        "Warranties and guarantees",
        None,
        [
            "Panels: 25-year product and performance warranty.",
            "Inverters: 12-year warranty.",
            "Workmanship: 10 years, including any leaks at roof penetrations we make.",
            "Production Guarantee: if your system produces less than 90% of its estimated annual output, "
            "we pay you the difference at your utility's rate.",
        ],
    ),
    (
        "Monitoring and service",
        None,
        [
            "Monitoring is included at no cost for 25 years.",
            "If production drops, our team is alerted automatically and contacts you within 2 business days.",
            "Panel cleaning is not included; we can quote it once a year if you want it.",
        ],
    ),
    (
        "From signature to switch-on",
        None,
        [
            "Proposal: within 10 business days of your site assessment.",
            "Permits and utility approval: typically 6 to 10 weeks.",
            "Installation: 3 to 6 days on site for most rooftop systems.",
            "Signed agreement to switch-on: 10 to 16 weeks on average.",
        ],
    ),
]

DOCX_CLOSING = "Questions about financing? Call your Broadroof advisor at 1-800-555-0198."


def write_docx(path: Path) -> None:
    doc = Document()
    doc.core_properties.title = DOCX_TITLE
    doc.core_properties.author = "Broadroof Solar"
    doc.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    doc.add_paragraph(DOCX_TITLE, style="Title")
    doc.add_paragraph(DOCX_INTRO)
    for heading, lead, bullets in DOCX_SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        if lead:
            doc.add_paragraph(lead)
        for bullet in bullets:
            doc.add_paragraph(bullet, style="List Bullet")
    doc.add_paragraph(DOCX_CLOSING)
    doc.save(str(path))


def main() -> None:
    write_pdf(ROOT / "a-brigadely-payroll" / "groups-onepager.pdf")
    write_docx(ROOT / "a-broadroof-solar" / "financing-guide.docx")


if __name__ == "__main__":
    main()
