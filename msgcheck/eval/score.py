"""Scores a checker against a labelled set (gold-format.md), with the matching rules it defines.

A predicted finding matches a gold one when its transcript text contains the gold quote or shares at
least 60% of the quote's word tokens (omission: the same on the asset side); each gold finding
matches at most once. Drift figures ignore the kind; kind figures need it equal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..ingest import load_transcript
from ..kinds import FINDING_KINDS
from ..safetext import one_line
from ..types import CallReport, Finding
from .gold import GoldCall, LabelledSet, load_set

_WORD = re.compile(r"\w+")
KINDS = FINDING_KINDS


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def quote_matches(predicted: str | None, quote: str | None, overlap: float = 0.6) -> bool:
    """The gold format's rule: containment, or >= 60% of the quote's word tokens shared."""
    if not predicted or not quote:
        return False
    if quote.lower() in predicted.lower():
        return True
    q = _tokens(quote)
    if not q:
        return False
    have = Counter(_tokens(predicted))
    shared = sum(min(n, have[t]) for t, n in Counter(q).items())
    return shared / len(q) >= overlap


def _pred_text(f: Finding) -> str | None:
    if f.kind == "omission":
        return f.asset["text"] if f.asset else None
    return f.transcript["text"] if f.transcript else None


def _gold_text(g) -> str | None:
    return g.asset_quote if g.kind == "omission" else g.transcript_quote


def match(preds: list[Finding], gold: list, same_kind: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, gold in order, same-kind candidates preferred."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        options = [
            pi
            for pi, p in enumerate(preds)
            if pi not in used
            and (p.kind == "omission") == (g.kind == "omission")
            and (not same_kind or p.kind == g.kind)
            and quote_matches(_pred_text(p), _gold_text(g))
        ]
        if not options:
            continue
        options.sort(key=lambda pi: (preds[pi].kind != g.kind, -preds[pi].score))
        used.add(options[0])
        pairs.append((gi, options[0]))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Scores:
    """Counts and figures for one system on one set."""

    name: str
    calls: int = 0
    n_pred: int = 0
    n_gold: int = 0
    tp_drift: int = 0
    tp_kind: int = 0
    per_kind: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in KINDS}
    )  # tp, pred, gold
    hard_negatives: int = 0
    hard_negatives_flagged: int = 0
    drift_free_calls: int = 0
    drift_free_fp: int = 0
    role_calls_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, gold: GoldCall, report: CallReport, preds: list[Finding] | None = None) -> None:
        preds = report.findings if preds is None else preds
        self.calls += 1
        self.n_pred += len(preds)
        self.n_gold += len(gold.findings)
        self.tp_drift += len(match(preds, gold.findings, same_kind=False))
        kind_pairs = match(preds, gold.findings, same_kind=True)
        self.tp_kind += len(kind_pairs)
        for p in preds:
            self.per_kind[p.kind][1] += 1
        for g in gold.findings:
            self.per_kind[g.kind][2] += 1
        for gi, _ in kind_pairs:
            self.per_kind[gold.findings[gi].kind][0] += 1
        for c in gold.consistent:
            self.hard_negatives += 1
            if any(p.kind != "omission" and quote_matches(_pred_text(p), c.transcript_quote) for p in preds):
                self.hard_negatives_flagged += 1
        if gold.drift_free:
            self.drift_free_calls += 1
            self.drift_free_fp += len(preds)
        if set(report.reps) == set(gold.rep_speakers):
            self.role_calls_right += 1

    @property
    def drift(self) -> tuple[float, float, float]:
        return prf(self.tp_drift, self.n_pred, self.n_gold)

    @property
    def kind_f1(self) -> float:
        return prf(self.tp_kind, self.n_pred, self.n_gold)[2]

    @property
    def hard_negative_rate(self) -> float:
        return self.hard_negatives_flagged / self.hard_negatives if self.hard_negatives else 0.0

    @property
    def fp_per_drift_free_call(self) -> float:
        return self.drift_free_fp / self.drift_free_calls if self.drift_free_calls else 0.0

    def summary(self) -> dict:
        p, r, f = self.drift
        return {
            "system": self.name,
            "calls": self.calls,
            "gold_findings": self.n_gold,
            "predicted": self.n_pred,
            "drift_precision": round(p, 4),
            "drift_recall": round(r, 4),
            "drift_f1": round(f, 4),
            "kind_f1": round(self.kind_f1, 4),
            "per_kind_f1": {k: round(prf(*v)[2], 4) for k, v in self.per_kind.items()},
            "hard_negatives": self.hard_negatives,
            "hard_negatives_flagged": round(self.hard_negative_rate, 4),
            "drift_free_calls": self.drift_free_calls,
            "fp_per_drift_free_call": round(self.fp_per_drift_free_call, 4),
            "roles_right": f"{self.role_calls_right}/{self.calls}",
            "errors": self.errors,
        }


System = Callable[[LabelledSet, GoldCall], CallReport]


def checker_system(checker, use_gold_roles: bool = True) -> System:
    """Runs msgcheck's Checker on one gold call, reusing each campaign's claims and vectors."""
    campaigns: dict[Path, object] = {}

    def run(lset: LabelledSet, gold: GoldCall) -> CallReport:
        cdir = lset.campaign_dir(gold.campaign)
        if cdir not in campaigns:
            campaigns[cdir] = checker.campaign([cdir])
        transcript = load_transcript(lset.call_path(gold.call))
        return checker.check_call(campaigns[cdir], transcript, gold.rep_speakers if use_gold_roles else None)

    return run


def call_details(gold: GoldCall, preds: list[Finding]) -> dict:
    """What matched, what was missed, what was flagged wrongly: for reading a system's errors."""
    pairs = dict(match(preds, gold.findings, same_kind=False))
    matched_preds = set(pairs.values())
    return {
        "call": gold.call,
        "hits": [
            {"gold": g.kind, "pred": preds[pairs[i]].kind, "quote": _gold_text(g)}
            for i, g in enumerate(gold.findings)
            if i in pairs
        ],
        "missed": [
            {"gold": g.kind, "quote": _gold_text(g), "asset": g.asset_quote}
            for i, g in enumerate(gold.findings)
            if i not in pairs
        ],
        "false_positives": [
            {
                "pred": p.kind,
                "score": p.score,
                "text": _pred_text(p),
                "explanation": p.explanation,
                "hard_negative": any(
                    p.kind != "omission" and quote_matches(_pred_text(p), c.transcript_quote)
                    for c in gold.consistent
                ),
            }
            for i, p in enumerate(preds)
            if i not in matched_preds
        ],
    }


