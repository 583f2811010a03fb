"""A pair judge on public NLI sets: SNLI 1.0 test (3-way accuracy) and Breaking NLI (accuracy per category).

Both sets are for REPORTING ONLY (../shared/data/README.md): nothing may be trained or tuned on them.

    python benchmarks/nli.py --judge head            # the trained pair head (models/pair-head.v2)
    python benchmarks/nli.py --judge pairs           # msgcheck's rule judge via msgcheck.check.pairs.judge_pairs
    python benchmarks/nli.py --judge head --limit 500 --json out.json
    python benchmarks/nli.py --judge cross --model models/cross-encoder-minilm.v0   # the experiment

`--judge pairs` maps drift verdicts onto NLI labels (asset = premise, rep = hypothesis): consistent ->
entailment, contradiction -> contradiction, anything else -> neutral.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

Judge = Callable[[list[tuple[str, str]]], list[str]]

# Published figures, with where they come from. Breaking NLI's per-category table (Glockner et al. 2018)
# could not be checked against the paper while writing this, so no number of it is quoted.
REFERENCES = {
    "snli": [
        ("InferSent, 4096-d BiLSTM-max sentence encoder", "84.5%", "Conneau et al. 2017, EMNLP, Table 3"),
        ("100d LSTM sentence encoders", "77.6%", "Bowman et al. 2015, EMNLP"),
        ("lexicalised classifier (unigram + bigram features)", "78.2%", "Bowman et al. 2015, EMNLP"),
    ],
    "breaking": [
        (
            "WordNet baseline and KIM, per category",
            "unverified",
            "Glockner et al. 2018, ACL (not quoted here)",
        ),
    ],
}


def rule_judge() -> Judge:
    from msgcheck import Checker
    from msgcheck.check.pairs import judge_pairs

    checker = Checker()
    return lambda pairs: [r.label for r in judge_pairs(checker, pairs)]


def head_judge(model: Path) -> Judge:
    from msgcheck.judge.pairhead import PairHead

    head = PairHead.load(model)
    return lambda pairs: head.predict([p for p, _ in pairs], [h for _, h in pairs])


def subset(pairs: list, limit: int) -> list:
    """Every k-th pair, so a quick run still covers every category (the files are grouped by it)."""
    if not limit or limit >= len(pairs):
        return pairs
    return pairs[:: len(pairs) // limit][:limit]


def cross_judge(model: Path) -> Judge:
    """The checker's pair-judge cross-encoder (4 labels: consistent -> entailment, contradiction ->
    contradiction, weakened and unrelated -> neutral), or the 3-label NLI experiment's."""
    from msgcheck.judge.crossmodel import CROSS_LABELS, CrossModel

    if (model / "training.json").exists() and json.loads((model / "training.json").read_text()).get(
        "labels"
    ) == list(CROSS_LABELS):
        cm = CrossModel(model)
        to_nli = {"consistent": "entailment", "contradiction": "contradiction"}
        return lambda pairs: [
            to_nli.get(CROSS_LABELS[i], "neutral") for i in cm.probabilities(pairs).argmax(axis=1)
        ]
    from cross_encoder import CrossEncoderJudge  # benchmarks/cross_encoder.py (experiment)

    return CrossEncoderJudge(model)


def run(judge: Judge, pairs: list, batch_size: int, name: str) -> tuple[list[str], float]:
    preds: list[str] = []
    t0 = time.perf_counter()
    for i in range(0, len(pairs), batch_size):
        batch = pairs[i : i + batch_size]
        preds += judge([(p.premise, p.hypothesis) for p in batch])
        print(f"  {name}: {len(preds)}/{len(pairs)}", file=sys.stderr, flush=True)
    return preds, time.perf_counter() - t0


def snli_report(pairs: list, preds: list[str], seconds: float) -> dict:
    labels = ("entailment", "neutral", "contradiction")
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for pair, pred in zip(pairs, preds, strict=True):
        confusion[pair.label][pred] += 1
    right = sum(confusion[g][g] for g in labels)
    return {
        "pairs": len(pairs),
        "accuracy": round(right / len(pairs), 4) if pairs else 0.0,
        "per_label_recall": {
            g: round(confusion[g][g] / max(1, sum(confusion[g].values())), 4) for g in labels
        },
        "confusion_gold_by_pred": confusion,
        "seconds": round(seconds, 1),
    }


