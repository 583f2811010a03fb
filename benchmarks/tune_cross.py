"""Choose the cross-encoder judge's thresholds on the tuning split and write them beside the model.

Every tuning call (corpora/dev/tune) is extracted, aligned and judged by the inner judge once; the model
reads each rep claim's nearest asset claims once (up to the largest k of the grid); then every setting of
the grid is scored with the gold format's matching rules, and the best drift F1 whose hard-negative rate is
no worse than the inner judge's is written to ``<model>/judge.json``. corpora/dev/test and the holdout are
never read here.

    python benchmarks/tune_cross.py [--model models/pair-judge.v2] [--dry-run]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.check.checker import Checker, _finding  # noqa: E402
from msgcheck.eval.gold import is_frozen, load_set  # noqa: E402
from msgcheck.eval.score import Scores  # noqa: E402
from msgcheck.eval.tuning import aligned_calls  # noqa: E402
from msgcheck.judge.crossjudge import CrossJudge, CrossJudgeConfig, _read  # noqa: E402
from msgcheck.judge.crossmodel import DEFAULT_DIR, CrossModel, hypothesis_text  # noqa: E402
from msgcheck.kinds import DRIFT_KINDS  # noqa: E402
from msgcheck.types import CallReport  # noqa: E402

TUNE = ROOT / "corpora" / "dev" / "tune"
GRID = {
    "k": [1, 2, 3, 5],
    "min_sim": [0.2],
    "contradiction": [0.5, 0.7, 0.9, 0.97, 2.0],  # 2.0: the model never flags this kind on its own
    "weakened": [0.5, 0.7, 0.9, 0.97, 2.0],
    "veto": [0.0, 0.05, 0.1, 0.2],
    "support": [0.7, 2.0],  # 2.0: the model never clears an unsupported claim
}


def prepare(checker: Checker, model: CrossModel, root: Path = TUNE) -> list[dict]:
    """Per tuning call: its claims, alignments, the inner judge's verdicts and omission finding."""
    calls = []
    kmax = max(GRID["k"])
    for t in aligned_calls(checker, load_set(root)):
        inner = checker.judge.inner.judge_all(t.alignments, t.campaign.index)
        pairs = []
        for al, v in zip(t.alignments, inner, strict=True):
            for a, _ in _read(al, v, CrossJudgeConfig(k=kmax, min_sim=0.0)):
                pairs.append((a.text, hypothesis_text(al.rep.text, al.rep.before)))
        model.probabilities(pairs)  # remembered: every setting below reads from memory
        omission = checker._omission(t.campaign, t.transcript, t.claims)
        calls.append(
            {"gold": t.gold, "claims": t.claims, "als": t.alignments, "inner": inner, "omission": omission}
        )
    return calls


def score(calls: list[dict], judge: CrossJudge, cfg: CrossJudgeConfig) -> dict:
    s = Scores("cross")
    for call in calls:
        findings = []
        for c, al, v in zip(call["claims"], call["als"], call["inner"], strict=True):
            read = _read(al, v, cfg)
            p = judge.model.probabilities([(a.text, hypothesis_text(c.text, c.before)) for a, _ in read])
            out = judge._decide(c, v, read, p, cfg)
            if out.kind in DRIFT_KINDS:
                findings.append(_finding(c, out))
        if call["omission"]:
            findings.append(call["omission"])
        gold = call["gold"]
        report = CallReport(
            call=gold.call, reps=gold.rep_speakers, prospects=[], drift_score=0.0, findings=findings
        )
        s.add(gold, report, findings)
    return s.summary()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--dry-run", action="store_true", help="print the choice, write nothing")
    ap.add_argument(
        "--sets",
        nargs="+",
        type=Path,
        default=[TUNE],
        help="tuning sets scored together (never a test or holdout set)",
    )
    ap.add_argument("--top", type=int, default=0, help="also print this many best settings")
    args = ap.parse_args(argv)
    for root in args.sets:
        if is_frozen(root):
            raise SystemExit(f"{root}: a frozen or holdout set is never tuned on")
    model = CrossModel(args.model)
    judge = CrossJudge(model=model, config=CrossJudgeConfig())
    checker = Checker(judge=judge)
    calls = [c for root in args.sets for c in prepare(checker, model, root)]
    off = CrossJudgeConfig(k=1, flag={"contradiction": 2.0, "weakened": 2.0}, veto=0.0, support=2.0)
    base = score(calls, judge, off)
    results = []
    for k, ms, tc, tw, veto, sup in itertools.product(*GRID.values()):
        cfg = CrossJudgeConfig(
            k=k, min_sim=ms, flag={"contradiction": tc, "weakened": tw}, veto=veto, support=sup
        )
        m = score(calls, judge, cfg)
        results.append((m["drift_f1"], m["kind_f1"], -m["hard_negatives_flagged"], cfg, m))
    ok = [r for r in results if r[4]["hard_negatives_flagged"] <= base["hard_negatives_flagged"]]
    best = max(ok or results, key=lambda r: (r[0], r[1], r[2]))
    cfg, m = best[3], best[4]
    for r in sorted(results, key=lambda r: (r[0], r[1], r[2]), reverse=True)[: args.top]:
        print(
            f"F1 {r[0]:.3f} kind {r[1]:.3f} HN {-r[2]:.3f} P {r[4]['drift_precision']:.3f} "
            f"R {r[4]['drift_recall']:.3f} k={r[3].k} flag={r[3].flag} veto={r[3].veto} support={r[3].support}"
        )
    keys = (
        "drift_precision",
        "drift_recall",
        "drift_f1",
        "kind_f1",
        "hard_negatives_flagged",
        "fp_per_drift_free_call",
    )
    choice = {
        **{k: getattr(cfg, k) for k in ("k", "min_sim", "flag", "veto", "support")},
        "tuned_on": " + ".join(str(p.relative_to(ROOT)) if p.is_absolute() else str(p) for p in args.sets),
        "inner_only": {k: base[k] for k in keys},
        "tuned": {k: m[k] for k in keys},
    }
    old = args.model / "judge.json"
    # the final head stays named: it decides when there is one (msgcheck train final)
    if old.exists() and (head := json.loads(old.read_text(encoding="utf-8")).get("head")):
        choice["head"] = head
    print(json.dumps(choice, indent=1))
    if not args.dry_run:
        (args.model / "judge.json").write_text(json.dumps(choice, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
