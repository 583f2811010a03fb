"""Write the .pdf and .docx marketing assets of corpora/dev/test.

Run from anywhere:  python corpora/tools/dev_test_binary_assets.py
PDFs use fpdf2 with a core font (latin-1 text only); DOCX files use python-docx with the
Title / Heading 1 / List Bullet styles. The text below is the asset text that gold quotes refer to.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1] / "dev" / "test" / "campaigns"

# ---------------------------------------------------------------------------------------------
# pellwood-teams-fitness / plans-and-pricing.pdf
# ---------------------------------------------------------------------------------------------
PELLWOOD_PDF = {
    "title": "Pellwood Active for Teams",
    "subtitle": "Plans and pricing for employers, 2024",
    "sections": [
        (
            "Plans",
            [
                "Core: $19 per employee per month. Access to 2,400+ partner gyms and pools across the US.",
                "Plus: $34 per employee per month. Everything in Core, plus boutique studios, "
                "unlimited on-demand classes and two 1:1 coaching sessions per quarter.",
                "Enterprise (500+ employees): custom pricing.",
            ],
        ),
        (
            "How billing works",
            [
                "12-month agreement, billed monthly on enrolled employees only.",
                "You pay only for employees who have activated their pass.",
                "Minimum group size: 15 employees.",
                "Cancel with 30 days' written notice before your renewal date.",
            ],
        ),
        (
            "Launch offer",
            [
                "First month free for agreements signed by September 30, 2024.",
            ],
        ),
        (
            "Launch and support",
            [
                "Go live within 10 business days of receiving your eligibility file.",
                "Dedicated launch manager for teams of 50 or more employees.",
                "Automatic eligibility sync with BambooHR, Gusto and Rippling; CSV upload for other HR systems.",
                "HR admin support: weekdays, 8am to 6pm Eastern.",
                "Member support: 7 days a week, 6am to 10pm local time.",
            ],
        ),
        (
            "Family add-on",
            [
                "Up to two family members per employee, $15 each per month, paid by the employee.",
            ],
        ),
        (
            "Reporting and privacy",
            [
                "Monthly participation report on the HR dashboard (aggregate figures only).",
                "Individual visit data is never shared with the employer.",
            ],
        ),
    ],
    "fine_print": (
        "Prices exclude applicable taxes. Partner network count as of July 2024; partner locations may change. "
        "Low-enrollment exit: if fewer than 20% of eligible employees enroll within 90 days of launch, "
        "either party may end the agreement with no early-termination charge."
    ),
}

# ---------------------------------------------------------------------------------------------
# osterley-cybersafe-smb / policy-summary.pdf
# ---------------------------------------------------------------------------------------------
OSTERLEY_PDF = {
    "title": "Osterley CyberSafe",
    "subtitle": "Policy summary for small businesses",
    "sections": [
        (
            "Limits",
            [
                "Limits available: $250,000, $500,000 or $1,000,000 aggregate.",
                "Monthly premiums from $42 ($250,000 limit), $68 ($500,000) and $109 ($1,000,000).",
                "Social engineering and funds-transfer fraud: sublimit of $100,000 under every limit.",
            ],
        ),
        (
            "Retention",
            [
                "$1,000 per claim.",
                "$2,500 per claim for businesses with annual revenue over $5 million.",
            ],
        ),
        (
            "What the policy pays for",
            [
                "Ransomware and cyber extortion, including negotiators and lawful payments.",
                "Business interruption: covered after an 8-hour waiting period, for up to 120 days of lost income.",
                "Data restoration: costs to restore or recreate data and rebuild systems after any covered incident.",
                "Notification costs and 12 months of credit monitoring for affected customers.",
                "Regulatory fines and penalties where insurable by law.",
            ],
        ),
        (
            "Breach response",
            [
                "24/7 breach hotline.",
                "A response specialist is assigned within one hour of your call.",
            ],
        ),
        (
            "Not covered",
            [
                "Incidents known before the policy start date.",
                "War and hostile acts by a state.",
                "Failure of power, internet or other utility infrastructure.",
                "Bodily injury and property damage.",
            ],
        ),
        (
            "Eligibility",
            [
                "US businesses with annual revenue under $20 million.",
                "Multi-factor authentication on email for all users.",
            ],
        ),
        (
            "Premium, discounts and cancellation",
            [
                "Pay monthly at no extra charge, or annually.",
                "10% off your premium after completing the free security checkup.",
                "You may cancel at any time and receive a pro-rata refund of unused premium.",
            ],
        ),
        (
            "Included services",
            [
                "Phishing-simulation training for up to 50 employees.",
                "We aim to acknowledge new claims within one business day.",
            ],
        ),
    ],
    "fine_print": (
        "This summary is not the policy. Coverage is subject to the terms, conditions and exclusions of "
        "the policy as issued by Osterley Specialty Insurance Company. Premiums shown are starting rates "
        "and vary by industry, revenue and location."
    ),
}

# ---------------------------------------------------------------------------------------------
# nudgeloft-cart-flows / product-onepager.docx
# ---------------------------------------------------------------------------------------------
NUDGELOFT_DOCX = {
    "title": "Nudgeloft for online shops",
    "blocks": [
        ("h", "Turn browsers into buyers while you sleep"),
        (
            "p",
            "Nudgeloft is email automation built for small and mid-size online stores. Connect your store "
            "in one click and switch on flows that recover carts, welcome new subscribers and bring "
            "lapsed customers back.",
        ),
        ("h", "What's inside"),
        (
            "b",
            "30 pre-built flows: abandoned cart, browse abandonment, welcome series, win-back, "
            "post-purchase and review requests",
        ),
        ("b", "Drag-and-drop email builder that remembers your brand colours and fonts"),
        ("b", "One-click integrations with Shopify, WooCommerce and BigCommerce"),
        ("b", "Revenue attribution for every flow and campaign"),
        ("b", "Subject-line A/B testing (Growth and Scale)"),
        ("b", "Predictive send time (Scale only)"),
        ("h", "Results you can count on"),
        ("b", "Shops using our abandoned-cart flow recover an average of 11% of abandoned checkouts."),
        ("b", "Pays for itself in 90 days, or we refund your last three months."),
        ("h", "Plans"),
        ("b", "Starter: $29/month, up to 2,000 contacts, 20,000 emails per month"),
        ("b", "Growth: $89/month, up to 15,000 contacts, unlimited emails"),
        ("b", "Scale: $249/month, up to 60,000 contacts, unlimited emails"),
        ("b", "Save 15% with annual billing. No setup fees, no contracts."),
        ("h", "Getting started"),
        ("b", "14-day free trial, no credit card required"),
        ("b", "Free migration of templates, lists and flows on Growth and Scale"),
        ("b", "Live chat support 24 hours a day, Monday to Friday; phone support on Scale"),
        ("b", "EU or US data hosting, your choice, on every plan"),
        ("p", "Questions? Write to hello@nudgeloft.io or start a chat from your dashboard."),
    ],
}

# ---------------------------------------------------------------------------------------------
# corvane-fibrevoice-bundle / offer-terms.docx
# ---------------------------------------------------------------------------------------------
CORVANE_DOCX = {
    "title": "FibreVoice Bundle: Offer Terms",
    "blocks": [
        (
            "p",
            "These terms apply to FibreVoice 500, FibreVoice 1G and FibreVoice 2G bundles ordered by "
            "business customers between July 1 and December 31, 2024.",
        ),
        ("h", "Term and pricing"),
        ("b", "Bundle prices apply to a 36-month term."),
        ("b", "A 24-month term is available for an additional $15 per month."),
        ("b", "Your bundle price is fixed for the full term, with no mid-contract increases."),
        ("b", "Extra phone lines are $12 per line per month."),
        ("h", "Installation"),
        ("b", "Standard installation is free (normally $499)."),
        ("b", "Installation is completed within 15 business days of a successful site survey."),
        ("b", "Service is subject to availability and a site survey."),
        ("h", "Switching credit"),
        ("b", "We'll credit up to $500 of early-termination fees charged by your previous provider."),
        ("b", "Send us the final invoice showing the fee within 90 days of your go-live date."),
        ("b", "The credit appears on your next Corvane bill after we receive the invoice."),
        ("h", "Equipment and addresses"),
        ("b", "One static IPv4 address is included with every bundle."),
        ("b", "A router with 4G backup is included on FibreVoice 1G and 2G."),
        ("h", "Service levels"),
        ("b", "99.99% monthly uptime SLA. If we miss it, you receive service credits on your next bill."),
        ("b", "4-hour fix target for fibre faults, 24 hours a day, 7 days a week."),
        ("h", "Ending your agreement early"),
        (
            "b",
            "If you end the agreement before the term ends, a fee equal to 50% of the remaining monthly "
            "charges applies.",
        ),
    ],
}


def _latin1(text: str) -> str:
    text.encode("latin-1")  # raises if a non latin-1 character slipped in
    return text


def write_pdf(spec: dict, path: Path) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, _latin1(spec["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, _latin1(spec["subtitle"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, lines in spec["sections"]:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 8, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10.5)
        for line in lines:
            pdf.multi_cell(0, 5.6, _latin1("- " + line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8.5)
    pdf.multi_cell(0, 4.5, _latin1(spec["fine_print"]), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_docx(spec: dict, path: Path) -> None:
    doc = Document()
    doc.add_paragraph(spec["title"], style="Title")
    for kind, text in spec["blocks"]:
        if kind == "h":
            doc.add_paragraph(text, style="Heading 1")
        elif kind == "b":
            doc.add_paragraph(text, style="List Bullet")
        else:
            doc.add_paragraph(text)
    doc.save(str(path))


def main() -> None:
    write_pdf(PELLWOOD_PDF, ROOT / "pellwood-teams-fitness" / "plans-and-pricing.pdf")
    write_pdf(OSTERLEY_PDF, ROOT / "osterley-cybersafe-smb" / "policy-summary.pdf")
    write_docx(NUDGELOFT_DOCX, ROOT / "nudgeloft-cart-flows" / "product-onepager.docx")
    write_docx(CORVANE_DOCX, ROOT / "corvane-fibrevoice-bundle" / "offer-terms.docx")


if __name__ == "__main__":
    main()
