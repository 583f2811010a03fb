"""Trains the pair judge the checker uses, in three fixed-seed stages, and writes its artifacts.

    python -m msgcheck.train                      # models/pair-head.v2 and models/drift-head.v1
    python -m msgcheck.train --cache /tmp/v.npz   # reuse sentence vectors between runs

1. The NLI pair head (msgcheck.pairmodel) on frozen all-MiniLM-L6-v2 features plus lexical and
   structured evidence columns. Data: CAD-SNLI all_combined train (8,330) + SNLI dev (9,842) + one-word
   swaps of their premises (msgcheck.pairgen.swap_pairs) + drift edits of msgcheck's own asset claims
   (corpora/demo and corpora/dev/tune; pairgen.claim_pairs). Temperature on CAD-SNLI dev.
2. The drift head (msgcheck.drifthead): consistent / contradiction / weakened from the pair head's
   probabilities, the evidence and the cosine. Data: the claim edits, plus the labelled (asset quote,
   rep quote) pairs of corpora/demo and corpora/dev/tune (findings and hard negatives).
3. The checker's decision thresholds and per-kind score calibration, chosen on corpora/dev/tune and
   corpora/demo: a grid over the thresholds, then Platt scaling of each kind's scores against the gold.

Never read here: SNLI test, Breaking NLI (reporting only: benchmarks/nli.py) and corpora/dev/test
(frozen: msgcheck eval corpora/dev/test).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..check.checker import Checker
from ..embed.embedders import CachedEmbedder, SentenceEmbedder
from ..eval.gold import load_set
from ..eval.score import Scores, checker_system, match
from ..judge.drifthead import DEFAULT_DIR as DRIFT_DIR
from ..judge.drifthead import DRIFT_LABELS, DriftHead
from ..judge.pairhead import DEFAULT_DIR, LABELS, PairHead
from ..judge.pairjudge import PairJudge, PairJudgeConfig, drift_inputs
from ..kinds import FINDING_KINDS
from .nlidata import Pair, load_cad, load_snli
from .pairgen import GenPair, claim_pairs, corpus_claims, swap_pairs

SEED = 0
ROOT = Path(__file__).resolve().parents[2]
TUNING_SETS = [ROOT / "corpora" / "demo", ROOT / "corpora" / "dev" / "tune"]
# Chosen by v1's grid search on CAD-SNLI dev (see models/pair-head.v2/MODEL_CARD.md).
PARAMS: dict = {"classifier": "mlp", "hidden": (512,), "alpha": 3.0, "lexical": True, "evidence": True}
GOLD_WEIGHT = 3.0  # a labelled call pair counts this many generated ones
GRID = {
    "keep_contradiction": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
    "keep_weakened": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
    "relabel_margin": [0.2, 0.4, 0.6, 1.1],
}
PROMOTE = [2.0, 0.97, 0.93, 0.9]  # 2.0: never promote
MAX_HARD_NEGATIVES = 0.05


def reliability(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> dict:
    """Top-label confidence vs observed accuracy in equal-width bins, and the expected calibration error."""
    conf = proba.max(axis=1)
    right = proba.argmax(axis=1) == y
    return binned(conf, right, bins)


def binned(conf: np.ndarray, right: np.ndarray, bins: int = 10) -> dict:
    """Predicted probability vs observed frequency in equal-width bins, and the expected calibration error."""
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

    store: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as npz:
            store = dict(zip(npz["keys"].tolist(), npz["vecs"], strict=True))
    return CachedEmbedder(SentenceEmbedder(batch_size=128), store)


def _save_cache(emb, cache: Path | None) -> None:
    if cache and emb.misses:
        keys = list(emb.cache)
        np.savez(cache, keys=np.array(keys), vecs=np.stack([emb.cache[k] for k in keys]))


def _labels(pairs: list[Pair] | list[GenPair]) -> np.ndarray:
    return np.array([LABELS.index(p.label) for p in pairs])


# -------------------------------------------------------------------------------------- stage 2 data
def gold_pairs(claims_by_file: dict[tuple[str, str], list[str]]) -> list[tuple[str, str, str]]:
    """(asset sentence, rep quote, drift label) from the labelled calls of the tuning sets."""

    out = []
    for root in TUNING_SETS:
        lset = load_set(root)
        for g in lset.calls:
            items = [(f.asset_file, f.asset_quote, f.transcript_quote, f.kind) for f in g.findings]
            items += [(c.asset_file, c.asset_quote, c.transcript_quote, "consistent") for c in g.consistent]
            for file, aq, tq, kind in items:
                if kind not in ("contradiction", "weakened", "consistent") or not (file and aq and tq):
                    continue
                sents = claims_by_file.get((g.campaign, file), [])
                asset = next((s for s in sents if aq.lower() in s.lower()), aq)
                out.append((asset, tq, kind))
    return out


# -------------------------------------------------------------------------------------- stage 3
def _run_sets(checker) -> list[tuple]:
    """(gold call, report) for every call of the tuning sets."""

    out = []
    for root in TUNING_SETS:
        lset = load_set(root)
        system = checker_system(checker)
        out += [(g, system(lset, g)) for g in lset.calls]
    return out


def _apply(findings, keep_c: float, keep_w: float, margin: float):

    out = []
    for f in findings:
        p = (f.probabilities or {}).get("drift")
        if p and f.kind in ("contradiction", "weakened"):
            drift = p["contradiction"] + p["weakened"]
            if drift < (keep_c if f.kind == "contradiction" else keep_w):
                continue
            if f.kind == "contradiction" and p["weakened"] > p["contradiction"] + margin:
                f = replace(f, kind="weakened")
        out.append(f)
    return out


def _score(runs, transform) -> dict:

    s = Scores("pair")
    for gold, report in runs:
        s.add(gold, report, transform(report.findings))
    return s.summary()


def _objective(summary: dict) -> float:
    penalty = 10.0 * max(0.0, summary["hard_negatives_flagged"] - MAX_HARD_NEGATIVES)
    return summary["drift_f1"] + summary["kind_f1"] - penalty


def tune_decisions(head_dir: Path, drift_dir: Path) -> tuple[dict, dict, list]:
    """Grid-search the keep/relabel thresholds and the promotion threshold on the tuning sets."""

    def checker(promote: float) -> Checker:
        cfg = PairJudgeConfig(
            keep={"contradiction": 0.0, "weakened": 0.0}, relabel_margin=2.0, promote=promote
        )
        return Checker(judge=PairJudge(head_dir=head_dir, drift_dir=drift_dir, config=cfg, calibrate=False))

    rows = []
    best: tuple[float, dict, dict] | None = None
    for promote in PROMOTE:
        runs = _run_sets(checker(promote))
        for kc, kw, m in itertools.product(*GRID.values()):
            summary = _score(runs, lambda fs, kc=kc, kw=kw, m=m: _apply(fs, kc, kw, m))
            cfg = {"keep": {"contradiction": kc, "weakened": kw}, "relabel_margin": m, "promote": promote}
            rows.append({**cfg, **{k: summary[k] for k in ("drift_f1", "kind_f1", "hard_negatives_flagged")}})
            if best is None or _objective(summary) > best[0] + 1e-9:
                best = (_objective(summary), cfg, summary)
        print(f"  promote {promote}: best so far {best[1]} -> F1 {best[2]['drift_f1']}", flush=True)
    assert best is not None
    return best[1], best[2], rows


def fit_calibration(head_dir: Path, drift_dir: Path, thresholds: dict) -> tuple[dict, dict]:
    """Platt scaling per kind: raw finding score -> P(the finding matches a gold drift)."""
    from sklearn.linear_model import LogisticRegression

    judge = PairJudge(
        head_dir=head_dir, drift_dir=drift_dir, config=PairJudgeConfig.from_dict(thresholds), calibrate=False
    )
    runs = _run_sets(Checker(judge=judge))
    by_kind: dict[str, list[tuple[float, int]]] = {}
    for gold, report in runs:
        hit = {pi for _, pi in match(report.findings, gold.findings, same_kind=False)}
        for i, f in enumerate(report.findings):
            by_kind.setdefault(f.kind, []).append((f.score, int(i in hit)))
    params, table = {}, {}
    for kind, rows in sorted(by_kind.items()):
        raw = np.clip(np.array([r for r, _ in rows]), 1e-4, 1 - 1e-4)
        y = np.array([t for _, t in rows])
        z = np.log(raw / (1 - raw)).reshape(-1, 1)
        lr = LogisticRegression(C=1.0).fit(z, y) if len(rows) >= 8 and 0 < y.sum() < len(y) else None
        if lr is not None and lr.coef_[0, 0] > 0:
            params[kind] = (float(lr.coef_[0, 0]), float(lr.intercept_[0]))
        else:  # too few, one class, or a score that does not rank: the kind's smoothed precision
            rate = (y.sum() + 1) / (len(y) + 2)
            params[kind] = (0.0, float(np.log(rate / (1 - rate))))
        table[kind] = {"n": len(rows), "precision": round(float(y.mean()), 4), "platt": params[kind]}
    # the reliability table of the calibrated scores, all kinds together
    conf, right = [], []
    for kind, rows in by_kind.items():
        a, b = params[kind]
        for r, t in rows:
            r = min(max(r, 1e-4), 1 - 1e-4)
            conf.append(1 / (1 + np.exp(-(a * np.log(r / (1 - r)) + b))))
            right.append(t)
    table["reliability_tuning_split"] = binned(np.array(conf), np.array(right, dtype=bool), bins=5)
    return params, table


FLOORS = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6]


def tune_floors(head_dir: Path, drift_dir: Path) -> tuple[dict[str, float], dict]:
    """Per-kind thresholds on the calibrated score, one kind at a time, on the tuning sets."""

    runs = _run_sets(Checker(judge=PairJudge(head_dir=head_dir, drift_dir=drift_dir)))
    floors = {k: 0.0 for k in FINDING_KINDS}

    def keep(fs, fl=None):
        fl = fl or floors
        return [f for f in fs if f.score >= fl.get(f.kind, 0.0)]

    best = _score(runs, keep)
    for kind in floors:
        for t in FLOORS:
            trial = {**floors, kind: t}
            summary = _score(runs, lambda fs, trial=trial: keep(fs, trial))
            if _objective(summary) > _objective(best) + 1e-9:
                best, floors = summary, trial
    return floors, best


# -------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m msgcheck.train", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_DIR, help="pair head folder (default models/pair-head.v2)"
    )
    ap.add_argument(
        "--drift-out", type=Path, default=DRIFT_DIR, help="drift head folder (models/drift-head.v1)"
    )
    ap.add_argument("--cache", type=Path, help="an .npz of sentence vectors to reuse between runs")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-head", action="store_true", help="reuse the saved pair head; redo stages 2 and 3")
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    emb = _embedder(args.cache)

    # -- stage 1: the NLI pair head
    cad, snli, dev, test = load_cad("train"), load_snli("dev"), load_cad("dev"), load_cad("test")
    by_campaign = corpus_claims(TUNING_SETS)
    claims = [c for cs in by_campaign.values() for c in cs]
    cl_pairs = claim_pairs(claims, seed=SEED, others=[c.text for c in claims])
    sw_pairs = swap_pairs([p.premise for p in cad + snli], seed=SEED)
    train: list = [*cad, *snli, *sw_pairs, *cl_pairs]
    sizes = {
        "cad_snli_train": len(cad),
        "snli_dev": len(snli),
        "generated_swaps": len(sw_pairs),
        "generated_claim_edits": len(cl_pairs),
        "asset_claims": len(claims),
        "total": len(train),
    }
    print(f"stage 1: {sizes}", flush=True)
    if args.skip_head:
        head = PairHead.load(args.out, embedder=emb)
        metrics = json.loads((args.out / "metrics.json").read_text(encoding="utf-8"))
    else:
        probe = PairHead(embedder=emb, random_state=SEED, **PARAMS)
        X_tr = probe.features([p.premise for p in train], [p.hypothesis for p in train])
        X_dev = probe.features([p.premise for p in dev], [p.hypothesis for p in dev])
        X_te = probe.features([p.premise for p in test], [p.hypothesis for p in test])
        _save_cache(emb, args.cache)
        t_feat = time.perf_counter() - t0
        print(f"  features {X_tr.shape} in {t_feat:.0f}s", flush=True)
        t1 = time.perf_counter()
        head = probe.fit_features(X_tr, [p.label for p in train])
        t_fit = time.perf_counter() - t1
        raw_dev = head.predict_proba_features(X_dev)
        head.calibrate(X_dev, [p.label for p in dev])
        proba_dev, proba_te = head.predict_proba_features(X_dev), head.predict_proba_features(X_te)
        y_dev = _labels(dev)
        metrics = {
            "seed": SEED,
            "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in PARAMS.items()},
            "train": sizes,
            "cad_dev_accuracy": round(float((proba_dev.argmax(1) == y_dev).mean()), 4),
            "cad_test_accuracy_report_only": round(float((proba_te.argmax(1) == _labels(test)).mean()), 4),
            "temperature": head.temperature_,
            "reliability_cad_dev_before_temperature": reliability(raw_dev, y_dev),
            "reliability_cad_dev": reliability(proba_dev, y_dev),
            "seconds": {"features": round(t_feat, 1), "fit": round(t_fit, 1)},
            "n_iter": head.n_iter_,
        }
        head.save(
            args.out,
            metadata={"data": "CAD-SNLI train + SNLI dev + generated swaps and claim edits", "seed": SEED},
        )
        (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        print(f"  CAD-SNLI dev {metrics['cad_dev_accuracy']}, T={head.temperature_}", flush=True)

    # -- stage 2: the drift head
    by_file: dict[tuple[str, str], list[str]] = {}
    for camp, cs in by_campaign.items():
        for c in cs:
            by_file.setdefault((camp, c.file), []).append(c.text)
    gp = gold_pairs(by_file)
    drift_pairs = [(g.premise, g.hypothesis, g.drift) for g in cl_pairs if g.how != "unrelated"] + gp
    weights = np.array([1.0] * (len(drift_pairs) - len(gp)) + [GOLD_WEIGHT] * len(gp))
    X = head.features([p for p, _, _ in drift_pairs], [h for _, h, _ in drift_pairs])
    _save_cache(emb, args.cache)
    nli = head.predict_proba_features(X)
    D = drift_inputs(head, X, nli, [p for p, _, _ in drift_pairs], [h for _, h, _ in drift_pairs])
    drift = DriftHead(C=1.0).fit(D, [lab for _, _, lab in drift_pairs], sample_weight=weights)
    pred = drift.predict_proba(D).argmax(1)
    y = np.array([DRIFT_LABELS.index(lab) for _, _, lab in drift_pairs])
    gold_idx = np.arange(len(drift_pairs) - len(gp), len(drift_pairs))
    drift_metrics = {
        "pairs": {"claim_edits": len(drift_pairs) - len(gp), "labelled_call_pairs": len(gp)},
        "train_accuracy": round(float((pred == y).mean()), 4),
        "labelled_pairs_accuracy_in_sample": round(float((pred[gold_idx] == y[gold_idx]).mean()), 4)
        if len(gp)
        else None,
    }
    drift.save(args.drift_out, metadata={"seed": SEED, **drift_metrics})
    print(f"stage 2: {drift_metrics}", flush=True)

    # -- stage 3: thresholds and calibration on the tuning sets
    thresholds, summary, grid_rows = tune_decisions(args.out, args.drift_out)
    print(f"stage 3: thresholds {thresholds}: {summary}", flush=True)
    cfg_path = args.drift_out / "config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["thresholds"] = thresholds
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    params, table = fit_calibration(args.out, args.drift_out, thresholds)
    cfg["calibration"] = {k: list(v) for k, v in params.items()}
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    floors, summary = tune_floors(args.out, args.drift_out)
    thresholds["min_score"] = floors
    cfg["thresholds"] = thresholds
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    print(f"stage 3: per-kind floors {floors}: {summary}", flush=True)
    report = {
        "drift_head": drift_metrics,
        "thresholds": thresholds,
        "tuning_sets_at_thresholds": summary,
        "calibration": table,
        "grid": grid_rows,
    }
    (args.drift_out / "metrics.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "grid"}, indent=2))
    print(f"wrote {args.out} and {args.drift_out} in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
