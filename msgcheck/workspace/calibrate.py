"""Reviewer feedback that improves the judge: per-kind score thresholds and a logistic re-calibration.

The maths are plain functions over ``Sample``s (a finding's kind, its base-judge score, and whether a
reviewer found it to be true drift). ``calibrate_workspace`` is the glue: it reads the reviews, fits on
one share of them, reports precision and recall before and after on the held-out share (fixed seed),
and stores the result in the workspace as a new judge version. Parameters are JSON numbers, never pickles.

Labels: accepted = true drift (1); dismissed = false positive (0); kind changed = true drift of another
kind (1: the finding was right to be shown, so thresholds keep it).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..errors import WorkspaceError
from ..kinds import FINDING_KINDS
from ..report import drift_score
from ..types import Finding, Report, ScoredCall, ScoredFinding
from .db import JudgeVersion, Workspace

KINDS: tuple[str, ...] = FINDING_KINDS
MIN_THRESHOLD_REVIEWS = 5  # a kind needs this many reviewed findings (both outcomes) to move its threshold
MIN_LOGISTIC_REVIEWS = 30  # ... and this many for a logistic re-calibration of its scores
DROP_ALL_MARGIN = 0.01  # a threshold this far above every score seen drops the kind


@dataclass(frozen=True)
class Sample:
    kind: str
    score: float  # the base judge's score
    label: int  # 1 true drift, 0 false positive
    finding_id: int | None = None


@dataclass(frozen=True)
class Calibration:
    """Per-kind thresholds (on calibrated scores) and optional per-kind logistic maps of raw scores."""

    thresholds: dict[str, float] = field(default_factory=dict)
    logistic: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind -> (coef, intercept)

    def score(self, kind: str, raw: float) -> float:
        """The score as shown: ``sigmoid(coef * raw + intercept)`` for kinds with a logistic map, else raw."""
        if kind not in self.logistic:
            return float(raw)
        coef, intercept = self.logistic[kind]
        return round(_sigmoid(coef * float(raw) + intercept), 6)

    def keeps(self, kind: str, raw: float) -> bool:
        """Whether a finding of ``kind`` scored ``raw`` by the base judge is shown."""
        return self.score(kind, raw) >= self.thresholds.get(kind, 0.0)

    def to_params(self) -> dict:
        return {
            "thresholds": {k: float(v) for k, v in sorted(self.thresholds.items())},
            "logistic": {
                k: {"coef": float(a), "intercept": float(b)} for k, (a, b) in sorted(self.logistic.items())
            },
        }

    @classmethod
    def from_params(cls, params: dict) -> Calibration:
        return cls(
            thresholds={k: float(v) for k, v in (params.get("thresholds") or {}).items()},
            logistic={
                k: (float(v["coef"]), float(v["intercept"]))
                for k, v in (params.get("logistic") or {}).items()
            },
        )


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# --------------------------------------------------------------------------- plain functions


def split_holdout(
    samples: Sequence[Sample], share: float = 0.3, seed: int = 0
) -> tuple[list[Sample], list[Sample]]:
    """(fit, held-out): ``share`` of each (kind, label) group held out, the same way for the same seed."""
    if not 0.0 <= share < 1.0:
        raise ValueError(f"held-out share must be in [0, 1), got {share}")
    groups: dict[tuple[str, int], list[Sample]] = defaultdict(list)
    for s in samples:
        groups[(s.kind, s.label)].append(s)
    rng = random.Random(seed)
    fit: list[Sample] = []
    held: list[Sample] = []
    for key in sorted(groups):
        group = list(groups[key])
        rng.shuffle(group)
        n_held = round(share * len(group)) if len(group) > 1 else 0
        held += group[:n_held]
        fit += group[n_held:]
    return fit, held


def fit_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold maximising F1 of ``score >= t`` against the labels; ties go to the lowest.

    Candidates are 0, the midpoints between neighbouring distinct scores, and just above the top
    score (drop everything: what reviewers who dismissed every finding of a kind ask for).
    """
    if not scores:
        return 0.0
    distinct = sorted(set(float(s) for s in scores))
    candidates = [0.0] + [(a + b) / 2 for a, b in pairwise(distinct)]
    candidates.append(distinct[-1] + DROP_ALL_MARGIN)
    positives = sum(labels)
    if positives == 0:
        return round(candidates[-1], 6)
    best_t, best_f1 = 0.0, -1.0
    for t in candidates:
        tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and y)
        fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and not y)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 > best_f1 + 1e-12:
            best_t, best_f1 = t, f1
    return round(best_t, 6)


