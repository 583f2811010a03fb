"""Asset ingestion: every format, with the real parsers, and every way a file can be refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from msgcheck.errors import InputError, UnsupportedFormatError
from msgcheck.ingest import ASSET_EXTENSIONS, load_asset, load_assets
from msgcheck.ingest._csv import column_kind
from msgcheck.ingest._html import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "assets"


def pairs(path: Path | str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in load_asset(path).blocks]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- Markdown and plain text ---------------------------------------------------------------------


def test_markdown_fixture():
    doc = load_asset(FIXTURES / "launch.md")
    assert (doc.name, doc.format) == ("launch.md", "md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Close the books in three days"),
        (
            "body",
            "Quillmoss reconciles your ledgers overnight, so month-end close takes days, not weeks. "
            "Read the case study.",
        ),
        ("headline", "What you get"),
        ("list_item", "Automatic bank matching"),
        ("list_item", "Audit trail on every entry"),
        ("list_item", "Unlimited users on the Team plan"),
        ("list_item", "Connect your bank"),
        ("list_item", "Invite your accountant"),
        ("body", "Pricing starts at $29 per user, billed annually."),
    ]
    assert "Spring launch" not in doc.text  # front matter
    assert "internal note" not in doc.text  # HTML comment
    assert "screenshot" not in doc.text  # image alt text is not visible copy


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Title\n=====\n\nBody text.", [("headline", "Title"), ("body", "Body text.")]),
        ("Section\n---\nMore.", [("headline", "Section"), ("body", "More.")]),
        ("## Closing hashes ##", [("headline", "Closing hashes")]),
        ("#hashtag is not a heading.", [("body", "#hashtag is not a heading.")]),
        ("**Key features**\n\nText.", [("headline", "Key features"), ("body", "Text.")]),
        ("**Bold claim.** And more.", [("body", "Bold claim. And more.")]),
        ("Save _20%_ and __more__ ~~today~~.", [("body", "Save 20% and more today.")]),
        ("snake_case_name and 5 * 3 * 2 stay.", [("body", "snake_case_name and 5 * 3 * 2 stay.")]),
        (r"Escaped \*stars\* stay.", [("body", "Escaped *stars* stay.")]),
        (
            "Call <https://example.com> or <b>bold</b> &amp; more",
            [("body", "Call https://example.com or bold & more")],
        ),
        ("See [our terms][t].\n\n[t]: https://example.com/terms", [("body", "See our terms.")]),
        ("Code `**not bold**` here.", [("body", "Code **not bold** here.")]),
        ("```python\nprint('hi')\n```", [("body", "print('hi')")]),
        ("> Quoted *line*\n> continues", [("body", "Quoted line continues")]),
        (
            "- item one\n  wraps here\n- item two",
            [("list_item", "item one wraps here"), ("list_item", "item two")],
        ),
        ("- [ ] open task\n- [x] done task", [("list_item", "open task"), ("list_item", "done task")]),
        ("3) third", [("list_item", "third")]),
        ("a 14-\nday trial", [("body", "a 14-day trial")]),
        ("***\n\nAfter a rule.", [("body", "After a rule.")]),
        (
            "| Plan | Price |\n|---|---|\n| Team | $29 |\n\nAfter.",
            [("body", "Plan"), ("body", "Price"), ("body", "Team"), ("body", "$29"), ("body", "After.")],
        ),
        ("Subject: Three-day close\n\nHi Omar,", [("headline", "Three-day close"), ("body", "Hi Omar,")]),
    ],
)
def test_markdown_syntax(tmp_path, source, expected):
    assert pairs(write(tmp_path, "copy.md", source)) == expected


def test_text_fixture():
    doc = load_asset(FIXTURES / "email.txt")
    assert doc.format == "txt"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Your month-end close, done in three days"),
        ("body", "Hi there,"),
        ("body", "Quillmoss reconciles your ledgers overnight. No setup fees, ever."),
        ("list_item", "Cancel any time"),
        ("list_item", "Support by chat, 9am-6pm"),
        ("body", "The Quillmoss team"),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Quillmoss Reports\nWeekly reports, built for you.",
            [("headline", "Quillmoss Reports"), ("body", "Weekly reports, built for you.")],
        ),
        ("Stop chasing numbers!\n\nMore.", [("headline", "Stop chasing numbers!"), ("body", "More.")]),
        (
            "This first line is a sentence.\nIt goes on.",
            [("body", "This first line is a sentence. It goes on.")],
        ),
        ("Hi Omar,\nthanks.", [("body", "Hi Omar, thanks.")]),
        (
            "Quillmoss reconciles your ledgers overnight so that month-end\nclose takes days.",
            [("body", "Quillmoss reconciles your ledgers overnight so that month-end close takes days.")],
        ),
        (
            "Quillmoss reconciles your ledgers overnight so that\nMonth-End Close takes days.",
            [("body", "Quillmoss reconciles your ledgers overnight so that Month-End Close takes days.")],
        ),
        ("# Heading in text\nBody.", [("headline", "Heading in text"), ("body", "Body.")]),
        ("Subject: New pricing\n\nBody.", [("headline", "New pricing"), ("body", "Body.")]),
    ],
)
def test_text_title_rule(tmp_path, source, expected):
    assert pairs(write(tmp_path, "copy.txt", source)) == expected


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("latin-1", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)],
)
def test_text_encodings(tmp_path, encoding, bom):
    copy = "Réglez vos comptes en trois jours\n\nNo setup fees, ever. Crème de la crème."
    if encoding == "cp1252":
        copy += " We don’t charge “extra”."
    path = tmp_path / "copy.txt"
    path.write_bytes(bom + copy.encode(encoding))
    blocks = load_asset(path).blocks
    assert blocks[0].text == "Réglez vos comptes en trois jours"
    assert not blocks[0].text.startswith("\ufeff")
    assert blocks[1].text == copy.split("\n\n")[1]


# --- HTML ----------------------------------------------------------------------------------------


def test_html_fixture():
    doc = load_asset(FIXTURES / "landing.html")
    assert doc.format == "html"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Weekly reports, built for you"),
        (
            "body",
            "Quillmoss pulls numbers from the tools you already use & writes the report "
            "before Monday’s stand-up.",
        ),
        ("cta", "Start your 14-day trial"),
        ("body", "Take the tour"),
        ("headline", "Why finance teams switch"),
        ("list_item", "Connects to 40+ data sources"),
        ("list_item", "SOC 2 Type II audited"),
        ("body", "Plans from $29 per user per month."),
        ("cta", "Get my first report"),
    ]


@pytest.mark.parametrize(
    "hidden",
    [
        "Quillmoss – weekly dashboards",  # <title>
        "Meta description",
        "Script text",
        "color: #123",
        "Features",  # nav
        "cookies",
        "Accept all",
        "Screen-reader only",
        "enable JavaScript",
        "Decorative svg",
        "All rights reserved",  # footer
        "Privacy",
        "Work email",  # a placeholder is not copy
    ],
)
def test_html_boilerplate_dropped(hidden):
    assert hidden not in load_asset(FIXTURES / "landing.html").text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>One<br>two &lt;3 &eacute;t&eacute;</p>", [("body", "One two <3 été")]),
        (
            "<div>Direct text<p>Nested</p>tail</div>",
            [("body", "Direct text"), ("body", "Nested"), ("body", "tail")],
        ),
        ("<ul><li>Outer<ul><li>Inner</li></ul></li></ul>", [("list_item", "Outer"), ("list_item", "Inner")]),
        ("<ol><li><p>Para in item</p></li></ol>", [("list_item", "Para in item")]),
        (
            "<h3>Small <span>headline</span></h3><h4>Minor</h4>",
            [("headline", "Small headline"), ("body", "Minor")],
        ),
        ("<table><tr><th>Plan</th><td>$29</td></tr></table>", [("body", "Plan"), ("body", "$29")]),
        (
            "<p>Ready? <a class='cta-link' href='#'>Book a demo</a></p>",
            [("body", "Ready?"), ("cta", "Book a demo")],
        ),
        (
            "<a role='button' href='#'>Go</a><input type='submit' value='Send'>",
            [("cta", "Go"), ("cta", "Send")],
        ),
        ("<p>Save<span>20%</span> <b>today</b></p>", [("body", "Save20% today")]),
        ("<div class='gdpr-popup'>Tracking notice</div><p>Kept</p>", [("body", "Kept")]),
        ("<div aria-label='Cookie settings'>Manage</div><p>Kept</p>", [("body", "Kept")]),
        ("<div class='top-banner'>Promo strip</div><p>Kept</p>", [("body", "Kept")]),
        ("<div class='banner'><h1>Hero headline</h1></div>", [("headline", "Hero headline")]),
        (
            "<div class='navbar'>Home Pricing</div><ul role='menu'><li>Item</li></ul><p>Kept</p>",
            [("body", "Kept")],
        ),
        (
            "<p hidden>a</p><p aria-hidden='true'>b</p><p style='display: none'>c</p><p>Kept</p>",
            [("body", "Kept")],
        ),
        ("<template><p>later</p></template><iframe>frame</iframe><p>Kept</p>", [("body", "Kept")]),
        (
            "<header><nav><a>Home</a></nav><h1>Page title</h1><p>Intro</p></header>",
            [("headline", "Page title"), ("body", "Intro")],
        ),
        ("<header><h2>Title</h2><ul><li><a href='/'>Home</a></li></ul></header>", [("headline", "Title")]),
        ("Bare text without body", [("body", "Bare text without body")]),
    ],
)
def test_html_blocks(tmp_path, body, expected):
    assert pairs(write(tmp_path, "page.html", f"<html><body>{body}</body></html>")) == expected


def test_htm_and_cp1252_html(tmp_path):
    path = write(tmp_path, "page.htm", "<html><body><h1>Don’t wait</h1></body></html>", "cp1252")
    doc = load_asset(path)
    assert doc.format == "html"
    assert doc.blocks[0].text == "Don’t wait"


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_fixture():
    doc = load_asset(FIXTURES / "ads.csv")
    assert doc.format == "csv"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Close the books in 3 days"),
        ("headline", "Try Quillmoss free"),
        ("body", "Reconcile ledgers overnight, with no setup fees."),
        ("cta", "Start trial"),
        ("headline", "Month-end without the overtime"),
        ("body", "Unlimited users on the Team plan."),
        ("cta", "Book a demo"),
    ]


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Headline", "headline"),
        ("headline_1", "headline"),
        ("Headline 2", "headline"),
        ("HEADLINE", "headline"),
        ("Title", "headline"),
        ("h1", "headline"),
        ("Long headline", "headline"),
        ("Headine", "headline"),  # typo
        ("Description", "body"),
        ("Description Line 2", "body"),
        ("body", "body"),
        ("Text", "body"),
        ("Copy", "body"),
        ("Primary Text", "body"),
        ("ad_copy", "body"),
        ("Descriptoin", "body"),
        ("CTA", "cta"),
        ("call_to_action", "cta"),
        ("Call To Action", "cta"),
        ("Button", "cta"),
        ("CTA text", "cta"),
        ("Ad ID", None),
        ("Headline ID", None),
        ("Final URL", None),
        ("Display URL", None),
        ("Campaign", None),
        ("Start date", None),
        ("Impressions", None),
        ("Notes owner", None),
        ("Location", None),  # close to "caption", but a typo keeps its first letter
        ("$189 per location per month", None),
    ],
)
def test_csv_column_kind(header, kind):
    assert column_kind(header) == kind


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("title;body\nFast close;Three days.\n", [("headline", "Fast close"), ("body", "Three days.")]),
        ("Headline\tDescription\nA\tB\n", [("headline", "A"), ("body", "B")]),
        ("headline\nOnly one column\n", [("headline", "Only one column")]),
        (
            "Report: spring ads\nDate range: March\nHeadline,Primary text\nA,B\n",
            [("headline", "A"), ("body", "B")],
        ),
        (
            'Headline,Description\nA,"Line one\nline two"\n,\n',
            [("headline", "A"), ("body", "Line one line two")],
        ),
        ("\ufeffHeadline,Description\nA,\n", [("headline", "A")]),
        ("Headline,Headline\nFirst,Second\n", [("headline", "First"), ("headline", "Second")]),
    ],
    ids=["semicolon", "tab", "one-column", "report-title-rows", "multiline-cell", "bom", "duplicate-header"],
)
def test_csv_shapes(tmp_path, source, expected):
    assert pairs(write(tmp_path, "ads.csv", source)) == expected


def test_csv_cp1252(tmp_path):
    path = write(
        tmp_path, "ads.csv", "Headline,Description\n“Close” in 3 days,Don’t wait – start now\n", "cp1252"
    )
    assert pairs(path) == [("headline", "“Close” in 3 days"), ("body", "Don’t wait – start now")]


def test_csv_without_text_column_names_columns(tmp_path):
    path = write(tmp_path, "metrics.csv", "Ad ID,Final URL,Clicks\n1,https://example.com,40\n")
    with pytest.raises(InputError, match="no column of ad text") as info:
        load_asset(path)
    message = str(info.value)
    assert "metrics.csv" in message
    assert "'Ad ID', 'Final URL', 'Clicks'" in message


def test_csv_unreadable(tmp_path):
    path = write(tmp_path, "huge.csv", 'Headline\n"' + "a" * 200_000 + '"\n')
    with pytest.raises(InputError, match="not a readable CSV file") as info:
        load_asset(path)
    assert "huge.csv" in str(info.value)


def test_csv_header_only(tmp_path):
    with pytest.raises(InputError, match="no ad text") as info:
        load_asset(write(tmp_path, "ads.csv", "Headline,Description\n"))
    assert "ads.csv" in str(info.value)


def cells(path: Path) -> list[tuple[str, str, str]]:
    return [(b.kind, b.text, b.cell) for b in load_asset(path).blocks]


def test_a_price_sheet_csv_is_table_cells_naming_row_and_column(tmp_path):
    """Not an ad export, so a table read as msgcheck reads an HTML pricing table: a title row above it is
    body text, each value names its row label and column header, a prose cell stays prose."""
    prose = "Each location gets a named onboarding lead who sets up the menu, staff logins and " * 2
    source = (
        '"Price sheet, spring 2027"\n'
        "item,Restaurant Program,Retail Program\n"
        "Price,$189 per location per month,$149 per location per month\n"
        "Setup fee,Waived,$99\n"
        f'Onboarding,"{prose}",\n'
    )
    assert cells(write(tmp_path, "price-sheet.csv", source)) == [
        ("body", "Price sheet, spring 2027", ""),
        (
            "table_cell",
            "Price on Restaurant Program: $189 per location per month",
            "$189 per location per month",
        ),
        ("table_cell", "Price on Retail Program: $149 per location per month", "$149 per location per month"),
        ("table_cell", "Setup fee on Restaurant Program: Waived", "Waived"),
        ("table_cell", "Setup fee on Retail Program: $99", "$99"),
        ("body", prose.strip(), ""),
    ]


def test_a_csv_table_reads_like_the_same_html_table(tmp_path):
    """One convention (msgcheck.ingest._table) for both readers."""
    html = (
        "<table><tr><th>Plan</th><th>Standard</th><th>Growth</th></tr>"
        "<tr><td>Chargeback fee</td><td>$15</td><td>Waived</td></tr>"
        "<tr><td>Monthly fee</td><td>$0</td><td>Custom</td></tr></table>"
    )
    csv_text = "Plan,Standard,Growth\nChargeback fee,$15,Waived\nMonthly fee,$0,Custom\n"
    assert load_asset(write(tmp_path, "fees.csv", csv_text)).blocks == parse_html(html)


def test_the_item_restaurant_plant_sheet_is_read_whole(tmp_path):
    """Reported: only the second column was read, from the second data row on. "$189 per location per month"
    was taken for the header ("location" as a misspelt "caption", so a body column) and the one row under it
    read as ad copy."""
    source = (
        "item,restaurant,plant\n"
        "Price,$189 per location per month,$240 per site per month\n"
        "Contract,Month-to-month,12 months\n"
    )
    assert pairs(write(tmp_path, "plans.csv", source)) == [
        ("table_cell", "Price on restaurant: $189 per location per month"),
        ("table_cell", "Price on plant: $240 per site per month"),
        ("table_cell", "Contract on restaurant: Month-to-month"),
        ("table_cell", "Contract on plant: 12 months"),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "program,item,description\n"
            "Restaurant Program,Price,$189 per location per month\n"
            "Restaurant Program,Setup,No setup fee\n"
            "Retail Program,Price,$149 per location per month\n",
            [
                "Price on Restaurant Program: $189 per location per month",
                "Setup on Restaurant Program: No setup fee",
                "Price on Retail Program: $149 per location per month",
            ],
        ),
        (  # the plan written once, the rows under it left blank (merged cells); a feature without a value
            "plan,feature,price\nStarter,Monthly fee,$29\n,Users,Up to 5\nStarter,Email support,\n"
            "Growth,Monthly fee,$99\n",
            [
                "Monthly fee on Starter: $29",
                "Users on Starter: Up to 5",
                "Starter: Email support",
                "Monthly fee on Growth: $99",
            ],
        ),
    ],
    ids=["program-item-description", "plan-feature-price"],
)
def test_a_long_price_sheet_names_each_value_by_its_attribute_and_its_thing(tmp_path, source, expected):
    """Three columns, the first naming one thing on several rows: (thing, attribute, value) rows. A lone
    description column beside unrecognised ones is a table, not an ad export (it was read alone, its row
    labels dropped)."""
    blocks = load_asset(write(tmp_path, "sheet.csv", source)).blocks
    assert [b.text for b in blocks] == expected
    assert {b.kind for b in blocks} == {"table_cell"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a body column with only ad-platform fields beside it is an ad export
        (
            "Ad ID,Description,Final URL\n7,Unlimited users.,https://x.example\n",
            [("body", "Unlimited users.")],
        ),
        ("Ad name,Primary text\nspring_v1,Unlimited users.\n", [("body", "Unlimited users.")]),
        ("Description\nUnlimited users.\n", [("body", "Unlimited users.")]),
        # a body column beside a column of another thing, one row a plan: a table
        (
            "plan,description\nStarter,For one location\n",
            [("table_cell", "Starter on description: For one location")],
        ),
        # a row of a table whose cell names an ad column ("Subject lines") is not the header of an ad export
        (
            "feature,Starter,Growth\nSubject lines,Yes,Unlimited\n",
            [
                ("table_cell", "Subject lines on Starter: Yes"),
                ("table_cell", "Subject lines on Growth: Unlimited"),
            ],
        ),
        # nor is a whole line of it read with another delimiter ("Text messages,$5 a month" as one cell)
        ("plan,price\nText messages,$5 a month\n", [("table_cell", "Text messages on price: $5 a month")]),
    ],
    ids=[
        "body-beside-ad-fields",
        "body-beside-ad-name",
        "body-only",
        "body-beside-a-plan",
        "ad-word-in-a-table-row",
        "other-delimiter",
    ],
)
def test_csv_ad_export_or_table(tmp_path, source, expected):
    assert pairs(write(tmp_path, "a.csv", source)) == expected


def test_csv_table_errors(tmp_path):
    with pytest.raises(InputError, match="header row but no rows under it") as info:
        load_asset(write(tmp_path, "plans.csv", "plan,price\n"))
    assert "plans.csv" in str(info.value)
    wide = ",".join(f"c{i}" for i in range(51)) + "\n" + ",".join("x" * 51) + "\n"
    with pytest.raises(InputError, match="51 columns are too many for a table"):
        load_asset(write(tmp_path, "dump.csv", wide))


# --- PDF -----------------------------------------------------------------------------------------


def make_pdf(path: Path, parts: list[tuple[str, int, str]], *, pages: int = 1) -> Path:
    """parts: (style "" or "B", font size, text); a text of "" adds vertical space."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        for style, size, text in parts:
            if not text:
                pdf.ln(6)
                continue
            pdf.set_font("Helvetica", style, size)
            pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


