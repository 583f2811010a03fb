"""Reading a trained artifact folder: ``config.json`` plus ``weights.npz`` (plain arrays, never pickle)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ModelError

RETRAIN = "retrain with `python -m msgcheck.train`"


def read_artifact(folder: Path, artifact: str, version: int, what: str) -> tuple[dict, dict[str, np.ndarray]]:
    """The folder's config and arrays; a ModelError naming the folder when unreadable or of another kind."""
    try:
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with np.load(folder / "weights.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the {what}: {exc}", path=str(folder), hint=RETRAIN) from exc
    if cfg.get("artifact") != artifact or cfg.get("version") != version:
        raise ModelError(
            f"not a {artifact} v{version} artifact (found {cfg.get('artifact')} v{cfg.get('version')})",
            path=str(folder),
            hint=RETRAIN,
        )
    return cfg, arrays


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
