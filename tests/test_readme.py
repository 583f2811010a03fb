"""The README's own examples work: every `msgcheck` line of the ```bash blocks under "Command line" runs
here, on the demo, with the exit code and output it promises.

Lines that name the user's own files (``site/``, ``calls/*``, ``pairs.tsv``) run with the demo's files in
their place (SUBSTITUTE says which); ``msgcheck train cross`` trains for 40 minutes, so only its
``--help`` runs. A README line with no entry in EXPECTED fails the test: a new example needs a check.
"""

from __future__ import annotations

import glob
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msgcheck.cli.main import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DEMO = "corpora/demo/campaigns/routewick-spring-rush"
CALL_01 = "corpora/demo/calls/call-01-brightwater-plumbing.txt"

# a placeholder in a README line -> what the test runs instead (each token replaced whole)
SUBSTITUTE = {
    "site/": DEMO,
    "ads.csv": f"{DEMO}/search-ads.csv",
    "call.vtt": "corpora/demo/calls/call-03-carver-sons-mechanical.vtt",
    "calls/*.txt": CALL_01,
    "calls/*": "corpora/demo/calls/call-0[14]*",  # two calls: the check stays short
    "calls/": "corpora/demo/calls",  # a folder of calls
    "corpora/journeys/dev/calls/*": "corpora/journeys/dev/calls/oxley-*",  # the account's own calls: short
    "Dana Ortiz": "Dana Okafor",  # a rep of the demo call (an unknown --rep is an error, exit 2)
    "corpora/dev/tune": "corpora/demo",  # the tuning split takes minutes; the demo is a labelled set too
}
PAIRS_TSV = (
    "premise\thypothesis\n30-day free trial\tthe trial is two weeks\nNo setup fee\tno setup fee at all\n"
)
EMAILS_TSV = (
    f"premise\thypothesis\n@{Path(CALL_01).name}\tThanks for the call! As promised, your trial is 14 days.\n"
)

# the README line (after substitution) -> (exit code, what its output must say)
EXPECTED = {
    "msgcheck check --assets corpora/demo/campaigns/routewick-spring-rush corpora/demo/calls/*": (
        0,
        "7 calls",
    ),
    "msgcheck check --assets site/ --assets ads.csv call.vtt --format json --output report.json": (0, ""),
    'msgcheck check --assets site/ calls/*.txt --rep "Dana Ortiz" --fail-on contradiction': (
        1,
        "contradiction",
    ),
    "msgcheck check --assets site/ calls/ --jobs 2 -f json -o week.json": (0, ""),
    # --help only: it needs a running cluster (`ray start --head`); tests/test_run_ray.py checks on one
    "msgcheck check --engine ray --address auto --assets site/ calls/": (0, "Usage"),
    'msgcheck pair "30-day free trial, no credit card" "the trial\'s fourteen days"': (0, "contradiction"),
    "msgcheck journey oxley corpora/journeys/dev/calls/* --assets "
    "corpora/journeys/dev/campaigns/tallbrook-quarterly-care": (0, "Oxley"),
    "msgcheck pairs pairs.tsv": (0, "contradiction"),
    "msgcheck pairs emails.tsv --documents": (0, ""),
    "msgcheck eval corpora/dev/tune --judge cross": (0, ""),
    "msgcheck train cross": (0, "Usage"),  # --help only: training takes 40 minutes
    "msgcheck train final": (0, "Usage"),  # --help only: it reads 11 labelled sets (about 6 minutes)
    "msgcheck workspace import corpora/demo": (0, ""),
    "msgcheck check --workspace msgcheck.db --assets site/ calls/*": (0, ""),
    "msgcheck workspace list findings --unreviewed": (0, ""),
    'msgcheck workspace review 12 dismiss --reviewer ana --note "the assets say so"': (0, ""),
    'msgcheck workspace set-reps call-01-brightwater-plumbing.txt "Dana Okafor"': (0, ""),
    "msgcheck calibrate": (None, ""),  # one review is too few to fit: a clear message, either way
    "msgcheck workspace ledger claims": (0, ""),
    "msgcheck workspace export backup.json": (0, ""),
}


