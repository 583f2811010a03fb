"""Writes the binary asset of corpora/dev/tune campaign u-loftbrew-office-coffee.

    python corpora/tools/dev_tune_u_binary_assets.py

Output (next to the other assets of the campaign):
    corpora/dev/tune/campaigns/u-loftbrew-office-coffee/plans-and-terms.pdf  (fpdf2, core font, latin-1)

The text below is the asset text; gold quotes for this file are taken from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from onepager import write_onepager  # corpora/tools/onepager.py

FIXED_DATE = datetime(2025, 4, 14, 9, 0, tzinfo=UTC)  # stable metadata across re-runs
ROOT = Path(__file__).resolve().parents[1] / "dev" / "tune" / "campaigns"

PDF_TITLE = "Loftbrew Plans and Terms"
PDF_SUBTITLE = "Office coffee and pantry service. Prices per person, in US dollars."

PDF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Plans",
        [
            "Daily Grind: $12 per person per month, or $10 per person per month billed annually. "
            "One bean-to-cup brewer, beans, dairy and oat milk, decaf, weekly restock and cleaning.",
            "Full Pantry: $18 per person per month, or $15 per person per month billed annually. "
            "Adds loose-leaf tea, sparkling water, a rotating snack shelf, and a second brewer for offices "
            "of 30 or more people.",
            "Headquarters: custom pricing for offices of 100 or more people or several locations.",
            "Annual billing: pay for 10 months and get 12.",
            "Minimum plan size: 10 people.",
            "Unlimited cups on every plan. No per-cup charges.",
        ],
    ),
    (
        "Contracts and billing",
        [
            "No long-term contracts. Monthly plans can be cancelled anytime, effective at the end of the "
            "billing month.",
            "Annual plans are billed once a year, up front.",
            "Monthly invoices sync to QuickBooks Online and Xero automatically.",
        ],
    ),
    (
        "Equipment and installation",
        [
            "Free delivery and installation. No setup fees.",
            "Optional plumbed installation (a fixed water line): $149 per brewer.",
            "Brewers remain Loftbrew's property and are on loan for as long as you subscribe. When you "
            "cancel, we collect them at no charge.",
            "Cleaning on every weekly visit; descaling and parts are always included.",
        ],
    ),
    (
        "Free trial",
        [
            "14 days free, with one brewer installed and stocked. No credit card needed.",
            "If you don't continue, we collect the brewer at no charge.",
        ],
    ),
    (
        "Service levels",
        [
            "Weekly restock visits on a fixed day of your choice.",
            "Beans are roasted within 7 days of delivery.",
            "Repairs: a technician on site by the next business day, or a replacement brewer within "
            "2 business days.",
            "Customer care by phone and chat, 7 a.m. to 6 p.m. Eastern, Monday through Friday.",
        ],
    ),
    (
        "The Happy Team Promise",
        [
            "If your team isn't happy with Loftbrew after your first 60 days, we credit your third month "
            "in full.",
            "Applies to annual plans. Tell us before day 75.",
        ],
    ),
    (
        "Onboarding",
        [
            "A free tasting session for your team on install day.",
            "Offices of 50 or more people get a dedicated account manager.",
        ],
    ),
    (
        "Switch offer",
        [
            "Switch from another office coffee provider by June 30, 2025 and we pay up to $500 per office "
            "toward your old provider's early termination fee.",
            "Paid as an account credit on your first Loftbrew invoice.",
        ],
    ),
]

PDF_FOOTER = "Sales: 1-866-555-0143 - hello@loftbrew.example - loftbrew.example/pricing"


def write_pdf(path: Path) -> None:
    write_onepager(
        path,
        title=PDF_TITLE,
        subtitle=PDF_SUBTITLE,
        sections=PDF_SECTIONS,
        footer=PDF_FOOTER,
        created=FIXED_DATE,
        author="Loftbrew Office Coffee, LLC",
        subtitle_size=11,
        gap=3,
    )


def main() -> None:
    write_pdf(ROOT / "u-loftbrew-office-coffee" / "plans-and-terms.pdf")


if __name__ == "__main__":
    main()
