"""Latency of one call of ~100, 1,000 and 10,000 utterances against the demo campaign (warm models),
beside a bare `encode` of the same utterance texts in the same run.

The campaign (asset parsing, claims, vectors) is prepared once per campaign and timed on its own; the
check is `check_call` on the prepared campaign. The core (the rules judge alone, `RuleJudge`) checks the
same call in the same run: the trained pair judge must stay within 1.5x of it. The long calls are real conversation: the demo calls' utterances first, then PersuasionForGood
sentences (../shared/data, used here for throughput only), persuader = rep. The embedding cache is
cleared before every timed run so repeated text is not free.

    python benchmarks/latency.py [--sizes 100 1000 10000] [--json out.json]
    python benchmarks/latency.py --sizes 1000 --judge pair cross   # both judges, one run
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
P4G = ROOT.parent / "shared" / "data" / "dialogues" / "persuasion-for-good" / "full_dialog.csv"


def build_call(n: int):
    from msgcheck.ingest import load_transcript
    from msgcheck.types import Transcript, Utterance

    utts: list[tuple[str, str, str]] = []  # speaker, role, text
    for path in sorted((ROOT / "corpora" / "demo" / "calls").iterdir()):
        t = load_transcript(path)
        from msgcheck.extract.roles import assign_roles

        assign_roles(t)
        utts += [(u.speaker, t.roles.get(u.speaker, "prospect"), u.text) for u in t.utterances]
    if P4G.exists():
        with P4G.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                role = "rep" if row["B4"] == "0" else "prospect"
                utts.append(("Rep" if role == "rep" else "Prospect", role, row["Unit"].strip()))
                if len(utts) >= n:
                    break
    utts = [u for u in utts if u[2]][:n]
    transcript = Transcript(path=f"synthetic-{n}", name=f"synthetic-{n}.txt", format="txt")
    transcript.utterances = [
        Utterance(index=i, speaker=s, text=text, start=float(i * 4)) for i, (s, _, text) in enumerate(utts)
    ]
    transcript.roles = {s: r for s, r, _ in utts}  # type: ignore[misc]
    return transcript


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument(
        "--judge",
        nargs="+",
        default=["pair"],
        choices=["pair", "cross", "cross-fast"],
        help="the judges to time, each on the same calls in this run (msgcheck.judge.select)",
    )
    args = ap.parse_args()

    from msgcheck import Checker
    from msgcheck.extract.claims import ClaimExtractor
    from msgcheck.judge.rules import RuleJudge
    from msgcheck.judge.select import make_judge
    from msgcheck.models import sentence_model

    campaign_dir = next(p for p in sorted((ROOT / "corpora" / "demo" / "campaigns").iterdir()) if p.is_dir())
    first = Checker(judge=make_judge(args.judge[0]))
    core = Checker(embedder=first.embedder, extractor=first.extractor, judge=RuleJudge())
    checkers = {first.judge.version: first}
    for name in args.judge[1:]:
        judge = make_judge(name)  # a judge with a final head reads every rep sentence: its own extractor
        wide = bool(getattr(judge, "wide", False))
        extractor = ClaimExtractor(nlp=first.extractor.nlp, wide=True) if wide else first.extractor
        c = Checker(embedder=first.embedder, extractor=extractor, judge=judge)
        checkers[c.judge.version] = c
    sentence_model().encode(["warm up"])
    rows = []
    for judge, checker in checkers.items():
        camp = checker.campaign([campaign_dir])  # warm: loads spaCy and the sentence model
        checker.check_call(camp, build_call(20))  # warm: loads the judge's models
        rows += _time(checker, core, campaign_dir, args.sizes, judge, sentence_model())
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


def _time(checker, core, campaign_dir: Path, sizes: list[int], judge: str, model) -> list[dict]:
    """One judge's rows: each size's check, the rules-only core and the bare encode, back to back."""
    rows = []
    for n in sizes:
        transcript = build_call(n)
        texts = [u.text for u in transcript.utterances]
        checker.embedder.cache.clear()
        t0 = time.perf_counter()
        camp = checker.campaign([campaign_dir])
        campaign_s = time.perf_counter() - t0
        checker.embedder.cache.clear()  # the call's own text is embedded inside the timed check
        for memo in _memos(checker):
            memo.clear()  # the cross-encoder remembers the pairs it read: none are free here
        t0 = time.perf_counter()
        report = checker.check_call(camp, transcript)
        check_s = time.perf_counter() - t0
        pairs = sum(len(memo) for memo in _memos(checker))  # the pairs the cross-encoders read
        checker.embedder.cache.clear()
        t0 = time.perf_counter()
        core.check_call(camp, transcript)
        core_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        model.encode(texts, batch_size=64, normalize_embeddings=True)
        encode_s = time.perf_counter() - t0
        rows.append(
            {
                "judge": judge,
                "utterances": len(texts),
                "campaign_s": round(campaign_s, 3),
                "check_s": round(check_s, 3),
                "core_check_s": round(core_s, 3),
                "ratio_to_core": round(check_s / core_s, 3),
                "bare_encode_s": round(encode_s, 3),
                "ratio": round(check_s / encode_s, 3),
                "findings": len(report.findings),
                "pairs_read": pairs,
            }
        )
        print(
            f"{judge}: {len(texts):>6} utterances: check {check_s:7.2f} s | core (rules) {core_s:7.2f} s "
            f"(x{check_s / core_s:4.2f}) | bare encode {encode_s:7.2f} s | "
            f"(campaign prep {campaign_s:5.2f} s, once per campaign) | "
            f"ratio {check_s / encode_s:5.2f} | findings {len(report.findings)} | pairs read {pairs}",
            flush=True,
        )
    return rows


def _memos(checker) -> list[dict]:
    """The pair memories of the cross-encoders a checker reads with (the judge's, the support checks')."""
    models = [getattr(checker.judge, "model", None), getattr(checker, "_cross", None)]
    return [m._memo for m in models if hasattr(m, "_memo")]


if __name__ == "__main__":
    main()
