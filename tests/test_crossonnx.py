"""The cross-encoder read through ONNX Runtime (real shipped model) and the runtime choice (pure logic)."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from msgcheck.errors import ModelError
from msgcheck.judge.crossmodel import CALL_DIR, RUNTIMES, CrossModel, hypothesis_text
from msgcheck.judge.crossonnx import EXPORT, _weights_stamp, exported

PAIRS = [
    (
        "30-day free trial, no credit card.",
        hypothesis_text("so it's a two week trial and we'll need a card on file"),
    ),
    ("Month-to-month, cancel anytime.", hypothesis_text("yeah no contract, you can walk whenever you like")),
    ("Pickups every weekday.", hypothesis_text("we usually get there most weekdays, depends on the route")),
    ("SOC 2 Type II certified.", hypothesis_text("honestly our onboarding team is great")),
    (
        "Free installation on every plan.",
        hypothesis_text("install's free, that's on all of them", "is setup extra?"),
    ),
    (
        "Support 24/7 by phone and chat.",
        hypothesis_text("phones are staffed business hours, chat's round the clock"),
    ),
]


@pytest.fixture(scope="module")
def readings() -> dict[str, np.ndarray]:
    """The shipped call judge's probabilities on PAIRS, read each way (the export is made if missing)."""
    return {rt: CrossModel(CALL_DIR, runtime=rt).probabilities(PAIRS) for rt in RUNTIMES}


def test_onnx_reads_as_torch_does(readings):
    assert np.abs(readings["onnx"] - readings["torch"]).max() < 1e-4
    assert np.allclose(readings["onnx"].sum(axis=1), 1.0, atol=1e-5)


def test_int8_moves_the_probabilities_a_little_not_the_reading(readings):
    diff = np.abs(readings["onnx-int8"] - readings["torch"])
    assert 0 < diff.mean() < 0.05  # quantised: not bit-equal, but close
    assert (readings["onnx-int8"].argmax(axis=1) == readings["torch"].argmax(axis=1)).mean() >= 5 / 6


def test_the_export_is_stamped_with_the_weights_it_came_from(tmp_path):
    folder = tmp_path / "judge"
    (folder / EXPORT).mkdir(parents=True)
    os.symlink(CALL_DIR / "model.safetensors", folder / "model.safetensors")
    for name in ("model.onnx", "model.int8.onnx"):
        (folder / EXPORT / name).write_bytes(b"")
    stamp = folder / EXPORT / "export.json"
    stamp.write_text(json.dumps({"weights_sha256": "0" * 64}))
    assert not exported(folder)  # retrained weights: the old export is never read
    stamp.write_text(json.dumps({"weights_sha256": _weights_stamp(folder)}))
    assert exported(folder)
    (folder / EXPORT / "model.int8.onnx").unlink()
    assert not exported(folder)


def test_the_runtime_comes_from_judge_json_and_keys_the_version(tmp_path):
    (tmp_path / "judge.json").write_text(json.dumps({"runtime": "onnx-int8"}))
    model = CrossModel(tmp_path)
    assert model.runtime == "onnx-int8" and model.version.endswith("+int8")
    (tmp_path / "judge.json").write_text(json.dumps({"k": 2}))
    assert CrossModel(tmp_path).runtime == RUNTIMES[0] == "onnx"
    assert CrossModel(tmp_path).version == tmp_path.name  # fp32 reads as torch does: the same runs


def test_an_unknown_runtime_is_refused_with_the_file_named(tmp_path):
    (tmp_path / "judge.json").write_text(json.dumps({"runtime": "tensorrt"}))
    with pytest.raises(ModelError) as err:
        CrossModel(tmp_path)
    assert "tensorrt" in str(err.value) and "judge.json" in str(err.value.path)