def fit_logistic(scores: Sequence[float], labels: Sequence[int]) -> tuple[float, float] | None:
    """(coef, intercept) of P(true drift | score) by logistic regression; None when both labels are not
    present or the fit says higher scores are not more often right (coef <= 0)."""
    if len(set(labels)) < 2:
        return None
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=100.0)
    model.fit([[float(s)] for s in scores], list(labels))
    coef, intercept = float(model.coef_[0][0]), float(model.intercept_[0])
    if coef <= 0:
        return None
    return round(coef, 6), round(intercept, 6)


def fit_calibration(
    samples: Sequence[Sample],
    *,
    previous: Calibration | None = None,
    min_threshold_reviews: int = MIN_THRESHOLD_REVIEWS,
    min_logistic_reviews: int = MIN_LOGISTIC_REVIEWS,
) -> Calibration:
    """Fit each kind with enough reviews; kinds without enough keep ``previous``'s parameters."""
    previous = previous or Calibration()
    thresholds = dict(previous.thresholds)
    logistic = dict(previous.logistic)
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s)
    for kind, group in sorted(by_kind.items()):
        if len(group) < min_threshold_reviews:
            continue
        scores = [s.score for s in group]
        labels = [s.label for s in group]
        logistic.pop(kind, None)
        if len(group) >= min_logistic_reviews:
            fitted = fit_logistic(scores, labels)
            if fitted is not None:
                logistic[kind] = fitted
        cal = Calibration(logistic=logistic)
        thresholds[kind] = fit_threshold([cal.score(kind, s) for s in scores], labels)
    return Calibration(thresholds=thresholds, logistic=logistic)


@dataclass(frozen=True)
class Scores:
    """Precision and recall of what a calibration shows, among reviewed findings."""

    n: int  # reviewed findings
    true_drift: int  # of which reviewers said true drift
    kept: int  # shown by the calibration
    kept_true: int  # shown and true drift

    @property
    def precision(self) -> float | None:
        return self.kept_true / self.kept if self.kept else None

    @property
    def recall(self) -> float | None:
        return self.kept_true / self.true_drift if self.true_drift else None

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "true_drift": self.true_drift,
            "kept": self.kept,
            "kept_true": self.kept_true,
            "precision": None if self.precision is None else round(self.precision, 4),
            "recall": None if self.recall is None else round(self.recall, 4),
        }


def evaluate_calibration(cal: Calibration | None, samples: Sequence[Sample]) -> dict[str, Scores]:
    """Scores per kind and ``"all"``; ``cal`` None is the shipped judge (keeps every finding)."""
    groups: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        groups[s.kind].append(s)
        groups["all"].append(s)
    out: dict[str, Scores] = {}
    for key in [k for k in KINDS if k in groups] + sorted(set(groups) - set(KINDS) - {"all"}) + ["all"]:
        group = groups.get(key, [])
        kept = [s for s in group if cal is None or cal.keeps(s.kind, s.score)]
        out[key] = Scores(
            n=len(group),
            true_drift=sum(s.label for s in group),
            kept=len(kept),
            kept_true=sum(s.label for s in kept),
        )
    return out


def score_report(report: Report, cal: Calibration | None) -> list[ScoredCall]:
    """Each call's findings as a run stores them: re-scored by ``cal`` and kept or dropped by its
    thresholds, with the drift score of those kept; ``cal`` None keeps every finding as the judge scored it."""
    if cal is None:
        return [ScoredCall.as_reported(c) for c in report.calls]
    out = []
    for call in report.calls:
        scored = []
        for f in call.findings:
            raw = float(f.score)
            scored.append(ScoredFinding(f, raw, cal.score(f.kind, raw), cal.keeps(f.kind, raw)))
        kept = [
            Finding(
                s.finding.kind,
                s.score,
                s.finding.slot,
                s.finding.explanation,
                s.finding.transcript,
                s.finding.asset,
            )
            for s in scored
            if s.kept
        ]
        out.append(ScoredCall(scored, drift_score(kept)))
    return out


