"""Objections found and left open, each journey set predicted by an objection model trained without it.

    python benchmarks/objections_loso.py [SET ...] [--pool SET ...] [--journey-weight W] [--json out.json]
        [--keep DIR] [--concern TH [--sweep TH ...]]

For each held-out set S (default: the journey tuning sets, corpora/journeys/dev*), an artifact is trained by
`msgcheck train objections` (msgcheck.train.objections.train, its threshold from the training turns) on the
corpus and the journey sets of ``--pool`` other than S (default: the held-out sets themselves, so "the other
six" of seven), then S's accounts are tracked as `msgcheck journey` tracks them (gold reps, accounts and
order as read or inferred) and scored with benchmarks/journeys.py's matching. Only the objection stage runs,
and each text is embedded once across all the trainings, so the whole protocol takes minutes rather than
an hour; the figures are the ones benchmarks/journeys.py --objection-model gives for the same artifacts.
With ``--concern TH`` each fold also fine-tunes the concern reader (a few minutes a fold) and decides at TH;
``--sweep`` scores the same folds at other thresholds too, which is how the shipped threshold is chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from journeys import _figures, _match

from msgcheck.embed.embedders import CachedEmbedder, Embedder, SentenceEmbedder
from msgcheck.eval.journeyset import set_calls
from msgcheck.journey.accounts import order_calls
from msgcheck.journey.build import JourneyBuilder
from msgcheck.journey.objections import track_objections
from msgcheck.journey.objmodel import ObjectionModel
from msgcheck.journey.text import utterances
from msgcheck.train import objections as trainer


def accounts(root: Path) -> tuple[list[list], list[tuple], list[tuple]]:
    """A set's accounts as track_objections reads them ((prospect turns, rep turns) per call, in order), and
    its gold objections: the open ones, and all."""
    lset, raw, infos = set_calls(root, JourneyBuilder())  # roles and accounts only: no checker is loaded
    by_account: dict[str, list] = {}
    for c in infos:
        by_account.setdefault(c.meta.account or "Unknown account", []).append(c)
    calls = [
        [
            (utterances(c.transcript, "prospect"), utterances(c.transcript, "rep", 1))
            for c in order_calls(group)
        ]
        for group in by_account.values()
    ]
    gold = [(g.call, o["quote"], o) for g in lset.calls for o in raw[g.call].get("objections") or []]
    return calls, [x for x in gold if x[2]["addressed"] is None], gold


def score(
    read: tuple[list[list], list[tuple], list[tuple]], model: ObjectionModel, embedder: Embedder
) -> dict:
    """A set's figures under one artifact; ``read``: the set as accounts() reads it (once for every artifact)."""
    calls, open_gold, all_gold = read
    found = [o for account in calls for o in track_objections(account, embedder, model)]
    said = [(o.said.call, o.said.text, {}) for o in found]
    left = [(o.said.call, o.said.text, {}) for o in found if o.open]
    return {
        "min_objection": model.min_objection,
        "objections_found": _figures(len(_match(said, all_gold)), len(said), len(all_gold)),
        "objections_left_open": _figures(len(_match(left, open_gold)), len(left), len(open_gold)),
    }


def run(
    sets: list[Path],
    pool: list[Path],
    weight: float,
    keep: Path | None,
    concern: float | None = None,
    sweep: list[float] | None = None,
) -> dict:
    embedder = CachedEmbedder(SentenceEmbedder())
    out: dict = {"held_out": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for held in sets:
            train_on = [p for p in pool if p.resolve() != held.resolve()]
            folder = (keep or Path(tmp)) / held.name
            trainer.train(
                journeys=train_on, out=folder, journey_weight=weight, embedder=embedder, concern=concern
            )
            model = ObjectionModel.load(folder)
            read = accounts(held)
            out["held_out"][held.name] = {
                "trained_on": [p.name for p in train_on],
                **score(read, model, embedder),
            }
            for th in sweep or []:
                assert model.concern is not None  # --sweep needs --concern
                model.concern.config["min_concern"] = th
                out.setdefault("sweep", {}).setdefault(f"{th:.2f}", {})[held.name] = score(
                    read, model, embedder
                )
    out["mean"] = _mean(list(out["held_out"].values()))
    out["pooled"] = _pooled(list(out["held_out"].values()))
    for th, per_set in out.get("sweep", {}).items():
        out["sweep"][th] = {"mean": _mean(list(per_set.values())), "pooled": _pooled(list(per_set.values()))}
    return out


def _mean(rows: list[dict]) -> dict:
    return {
        kind: {m: round(float(np.mean([r[kind][m] for r in rows])), 4) for m in ("precision", "recall", "f1")}
        for kind in ("objections_found", "objections_left_open")
    }


def _pooled(rows: list[dict]) -> dict:
    """Each finding kind over all held-out sets together (the sets are small: 5 open objections a set)."""
    return {
        kind: _figures(*(sum(r[kind][m] for r in rows) for m in ("tp", "predicted", "gold")))
        for kind in ("objections_found", "objections_left_open")
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "sets", type=Path, nargs="*", help="held-out journey sets (default: corpora/journeys/dev*)"
    )
    ap.add_argument("--pool", type=Path, nargs="*", help="training journey sets (default: the held-out sets)")
    ap.add_argument("--journey-weight", type=float, default=3.0, help="weight of each journey turn")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--keep", type=Path, help="keep each held-out set's artifact in DIR/<set>")
    ap.add_argument(
        "--concern", type=float, help="fine-tune the concern reader and decide at this P(concern)"
    )
    ap.add_argument("--sweep", type=float, nargs="*", help="with --concern: also score at these thresholds")
    args = ap.parse_args(argv)
    sets = args.sets or trainer.journey_sets()
    t0 = time.time()
    if args.sweep and args.concern is None:
        ap.error("--sweep needs --concern")
    pool = args.pool if args.pool is not None else sets
    result = run(sets, pool, args.journey_weight, args.keep, args.concern, args.sweep)
    result["seconds"] = round(time.time() - t0, 1)
    rows = [*result["held_out"].items(), ("mean", result["mean"]), ("pooled", result["pooled"])]
    rows += [(f"at {th}", r["pooled"]) for th, r in result.get("sweep", {}).items()]
    for name, r in rows:
        f, o = r["objections_found"], r["objections_left_open"]
        print(
            f"{name:8s} found P {f['precision']:.2f} R {f['recall']:.2f} F1 {f['f1']:.2f}   "
            f"left open P {o['precision']:.2f} R {o['recall']:.2f} F1 {o['f1']:.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