def readme_commands() -> list[str]:
    """Every `msgcheck ...` line (comment dropped) of the ```bash blocks in the README's Command line part."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index("## Command line") :]
    part = part[: part.index("\n## ", 5)]
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", part, flags=re.S):
        for line in block.splitlines():
            line = " ".join(_uncommented(line).split())
            if line.startswith("msgcheck "):
                lines.append(line)
    return lines


def _uncommented(line: str) -> str:
    """The line up to a ``#`` that starts a shell comment (outside quotes, after a space)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def test_every_readme_example_has_a_check():
    found = readme_commands()
    assert len(found) >= 15, "the README lost its examples?"
    assert [c for c in found if c not in EXPECTED] == [], "a README example with no check in EXPECTED"


def _argv(line: str, cwd: Path) -> list[str]:
    words = shlex.split(line)[1:]
    out: list[str] = []
    for w in words:
        w = SUBSTITUTE.get(w, w)
        matches = sorted(glob.glob(w, root_dir=cwd)) if any(ch in w for ch in "*?[") else []
        out += matches or [w]
    return out


@pytest.fixture(scope="module")
def play(tmp_path_factory) -> Path:
    """A folder to run the README in: ``corpora`` (the repository's), ``pairs.tsv`` and ``emails.tsv``."""
    cwd = tmp_path_factory.mktemp("readme")
    (cwd / "corpora").symlink_to(ROOT / "corpora")
    (cwd / "pairs.tsv").write_text(PAIRS_TSV, encoding="utf-8")
    (cwd / "emails.tsv").write_text(EMAILS_TSV, encoding="utf-8")
    (cwd / Path(CALL_01).name).symlink_to(ROOT / CALL_01)  # @file in emails.tsv is beside the TSV
    return cwd


def test_the_readme_examples_run_as_written(play, monkeypatch, checker):
    del checker  # loads the models once for the session; the CLI's checkers reuse them
    monkeypatch.chdir(play)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    runner = CliRunner()
    for line in readme_commands():
        code, says = EXPECTED[line]
        argv = _argv(line, play)
        if argv[:2] in (["train", "cross"], ["train", "final"]) or "--engine" in argv:
            argv.append("--help")
        if argv[:3] == ["workspace", "review", "12"]:
            listed = runner.invoke(app, ["workspace", "list", "findings", "--json"])
            argv[2] = str(json.loads(listed.stdout)[0]["id"])
        result = runner.invoke(app, argv)
        output = result.stdout + (result.stderr if result.stderr_bytes is not None else "")
        if code is not None:
            assert result.exit_code == code, f"{line}\n-> {argv}\nexit {result.exit_code}\n{output[-2000:]}"
        else:
            assert result.exit_code in (0, 2) and "Traceback" not in output, f"{line}\n{output[-2000:]}"
        assert says in output, f"{line}: {says!r} not in\n{output[-2000:]}"
    report = json.loads((play / "report.json").read_text(encoding="utf-8"))
    assert [c["call"] for c in report["calls"]] == ["call-03-carver-sons-mechanical.vtt"]
    assert json.loads((play / "backup.json").read_text(encoding="utf-8"))


def test_readme_kind_examples_come_out_as_their_kind(checker):
    """The README's table of kinds, each example through the judge (`msgcheck pair`)."""
    from msgcheck.check.pairs import judge_pairs

    examples = [
        ("30-day free trial", "the trial is two weeks", "contradiction"),
        ("no setup fee", "no setup fee as long as you sign for a year", "weakened"),
    ]
    results = judge_pairs(checker, [(a, r) for a, r, _ in examples])
    assert [r.kind for r in results] == [k for _, _, k in examples]


def test_the_waived_setup_fee_on_the_annual_plan_is_weakened(checker):
    report = checker.check([ROOT / DEMO], [ROOT / CALL_01])
    kinds = {f.transcript["text"]: f.kind for f in report.calls[0].findings if f.transcript}
    waived = next(t for t in kinds if "we waive it" in t)
    assert kinds[waived] == "weakened"
    # the campaign says month-to-month itself: "if you stay monthly, there's no contract" adds nothing
    assert not [t for t in kinds if "stay monthly" in t]
