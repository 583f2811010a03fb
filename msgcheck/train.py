"""Trains the NLI pair head (msgcheck.pairmodel) and writes models/pair-head.v1/.

    python -m msgcheck.train                 # the shipped head: fixed seed, the parameters below
    python -m msgcheck.train --search        # re-runs the hyper-parameter search on CAD-SNLI dev

Training data: CAD-SNLI all_combined train (8,330) + SNLI dev (9,842). Tuning: CAD-SNLI dev (1,000)
only: the parameter search and the temperature (one scalar that calibrates the probabilities).
SNLI test and Breaking NLI are never read here: report them with benchmarks/nli.py.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from .nlidata import Pair, load_cad, load_snli
from .pairmodel import DEFAULT_DIR, LABELS, LEXICAL_FEATURES, PairHead

SEED = 0
# Chosen by `--search` on CAD-SNLI dev (best accuracy; see MODEL_CARD.md for the grid's figures).
PARAMS: dict = {"classifier": "mlp", "hidden": (512,), "alpha": 3.0, "lexical": True}
SEARCH: list[dict] = [
    {"classifier": "logreg", "C": 0.01},
    {"classifier": "logreg", "C": 0.1},
    {"classifier": "logreg", "C": 1.0},
    {"classifier": "mlp", "hidden": (256,), "alpha": 0.1},
    {"classifier": "mlp", "hidden": (256,), "alpha": 1.0},
    {"classifier": "mlp", "hidden": (512,), "alpha": 0.1},
    {"classifier": "mlp", "hidden": (512,), "alpha": 1.0},
    {"classifier": "mlp", "hidden": (512,), "alpha": 3.0},
    {"classifier": "mlp", "hidden": (512,), "alpha": 10.0},
]


def training_pairs() -> tuple[list[Pair], dict[str, int]]:
    cad, snli = load_cad("train"), load_snli("dev")
    return cad + snli, {"cad_snli_train": len(cad), "snli_dev": len(snli), "total": len(cad) + len(snli)}


def reliability(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> dict:
    """Top-label confidence vs observed accuracy in equal-width bins, and the expected calibration error."""
    conf = proba.max(axis=1)
    right = proba.argmax(axis=1) == y
    rows, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mask = (conf >= lo) & ((conf < hi) if b < bins - 1 else (conf <= hi))
        if not mask.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": 0, "predicted": None, "observed": None})
            continue
        p, o = float(conf[mask].mean()), float(right[mask].mean())
        ece += mask.mean() * abs(p - o)
        rows.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "n": int(mask.sum()),
                "predicted": round(p, 4),
                "observed": round(o, 4),
            }
        )
    return {"bins": rows, "ece": round(float(ece), 4)}


def _embedder(cache: Path | None):
    from .embed import CachedEmbedder, SentenceEmbedder

    store: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as npz:
            store = dict(zip(npz["keys"].tolist(), npz["vecs"], strict=True))
    return CachedEmbedder(SentenceEmbedder(batch_size=128), store)


def _save_cache(emb, cache: Path | None) -> None:
    if cache and emb.misses:
        keys = list(emb.cache)
        np.savez(cache, keys=np.array(keys), vecs=np.stack([emb.cache[k] for k in keys]))


def _labels(pairs: list[Pair]) -> np.ndarray:
    return np.array([LABELS.index(p.label) for p in pairs])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m msgcheck.train", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_DIR, help="artifact folder (default models/pair-head.v1)"
    )
    ap.add_argument(
        "--search", action="store_true", help="grid-search the head's parameters on CAD-SNLI dev first"
    )
    ap.add_argument("--cache", type=Path, help="an .npz of sentence vectors to reuse between runs")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    (train, sizes), dev, test = training_pairs(), load_cad("dev"), load_cad("test")
    emb = _embedder(args.cache)
    probe = PairHead(embedder=emb, lexical=True)
    X_tr = probe.features([p.premise for p in train], [p.hypothesis for p in train])
    X_dev = probe.features([p.premise for p in dev], [p.hypothesis for p in dev])
    X_te = probe.features([p.premise for p in test], [p.hypothesis for p in test])
    _save_cache(emb, args.cache)
    t_embed = time.perf_counter() - t0
    print(f"features: train {X_tr.shape}, CAD dev {X_dev.shape} ({t_embed:.0f}s)", flush=True)
    y_tr = [p.label for p in train]
    y_dev = _labels(dev)
    n_lex = len(LEXICAL_FEATURES)

    def cols(X: np.ndarray, lexical: bool) -> np.ndarray:
        return X if lexical else X[:, :-n_lex]

    params = dict(PARAMS)
    search_rows = []
    if args.search:
        for cand in SEARCH:
            for lexical in (True, False):
                p = {**cand, "lexical": lexical}
                t = time.perf_counter()
                head = PairHead(embedder=emb, random_state=SEED, **p).fit_features(cols(X_tr, lexical), y_tr)
                acc = float((head.predict_proba_features(cols(X_dev, lexical)).argmax(1) == y_dev).mean())
                row = {**p, "hidden": list(p.get("hidden", ())), "cad_dev_acc": round(acc, 4)}
                row["seconds"] = round(time.perf_counter() - t, 1)
                search_rows.append(row)
                print(f"  {row}", flush=True)
        best = max(search_rows, key=lambda r: r["cad_dev_acc"])
        params = {
            k: (tuple(v) if k == "hidden" else v)
            for k, v in best.items()
            if k not in ("cad_dev_acc", "seconds")
        }
        if not params.get("hidden"):
            params.pop("hidden", None)
        print(f"best on CAD-SNLI dev: {best}", flush=True)

    t1 = time.perf_counter()
    head = PairHead(embedder=emb, random_state=SEED, **params).fit_features(
        cols(X_tr, params["lexical"]), y_tr
    )
    t_fit = time.perf_counter() - t1
    raw_dev = head.predict_proba_features(cols(X_dev, params["lexical"]))
    head.calibrate(cols(X_dev, params["lexical"]), [p.label for p in dev])
    proba_dev = head.predict_proba_features(cols(X_dev, params["lexical"]))
    proba_te = head.predict_proba_features(cols(X_te, params["lexical"]))
    metrics = {
        "seed": SEED,
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()},
        "train": sizes,
        "cad_dev_accuracy": round(float((proba_dev.argmax(1) == y_dev).mean()), 4),
        "cad_test_accuracy_report_only": round(float((proba_te.argmax(1) == _labels(test)).mean()), 4),
        "temperature": head.temperature_,
        "reliability_cad_dev_before_temperature": reliability(raw_dev, y_dev),
        "reliability_cad_dev": reliability(proba_dev, y_dev),
        "reliability_cad_test_report_only": reliability(proba_te, _labels(test)),
        "seconds": {"features": round(t_embed, 1), "fit": round(t_fit, 1)},
        "n_iter": head.n_iter_,
        "search": search_rows,
    }
    head.save(args.out, metadata={"data": "CAD-SNLI all_combined train + SNLI 1.0 dev", "seed": SEED})
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in metrics.items() if k != "search"}, indent=2))
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