def breaking_report(pairs: list, preds: list[str], seconds: float) -> dict:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, n, majority-class right
    for pair, pred in zip(pairs, preds, strict=True):
        row = per[pair.category]
        row[0] += pred == pair.label
        row[1] += 1
        row[2] += pair.label == "contradiction"
    n = len(pairs)
    return {
        "pairs": n,
        "accuracy": round(sum(r[0] for r in per.values()) / n, 4) if n else 0.0,
        "always_contradiction": round(sum(r[2] for r in per.values()) / n, 4) if n else 0.0,
        "per_category": {
            c: {"n": r[1], "accuracy": round(r[0] / r[1], 4), "always_contradiction": round(r[2] / r[1], 4)}
            for c, r in sorted(per.items(), key=lambda kv: -kv[1][1])
        },
        "predicted": dict(Counter(preds)),
        "seconds": round(seconds, 1),
    }


def render(results: dict) -> str:
    out = [f"judge: {results['judge']}"]
    if "snli_test" in results:
        s = results["snli_test"]
        out.append(
            f"SNLI 1.0 test ({s['pairs']} pairs): 3-way accuracy {s['accuracy']:.1%} ({s['seconds']}s)"
        )
        out.append(
            "  recall by gold label: " + ", ".join(f"{k} {v:.1%}" for k, v in s["per_label_recall"].items())
        )
        for name, fig, src in REFERENCES["snli"]:
            out.append(f"  reference: {name}: {fig} ({src})")
        out.append(
            "  note: all-MiniLM-L6-v2 was trained with SNLI/MultiNLI among its data; SNLI figures read high."
        )
    if "breaking_nli" in results:
        b = results["breaking_nli"]
        out.append(
            f"Breaking NLI ({b['pairs']} pairs): accuracy {b['accuracy']:.1%} ({b['seconds']}s); "
            f"always-contradiction would score {b['always_contradiction']:.1%}"
        )
        out.append(f"  {'category':<18}{'n':>6}{'accuracy':>10}{'always-C':>10}")
        for c, r in b["per_category"].items():
            out.append(f"  {c:<18}{r['n']:>6}{r['accuracy']:>10.1%}{r['always_contradiction']:>10.1%}")
        out.append(f"  predicted labels: {b['predicted']}")
        for name, fig, src in REFERENCES["breaking"]:
            out.append(f"  reference: {name}: {fig} ({src})")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--judge", choices=("pairs", "head", "cross"), default="head")
    ap.add_argument(
        "--model",
        type=Path,
        default=None,
        help="pair head or cross-encoder folder (default models/pair-head.v2)",
    )
    ap.add_argument("--sets", default="snli,breaking", help="comma-separated: snli, breaking")
    ap.add_argument(
        "--limit", type=int, default=0, help="only N pairs of each set, spread evenly (quick runs)"
    )
    ap.add_argument("--batch-size", type=int, default=1024)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    from msgcheck.judge.pairhead import DEFAULT_DIR
    from msgcheck.train.nlidata import load_breaking, load_snli

    if args.judge == "pairs":
        judge, name = rule_judge(), "msgcheck.check.pairs.judge_pairs (the checker's judge)"
    elif args.judge == "cross":
        if args.model is None:
            ap.error("--judge cross needs --model FOLDER")
        judge, name = cross_judge(args.model), f"cross-encoder ({args.model})"
    else:
        judge, name = head_judge(args.model or DEFAULT_DIR), f"pair head ({args.model or DEFAULT_DIR})"
    results: dict = {"judge": name, "limit": args.limit or None}
    sets = {s.strip() for s in args.sets.split(",")}
    if "snli" in sets:
        pairs = subset(load_snli("test"), args.limit)
        preds, secs = run(judge, pairs, args.batch_size, "SNLI test")
        results["snli_test"] = snli_report(pairs, preds, secs)
    if "breaking" in sets:
        pairs = subset(load_breaking(), args.limit)
        preds, secs = run(judge, pairs, args.batch_size, "Breaking NLI")
        results["breaking_nli"] = breaking_report(pairs, preds, secs)
    results["references"] = {k: [list(r) for r in v] for k, v in REFERENCES.items()}
    print(render(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
