"""Omission and unsupported read by the cross-encoder (msgcheck.check.support), measured on the tuning split.

Every tuning call (corpora/dev/tune) is extracted, aligned and judged by the default judge once, as
`msgcheck eval` runs it; the cross-encoder reads each rep claim's nearest asset claims and each headline
promise's nearest rep turns once (remembered); then every setting of the grid is scored with the gold
format's matching rules:

- omission: omission precision / recall (the gate for turning it on: precision >= 0.6), and drift figures
  with the omission added to the default findings;
- unsupported: drift P/R/F1, hard negatives flagged and unsupported P/R (a predicted unsupported finding
  matching any gold finding; a gold unsupported finding matched by any prediction), for three ways of
  using the model: `replace` (the model decides unsupported), `veto` (a rules' unsupported finding stays
  only if the model finds no support) and `add` (the rules' plus the model's).

corpora/dev/test and corpora/dev/holdout are never read here.

    python benchmarks/tune_support.py [--json out.json]
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

from msgcheck.check.campaign import headline_promises  # noqa: E402
from msgcheck.check.checker import Checker, _finding  # noqa: E402
from msgcheck.check.support import claim_support, promise_mention  # noqa: E402
from msgcheck.eval.gold import load_set  # noqa: E402
from msgcheck.eval.score import Scores, match, quote_matches  # noqa: E402
from msgcheck.eval.tuning import aligned_calls  # noqa: E402
from msgcheck.extract.worthy import ClaimWorthiness  # noqa: E402
from msgcheck.judge.crossmodel import CrossModel  # noqa: E402
from msgcheck.kinds import DRIFT_KINDS  # noqa: E402
from msgcheck.types import CallReport, Finding  # noqa: E402

TUNE = ROOT / "corpora" / "dev" / "tune"
OMISSION_READ = [6]
OMISSION_MEASURES = ["mention", "support"]  # 1 - P(unrelated), P(consistent): check.support
OMISSION_T = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
UNSUP_READ = [3, 6, 12]
UNSUP_WORTHY = [0.45, 0.6, 0.75, 0.9]
UNSUP_SUPPORT = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7]


def prepare(checker: Checker, model: CrossModel, worthy: ClaimWorthiness, parts: set[str]) -> list[dict]:
    calls = []
    for t in aligned_calls(checker, load_set(TUNE)):
        gold, camp, transcript = t.gold, t.campaign, t.transcript
        claims, vecs, als = t.claims, t.vectors, t.alignments
        verdicts = checker.judge.judge_all(als, camp.index)
        findings = [
            (i, _finding(c, v))
            for i, (c, v) in enumerate(zip(claims, verdicts, strict=True))
            if v.kind in DRIFT_KINDS and v.score >= checker.judge.floor(v.kind)
        ]
        unsup = {k: [claim_support(model, al, k) for al in als] for k in UNSUP_READ if "unsupported" in parts}
        reps = set(transcript.speakers_with("rep"))
        turns = [u.text for u in transcript.utterances if u.speaker in reps and u.text.strip()]
        tvecs = checker.embedder.embed_batch(turns) if turns else None
        promises = headline_promises(camp.promises, checker.config)
        mentions = {}
        for k, measure in itertools.product(OMISSION_READ, OMISSION_MEASURES):
            if "omission" not in parts:
                break
            row = []
            for p in promises:
                idx = [i for i, c in enumerate(camp.claims) if any(c is m for m in p.core)]
                row.append(promise_mention(model, p.core, camp.vectors[idx], turns, tvecs, k, measure))
            mentions[(measure, k)] = row
        changed = []  # promises a finding of the call contradicts or weakens: mentioned, not omitted
        for p in promises:
            members = {(c.file, c.text) for c in p.claims}
            changed.append(
                any(
                    f.kind in ("contradiction", "weakened") and (f.asset["file"], f.asset["text"]) in members
                    for _, f in findings
                    if f.asset
                )
            )
        calls.append(
            {
                "gold": gold,
                "claims": claims,
                "findings": findings,
                "worthy": worthy.probability(vecs) if len(vecs) else [],
                "unsup": unsup,
                "promises": promises,
                "mentions": mentions,
                "changed": changed,
                "selling": len(claims) >= checker.config.min_rep_claims_for_omission,
            }
        )
        print(f"  {gold.call}: {len(claims)} claims, {len(promises)} headline promises", file=sys.stderr)
    return calls


def omission_findings(call: dict, measure: str, read: int, t: float) -> list[Finding]:
    if not call["selling"]:
        return []
    for p, m, changed in zip(
        call["promises"], call["mentions"][(measure, read)], call["changed"], strict=True
    ):
        if m.value < t and not changed:
            rep = p.representative
            return [
                Finding(
                    kind="omission",
                    score=round(1 - m.value, 4),
                    slot=p.slot,
                    explanation="",
                    transcript=None,
                    asset={"file": rep.file, "text": rep.text},
                )
            ]
    return []


def unsupported_findings(call: dict, mode: str, read: int, tw: float, ts: float) -> list[Finding]:
    """The call's findings with unsupported decided as ``mode`` says (``off``: the default judge's)."""
    out = []
    flagged = set()
    for i, f in call["findings"]:
        if (
            f.kind != "unsupported"
            or mode in ("off", "add")
            or (mode == "veto" and call["unsup"][read][i].value < ts)
        ):
            out.append(f)
            flagged.add(i)
    if mode in ("replace", "add"):
        pair_flagged = {i for i, f in call["findings"] if f.kind != "unsupported"}
        for i, c in enumerate(call["claims"]):
            if i in flagged or i in pair_flagged:
                continue
            s = call["unsup"][read][i]
            if call["worthy"][i] >= tw and s.value < ts:
                out.append(
                    Finding(
                        kind="unsupported",
                        score=round(float(call["worthy"][i]) * (1 - s.value), 4),
                        slot=c.slot,
                        explanation="",
                        transcript={"speaker": c.speaker, "text": c.text, "start": c.start, "index": 0},
                        asset=None,
                    )
                )
    return out


def score(calls: list[dict], build) -> dict:
    s = Scores("msgcheck")
    kinds = {k: [0, 0, 0, 0] for k in ("unsupported", "omission")}  # pred, pred right, gold, gold found
    for call in calls:
        gold = call["gold"]
        preds = build(call)
        report = CallReport(
            call=gold.call, reps=gold.rep_speakers, prospects=[], drift_score=0.0, findings=preds
        )
        s.add(gold, report, preds)
        pairs = dict(match(preds, gold.findings, same_kind=False))
        right = set(pairs.values())
        for k, row in kinds.items():
            row[0] += sum(1 for p in preds if p.kind == k)
            row[1] += sum(1 for i, p in enumerate(preds) if p.kind == k and i in right)
            row[2] += sum(1 for g in gold.findings if g.kind == k)
            row[3] += sum(1 for gi, g in enumerate(gold.findings) if g.kind == k and gi in pairs)
    m = s.summary()
    keys = ("predicted", "drift_precision", "drift_recall", "drift_f1", "kind_f1", "hard_negatives_flagged")
    out = {k: m[k] for k in keys}
    out["fp_per_drift_free_call"] = m["fp_per_drift_free_call"]
    for k, (n, ok, g, found) in kinds.items():
        out[k] = {
            "predicted": n,
            "precision": round(ok / n, 4) if n else None,
            "recall": round(found / g, 4) if g else None,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=None, help="write every setting's figures here")
    ap.add_argument("--parts", default="omission,unsupported", help="comma-separated: omission, unsupported")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    checker = Checker()
    model, worthy = CrossModel(), ClaimWorthiness()
    calls = prepare(checker, model, worthy, parts)
    results: dict = {"before": score(calls, lambda c: unsupported_findings(c, "off", 3, 0, 0))}
    results["omission"] = []
    for measure, read, t in itertools.product(OMISSION_MEASURES, OMISSION_READ, OMISSION_T):
        if "omission" not in parts:
            break
        m = score(
            calls,
            lambda c, ms=measure, k=read, t=t: (
                unsupported_findings(c, "off", 3, 0, 0) + omission_findings(c, ms, k, t)
            ),
        )
        results["omission"].append({"measure": measure, "read": read, "threshold": t, **m})
    results["signals"] = [
        {
            "call": c["gold"].call,
            "promise": p.representative.text,
            "gold_omitted": any(
                g.kind == "omission" and quote_matches(p.representative.text, g.asset_quote)
                for g in c["gold"].findings
            ),
            "changed": ch,
            **{f"{ms}@{k}": round(row[i].value, 3) for (ms, k), row in c["mentions"].items()},
        }
        for c in calls
        for i, (p, ch) in enumerate(zip(c["promises"], c["changed"], strict=True))
    ]
    results["unsupported"] = []
    for mode in ("replace", "veto", "add"):
        if "unsupported" not in parts:
            break
        for read, tw, ts in itertools.product(UNSUP_READ, UNSUP_WORTHY, UNSUP_SUPPORT):
            if mode == "veto" and tw != UNSUP_WORTHY[0]:
                continue  # veto does not read the classifier
            m = score(calls, lambda c, a=(mode, read, tw, ts): unsupported_findings(c, *a))
            results["unsupported"].append({"mode": mode, "read": read, "worthy": tw, "support": ts, **m})
    b = results["before"]
    print("before:", json.dumps(b))
    print("omission (measure, read, threshold): predicted, precision, recall | drift F1")
    for r in results["omission"]:
        o = r["omission"]
        print(
            f"  {r['measure']} {r['read']:>2} {r['threshold']:.2f}: {o['predicted']:>2} P {o['precision']} "
            f"R {o['recall']} | F1 {r['drift_f1']}"
        )
    for row in results["signals"]:
        print("  signal:", json.dumps(row))
    ok = [r for r in results["unsupported"] if r["hard_negatives_flagged"] <= b["hard_negatives_flagged"]]
    print("unsupported, best drift F1 with hard negatives no worse than before, per mode:")
    for mode in ("replace", "veto", "add"):
        rows = sorted((r for r in ok if r["mode"] == mode), key=lambda r: -r["drift_f1"])[:3]
        for r in rows:
            print("  ", json.dumps(r))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
