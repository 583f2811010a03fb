"""`msgcheck train final`: the final head (msgcheck.judge.finalhead) from labelled calls of many writers.

Every tuning set is read once as the checker reads a call with a final head: every rep sentence (the wide
extractor), the inner judge's verdict, the cross-encoder over the k nearest asset claims, the pair evidence
and the claim-worthiness probability. Each set is then predicted by a head fitted on the other sets (the
sets come from different writers), the threshold with the best mean drift F1 over those held-out sets is
chosen among those that flag no more hard negatives than the inner judge (the cheapest k within 0.01 of
the best), and the head is refitted on all of them and saved with its figures. Its screen (which sentences
the cross-encoder need not read: far from every asset claim, not claim-like, unflagged by the rules) is the
widest candidate under which the held-out heads lose no true finding. Frozen and holdout sets are refused.

The head's unsupported cue (a logistic regression over the rep sentence's vector: is it the kind of claim
reps make up?) is fitted on the same sets, cross-fitted: the sets are dealt into folds, and each set's cue
comes from a cue fitted on the other folds, so the head learns how far to trust the cue on a writer it never
saw. The shipped cue is refitted on all sets and saved in the head's weights (``--no-cue``: a head without).

With ``--cross-fit DIR`` (written by `msgcheck train call-judge`) each set is read by the fold model that was
not trained on it, so the head learns how far to trust the cross-encoder on calls it has never read; the
shipped judge (``--cross``) then reads new calls as those fold models read held-out ones.

    msgcheck train final [--sets SET ...] [--cross models/call-judge.v4] [--cross-fit DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..check.checker import Checker, _finding
from ..errors import InputError
from ..eval.gold import GoldCall, is_frozen, load_set
from ..eval.score import Scores
from ..eval.tuning import aligned_calls, claim_label
from ..extract.claims import ClaimExtractor
from ..judge.crossjudge import (
    CrossJudge,
    CrossJudgeConfig,
    HeadRows,
    head_decide,
    head_rows,
    nearest_sim,
    rep_vectors,
)
from ..judge.crossmodel import CALL_DIR, RUNTIMES, CrossModel
from ..judge.finalhead import (
    BASE_FEATURES,
    DEFAULT_DIR,
    FEATURES,
    HEAD_KINDS,
    FinalHead,
    Screen,
    cue_probability,
)
from ..kinds import DRIFT_KINDS
from ..types import Alignment, CallReport, Claim, Finding, Verdict
from .tuningsets import HEAD_SETS, fold_readers, folds

ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
KS = (1, 2, 3, 5)  # asset claims read per rep claim: each k is scored, the cheapest near the best is kept
NEAR_BEST = 0.01  # ... within this much mean drift F1 of the best setting (about one finding a set)
# the screen's candidates: nearest asset-claim cosine below, and claim-worthiness below (judge.finalhead.Screen)
CUE_FOLDS = 4  # the unsupported cue is cross-fitted over this many folds of whole sets
CUE_C = 1.0  # its inverse regularisation
SCREEN_SIMS = (0.2, 0.25, 0.3, 0.35, 0.4)
SCREEN_WORTHY = (0.1, 0.2, 0.3, 0.4, 0.5)


@dataclass
class ReadCall:
    gold: GoldCall
    claims: list[Claim]
    alignments: list[Alignment]
    rows: HeadRows
    omission: Finding | None
    y: np.ndarray  # HEAD_KINDS index per claim; -1: not the claim judge's to find (a journey finding)


def read_set(checker: Checker, judge: CrossJudge, root: Path) -> list[ReadCall]:
    out = []
    for t in aligned_calls(checker, load_set(root)):
        rows = head_rows(judge, t.alignments, t.campaign.index, max(KS))
        labels = [claim_label(c.text, t.gold) for c in t.claims]
        y = np.array(
            [HEAD_KINDS.index(lab) if lab in HEAD_KINDS else (0 if lab == "hard" else -1) for lab in labels]
        )
        omission = checker._omission(t.campaign, t.transcript, [c for c in t.claims if c.ruled])
        out.append(ReadCall(t.gold, t.claims, t.alignments, rows, omission, y))
    return out


def fit(X: np.ndarray, y: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    keep = y >= 0
    clf = LogisticRegression(C=C, max_iter=5000).fit(X[keep], y[keep])
    if list(clf.classes_) != list(range(len(HEAD_KINDS))):
        raise InputError(f"the tuning sets lack some kinds (have {list(clf.classes_)})", path="corpora")
    return clf.coef_, clf.intercept_


def fit_cue(vectors: np.ndarray, y: np.ndarray, C: float = CUE_C) -> tuple[np.ndarray, float]:
    """The unsupported cue: P(labelled unsupported) of a rep sentence's vector, against every other labelled
    rep sentence (drift of other kinds, hard negatives and the rest)."""
    from sklearn.linear_model import LogisticRegression

    keep = y >= 0
    target = (y[keep] == HEAD_KINDS.index("unsupported")).astype(int)
    if target.min() == target.max():
        raise InputError(
            "the unsupported cue needs sentences labelled unsupported and others", path="corpora"
        )
    clf = LogisticRegression(C=C, max_iter=3000).fit(vectors[keep], target)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])


def cross_fit_cue(
    vectors: dict[str, list[np.ndarray]], sets: dict[str, list[ReadCall]], n: int = CUE_FOLDS
) -> None:
    """Give every read call the cue of a cue fitted without its set's fold (``folds`` of whole sets)."""
    names = list(sets)
    for fold in folds(names, min(n, len(names))):
        rest = [m for m in names if m not in fold]
        w, b = fit_cue(
            np.concatenate([v for m in rest for v in vectors[m]]),
            np.concatenate([c.y for m in rest for c in sets[m]]),
        )
        for m in fold:
            for c, v in zip(sets[m], vectors[m], strict=True):
                c.rows = replace(c.rows, cue=cue_probability(v, (w, b)))