def review_label(decision: str) -> int:
    """1 when the reviewer says the finding is true drift (accepted, or of another kind), 0 when dismissed."""
    return 0 if decision == "dismiss" else 1


# --------------------------------------------------------------------------- the workspace glue


@dataclass
class CalibrationResult:
    version: JudgeVersion
    previous: str  # the judge version it replaces (a calibrated one, or the shipped base)
    before: dict[str, Scores]  # on the held-out share (or all reviews when nothing could be held out)
    after: dict[str, Scores]
    fit_size: int
    held_out_size: int
    in_sample: bool  # True when there were too few reviews to hold any out


def reviewed_samples(ws: Workspace, base: str | None = None) -> tuple[list[Sample], str]:
    """Reviewed findings as samples, with their scores from the latest run of ``base`` (default: the base
    judge of the latest run holding a reviewed finding); (samples, base)."""
    findings = [f for f in ws.findings(include_dropped=True) if f.review is not None]
    if not findings:
        raise WorkspaceError(
            "no reviewed findings to calibrate from",
            path=str(ws.path),
            hint="review findings first: `msgcheck workspace review FINDING_ID accept|dismiss|kind:KIND`",
        )
    runs = {r.id: r for r in ws.runs()}
    if base is None:
        base = runs[max(f.run_id for f in findings)].base_judge
    samples = [
        Sample(f.kind, f.raw_score, review_label(f.review.decision), f.id)  # type: ignore[union-attr]
        for f in findings
        if runs[f.run_id].base_judge == base
    ]
    return samples, base


def calibrate_workspace(
    ws: Workspace,
    *,
    holdout: float = 0.3,
    seed: int = 0,
    min_threshold_reviews: int = MIN_THRESHOLD_REVIEWS,
    min_logistic_reviews: int = MIN_LOGISTIC_REVIEWS,
    activate: bool = True,
) -> CalibrationResult:
    """Fit a new judge version from the workspace's reviews and store it (active unless told otherwise)."""
    samples, base = reviewed_samples(ws)
    active = ws.active_judge()
    prev_version = active if active is not None and active.base == base else None
    previous = Calibration.from_params(prev_version.params) if prev_version else None
    fit, held = split_holdout(samples, holdout, seed)
    in_sample = not held
    report_on = held or fit
    cal = fit_calibration(
        fit,
        previous=previous,
        min_threshold_reviews=min_threshold_reviews,
        min_logistic_reviews=min_logistic_reviews,
    )
    before = evaluate_calibration(previous, report_on)
    after = evaluate_calibration(cal, report_on)
    taken = {v.name for v in ws.judge_versions()}
    number = 1
    while f"{base}+cal.{number}" in taken:
        number += 1
    metrics = {
        "held_out_share": holdout,
        "seed": seed,
        "fit_size": len(fit),
        "held_out_size": len(held),
        "in_sample": in_sample,
        "before": {k: v.to_dict() for k, v in before.items()},
        "after": {k: v.to_dict() for k, v in after.items()},
        "previous": prev_version.name if prev_version else base,
    }
    version = ws.add_judge_version(
        JudgeVersion(name=f"{base}+cal.{number}", base=base, params=cal.to_params(), metrics=metrics),
        activate=activate,
    )
    return CalibrationResult(
        version=version,
        previous=prev_version.name if prev_version else base,
        before=before,
        after=after,
        fit_size=len(fit),
        held_out_size=len(held),
        in_sample=in_sample,
    )


def record_calibrated_run(
    ws: Workspace, report: Report, *, base_judge: str, judge: JudgeVersion | None, **record: Any
) -> int:
    """Record ``report`` as the calibrated ``judge`` shows it (scores re-mapped, findings below its
    thresholds stored as dropped, its parameters in the run's settings); ``judge`` None records the
    base judge's scores as they are. ``record``: the other ``Workspace.record_run`` arguments."""
    cal = Calibration.from_params(judge.params) if judge else None
    settings = dict(record.pop("settings", None) or {})
    if judge is not None:
        settings["calibration"] = judge.params
    return ws.record_run(
        report,
        base_judge=base_judge,
        judge_version=judge.name if judge else base_judge,
        scored=score_report(report, cal),
        settings=settings,
        **record,
    )