LONG = (
    "Quillmoss reconciles your ledgers overnight, pulling entries from every bank feed and card you "
    "connect, so that the close takes three days instead of two weeks."
)


def test_pdf_paragraphs_and_headlines(tmp_path):
    path = make_pdf(
        tmp_path / "brochure.pdf",
        [
            ("B", 24, "Close the books in three days"),
            ("", 11, LONG),
            ("", 0, ""),
            ("B", 11, "Pricing"),
            ("", 11, "Plans start at $29 per user per month, billed annually."),
            ("", 0, ""),
            ("", 11, "- Unlimited users on the Team plan"),
            ("", 11, "- No setup fees"),
            ("", 11, "Questions? Write to our team."),
        ],
    )
    doc = load_asset(path)
    assert doc.format == "pdf"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Close the books in three days"),
        ("body", LONG),
        ("headline", "Pricing"),
        ("body", "Plans start at $29 per user per month, billed annually."),
        ("list_item", "Unlimited users on the Team plan"),
        ("list_item", "No setup fees"),
        ("body", "Questions? Write to our team."),
    ]


def test_pdf_pages(tmp_path):
    path = make_pdf(tmp_path / "two.pdf", [("", 11, LONG)], pages=2)
    assert pairs(path) == [("body", LONG), ("body", LONG)]