def decided(judge: CrossJudge, c: ReadCall, head: FinalHead) -> tuple[HeadRows, list[Verdict]]:
    """One read call's rows at the head's k and the head's verdict for each rep claim."""
    rows = c.rows.first(c.alignments, head.k)
    proba = head.probabilities(rows.X)
    verdicts = [
        head_decide(judge, al, h, pr, head) for al, h, pr in zip(c.alignments, rows.read, proba, strict=True)
    ]
    return rows, verdicts


def score(judge: CrossJudge, calls: list[ReadCall], head: FinalHead, name: str = "head") -> dict:
    s = Scores(name)
    for c in calls:
        _, verdicts = decided(judge, c, head)
        findings = [
            _finding(claim, v) for claim, v in zip(c.claims, verdicts, strict=True) if v.kind in DRIFT_KINDS
        ]
        _add(s, c, findings)
    return s.summary()


def held_out_rows(judge: CrossJudge, calls: list[ReadCall], head: FinalHead) -> np.ndarray:
    """Per rep claim of a set, as its held-out head read it: nearest asset-claim cosine, claim-worthiness,
    whether the inner judge flagged it, whether the head flagged it, whether it is labelled drift."""
    out = []
    for c in calls:
        rows, verdicts = decided(judge, c, head)
        for al, h, v, w, lab in zip(c.alignments, rows.read, verdicts, rows.worthy, c.y, strict=True):
            out.append(
                (nearest_sim(al), float(w), h.inner.kind in DRIFT_KINDS, v.kind in DRIFT_KINDS, lab > 0)
            )
    return np.array(out, dtype=np.float64).reshape(-1, 5)


def screen_grid(held: dict[str, np.ndarray]) -> list[dict]:
    """What each candidate screen would skip on the held-out readings: the share of rep sentences left
    unread, the held-out heads' true findings lost and false ones dropped."""
    rows = np.concatenate(list(held.values()))
    sim, worthy, inner, flagged, drift = (rows[:, i] for i in range(5))
    out = []
    for s in SCREEN_SIMS:
        for w in SCREEN_WORTHY:
            skip = Screen(s, w).skipped(sim, worthy, inner == 1)
            out.append(
                {
                    "sim": s,
                    "worthy": w,
                    "skipped": round(float(skip.mean()), 4) if len(skip) else 0.0,
                    "true_lost": int((skip & (flagged == 1) & (drift == 1)).sum()),
                    "false_dropped": int((skip & (flagged == 1) & (drift == 0)).sum()),
                    "drift_rows_skipped": int((skip & (drift == 1)).sum()),
                }
            )
    return out


def choose_screen(grid: list[dict], max_lost: int = 0) -> Screen | None:
    """The screen that leaves the most sentences unread while losing at most ``max_lost`` held-out true
    findings (0 by default; a fast reading may trade a few for its time budget)."""
    safe = [g for g in grid if g["true_lost"] <= max_lost and g["skipped"] > 0]
    if not safe:
        return None
    best = max(safe, key=lambda g: (g["skipped"], -g["sim"]))
    return Screen(best["sim"], best["worthy"])


def _screen_line(grid: list[dict], screen: Screen | None) -> str:
    if screen is None:
        return "every candidate loses a held-out finding"
    g = next(g for g in grid if g["sim"] == screen.sim and g["worthy"] == screen.worthy)
    return (
        f"{g['skipped']:.0%} of sentences unread, {g['false_dropped']} false findings dropped, none true lost"
    )


