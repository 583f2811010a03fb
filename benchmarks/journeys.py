"""Account journeys on a labelled journey set (docs/journey-format.md): precision and recall of `inconsistent`,
objections left open and missed follow-ups, and how often accounts and call order come out right.

    python benchmarks/journeys.py corpora/journeys/dev [--json out.json] [--infer-roles] [--objection-model DIR]
        [--promises rules|DIR] [--no-judged]

Accounts and dates are read from the files or inferred, as `msgcheck journey` does; reps are the gold
`rep_speakers` unless --infer-roles. A predicted item matches a gold one on the same call when its words
contain the gold quote or share 60% of its words (the gold format's rule); `inconsistent` also needs the
earlier call the gold names ("evidence quote" reports how often the earlier words shown match too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from msgcheck.check.checker import Checker
from msgcheck.eval.journeyset import build_set
from msgcheck.eval.score import prf, quote_matches
from msgcheck.journey.build import JourneyBuilder
from msgcheck.journey.objmodel import ObjectionModel
from msgcheck.journey.promisehead import HeadDecider, RuleDecider
from msgcheck.journey.text import Sentence


def _match(
    preds: list[tuple[str, str, dict]], gold: list[tuple[str, str, dict]], need=None
) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, (gcall, gquote, gx) in enumerate(gold):
        for pi, (pcall, ptext, px) in enumerate(preds):
            if pi in used or pcall != gcall or not quote_matches(ptext, gquote):
                continue
            if need is not None and not need(px, gx):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _figures(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r, f = prf(tp, n_pred, n_gold)
    return {
        "tp": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


def run(
    root: Path,
    infer_roles: bool = False,
    objection_model: Path | None = None,
    promise_head: str | None = None,
    judged: bool = True,
) -> dict:
    checker = Checker()
    promises = None  # the bundled head
    if promise_head == "rules":
        promises = RuleDecider()
    elif promise_head:
        promises = HeadDecider(checker.embedder, promise_head)
    builder = JourneyBuilder(
        checker,
        objection_model=ObjectionModel.load(objection_model) if objection_model else None,
        promises=promises,
        judged=judged,
    )
    built = build_set(root, builder, infer_roles)
    lset, raw, infos, journeys = built.lset, built.raw, built.infos, built.journeys

    accounts_right = sum(i.meta.account == raw[i.name]["account"] for i in infos)
    order_right = 0
    for j in journeys.values():
        got = [c.name for c in j.calls]
        want = sorted(got, key=lambda n: raw[n]["date"])
        order_right += got == want

    inc_pred = [
        (c.name, f.transcript["text"], f.asset)
        for j in journeys.values()
        for c in j.calls
        for f in c.inconsistent
    ]
    inc_gold = [
        (g.call, f["transcript_quote"], f)
        for g in lset.calls
        for f in raw[g.call]["findings"]
        if f["kind"] == "inconsistent"
    ]
    inc_pairs = _match(inc_pred, inc_gold, need=lambda p, g: p.get("call") == g.get("earlier_call"))
    evidence = sum(
        quote_matches(inc_pred[pi][2].get("text"), inc_gold[gi][2]["earlier_quote"]) for gi, pi in inc_pairs
    )

    def sent(s: Sentence) -> tuple[str, str, dict]:
        return (s.call, s.text, {})

    open_pred = [sent(o.said) for j in journeys.values() for o in j.open_objections]
    open_gold = [
        (g.call, o["quote"], o)
        for g in lset.calls
        for o in raw[g.call].get("objections") or []
        if o["addressed"] is None
    ]
    all_obj_pred = [sent(o.said) for j in journeys.values() for o in j.objections]
    all_obj_gold = [(g.call, o["quote"], o) for g in lset.calls for o in raw[g.call].get("objections") or []]

    miss_pred = [sent(f.said) for j in journeys.values() for f in j.missed_followups]
    miss_gold = [
        (g.call, f["quote"], f)
        for g in lset.calls
        for f in raw[g.call].get("followups") or []
        if f["status"] == "missed"
    ]
    commit_pred = [sent(f.said) for j in journeys.values() for f in j.followups]
    commit_gold = [(g.call, f["quote"], f) for g in lset.calls for f in raw[g.call].get("followups") or []]

    return {
        "set": str(root),
        "calls": len(lset.calls),
        "accounts": len({r["account"] for r in raw.values()}),
        "accounts_right": f"{accounts_right}/{len(infos)}",
        "order_right": f"{order_right}/{len(journeys)} accounts",
        "roles": "inferred" if infer_roles else "gold",
        "promises": builder.promises.version + ("+judged" if judged else ""),
        "inconsistent": {
            **_figures(len(inc_pairs), len(inc_pred), len(inc_gold)),
            "evidence_quote_right": evidence,
        },
        "objections_left_open": _figures(len(_match(open_pred, open_gold)), len(open_pred), len(open_gold)),
        "objections_found": _figures(
            len(_match(all_obj_pred, all_obj_gold)), len(all_obj_pred), len(all_obj_gold)
        ),
        "missed_followups": _figures(len(_match(miss_pred, miss_gold)), len(miss_pred), len(miss_gold)),
        "followups_found": _figures(
            len(_match(commit_pred, commit_gold)), len(commit_pred), len(commit_gold)
        ),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", type=Path, help="a journey set: calls/, campaigns/, gold/")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--infer-roles", action="store_true", help="infer reps instead of using the gold ones")
    ap.add_argument("--objection-model", type=Path, help="an objections artifact other than the bundled one")
    ap.add_argument(
        "--promises",
        default=None,
        help="what decides `inconsistent`: 'rules', or a promise head's folder (default: the bundled head)",
    )
    ap.add_argument(
        "--no-judged",
        action="store_true",
        help="the rules (or head) alone decide `inconsistent`: no call judge reading, no asset-support check",
    )
    args = ap.parse_args(argv)
    t0 = time.time()
    result = run(args.set, args.infer_roles, args.objection_model, args.promises, not args.no_judged)
    result["seconds"] = round(time.time() - t0, 1)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