def test_pdf_plain_first_line_is_headline(tmp_path):
    path = make_pdf(
        tmp_path / "plain.pdf", [("", 11, "Quillmoss for finance teams"), ("", 0, ""), ("", 11, LONG)]
    )
    assert pairs(path) == [("headline", "Quillmoss for finance teams"), ("body", LONG)]


def test_pdf_without_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with a drawing and no text, like a scan
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match="no text layer; scanned PDFs are not supported") as info:
        load_asset(tmp_path / "scan.pdf")
    assert "scan.pdf" in str(info.value)


def test_pdf_encrypted(tmp_path):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Secret copy")
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(InputError, match="password") as info:
        load_asset(tmp_path / "locked.pdf")
    assert "locked.pdf" in str(info.value)


def test_pdf_owner_password_only_opens(tmp_path):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Readable copy.")
    pdf.output(str(tmp_path / "owner.pdf"))
    assert pairs(tmp_path / "owner.pdf") == [("body", "Readable copy.")]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n this is not really a pdf",
        b"just some text in a .pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<",
    ],
    ids=["header-only", "text", "truncated"],
)
def test_pdf_corrupt(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_asset(path)
    assert "broken.pdf" in str(info.value)


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_styles_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("Close the books in three days", level=0)  # style "Title"
    document.add_paragraph("Quillmoss reconciles your  ledgers overnight.")
    document.add_heading("What you get", level=2)
    document.add_paragraph("Automatic bank matching", style="List Bullet")
    document.add_paragraph("Connect your bank", style="List Number")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Plan"
    table.cell(0, 1).text = "Price"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Every plan: $29 per user"
    document.add_paragraph("Questions? Write to us.")
    document.sections[0].footer.paragraphs[0].text = "Page footer boilerplate"
    document.save(str(tmp_path / "onepager.docx"))

    doc = load_asset(tmp_path / "onepager.docx")
    assert doc.format == "docx"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("headline", "Close the books in three days"),
        ("body", "Quillmoss reconciles your ledgers overnight."),
        ("headline", "What you get"),
        ("list_item", "Automatic bank matching"),
        ("list_item", "Connect your bank"),
        ("body", "Plan"),
        ("body", "Price"),
        ("body", "Every plan: $29 per user"),
        ("body", "Questions? Write to us."),
    ]


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 not a real zip", b"plain text pretending", b"PK\x05\x06" + b"\x00" * 18]
)
def test_docx_corrupt(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"not a readable \.docx") as info:
        load_asset(path)
    assert "broken.docx" in str(info.value)


