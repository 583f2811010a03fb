"""The terminal table (rich), and a plain one when there is no terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..safetext import one_line, strip_controls
from ..types import Finding, Report
from .schema import _num, _summary
from .words import _KIND_STYLE, counted, format_time, promise_line

# --------------------------------------------------------------------------- rich table


def _summary_line(summary: dict) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in summary["findings"].items() if n) or "no findings"
    line = f"{counted(summary['calls'], 'call')}, {summary['calls_with_drift']} with drift; {kinds}"
    if summary["calls_with_errors"]:
        line += f"; {summary['calls_with_errors']} could not be checked"
    if summary["assets_with_errors"]:
        line += f"; {counted(summary['assets_with_errors'], 'asset')} left out"
    return line


WIDE = 120  # from this many columns a call's findings are one table; narrower, one block per finding


def render_table(report: Report, console: Console | None = None) -> None:
    """Print each call's findings, then a summary line. Text wraps, never truncates: at 80 columns a
    finding is a block of labelled lines, so the number that matters stays visible. User text is never read
    as rich markup, and terminal control sequences in it never reach the terminal (msgcheck.safetext)."""
    console = console or Console()
    for c in report.calls:
        header = Text.assemble(
            (one_line(c.call), "bold"),
            f"  reps: {one_line(', '.join(c.reps)) or 'unknown'}"
            f"  prospects: {one_line(', '.join(c.prospects)) or 'unknown'}  ",
            ("drift ", "dim"),
            (f"{float(c.drift_score):.2f}", "bold red" if c.findings else "green"),
        )
        console.print(header)
        if c.roles_uncertain:
            console.print(Text(f"  reps are a guess: {c.roles_uncertain}", style="yellow"))
        if c.error:
            console.print(Text(f"  error: {one_line(c.error)}", style="red"))
        if c.findings:
            if console.width >= WIDE:
                console.print(_findings_table(c.findings))
            else:
                for f in c.findings:
                    console.print(_finding_block(f))
        elif not c.error:
            said = " in what the guessed reps said" if c.roles_uncertain else ""
            console.print(Text(f"  no drift found{said}", style="green"))
        if c.promises:
            missed = sum(1 for p in c.promises if p.status == "not_mentioned")
            console.print(
                Text(f"  headline promises: {len(c.promises)}, {missed} not mentioned", style="dim")
            )
            for p in c.promises:
                console.print(Text(f"    {promise_line(p)}", style="dim"))
        console.print()
    for e in report.asset_errors:
        console.print(Text(f"asset left out: {one_line(e.error)}", style="red"))
    console.print(Text(_summary_line(_summary(report)), style="bold"))


def _cells(f: Finding) -> tuple[Text, Text, Text]:
    """Who said it (with the time), what they said, and what the marketing says."""
    t = f.transcript or {}
    a = f.asset or {}
    when = format_time(_num(t.get("start")))
    speaker = Text(one_line(str(t.get("speaker") or "")) + (f" @ {when}" if when else ""))
    rep = (
        Text(strip_controls(str(t.get("text") or "")))
        if f.transcript
        else Text("(not said on the call)", style="dim")
    )
    if f.asset:
        asset = Text.assemble(
            (f"{one_line(str(a.get('file')))}\n", "dim"), strip_controls(str(a.get("text") or ""))
        )
    else:
        asset = Text("(no matching asset claim)", style="dim")
    return speaker, rep, asset


def _findings_table(findings: list[Finding]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("slot", no_wrap=True)
    table.add_column("speaker", overflow="fold", max_width=18)
    table.add_column("rep said", ratio=3, overflow="fold")
    table.add_column("marketing says", ratio=3, overflow="fold")
    table.add_column("why", ratio=2, overflow="fold")
    for f in findings:
        speaker, rep, asset = _cells(f)
        table.add_row(
            Text(f.kind, style=_KIND_STYLE.get(f.kind, "")),
            f"{float(f.score):.2f}",
            Text(one_line(f.slot or "")),
            speaker,
            rep,
            asset,
            Text(strip_controls(f.explanation)),
        )
    return table


def _finding_block(f: Finding) -> Table:
    """One finding as labelled lines that wrap (narrow terminals)."""
    speaker, rep, asset = _cells(f)
    block = Table.grid(padding=(0, 1), expand=True)
    block.add_column(no_wrap=True, style="dim", min_width=13)
    block.add_column(overflow="fold", ratio=1)
    block.add_row(
        Text(f.kind, style=_KIND_STYLE.get(f.kind, "")),
        Text.assemble(f"{float(f.score):.2f}", ("  " + one_line(f.slot or ""), "dim")),
    )
    if f.transcript:
        block.add_row("rep", Text.assemble(speaker, ": ", rep))
    else:
        block.add_row("rep", rep)
    block.add_row("marketing", asset)
    block.add_row("why", Text(strip_controls(f.explanation)))
    block.add_row("", "")
    return block


def _plain_table(report: Report, width: int = 160) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None, force_terminal=False)
    render_table(report, console)
    return console.export_text(styles=False)
