"""Writes the binary asset of corpora/dev/tune part E (campaign e-gravelpine-fleet-tracking).

    python corpora/tools/dev_tune_e_binary_assets.py

Output (committed next to the other assets of the campaign):
    corpora/dev/tune/campaigns/e-gravelpine-fleet-tracking/contractor-guide.pdf  (fpdf2, core font, latin-1)

The text below is the asset text; gold quotes for this file are taken from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from onepager import write_onepager  # corpora/tools/onepager.py

FIXED_DATE = datetime(2025, 4, 14, 9, 0, tzinfo=UTC)  # stable metadata across re-runs
ROOT = Path(__file__).resolve().parents[1] / "dev" / "tune" / "campaigns"

# --- Gravelpine Fleet: contractor's guide (PDF) --------------------------------------------------------

PDF_TITLE = "Gravelpine Fleet: The Contractor's Guide"
PDF_SUBTITLE = "Plans, hardware, installation and support for your trucks and equipment."

PDF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Included on every plan",
        [
            "Hardware included on every plan: a GP-1 tracker for each vehicle or a Gravelpine Tag for "
            "each machine. You never buy a device.",
            "Live location every 30 seconds while the ignition is on.",
            "Geofences around your job sites, with arrival and departure times logged automatically.",
            "After-hours movement alerts by text and email.",
            "Unlimited users and a free driver app for iPhone and Android.",
            "Replacement devices shipped the next business day at no charge, for as long as you subscribe.",
        ],
    ),
    (
        "Plans and pricing",
        [
            "Essentials: $27 per vehicle per month, with 12 months of location history.",
            "Pro: $38 per vehicle per month, adding engine diagnostics, driver scorecards, maintenance "
            "reminders and 36 months of location history.",
            "Equipment Tag: $14 per machine per month. Battery life up to 4 years, no wiring.",
            "Every plan is month-to-month; cancel with 30 days' notice.",
            "Pay annually and get 2 months free.",
        ],
    ),
    (
        "Installation",
        [
            "Self-install: the GP-1 plugs into the diagnostic port in about 10 minutes.",
            "Free professional installation at your yard for fleets of 20 or more vehicles.",
            "Smaller fleets can book professional installation for $49 per vehicle.",
        ],
    ),
    (
        "Live in 7 days",
        [
            "Devices ship within 2 business days of signing.",
            "A 45-minute kickoff call with your dedicated onboarding specialist sets up geofences, users "
            "and alerts.",
            "Your whole fleet is live on the map within 7 days.",
        ],
    ),
    (
        "Support and service levels",
        [
            "Phone support answered by a person in under 2 minutes, 6 a.m. to 8 p.m. Central, Monday to "
            "Saturday.",
            "24/7 theft line: we help you and local police locate a moving asset.",
            "99.9% platform uptime.",
            "Export your full history to CSV any time from the dashboard.",
            "If you cancel, we delete your data within 30 days of your last billing date.",
        ],
    ),
    (
        "The Idle-Time Guarantee",
        [
            "Cut idle hours 20% within 90 days, or we refund your first three months of fees.",
            "Applies to Pro plans with 10 or more vehicles and idle alerts turned on.",
        ],
    ),
]

PDF_FOOTER = "Questions? Call 1-888-555-0177 or visit gravelpine.example/contractors"


def write_pdf(path: Path) -> None:
    write_onepager(
        path,
        title=PDF_TITLE,
        subtitle=PDF_SUBTITLE,
        sections=PDF_SECTIONS,
        footer=PDF_FOOTER,
        created=FIXED_DATE,
    )


def main() -> None:
    write_pdf(ROOT / "e-gravelpine-fleet-tracking" / "contractor-guide.pdf")


if __name__ == "__main__":
    main()
