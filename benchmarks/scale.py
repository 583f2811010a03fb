"""Fast and at scale (issue 14): throughput, cold start, latency against bare encode, peak memory. One command.

1. **Throughput**, calls per hour, for ``--jobs 1`` (LocalRunner), ``--jobs 2`` (PoolRunner) and Ray on a local
   2-CPU cluster (RayRunner), on the 1,017 real PersuasionForGood dialogues (../shared/data, persuader =
   rep) and on 200 synthetic 300-utterance calls (windows of 300 consecutive PersuasionForGood turns; each
   turn appears in about three calls), all against the demo campaign. The clock runs from the batch's start
   (campaign preparation and worker start-up included) to its last report. Every engine's report is compared
   with the ``--jobs 1`` report (``same_report``).
2. **Cold start**: ``msgcheck check`` on one demo call in a fresh process (wall and CPU seconds, peak RSS).
3. **Latency**: one call of 100 / 1,000 / 10,000 utterances (benchmarks/latency.py's calls), models warm, the
   embedding cache emptied first, beside a bare encode of the same texts in the same run.
4. **Peak memory** of a fresh process checking the 10,000-utterance call.

Timings on a shared machine are pessimistic: ``--repeat`` (default 2) runs each timing that many times and
prints every run. ``--quick`` checks 50 real dialogues and 12 synthetic calls, latency at 100 and 1,000.

    python benchmarks/scale.py [--quick] [--repeat 2] [--engines jobs1 jobs2 ray] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

P4G = ROOT.parent / "shared" / "data" / "dialogues" / "persuasion-for-good" / "full_dialog.csv"
DEMO = ROOT / "corpora" / "demo"


def campaign_dir() -> Path:
    return next(p for p in sorted((DEMO / "campaigns").iterdir()) if p.is_dir())


def _rows() -> list[dict]:
    with P4G.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def real_dialogues(limit: int | None):
    from msgcheck.types import Transcript, Utterance

    turns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _rows():
        turns[row["B2"]].append(("Persuader" if row["B4"] == "0" else "Persuadee", row["Unit"].strip()))
    out = []
    for did, rows in list(turns.items())[:limit]:
        t = Transcript(name=f"{did}.txt", path=did, format="txt")
        t.utterances = [
            Utterance(index=i, speaker=s, text=x, start=float(4 * i)) for i, (s, x) in enumerate(rows)
        ]
        t.roles = {"Persuader": "rep", "Persuadee": "prospect"}
        out.append(t)
    return out


def synthetic_calls(n: int, size: int = 300):
    from msgcheck.types import Transcript, Utterance

    rows = [r for r in _rows() if r["Unit"].strip()]
    step = max(1, (len(rows) - size) // max(1, n))
    out = []
    for k in range(n):
        window = rows[k * step : k * step + size]
        t = Transcript(name=f"synthetic-{k:03d}.txt", path=f"synthetic-{k}", format="txt")
        t.utterances = [
            Utterance(
                index=i,
                speaker="Rep" if r["B4"] == "0" else "Prospect",
                text=r["Unit"].strip(),
                start=4.0 * i,
            )
            for i, r in enumerate(window)
        ]
        t.roles = {"Rep": "rep", "Prospect": "prospect"}
        out.append(t)
    return out


# --------------------------------------------------------------------------- throughput


def throughput(engines: list[str], datasets: dict[str, list], repeat: int) -> list[dict]:
    from msgcheck.report.schema import to_json
    from msgcheck.run import CheckerSpec, LocalRunner, check_batch
    from msgcheck.run.pool import PoolRunner

    spec = CheckerSpec()
    rows = []
    for data_name, calls in datasets.items():
        reference: str | None = None
        for engine in engines:
            for attempt in range(1, repeat + 1):
                checker = spec.build()  # a fresh checker: no vectors cached from an earlier run
                if engine == "jobs1":
                    runner = LocalRunner(checker)
                elif engine == "jobs2":
                    runner = PoolRunner(spec, jobs=2)
                else:
                    import ray

                    from msgcheck.run.ray import RayRunner

                    if not ray.is_initialized():
                        ray.init(
                            num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR"
                        )
                    runner = RayRunner(spec)
                t0 = time.perf_counter()
                report = check_batch(checker, [campaign_dir()], calls, reps=None, runner=runner)
                seconds = time.perf_counter() - t0
                text = to_json(report)
                if engine == "jobs1" and reference is None:
                    reference = text
                row = {
                    "data": data_name,
                    "engine": engine,
                    "run": attempt,
                    "calls": len(calls),
                    "utterances": sum(len(t.utterances) for t in calls),
                    "seconds": round(seconds, 1),
                    "calls_per_hour": round(len(calls) / seconds * 3600),
                    "errors": sum(1 for c in report.calls if c.error),
                    "same_report": None if reference is None else text == reference,
                }
                rows.append(row)
                print(
                    f"{data_name:>10} {engine:>5} run {attempt}: {len(calls)} calls in {seconds:7.1f} s = "
                    f"{row['calls_per_hour']:>6} calls/hour (errors {row['errors']}, same report as jobs1: "
                    f"{row['same_report']})",
                    flush=True,
                )
    return rows


# --------------------------------------------------------------------------- cold start and memory


def _child(args: list[str]) -> dict:
    """Run a fresh process; its wall and CPU seconds and peak RSS (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
        "peak_mb": round(after.ru_maxrss / 1024),  # the largest child so far (Linux: KB)
        "stdout": proc.stdout,
    }