def test_docx_without_text(tmp_path):
    docx.Document().save(str(tmp_path / "blank.docx"))
    with pytest.raises(InputError, match="no visible text") as info:
        load_asset(tmp_path / "blank.docx")
    assert "blank.docx" in str(info.value)


# --- load_asset / load_assets --------------------------------------------------------------------


def test_extensions():
    assert set(ASSET_EXTENSIONS) >= {".md", ".txt", ".html", ".htm", ".csv", ".pdf", ".docx"}


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("missing.md", None, InputError, "not found"),
        ("empty.md", b"", InputError, "empty"),
        ("blank.txt", b"  \n\n ", InputError, "only whitespace"),
        ("binary.html", b"\x00\x01\x02<html>", InputError, "binary"),
        ("comment.md", b"<!-- nothing visible -->\n", InputError, "no visible text"),
        ("scripts.html", b"<script>x()</script><style>p{}</style>", InputError, "no visible text"),
        ("slides.pptx", b"PK", UnsupportedFormatError, "does not read .pptx"),
        ("legacy.doc", b"\xd0\xcf\x11\xe0", UnsupportedFormatError, "save it as .docx"),
        ("README", b"text", UnsupportedFormatError, "without an extension"),
    ],
)
def test_load_asset_errors(tmp_path, name, data, error, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(error, match=message) as info:
        load_asset(path)
    assert name in str(info.value)


def test_load_asset_folder(tmp_path):
    with pytest.raises(InputError, match="folder"):
        load_asset(tmp_path)


def test_load_assets_folder_recursive_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path, "z.md", "# Z")
    write(tmp_path / "b", "a.txt", "A title")
    write(tmp_path, "a.html", "<h1>A</h1>")
    write(tmp_path, ".draft.md", "# Draft")
    write(tmp_path / ".hidden", "secret.md", "# Secret")
    write(tmp_path, "~$lock.docx", "lock")
    write(tmp_path, "notes.json", "{}")
    write(tmp_path, "image.png", "png")
    docs = load_assets([tmp_path])
    assert [d.name for d in docs] == ["a.html", "a.txt", "z.md"]
    assert [d.format for d in docs] == ["html", "txt", "md"]


