"""A journey as a person reads it: the terminal tables of ``msgcheck journey`` and one-line descriptions the
HTML report and the app share. File content is always data here, never markup."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..report.words import counted
from ..safetext import one_line
from .build import Journey, JourneyCall
from .text import clock

__all__ = ["call_label", "clock", "journey_tables", "print_journey"]


def call_label(c: JourneyCall) -> str:
    """ "2026-04-16" or "(no date: placed after the calls whose reps it speaks of)"."""
    if c.date:
        return c.date + (" (set by reviewer)" if c.date_source == "reviewer" else "")
    return f"no date: {c.order_note}" if c.order_note else "no date"


def _tally(n: int, noun: str, state: str, style: str) -> tuple[str, str]:
    """A count in the headline ("1 promise changed"), in its colour only when there is something to see."""
    return f"{counted(n, noun)} {state}", style if n else ""


def journey_tables(j: Journey) -> Group:
    """The story in four tables: calls, promises changed, objections left open, follow-ups missed."""
    s = j.summary()
    head = Text.assemble(
        (one_line(j.account), "bold"),
        f"  {counted(s['calls'], 'call')}, {counted(len(s['reps']), 'rep')}, {counted(s['handoffs'], 'handoff')}  |  ",
        _tally(s["promises_changed"], "promise", "changed", "bold magenta"),
        "  ",
        _tally(s["open_objections"], "objection", "open", "bold yellow"),
        "  ",
        _tally(s["missed_followups"], "follow-up", "missed", "bold red"),
    )
    calls = Table(title="Calls", title_justify="left", show_lines=False)
    for col in ("#", "when", "call", "for the company", "handoff", "drift", "changed"):
        calls.add_column(col, overflow="fold")
    for n, c in enumerate(j.calls, 1):
        calls.add_row(
            str(n),
            call_label(c),
            one_line(c.name),
            one_line(", ".join(c.reps) or "?"),
            one_line(f"from {', '.join(c.handoff_from)}") if c.handoff else "",
            str(len(c.findings)) if c.findings else "",
            str(len(c.inconsistent)) if c.inconsistent else "",
        )
    parts: list = [head, calls]
    if j.inconsistent:
        t = Table(title="Promises that changed (inconsistent)", title_justify="left", show_lines=True)
        for col in ("earlier: who said what", "later: who changed it"):
            t.add_column(col, overflow="fold", ratio=1)
        for c in j.calls:
            for f in c.inconsistent:
                a, tr = f.asset or {}, f.transcript or {}
                t.add_row(
                    one_line(
                        f'{a.get("call")} {clock(a.get("start"))}, {a.get("speaker")}: "{a.get("text")}"'
                    ),
                    one_line(f'{c.name} {clock(tr.get("start"))}, {tr.get("speaker")}: "{tr.get("text")}"'),
                )
        parts.append(t)
    if j.open_objections:
        t = Table(title="Objections left open", title_justify="left")
        for col in ("concern", "raised on", "by", "words"):
            t.add_column(col, overflow="fold")
        for o in j.open_objections:
            t.add_row(
                o.label,
                f"{o.said.call} {clock(o.said.start)}",
                one_line(o.said.speaker),
                one_line(o.said.text),
            )
        parts.append(t)
    if j.followups:
        t = Table(title="Follow-ups", title_justify="left")
        for col in ("status", "promised on", "by", "commitment", "what a later call shows"):
            t.add_column(col, overflow="fold")
        style = {"missed": "bold red", "kept": "green", "open": ""}
        for f in j.followups:
            ev = f.evidence
            t.add_row(
                Text(f.status, style=style[f.status]),
                f"{f.said.call} {clock(f.said.start)}",
                one_line(f.said.speaker),
                one_line(f.said.text),
                one_line(f'{ev.call}, {ev.speaker}: "{ev.text}"') if ev else "",
            )
        parts.append(t)
    return Group(*parts)


def print_journey(j: Journey, console: Console) -> None:
    console.print(journey_tables(j))