def evaluate(
    root: str | Path, systems: dict[str, System], min_score: float = 0.0, details: list | None = None
) -> dict[str, Scores]:
    """Runs every system on every call of a set; `details` (if given) collects call_details per system."""
    lset = load_set(root)
    scores = {name: Scores(name) for name in systems}
    for gold in lset.calls:
        for name, system in systems.items():
            report = system(lset, gold)
            if report.error:
                scores[name].errors.append(f"{gold.call}: {report.error}")
            preds = [f for f in report.findings if f.score >= min_score]
            scores[name].add(gold, report, preds)
            if details is not None:
                details.append({"system": name, **call_details(gold, preds)})
    return scores


def render_scores(results: dict[str, dict[str, dict]], console=None) -> None:
    """A rich table per labelled set: one row per system."""

    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=170)  # piped or logged: keep the table's columns readable
    for set_name, systems in results.items():
        table = Table(title=f"{set_name}", title_justify="left")
        for col in (
            "system",
            "calls",
            "gold",
            "pred",
            "drift P",
            "drift R",
            "drift F1",
            "kind F1",
            "hard neg. flagged",
            "FP / drift-free call",
            "roles right",
        ):
            table.add_column(col, justify="right" if col not in ("system",) else "left")
        for s in systems.values():
            table.add_row(
                s["system"],
                str(s["calls"]),
                str(s["gold_findings"]),
                str(s["predicted"]),
                f"{s['drift_precision']:.3f}",
                f"{s['drift_recall']:.3f}",
                f"{s['drift_f1']:.3f}",
                f"{s['kind_f1']:.3f}",
                f"{s['hard_negatives_flagged']:.1%} of {s['hard_negatives']}",
                f"{s['fp_per_drift_free_call']:.2f} ({s['drift_free_calls']} calls)",
                s["roles_right"],
            )
        console.print(table)
        for s in systems.values():
            per = ", ".join(f"{k} {v:.2f}" for k, v in s["per_kind_f1"].items())
            console.print(f"  {s['system']} per-kind F1: {per}", highlight=False)
            for e in s["errors"]:
                console.print(Text.assemble(("  error: ", "red"), one_line(e)), highlight=False)