def test_load_assets_mixed_and_deduplicated(tmp_path):
    md = write(tmp_path, "one.md", "# One")
    docs = load_assets([md, str(md), FIXTURES / "ads.csv"])
    assert [d.name for d in docs] == ["one.md", "ads.csv"]


def test_load_assets_fixture_folder_reads_every_asset():
    docs = load_assets([FIXTURES])
    assert [d.name for d in docs] == ["ads.csv", "email.txt", "landing.html", "launch.md"]
    assert all(d.blocks for d in docs)


def test_load_assets_named_unknown_extension(tmp_path):
    path = write(tmp_path, "notes.json", "{}")
    with pytest.raises(UnsupportedFormatError) as info:
        load_assets([path])
    assert "notes.json" in str(info.value)


@pytest.mark.parametrize("make", [lambda p: [p], lambda p: []], ids=["empty-folder", "no-paths"])
def test_load_assets_none_found(tmp_path, make):
    write(tmp_path, "image.png", "png")
    with pytest.raises(InputError, match="no assets found"):
        load_assets(make(tmp_path))


def test_load_assets_missing_path(tmp_path):
    with pytest.raises(InputError, match="not found") as info:
        load_assets([tmp_path / "gone"])
    assert "gone" in str(info.value)


def test_uploads_are_parsed_from_their_bytes_as_files_are(tmp_path, monkeypatch):
    """An upload (name and bytes) reads exactly as the same file on disk, and no temporary file is written."""
    import tempfile

    from msgcheck.errors import InputError
    from msgcheck.ingest import load_asset, load_transcript, parse_asset, parse_transcript

    page = tmp_path / "offer.md"
    page.write_text("# 30-day free trial\n\nNo contract. Setup is free.\n", encoding="utf-8")
    call = tmp_path / "call.txt"
    call.write_text(
        "Dana: Hi, Dana from Routewick.\nSam: Hi.\nDana: The trial is thirty days.\n", encoding="utf-8"
    )
    from_disk = (load_asset(page), load_transcript(call))

    def no_temp(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    monkeypatch.setattr(tempfile, "mkdtemp", no_temp)
    doc = parse_asset("offer.md", page.read_bytes())
    transcript = parse_transcript("call.txt", call.read_bytes())
    assert [b.text for b in doc.blocks] == [b.text for b in from_disk[0].blocks]
    assert [(u.speaker, u.text) for u in transcript.utterances] == [
        (u.speaker, u.text) for u in from_disk[1].utterances
    ]
    with pytest.raises(InputError, match="file is empty") as err:
        parse_transcript("blank.vtt", b"")
    assert err.value.path == "blank.vtt"
