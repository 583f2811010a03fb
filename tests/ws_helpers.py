"""Builders for workspace tests: tiny transcripts and assets on disk, hand-built Reports, read-only files."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from msgcheck.report import drift_score
from msgcheck.types import CallReport, Coverage, Finding, Report

ASSET_TEXT = """# Spring offer

Start a 30-day free trial, no credit card needed.

$0 setup fee when you start by May 31.

Month-to-month, cancel anytime.
"""


def write_asset(folder: Path, name: str = "offer.md", text: str = ASSET_TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def write_call(folder: Path, name: str, lines: list[tuple[str, str]]) -> Path:
    """A plain ``Speaker: text`` transcript."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text("".join(f"{who}: {text}\n" for who, text in lines), encoding="utf-8")
    return p


def simple_call(folder: Path, name: str, rep: str = "Dana Okafor", extra: str = "") -> Path:
    return write_call(
        folder,
        name,
        [
            (rep, f"Hi, this is {rep} from Routewick. {extra}".strip()),
            ("Gary Tallis", "Hi. How long is the trial?"),
            (rep, "The trial is fourteen days."),
            ("Gary Tallis", "And setup?"),
            (rep, "Setup is free only on the annual plan."),
        ],
    )


def finding(
    kind: str, score: float, text: str | None, asset: str | None, speaker: str = "Dana Okafor", index: int = 2
):
    return Finding(
        kind=kind,  # type: ignore[arg-type]
        score=score,
        slot="trial",
        explanation=f"{kind} at {score}",
        transcript=None
        if text is None
        else {"speaker": speaker, "text": text, "start": float(index), "index": index},
        asset=None if asset is None else {"file": "offer.md", "text": asset},
    )


def call_report(name: str, findings: list[Finding], reps=("Dana Okafor",), coverage=None) -> CallReport:
    return CallReport(
        call=name,
        reps=list(reps),
        prospects=["Gary Tallis"],
        drift_score=drift_score(findings),
        findings=findings,
        coverage=list(coverage or []),
        role_source={r: "cli" for r in reps},
    )


def report(*calls: CallReport, assets=("offer.md",)) -> Report:
    return Report(calls=list(calls), assets=list(assets), msgcheck_version="test")


TRIAL = "Start a 30-day free trial, no credit card needed."
SETUP = "$0 setup fee when you start by May 31."
CANCEL = "Month-to-month, cancel anytime."


def coverage(**status: str) -> list[Coverage]:
    texts = {"trial": TRIAL, "setup": SETUP, "cancel": CANCEL}
    return [Coverage("offer.md", texts[k], s, headline=(k == "trial")) for k, s in status.items()]  # type: ignore[arg-type]


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only even for root (chattr +i); skip when that cannot be done."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: cannot make a path read-only")
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("this filesystem does not support chattr +i")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