def score_inner(calls: list[ReadCall]) -> dict:
    """The inner judge alone on the rules' claims: what the checker reports without a final head."""
    s = Scores("inner")
    for c in calls:
        findings = [
            _finding(claim, h.inner)
            for claim, h in zip(c.claims, c.rows.read, strict=True)
            if claim.ruled and h.inner.kind in DRIFT_KINDS
        ]
        _add(s, c, findings)
    return s.summary()


def _add(s: Scores, c: ReadCall, findings: list[Finding]) -> None:
    """One call's findings (and the omission the checker would add) scored against its gold."""
    if c.omission:
        findings = [*findings, c.omission]
    report = CallReport(
        call=c.gold.call, reps=c.gold.rep_speakers, prospects=[], drift_score=0.0, findings=findings
    )
    s.add(c.gold, report, findings)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="msgcheck train final", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", type=Path, default=[ROOT / s for s in HEAD_SETS])
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    ap.add_argument("--cross", type=Path, default=CALL_DIR, help="the cross-encoder the head reads through")
    ap.add_argument(
        "--cross-fit",
        type=Path,
        default=None,
        help="fold models (folds.json, from `msgcheck train call-judge`): each set is read by one that never saw it",
    )
    ap.add_argument(
        "--runtime",
        choices=RUNTIMES,
        default=RUNTIMES[0],
        help="how the cross-encoder is read (crossmodel.py); recorded in its judge.json, since the head fits that reading",
    )
    ap.add_argument(
        "--fast",
        action="store_true",
        help="name the head in judge.json as the fast reading (`--judge cross-fast`), leaving `cross` as it is",
    )
    ap.add_argument(
        "--screen-lost",
        type=int,
        default=0,
        help="held-out true findings the screen may lose, all sets together (0: none; the fast head takes 5)",
    )
    ap.add_argument(
        "--no-cue",
        dest="cue",
        action="store_false",
        help="fit a head without the unsupported cue (as v3, v4)",
    )
    args = ap.parse_args(argv)
    for root in args.sets:
        if is_frozen(root):
            raise InputError("a frozen or holdout set is never trained on", path=str(root))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    started = time.time()
    readers = fold_readers(args.cross_fit, [_rel(r) for r in args.sets]) if args.cross_fit else {}
    judges: dict[Path, CrossJudge] = {}
    sets: dict[str, list[ReadCall]] = {}
    vectors: dict[str, list[np.ndarray]] = {}
    for root in args.sets:
        model = readers.get(_rel(root), args.cross)
        if model not in judges:
            judges[model] = CrossJudge(
                model=CrossModel(model, runtime=args.runtime), config=CrossJudgeConfig(head=None)
            )
        judge = judges[model]
        checker = Checker(judge=judge, extractor=ClaimExtractor(wide=True))
        sets[_name(root)] = read_set(checker, judge, root)
        vectors[_name(root)] = [rep_vectors(judge, c.alignments) for c in sets[_name(root)]]
        print(f"read {root} with {model.name}: {len(sets[_name(root)])} calls", flush=True)
    if args.cue:
        cross_fit_cue(vectors, sets)
    ncols = len(FEATURES) if args.cue else len(BASE_FEATURES)  # a head without a cue reads the base features
    y = {n: np.concatenate([c.y for c in calls]) for n, calls in sets.items()}
    keys = ("drift_precision", "drift_recall", "drift_f1", "kind_f1", "hard_negatives_flagged")
    inner = {n: score_inner(calls) for n, calls in sets.items()}
    inner_mean = {k: round(float(np.mean([r[k] for r in inner.values()])), 4) for k in keys}
    held: dict[tuple[int, float], list[dict]] = {}
    held_fits: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
    for k in KS:
        X = {n: np.concatenate([c.rows.first(c.alignments, k).X for c in calls]) for n, calls in sets.items()}
        for n, calls in sets.items():
            others = [m for m in sets if m != n]
            coef, icpt = fit(
                np.concatenate([X[m] for m in others])[:, :ncols],
                np.concatenate([y[m] for m in others]),
                args.C,
            )
            held_fits[k, n] = coef, icpt
            for t in THRESHOLDS:
                held.setdefault((k, t), []).append(
                    {"set": n, **score(judge, calls, FinalHead(coef, icpt, t, k))}
                )
    mean = {kt: {m: round(float(np.mean([r[m] for r in rs])), 4) for m in keys} for kt, rs in held.items()}
    # flag no more hard negatives than the inner judge; then the best drift F1, and the cheapest k near it
    fair = [kt for kt in mean if mean[kt]["hard_negatives_flagged"] <= inner_mean["hard_negatives_flagged"]]
    fair = fair or list(mean)
    top = max(mean[kt]["drift_f1"] for kt in fair)
    best = min(
        (kt for kt in fair if mean[kt]["drift_f1"] >= top - NEAR_BEST),
        key=lambda kt: (kt[0], -mean[kt]["drift_f1"], -mean[kt]["kind_f1"]),
    )
    k, t = best
    print(f"{'held-out set':24s} inner F1 / kind / HN    head (k={k}, t={t}) F1 / kind / HN")
    for r in held[best]:
        i = inner[r["set"]]
        print(
            f"{r['set']:24s} {i['drift_f1']:.3f} / {i['kind_f1']:.3f} / {i['hard_negatives_flagged']:.3f}"
            f"    {r['drift_f1']:.3f} / {r['kind_f1']:.3f} / {r['hard_negatives_flagged']:.3f}"
        )
    m = mean[best]
    print(
        f"{'mean':24s} {inner_mean['drift_f1']:.3f} / {inner_mean['kind_f1']:.3f} / "
        f"{inner_mean['hard_negatives_flagged']:.3f}    {m['drift_f1']:.3f} / {m['kind_f1']:.3f} / "
        f"{m['hard_negatives_flagged']:.3f}"
    )
    screens = screen_grid(
        {n: held_out_rows(judge, calls, FinalHead(*held_fits[k, n], t, k)) for n, calls in sets.items()}
    )
    screen = choose_screen(screens, args.screen_lost)
    print(f"screen: {screen or 'none'} ({_screen_line(screens, screen)})")
    X = {n: np.concatenate([c.rows.first(c.alignments, k).X for c in calls]) for n, calls in sets.items()}
    coef, icpt = fit(np.concatenate(list(X.values()))[:, :ncols], np.concatenate(list(y.values())), args.C)
    all_y = np.concatenate(list(y.values()))
    cue = None
    if args.cue:
        cue = fit_cue(np.concatenate([v for vs in vectors.values() for v in vs]), all_y)
    meta = {
        "C": args.C,
        "trained_on": [_rel(p) for p in args.sets],
        "rows": int((all_y >= 0).sum()),
        "rows_by_kind": {k: int((all_y == i).sum()) for i, k in enumerate(HEAD_KINDS)},
        "leave_one_set_out": {
            "means": [{"k": kk, "threshold": tt, **mm} for (kk, tt), mm in mean.items()],
            "chosen": {"k": k, "threshold": t, **mean[best]},
            "inner_mean": inner_mean,
            "per_set": [
                {
                    "set": r["set"],
                    "inner": {k: inner[r["set"]][k] for k in keys},
                    "head": {k: r[k] for k in keys},
                }
                for r in held[best]
            ],
        },
        "screen_grid": screens,
        "screen_max_lost": args.screen_lost,
        "seconds": round(time.time() - started, 1),
        "features_count": ncols,
        "cue": {
            "folds": CUE_FOLDS,
            "C": CUE_C,
            "positives": int((all_y == HEAD_KINDS.index("unsupported")).sum()),
        }
        if args.cue
        else None,
        "cross": _rel(args.cross),
        "runtime": args.runtime,
        "cross_fit": _rel(args.cross_fit) if args.cross_fit else None,
        "read_by": {_rel(r): _rel(readers.get(_rel(r), args.cross)) for r in args.sets},
    }
    FinalHead(coef, icpt, t, k, screen=screen, cue=cue).save(args.out, meta)
    _name_head(args.cross, args.out, args.runtime, args.fast)
    print(f"wrote {args.out} (k {k}, threshold {t}, {meta['rows']} rows, {meta['seconds']} s)")
    return 0


def _name_head(cross: Path, head: Path, runtime: str, fast: bool = False) -> None:
    """Point the cross-encoder's judge.json at the new head and the runtime it was fitted through, when the
    two sit side by side (as in models/): as its reading, or (``fast``) as its fast reading."""
    path = cross / "judge.json"
    if head.resolve().parent != cross.resolve().parent:
        print(f"{path} left as it is: the head is not beside the cross-encoder")
        return
    cfg = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if fast:
        cfg["fast"] = {"head": head.name, "runtime": runtime}
    else:
        cfg["head"], cfg["runtime"] = head.name, runtime
    path.write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")
    print(f"{path} now names {head.name}")


def _name(root: Path) -> str:
    return "/".join(root.parts[-2:])


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


if __name__ == "__main__":
    raise SystemExit(main())
