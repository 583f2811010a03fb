"""Issue 14's 1,000-utterance check, three settings alternating in one warm process (so a shared machine's
load falls on all three alike): the stages one after the other with the encoder's old batches of 64, the
same with batches of 16, and batches of 16 with the claims embedded while spaCy reads the rest (the default).
The embedding cache is emptied before every run; every run's report must equal the first's.

    python benchmarks/overlap.py [--runs 5] [--size 1000]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SETTINGS = {  # name: (encoder batch size, threads the checker believes its models have)
    "in turn, batches of 64": (64, 1),
    "in turn, batches of 16": (16, 1),
    "beside spaCy, batches of 16": (16, 0),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", type=int, default=1000)
    args = ap.parse_args(argv)
    from latency import build_call
    from scale import campaign_dir

    from msgcheck import Checker, models

    checker = Checker()
    camp = checker.campaign([campaign_dir()])
    checker.check_call(camp, build_call(20))  # warm: every model loaded (the ONNX session on all cores)
    call = build_call(args.size)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in SETTINGS}
    first: str | None = None
    for run in range(1, args.runs + 1):
        for name, (batch, threads) in SETTINGS.items():
            checker.embedder.inner.batch_size = batch
            models._threads = threads  # 1: Checker._rep_claims keeps the stages in turn, as in a pool worker
            checker.embedder.cache.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            report = checker.check_call(camp, call)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            text = json.dumps(dataclasses.asdict(report), default=repr, sort_keys=True)
            first = first or text
            times[name].append((wall, cpu))
            print(
                f"run {run} {name:>28}: {wall:5.2f} s wall, {cpu:5.2f} s CPU, same report {text == first}, "
                f"load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    for name, rows in times.items():
        print(
            f"{name:>28}: median {statistics.median(w for w, _ in rows):.2f} s wall, "
            f"{statistics.median(c for _, c in rows):.2f} s CPU"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
