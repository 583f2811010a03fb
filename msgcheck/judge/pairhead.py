"""A trained NLI pair head: (premise, hypothesis) -> entailment / neutral / contradiction probabilities.

Features come from the frozen bundled sentence model: ``[u, v, |u - v|, u * v]`` of the two unit
vectors (InferSent's recipe), a few cheap lexical signals (token coverage both ways, new hypothesis
words, a number mismatch, a negation mismatch, the cosine, the length ratio), and optional caller
columns (`extra`) appended last. A scikit-learn classifier (an MLP or a logistic regression) sits on
top. `PairHead` follows the estimator contract: `__init__` only stores parameters, `fit` returns
`self`, learned state ends in ``_``.

The artifact is plain arrays (``weights.npz``, loaded with ``allow_pickle=False``) plus a versioned
``config.json``: prediction is a numpy forward pass over those arrays, so a loaded head predicts
exactly what the fitted one did, and no pickle is ever read. Train with ``python -m msgcheck.train``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from ..embed.embedders import CachedEmbedder, Embedder, SentenceEmbedder
from ..errors import ModelError
from .artifact import read_artifact, softmax
from .evidence import EVIDENCE_FEATURES, evidence_matrix

LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
ARTIFACT = "pair-head"
ARTIFACT_VERSION = 2
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "pair-head.v2"

# -- lexical features ------------------------------------------------------------------------------
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?(?:'[a-z]+)?")
_NEGATION = re.compile(
    r"n't\b|\b(no|not|never|nobody|nothing|none|nowhere|neither|nor|cannot|without|zero)\b", re.I
)


def _words(text: str) -> list[str]:
    return text.split()


_STOP = frozenset(
    _words(
        "a an the is are was were be been being of to in on at and or with by for from as it its this that "
        "these those his her their there he she they we you i some"
    )
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_NUMBER_WORDS |= {"ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12, "single": 1, "both": 2}
_NUMBER_WORDS |= {"couple": 2, "pair": 2, "once": 1, "twice": 2}
LEXICAL_FEATURES: tuple[str, ...] = (
    "hyp_coverage",  # share of the hypothesis's content words found in the premise
    "prem_coverage",  # share of the premise's content words found in the hypothesis
    "new_words",  # hypothesis content words absent from the premise, /10, capped at 1
    "number_mismatch",  # both state numbers and the hypothesis has one the premise lacks
    "new_number",  # the hypothesis states a number the premise lacks
    "negation_mismatch",  # exactly one side is negated
    "cosine",  # u . v
    "length_ratio",  # log of (hypothesis tokens + 1) / (premise tokens + 1)
)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _numbers(tokens: list[str]) -> set[float]:
    out: set[float] = set()
    for t in tokens:
        if t in _NUMBER_WORDS:
            out.add(float(_NUMBER_WORDS[t]))
        elif t[:1].isdigit():
            try:
                out.add(float(t.replace(",", "")))
            except ValueError:
                continue
    return out


def lexical_features(premise: str, hypothesis: str) -> list[float]:
    """The `LEXICAL_FEATURES` of one pair, cosine excluded (it needs the vectors)."""
    tp, th = _tokens(premise), _tokens(hypothesis)
    cp, ch = set(tp) - _STOP, set(th) - _STOP
    shared = len(cp & ch)
    np_, nh = _numbers(tp), _numbers(th)
    neg_p, neg_h = bool(_NEGATION.search(premise)), bool(_NEGATION.search(hypothesis))
    return [
        shared / len(ch) if ch else 1.0,
        shared / len(cp) if cp else 1.0,
        min(1.0, len(ch - cp) / 10.0),
        float(bool(np_) and bool(nh - np_)),
        float(bool(nh - np_)),
        float(neg_p != neg_h),
        float(np.log((len(th) + 1) / (len(tp) + 1))),
    ]


def pair_features(
    u: np.ndarray,
    v: np.ndarray,
    premises: list[str],
    hypotheses: list[str],
    lexical: bool = True,
    evidence: bool = False,
) -> np.ndarray:
    """``[u, v, |u - v|, u * v]`` (+ the lexical features, + msgcheck.evidence's structured columns),
    float32, one row a pair."""
    parts = [u, v, np.abs(u - v), u * v]
    if lexical:
        lex = np.array(
            [lexical_features(p, h) for p, h in zip(premises, hypotheses, strict=True)], dtype=np.float32
        ).reshape(len(premises), len(LEXICAL_FEATURES) - 1)
        cos = np.sum(u * v, axis=1, keepdims=True)
        parts += [lex[:, :6], cos, lex[:, 6:]]
    if evidence:
        parts.append(evidence_matrix(premises, hypotheses))
    return np.hstack(parts).astype(np.float32)


class PairHead:
    """Premise/hypothesis -> (entailment, neutral, contradiction) probabilities over frozen embeddings.

    Parameters: `embedder` (default: the bundled all-MiniLM-L6-v2), `classifier` ("mlp" or "logreg"),
    `hidden` (MLP layer sizes), `alpha` (MLP L2), `C` (logreg inverse L2), `lexical` (add the lexical
    features), `evidence` (add msgcheck.evidence's structured columns), `max_iter`, `random_state`.
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        classifier: str = "mlp",
        hidden: tuple[int, ...] = (256,),
        alpha: float = 1e-3,
        C: float = 1.0,
        lexical: bool = True,
        evidence: bool = False,
        max_iter: int = 200,
        random_state: int = 0,
    ):
        self.embedder = embedder
        self.classifier = classifier
        self.hidden = hidden
        self.alpha = alpha
        self.C = C
        self.lexical = lexical
        self.evidence = evidence
        self.max_iter = max_iter
        self.random_state = random_state

    # -- features ---------------------------------------------------------------------------------
    def _embedder(self) -> Embedder:
        if self.embedder is None:
            self.embedder = CachedEmbedder(SentenceEmbedder())
        return self.embedder

    def features(
        self, premises: list[str], hypotheses: list[str], extra: np.ndarray | None = None
    ) -> np.ndarray:
        """The feature matrix of many pairs, with one embedding pass over their distinct texts."""
        if len(premises) != len(hypotheses):
            raise ValueError(f"PairHead: {len(premises)} premises but {len(hypotheses)} hypotheses")
        texts = list(dict.fromkeys([*premises, *hypotheses]))
        vecs = self._embedder().embed_batch(texts) if texts else np.zeros((0, 384), dtype=np.float32)
        row = {t: i for i, t in enumerate(texts)}
        u = vecs[[row[p] for p in premises]]
        v = vecs[[row[h] for h in hypotheses]]
        X = pair_features(u, v, premises, hypotheses, self.lexical, self.evidence)
        if extra is not None:
            extra = np.asarray(extra, dtype=np.float32).reshape(len(premises), -1)
            X = np.hstack([X, extra])
        return X

    # -- training ---------------------------------------------------------------------------------
    def fit(
        self, premises: list[str], hypotheses: list[str], labels: list[str], extra: np.ndarray | None = None
    ) -> PairHead:
        return self.fit_features(self.features(premises, hypotheses, extra), labels, n_extra=_width(extra))

    def fit_features(self, X: np.ndarray, labels: list[str], n_extra: int = 0) -> PairHead:
        """Fit on a precomputed feature matrix (see `features`); `n_extra` caller columns end it."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.neural_network import MLPClassifier
        from sklearn.preprocessing import StandardScaler

        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"PairHead: unknown labels {unknown}; expected {', '.join(LABELS)}")
        y = np.array([LABELS.index(lab) for lab in labels])
        scaler = StandardScaler().fit(X)
        Xs = scaler.transform(X)
        if self.classifier == "mlp":
            clf = MLPClassifier(
                hidden_layer_sizes=self.hidden,
                alpha=self.alpha,
                early_stopping=True,
                max_iter=self.max_iter,
                random_state=self.random_state,
            ).fit(Xs, y)
            layers = list(zip(clf.coefs_, clf.intercepts_, strict=True))
            self.n_iter_ = int(clf.n_iter_)
        elif self.classifier == "logreg":
            clf = LogisticRegression(C=self.C, max_iter=max(self.max_iter, 1000)).fit(Xs, y)
            layers = [(clf.coef_.T, clf.intercept_)]
            self.n_iter_ = int(np.max(clf.n_iter_))
        else:
            raise ValueError(f"PairHead: classifier must be 'mlp' or 'logreg', not {self.classifier!r}")
        if list(clf.classes_) != list(range(len(LABELS))):
            raise ValueError("PairHead: the training labels must include all of " + ", ".join(LABELS))
        self.classes_ = np.array(LABELS)
        self.mean_ = scaler.mean_.astype(np.float32)
        self.scale_ = scaler.scale_.astype(np.float32)
        self.layers_ = [(np.asarray(W, dtype=np.float32), np.asarray(b, dtype=np.float32)) for W, b in layers]
        self.n_features_in_ = int(X.shape[1])
        self.n_extra_ = int(n_extra)
        self.temperature_ = 1.0
        return self

    def calibrate(self, X: np.ndarray, labels: list[str]) -> PairHead:
        """Temperature scaling: one scalar T dividing the logits, chosen to minimise the log loss on a
        held-out feature matrix (grid 0.25..5.00, steps of 0.01). Changes confidences, never the argmax."""
        self._check_fitted()
        y = np.array([LABELS.index(lab) for lab in labels])
        z = self._logits(X)
        grid = np.round(np.arange(0.25, 5.0001, 0.01), 2)
        nll = [-np.log(softmax(z / t)[np.arange(len(y)), y] + 1e-12).mean() for t in grid]
        self.temperature_ = float(grid[int(np.argmin(nll))])
        return self

    # -- prediction -------------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "layers_"):
            raise ModelError(
                "This PairHead instance is not fitted yet. Call 'fit' with training pairs, "
                "or PairHead.load(dir)."
            )

    def _logits(self, X: np.ndarray) -> np.ndarray:
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"PairHead: got {X.shape[1]} features, the head was fitted on {self.n_features_in_} "
                f"({self.n_extra_} extra columns)"
            )
        h = (np.asarray(X, dtype=np.float32) - self.mean_) / self.scale_
        for W, b in self.layers_[:-1]:
            h = np.maximum(h @ W + b, 0.0)
        W, b = self.layers_[-1]
        return (h @ W + b).astype(np.float64)

    def predict_proba_features(self, X: np.ndarray) -> np.ndarray:
        """Probabilities from a feature matrix built by `features`, temperature applied."""
        self._check_fitted()
        return softmax(self._logits(X) / self.temperature_)

    def predict_proba(
        self, premises: list[str], hypotheses: list[str], extra: np.ndarray | None = None
    ) -> np.ndarray:
        """(n, 3) probabilities in `LABELS` order (entailment, neutral, contradiction); rows sum to 1."""
        self._check_fitted()
        if _width(extra) != self.n_extra_:
            raise ValueError(f"PairHead: expects {self.n_extra_} extra columns, got {_width(extra)}")
        if not premises:
            return np.zeros((0, len(LABELS)))
        return self.predict_proba_features(self.features(premises, hypotheses, extra))

    def predict(
        self, premises: list[str], hypotheses: list[str], extra: np.ndarray | None = None
    ) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(premises, hypotheses, extra).argmax(axis=1)]

    # -- artifact ---------------------------------------------------------------------------------
    def config(self) -> dict:
        return {
            "artifact": ARTIFACT,
            "version": ARTIFACT_VERSION,
            "labels": list(LABELS),
            "embedding_model": getattr(self._embedder(), "model_id", "unknown"),
            "features": ["u", "v", "|u-v|", "u*v"]
            + (list(LEXICAL_FEATURES) if self.lexical else [])
            + (list(_evidence_names()) if self.evidence else []),
            "params": {
                "classifier": self.classifier,
                "hidden": list(self.hidden),
                "alpha": self.alpha,
                "C": self.C,
                "lexical": self.lexical,
                "evidence": self.evidence,
                "max_iter": self.max_iter,
                "random_state": self.random_state,
            },
            "n_features_in": self.n_features_in_,
            "n_extra": self.n_extra_,
            "n_layers": len(self.layers_),
            "temperature": self.temperature_,
        }

    def save(self, path: str | Path, metadata: dict | None = None) -> Path:
        """Writes ``config.json`` and ``weights.npz`` (plain arrays) into the folder `path`."""
        self._check_fitted()
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        arrays = {"mean": self.mean_, "scale": self.scale_}
        for i, (W, b) in enumerate(self.layers_):
            arrays[f"W{i}"] = W
            arrays[f"b{i}"] = b
        np.savez_compressed(out / "weights.npz", **arrays)
        cfg = self.config() | ({"training": metadata} if metadata else {})
        (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, path: str | Path = DEFAULT_DIR, embedder: Embedder | None = None) -> PairHead:
        """A head saved by `save`; checks the artifact's name, version and embedding model."""
        folder = Path(path)
        cfg, arrays = read_artifact(folder, ARTIFACT, ARTIFACT_VERSION, "pair head")
        p = cfg["params"]
        head = cls(
            embedder=embedder,
            classifier=p["classifier"],
            hidden=tuple(p["hidden"]),
            alpha=p["alpha"],
            C=p["C"],
            lexical=p["lexical"],
            evidence=p.get("evidence", False),
            max_iter=p["max_iter"],
            random_state=p["random_state"],
        )
        model_id = getattr(head._embedder(), "model_id", None)
        if model_id != cfg["embedding_model"]:
            raise ModelError(
                f"the pair head was trained on {cfg['embedding_model']} vectors, not {model_id}",
                path=str(folder),
                hint="pass the embedder it was trained with",
            )
        head.classes_ = np.array(cfg["labels"])
        head.mean_ = arrays["mean"]
        head.scale_ = arrays["scale"]
        head.layers_ = [(arrays[f"W{i}"], arrays[f"b{i}"]) for i in range(cfg["n_layers"])]
        head.n_features_in_ = int(cfg["n_features_in"])
        head.n_extra_ = int(cfg["n_extra"])
        head.temperature_ = float(cfg.get("temperature", 1.0))
        return head


def _evidence_names() -> tuple[str, ...]:

    return EVIDENCE_FEATURES


def _width(extra: np.ndarray | None) -> int:
    if extra is None:
        return 0
    a = np.asarray(extra)
    return 1 if a.ndim == 1 else int(a.shape[1])
