"""Writes the binary asset of corpora/dev/tune part D (campaign d-kettleline-terminal-bundle).

    python corpora/tools/dev_tune_d_binary_assets.py

Output (committed next to the other assets of the campaign):
    corpora/dev/tune/campaigns/d-kettleline-terminal-bundle/rate-card.pdf  (fpdf2, core font, latin-1)

The text below is the asset text; gold quotes for this file are taken from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from onepager import write_onepager  # corpora/tools/onepager.py

FIXED_DATE = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)  # stable metadata across re-runs
ROOT = Path(__file__).resolve().parents[1] / "dev" / "tune" / "campaigns"

# --- Kettleline: rate card and terms (PDF) -------------------------------------------------------------

PDF_TITLE = "Kettleline Rate Card and Terms"
PDF_SUBTITLE = "For restaurants, cafes and retail shops. Effective March 17, 2025."

PDF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Processing rates",
        [
            "In person (tap, dip or swipe), every card brand: 2.6% + 10\u00a2 on Essentials, "
            "2.4% + 10\u00a2 on Plus.",
            "Keyed-in and online payments: 3.5% + 15\u00a2 on every plan.",
            "Your processing rate is locked for 12 months from approval.",
        ],
    ),
    (
        "Monthly plans",
        [
            "Essentials: $0 a month.",
            "Plus: $49 a month, or $39 a month billed annually ($468 a year).",
            "No setup fee, no PCI fee, no statement fee and no monthly minimum.",
        ],
    ),
    (
        "Hardware",
        [
            "Counter Kit (terminal, receipt printer, cash drawer): $549, or lease for $29 a month.",
            "Roam handheld: $299, or lease for $15 a month.",
            "Leases are month to month: send the device back with our prepaid label and the payments stop.",
            "Purchased hardware carries a 1-year warranty. Leased hardware is replaced free for as long "
            "as you lease it.",
        ],
    ),
    (
        "Deposits",
        [
            "Next-day deposits are free on every plan.",
            "Batches closed by 10 p.m. ET are deposited the next business day.",
            "Batches closed after 10 p.m. ET on Friday, or on Saturday or Sunday, are deposited on "
            "Monday (Tuesday after a bank holiday).",
            "Instant deposits: 1.5% of the amount deposited, available in minutes.",
        ],
    ),
    (
        "Chargeback Shield",
        [
            "Covers disputed chip and contactless transactions up to $1,000 per dispute and $5,000 "
            "per 12 months.",
            "Keyed-in and online transactions are not covered.",
            "No chargeback fee on any plan.",
        ],
    ),
    (
        "Contract and cancellation",
        [
            "Month-to-month agreement. Cancel anytime with no early-termination fee.",
            "Switch bonus: we reimburse up to $500 of the early-termination fee charged by your "
            "previous processor.",
        ],
    ),
    (
        "Spring offer",
        [
            "Sign up by June 30, 2025: no processing fees for your first 90 days, on up to $10,000 in "
            "card sales.",
            "Standard rates apply after the first $10,000 or after 90 days, whichever comes first.",
        ],
    ),
    (
        "Onboarding, support and integrations",
        [
            "A setup specialist loads your menu or catalog for you at no charge.",
            "Most merchants take their first payment within 3 business days of approval.",
            "24/7 phone and chat support on every plan.",
            "QuickBooks Online and Xero sync on Plus.",
            "Ladlehouse online ordering and Shiftbird scheduling on every plan.",
        ],
    ),
]

PDF_FOOTER = (
    "Kettleline Payments, LLC is a registered payment facilitator. Card processing services are provided "
    "by Cobalt River Bank, N.A. Questions? 1-866-555-0174 or kettleline.example/pricing"
)


def write_pdf(path: Path) -> None:
    write_onepager(
        path,
        title=PDF_TITLE,
        subtitle=PDF_SUBTITLE,
        sections=PDF_SECTIONS,
        footer=PDF_FOOTER,
        created=FIXED_DATE,
        footer_size=8,
        footer_wraps=True,
    )


def main() -> None:
    write_pdf(ROOT / "d-kettleline-terminal-bundle" / "rate-card.pdf")


if __name__ == "__main__":
    main()