def cold_start(repeat: int) -> list[dict]:
    call = sorted((DEMO / "calls").iterdir())[0]
    rows = []
    for attempt in range(1, repeat + 1):
        r = _child(
            [sys.executable, "-m", "msgcheck", "check", "-a", str(campaign_dir()), str(call), "-f", "json"]
        )
        row = {"run": attempt, **{k: v for k, v in r.items() if k != "stdout"}}
        rows.append(row)
        print(f"cold one-call check, run {attempt}: {row['wall_s']} s wall, {row['cpu_s']} s CPU", flush=True)
    return rows


def peak_memory(size: int) -> dict:
    r = _child([sys.executable, str(Path(__file__).resolve()), "--_memory", str(size)])
    child = json.loads(r["stdout"].strip().splitlines()[-1])
    print(
        f"peak memory checking one {size}-utterance call in a fresh process: {child['peak_mb']} MB",
        flush=True,
    )
    return child


def _memory_child(size: int) -> None:
    from latency import build_call

    from msgcheck import Checker

    checker = Checker()
    camp = checker.campaign([campaign_dir()])
    t0 = time.perf_counter()
    report = checker.check_call(camp, build_call(size))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "utterances": size,
                "check_s": round(seconds, 2),
                "peak_mb": round(peak),
                "findings": len(report.findings),
            }
        )
    )


# --------------------------------------------------------------------------- latency


def latency(sizes: list[int], repeat: int) -> list[dict]:
    from latency import build_call

    from msgcheck import Checker

    checker = Checker()
    camp = checker.campaign([campaign_dir()])
    checker.check_call(camp, build_call(20))  # warm: every model loaded
    rows = []
    for n in sizes:
        call = build_call(n)
        texts = [u.text for u in call.utterances]
        for attempt in range(1, repeat + 1):
            checker.embedder.cache.clear()
            t0 = time.perf_counter()
            report = checker.check_call(camp, call)
            check_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            checker.embedder.inner.embed_batch(texts)  # the model the check uses, every utterance, no cache
            encode_s = time.perf_counter() - t0
            row = {
                "utterances": len(texts),
                "run": attempt,
                "check_s": round(check_s, 2),
                "bare_encode_s": round(encode_s, 2),
                "ratio": round(check_s / encode_s, 2),
                "findings": len(report.findings),
            }
            rows.append(row)
            print(
                f"{len(texts):>6} utterances, run {attempt}: check {check_s:6.2f} s | bare encode {encode_s:6.2f} s"
                f" | ratio {row['ratio']:.2f}",
                flush=True,
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--quick", action="store_true", help="50 real dialogues, 12 synthetic calls, latency to 1,000"
    )
    ap.add_argument("--repeat", type=int, default=2, help="run each timing this many times")
    ap.add_argument(
        "--engines", nargs="+", default=["jobs1", "jobs2", "ray"], choices=["jobs1", "jobs2", "ray"]
    )
    ap.add_argument("--skip", nargs="*", default=[], choices=["throughput", "cold", "latency", "memory"])
    ap.add_argument("--json", type=Path, default=None, help="also write every figure here")
    ap.add_argument("--_memory", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._memory:
        _memory_child(args._memory)
        return 0
    if "ray" in args.engines:
        try:
            import ray  # noqa: F401
        except ImportError:
            print(
                "ray is not installed (pip install 'msgcheck[scale]'): the Ray rows are left out", flush=True
            )
            args.engines.remove("ray")
    from msgcheck.models import embedding_backend

    figures: dict = {
        "quick": args.quick,
        "embedder": embedding_backend(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    print(
        f"embedder {figures['embedder']}, {figures['cpus']} CPUs, load average {figures['load_average_at_start']}"
    )
    if "cold" not in args.skip:
        figures["cold"] = cold_start(args.repeat)
    if "latency" not in args.skip:
        figures["latency"] = latency([100, 1000] if args.quick else [100, 1000, 10000], args.repeat)
    if "memory" not in args.skip:
        figures["memory"] = peak_memory(10000)
    if "throughput" not in args.skip:
        datasets = {
            "real": real_dialogues(50 if args.quick else None),
            "synthetic": synthetic_calls(12 if args.quick else 200),
        }
        figures["throughput"] = throughput(args.engines, datasets, args.repeat)
    figures["load_average_at_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
