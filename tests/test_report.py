"""Report serialisation and rendering, on hand-built Reports (no models)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from msgcheck.errors import InputError, MsgcheckError
from msgcheck.report import (
    CSV_COLUMNS,
    drift_score,
    format_time,
    from_json,
    render_table,
    report_from_dict,
    report_to_dict,
    to_csv,
    to_html,
    to_json,
    write_report,
)
from msgcheck.types import CallReport, Coverage, Finding, Report

DOC = Path(__file__).resolve().parent.parent / "docs" / "report-schema.md"

XSS_SCRIPT = "<script>alert('x')</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
MD_TRICK = "[free forever](javascript:alert(1)) **bold** <a href='http://evil'>x</a> ![i](http://evil/p.png)"


def make_report() -> Report:
    findings = [
        Finding(
            kind="contradiction",
            score=0.9,
            slot="price",
            explanation="Rep says $39/month; pricing.md says $49/month.",
            transcript={"speaker": "Dana", "text": "It's $39 a month, flat.", "start": 312.4, "index": 41},
            asset={"file": "pricing.md", "text": "Team plan: $49 per user per month."},
        ),
        Finding(
            kind="weakened",
            score=0.55,
            slot="trial",
            explanation="Rep adds a condition to the free trial.",
            transcript={
                "speaker": "Dana",
                "text": "The trial is only if you sign today.",
                "start": 3725.0,
                "index": 7,
            },
            asset={"file": "landing.html", "text": "30-day free trial, no card needed."},
        ),
        Finding(
            kind="unsupported",
            score=0.7,
            slot="discount",
            explanation="No asset offers a 50% discount.",
            transcript={
                "speaker": "Dana",
                "text": "I can do 50% off — just for you.",
                "start": None,
                "index": 9,
            },
            asset=None,
        ),
        Finding(
            kind="omission",
            score=0.5,
            slot="guarantee",
            explanation="The money-back guarantee was never mentioned.",
            transcript=None,
            asset={"file": "landing.html", "text": "60-day money-back guarantee."},
        ),
    ]
    call = CallReport(
        call="acme-discovery.vtt",
        reps=["Dana"],
        prospects=["Lee"],
        drift_score=round(drift_score(findings), 4),
        findings=findings,
        coverage=[
            Coverage("pricing.md", "Team plan: $49 per user per month.", "contradicted"),
            Coverage("landing.html", "30-day free trial, no card needed.", "weakened", headline=True),
            Coverage("landing.html", "60-day money-back guarantee.", "not_mentioned", headline=True),
            Coverage("landing.html", "SOC 2 Type II certified.", "upheld"),
        ],
        role_source={"Dana": "file", "Lee": "inferred"},
        role_confidence={"Dana": 1.0, "Lee": 0.62},
        role_evidence={
            "Dana": ["stated in the transcript"],
            "Lee": ["2 questions about the product or its price"],
        },
        roles_uncertain="who is a rep was guessed from how people talk; least certain: Lee (prospect, 62% sure).",
    )
    clean = CallReport(call="globex-demo.txt", reps=["Sam"], prospects=["Kim"], drift_score=0.0)
    broken = CallReport(
        call="broken.json", reps=[], prospects=[], drift_score=0.0, error="could not read: not valid JSON"
    )
    return Report(
        calls=[call, clean, broken],
        assets=["pricing.md", "landing.html"],
        msgcheck_version="0.1.0",
    )


def hostile_report() -> Report:
    """Every user-controlled string carries an injection attempt."""
    f = Finding(
        kind="contradiction",
        score=1.0,
        slot=XSS_SCRIPT,
        explanation=f"{XSS_SCRIPT} {MD_TRICK}",
        transcript={
            "speaker": XSS_ATTR,
            "text": f'=HYPERLINK("http://evil") {XSS_SCRIPT}',
            "start": 5.0,
            "index": 0,
        },
        asset={"file": f"{XSS_ATTR}.md", "text": f"{MD_TRICK} [red]markup[/red]"},
    )
    call = CallReport(
        call=f"{XSS_SCRIPT}.txt",
        reps=[XSS_ATTR],
        prospects=[XSS_SCRIPT],
        drift_score=1.0,
        findings=[f],
        coverage=[Coverage(XSS_ATTR, XSS_SCRIPT, "contradicted", headline=True)],
        role_source={XSS_ATTR: "cli"},
        role_evidence={XSS_ATTR: [XSS_SCRIPT]},
        roles_uncertain=XSS_SCRIPT,
        error=XSS_SCRIPT,
    )
    return Report(calls=[call], assets=[XSS_SCRIPT, XSS_ATTR], msgcheck_version=XSS_SCRIPT)


# --------------------------------------------------------------------------- dict and JSON


def test_dict_round_trip_is_equal():
    report = make_report()
    assert report_from_dict(report_to_dict(report)) == report


def test_json_round_trip_is_equal():
    report = make_report()
    assert from_json(to_json(report)) == report


def test_hostile_text_round_trips():
    report = hostile_report()
    assert from_json(to_json(report)) == report


def test_dict_keys_in_documented_order():
    d = report_to_dict(make_report())
    assert list(d) == ["schema_version", "msgcheck_version", "assets", "asset_errors", "calls", "summary"]
    call = d["calls"][0]
    assert list(call) == [
        "call",
        "reps",
        "prospects",
        "role_source",
        "roles_uncertain",
        "roles_uncertain_reason",
        "role_confidence",
        "role_evidence",
        "drift_score",
        "error",
        "findings",
        "promises",
        "coverage",
    ]
    assert list(call["findings"][0]) == [
        "kind",
        "score",
        "slot",
        "transcript",
        "asset",
        "explanation",
        "probabilities",
    ]
    assert list(call["findings"][0]["transcript"]) == ["speaker", "text", "start", "index"]
    assert list(call["findings"][0]["asset"]) == ["file", "text"]
    assert list(call["coverage"][0]) == ["asset_file", "text", "status", "headline", "rep"]


def test_summary_counts():
    summary = report_to_dict(make_report())["summary"]
    assert summary == {
        "calls": 3,
        "calls_with_drift": 1,
        "calls_with_errors": 1,
        "assets_with_errors": 0,
        "findings": {"contradiction": 1, "weakened": 1, "unsupported": 1, "omission": 1, "inconsistent": 0},
    }


def test_json_rounds_floats_and_keeps_unicode():
    report = make_report()
    report.calls[0].findings[0].score = 0.123456789
    text = to_json(report)
    data = json.loads(text)
    assert data["calls"][0]["findings"][0]["score"] == 0.1235
    assert "—" in text  # ensure_ascii=False keeps the em dash as is
    assert to_json(report) == text  # stable output


def test_json_handles_numpy_like_numbers():
    class FakeFloat(float):
        pass

    report = make_report()
    report.calls[0].findings[0].score = FakeFloat(0.5)
    assert json.loads(to_json(report))["calls"][0]["findings"][0]["score"] == 0.5


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema_version=2), "unsupported report schema_version 2"),
        (lambda d: d.update(schema_version="1"), "unsupported report schema_version '1'"),
        (lambda d: d.pop("schema_version"), "missing key 'schema_version'"),
        (lambda d: d.pop("calls"), "missing key 'calls'"),
        (lambda d: d["calls"][0].pop("reps"), "calls[0]: missing key 'reps'"),
        (lambda d: d["calls"][0]["findings"][2].pop("kind"), "calls[0].findings[2]: missing key 'kind'"),
        (
            lambda d: d["calls"][0]["findings"][0]["transcript"].pop("speaker"),
            "calls[0].findings[0].transcript: missing key 'speaker'",
        ),
        (lambda d: d["calls"][0]["findings"][0].update(kind="typo"), "unknown value 'typo'"),
        (lambda d: d["calls"][0]["coverage"][0].update(status="meh"), "unknown value 'meh'"),
        (lambda d: d["calls"][0].update(drift_score="high"), "calls[0].drift_score: expected int or float"),
        (lambda d: d["calls"][0]["coverage"][0].update(headline=1), "expected bool, got int"),
    ],
)
def test_from_dict_rejects_bad_input_with_clear_message(mutate, message):
    d = report_to_dict(make_report())
    mutate(d)
    with pytest.raises(InputError) as excinfo:
        report_from_dict(d, source="old.json")
    text = str(excinfo.value)
    assert message in text
    assert text.startswith("old.json: ")


def test_from_dict_ignores_unknown_keys_and_summary():
    d = report_to_dict(make_report())
    d["new_top_level"] = {"added": True}
    d["calls"][0]["new_field"] = 3
    del d["summary"]
    assert report_from_dict(d) == make_report()


def test_from_json_rejects_invalid_json():
    with pytest.raises(InputError, match="not valid JSON"):
        from_json("{not json", source="r.json")
    with pytest.raises(InputError, match="expected an object"):
        from_json("[1, 2]")


# --------------------------------------------------------------------------- drift_score and time


def _f(kind: str, score: float) -> Finding:
    return Finding(kind=kind, score=score, slot=None, explanation="")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], 0.0),
        ([_f("contradiction", 1.0)], 1.0),
        ([_f("contradiction", 0.5)], 0.5),
        ([_f("weakened", 1.0)], 0.6),
        ([_f("unsupported", 1.0)], 0.5),
        ([_f("omission", 1.0)], 0.4),
        ([_f("omission", 0.5)], 0.2),
        ([_f("weakened", 0.5), _f("unsupported", 0.8)], 1 - 0.7 * 0.6),
        ([_f("contradiction", 0.75), _f("omission", 0.5)], 0.8),
        ([_f("omission", 1.0)] * 3, 1 - 0.6**3),
        ([_f("contradiction", 1.7)], 1.0),  # clamped
        ([_f("weakened", -0.3)], 0.0),  # clamped
    ],
)
def test_drift_score(findings, expected):
    assert drift_score(findings) == pytest.approx(expected)


def test_drift_score_never_drops_when_a_finding_is_added():
    base = [_f("weakened", 0.4)]
    assert drift_score([*base, _f("omission", 0.1)]) >= drift_score(base)


def test_drift_score_rejects_unknown_kind():
    with pytest.raises(ValueError, match="unknown finding kind 'bogus'"):
        drift_score([_f("bogus", 0.5)])


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (None, ""),
        (float("nan"), ""),
        (0, "00:00"),
        (5.9, "00:05"),
        (65, "01:05"),
        (3599.99, "59:59"),
        (3600, "1:00:00"),
        (3725.0, "1:02:05"),
        (36000, "10:00:00"),
        (-3, "00:00"),
    ],
)
def test_format_time(seconds, expected):
    assert format_time(seconds) == expected


# --------------------------------------------------------------------------- CSV


def test_csv_one_row_per_finding_with_columns():
    text = to_csv(make_report())
    assert text.splitlines()[0] == (
        "call,kind,score,slot,speaker,start,index,transcript_text,asset_file,asset_text,explanation"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4
    first = rows[0]
    assert first["call"] == "acme-discovery.vtt"
    assert first["kind"] == "contradiction"
    assert first["score"] == "0.9"
    assert first["speaker"] == "Dana"
    assert first["start"] == "312.4"
    assert first["index"] == "41"
    assert first["transcript_text"] == "It's $39 a month, flat."
    assert first["asset_file"] == "pricing.md"
    assert first["asset_text"] == "Team plan: $49 per user per month."
    omission = rows[3]
    assert omission["speaker"] == omission["transcript_text"] == omission["start"] == ""
    unsupported = rows[2]
    assert unsupported["asset_file"] == unsupported["asset_text"] == "" and unsupported["start"] == ""


@pytest.mark.parametrize("payload", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"])
def test_csv_guards_formula_injection(payload):
    f = Finding(
        kind="contradiction",
        score=0.5,
        slot=payload,
        explanation=payload,
        transcript={"speaker": payload, "text": payload, "start": 1.0, "index": 0},
        asset={"file": payload, "text": payload},
    )
    report = Report(calls=[CallReport(call=payload, reps=[], prospects=[], drift_score=0.5, findings=[f])])
    row = next(csv.DictReader(io.StringIO(to_csv(report))))
    for column in ("call", "slot", "speaker", "transcript_text", "asset_file", "asset_text", "explanation"):
        assert row[column] == "'" + payload, column
    assert row["score"] == "0.5"  # numbers are left alone


def test_csv_leaves_ordinary_text_alone():
    row = next(csv.DictReader(io.StringIO(to_csv(make_report()))))
    assert not row["explanation"].startswith("'")


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained_and_has_summary_first():
    page = to_html(make_report())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page
    assert page.index("1 of 3 calls drift") < page.index('id="call-0"')
    # rep quote beside the asset claim, with speaker @ time
    row = page[page.index("It&#x27;s $39 a month") - 300 : page.index("Team plan: $49") + 100]
    assert "Dana @ 05:12" in row
    assert "k-contradiction" in page and "k-omission" in page
    assert "not said on the call" in page and "no matching claim in the assets" in page
    assert "could not read: not valid JSON" in page
    assert "60-day money-back guarantee." in page and "s-not_mentioned" in page


def test_html_escapes_every_piece_of_user_text():
    page = to_html(hostile_report())
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    tags = re.findall(r"<[^>]*>", page)
    # every tag is one of ours: no user text opens a tag or lands inside one
    names = {re.match(r"<\s*/?\s*([a-zA-Z0-9!]+)", t).group(1) for t in tags}
    assert names <= {
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "div", "p",
        "span", "table", "thead", "tbody", "tr", "th", "td", "a", "blockquote", "ul", "li", "section",
        "b", "code",
    }  # fmt: skip
    for tag in tags:
        assert "onerror" not in tag.lower() and "javascript:" not in tag.lower(), tag
        assert "evil" not in tag, tag
    hrefs = {h for t in tags for h in re.findall(r'href="([^"]*)"', t)}
    assert hrefs == {"#call-0"}  # only our own in-page anchors
    # markdown is shown literally, never rendered
    assert "[free forever](javascript:alert(1)) **bold**" in page
    assert html_escaped(XSS_SCRIPT) in page and html_escaped(XSS_ATTR) in page


def html_escaped(s: str) -> str:
    import html

    return html.escape(s, quote=True)


def test_html_warns_when_the_reps_are_a_guess_and_says_how_to_fix_it():
    page = to_html(make_report())
    call = page[page.index('id="call-0"') : page.index('id="call-1"')]
    assert "The reps on this call are a guess." in call and "Lee (prospect, 62% sure)" in call
    assert "--rep" in call and "workspace set-reps" in call
    assert "62% sure. 2 questions about the product or its price" in call
    assert "The reps on this call are a guess." not in page[page.index('id="call-1"') :]


def test_html_all_clear_headline():
    report = Report(calls=[CallReport(call="a.txt", reps=["A"], prospects=["B"], drift_score=0.0)])
    assert "No drift found in 1 checked call" in to_html(report)


# --------------------------------------------------------------------------- rich table


def _render(report: Report) -> str:
    console = Console(record=True, width=160, file=io.StringIO())
    render_table(report, console)
    return console.export_text()


def test_table_contains_quotes_and_summary():
    text = _render(make_report())
    for needle in (
        "acme-discovery.vtt",
        "It's $39 a month, flat.",
        "Team plan: $49 per user per month.",
        "The trial is only if you sign today.",
        "I can do 50% off — just for you.",
        "30-day free trial, no card needed.",
        "Rep says $39/month;",
        "(not said on the call)",
        "(no matching asset claim)",
        "Dana @ 05:12",
        "Dana @ 1:02:05",
        "contradiction",
        "omission",
        "0.90",
        "price",
        "error: could not read: not valid JSON",
        "no drift found",
        "3 calls, 1 with drift; 1 contradiction, 1 weakened, 1 unsupported, 1 omission;",
        "; 1 could not be checked",
    ):
        assert needle in text, needle


@pytest.mark.parametrize("width", [80, 100])
def test_narrow_table_wraps_every_quote_whole(width):
    """At 80 columns nothing is cut with an ellipsis: each quote, explanation and number reads whole."""
    console = Console(record=True, width=width, file=io.StringIO())
    render_table(make_report(), console)
    text = console.export_text()
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    flat = " ".join(text.split())
    for f in make_report().calls[0].findings:
        for quote in (f.explanation, (f.transcript or {}).get("text"), (f.asset or {}).get("text")):
            if quote:
                assert " ".join(quote.split()) in flat, quote
    assert "reps are a guess: who is a rep was guessed" in flat


def test_table_shows_errors_in_red_and_kinds_coloured():
    console = Console(
        record=True, width=160, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    render_table(make_report(), console)
    styled = console.export_text(styles=True)
    assert re.search(r"\x1b\[[0-9;]*31m[^\x1b]*error: could not read", styled)
    assert re.search(r"\x1b\[[0-9;]*31m[^\x1b]*contradiction", styled)


def test_table_does_not_interpret_user_text_as_markup():
    text = _render(hostile_report())
    assert "[red]markup[/red]" in text
    assert XSS_SCRIPT in text


# --------------------------------------------------------------------------- write_report


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "html"])
def test_write_report_atomic_and_leaves_no_temp_files(tmp_path, fmt):
    out = tmp_path / "reports" / f"report.{fmt}"
    write_report(make_report(), fmt, out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert from_json(text) == make_report()
    elif fmt == "table":
        assert "It's $39 a month, flat." in text and "\x1b[" not in text
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == 4
    else:
        assert text.startswith("<!DOCTYPE html>")
    # overwriting keeps it whole and still leaves nothing behind
    write_report(make_report(), fmt, out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_write_report_failure_keeps_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("msgcheck.report.write.os.replace", boom)
    with pytest.raises(MsgcheckError, match="cannot write the report: No space left on device"):
        write_report(make_report(), "json", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_report_to_a_folder_is_a_clear_error(tmp_path):
    with pytest.raises(MsgcheckError, match="cannot write the report"):
        write_report(make_report(), "json", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_write_report_without_output(capsys):
    write_report(make_report(), "json")
    assert from_json(capsys.readouterr().out) == make_report()
    console = Console(record=True, width=160, file=io.StringIO())
    write_report(make_report(), "table", None, console)
    assert "It's $39 a month, flat." in console.export_text()
    buf = io.StringIO()
    write_report(make_report(), "csv", None, Console(file=buf))
    assert buf.getvalue().startswith("call,kind,score")


def test_write_report_unknown_format():
    with pytest.raises(MsgcheckError, match="unknown report format 'pdf'"):
        write_report(make_report(), "pdf", None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- docs in step with code


def _keys(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            if path and path[-1] in ("role_source", "role_confidence", "role_evidence"):
                continue  # speaker names, not schema keys
            yield path, k
            yield from _keys(v, (*path, k))
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v, path)


def test_every_key_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    keys = {k for _, k in _keys(report_to_dict(make_report()))}
    missing = sorted(k for k in keys if not re.search(rf"`(?:[\w.\[\]]+\.)?{re.escape(k)}`", doc))
    assert not missing, f"keys written by report_to_dict but not in docs/report-schema.md: {missing}"


def test_every_csv_column_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    assert all(f"`{c}`" in doc for c in CSV_COLUMNS)


def test_doc_example_is_a_valid_report_and_its_numbers_agree():
    doc = DOC.read_text(encoding="utf-8")
    example = re.search(r"## Full example\s+```json\n(.*?)```", doc, re.S).group(1)
    data = json.loads(example)
    report = from_json(example)
    assert report_to_dict(report)["summary"] == data["summary"]
    for call in report.calls:
        assert call.drift_score == pytest.approx(drift_score(call.findings))
    assert list(data) == list(report_to_dict(report))


def test_doc_weights_match_code():
    from msgcheck.report import KIND_WEIGHTS

    doc = DOC.read_text(encoding="utf-8")
    for kind, weight in KIND_WEIGHTS.items():
        assert re.search(rf"\| `{kind}` \|.*\| {weight} \|", doc), kind
