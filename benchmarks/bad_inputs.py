"""The bad-input corpus' closing table (issue 13): every case of tests/badinput.py, alone, twice.

- parsed: ``python tests/badinput.py MANIFEST``, each file in a forked child of a process that imports
  only msgcheck.ingest (the parse's own peak memory, as tests/test_bad_inputs.py asserts it);
- checked: each file through ``Checker.check`` in a forked child of a process with the real models
  loaded and the demo campaign warm (a call against the demo campaign; an asset beside the demo
  campaign's, with one demo call), under the default limits and time budget. The peak is the child's
  whole resident set, models included; ``base`` is the parent's before the first fork.

Torch runs on one thread here, so that forking after it has run is safe; times are per file, wall clock.

    python benchmarks/bad_inputs.py [--cases] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from badinput import MEMORY_LIMIT_MB, TIME_LIMIT_S, build_corpus  # noqa: E402

CHECK_LIMIT_S = 600  # a child past this is killed and counted as a hang (the call budget is 120 s)


def parse_all(manifest: Path) -> list[dict]:
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "badinput.py"), str(manifest)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def _check_outcome(checker, campaign: Path, demo_call: Path, kind: str, path: Path) -> dict:
    if kind == "call":
        report = checker.check([campaign], [path])
        (call,) = report.calls
        if call.internal:
            return {"outcome": "crash", "message": call.error}
        return {"outcome": "error", "message": call.error} if call.error else {"outcome": "checked"}
    report = checker.check([campaign, path], [demo_call])
    left_out = [e.error for e in report.asset_errors if Path(e.file).name == path.name]
    if report.calls[0].internal:
        return {"outcome": "crash", "message": report.calls[0].error}
    return {"outcome": "error", "message": left_out[0]} if left_out else {"outcome": "checked"}


def check_all(cases) -> tuple[list[dict], float]:
    import torch

    from msgcheck import Checker

    torch.set_num_threads(1)
    demo = ROOT / "corpora" / "demo"
    campaign = next(p for p in sorted((demo / "campaigns").iterdir()) if p.is_dir())
    demo_call = sorted((demo / "calls").iterdir())[0]
    checker = Checker()
    checker.check([campaign], [demo_call])  # every model loaded, the campaign's vectors cached
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = []
    for case in cases:
        read, write = os.pipe()
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            signal.alarm(CHECK_LIMIT_S)
            try:
                result = _check_outcome(checker, campaign, demo_call, case.kind, case.path)
            except BaseException as exc:  # what the corpus exists to catch
                result = {"outcome": "crash", "message": f"{type(exc).__name__}: {exc}"}
            with os.fdopen(write, "wb") as fh:
                fh.write(json.dumps(result).encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as fh:
            raw = fh.read()
        _, status, usage = os.wait4(pid, 0)
        if os.WIFSIGNALED(status):
            hang = os.WTERMSIG(status) == signal.SIGALRM
            result = {"outcome": "hang" if hang else "crash", "message": f"signal {os.WTERMSIG(status)}"}
        else:
            result = json.loads(raw or b'{"outcome": "crash", "message": "no output"}')
        result.update(
            name=case.name,
            kind=case.kind,
            seconds=round(time.perf_counter() - started, 2),
            peak_mb=round(usage.ru_maxrss / 1024, 1),
        )
        results.append(result)
        print(f"  {case.kind:5} {case.name[:40]:40} {result['outcome']:8} {result['seconds']:7.2f} s "
              f"{result['peak_mb']:7.0f} MB", file=sys.stderr)  # fmt: skip
    return results, base


def table(rows: list[dict], title: str) -> str:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r.get("kind", ""), r["outcome"])].append(r)
    out = [
        f"**{title}**",
        "",
        "| files | outcome | cases | worst time | worst peak memory |",
        "|---|---|---:|---:|---:|",
    ]
    for (kind, outcome), rs in sorted(groups.items()):
        slow = max(rs, key=lambda r: r["seconds"])
        big = max(rs, key=lambda r: r["peak_mb"])
        out.append(
            f"| {kind}s | {outcome} | {len(rs)} | {slow['seconds']:.2f} s ({slow['name']}) "
            f"| {big['peak_mb']:.0f} MB ({big['name']}) |"
        )
    slow = max(rows, key=lambda r: r["seconds"])
    big = max(rows, key=lambda r: r["peak_mb"])
    out.append(
        f"| all | {sum(1 for r in rows if r['outcome'] in ('crash', 'hang'))} crashes or hangs | {len(rows)} "
        f"| {slow['seconds']:.2f} s | {big['peak_mb']:.0f} MB |"
    )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", action="store_true", help="print every case's row too")
    ap.add_argument("--json", type=Path, help="write every case's results here")
    ap.add_argument("--no-check", action="store_true", help="parse only (no models)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = build_corpus(Path(tmp))
        kinds = {c.name: c.kind for c in cases}
        manifest = Path(tmp) / "manifest.json"
        manifest.write_text(
            json.dumps([{"name": c.name, "kind": c.kind, "path": str(c.path)} for c in cases])
        )
        parsed = parse_all(manifest)
        for r in parsed:
            r["kind"] = kinds[r["name"]]
        print(table(parsed, f"parsed alone (limits: {TIME_LIMIT_S} s, {MEMORY_LIMIT_MB} MB a file)"))
        checked, base = ([], 0.0) if args.no_check else check_all(cases)
    if checked:
        print()
        print(table(checked, f"checked alone, models loaded (the process before: {base:.0f} MB)"))
    if args.cases:
        for r in parsed + checked:
            print(
                f"{r['kind']:5} {r['name']:50} {r['outcome']:8} {r['seconds']:8.2f} s {r['peak_mb']:8.0f} MB"
            )
    if args.json:
        args.json.write_text(json.dumps({"parsed": parsed, "checked": checked, "base_mb": base}, indent=1))


if __name__ == "__main__":
    main()
