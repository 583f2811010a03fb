"""A labelled journey set (docs/journey-format.md) built into journeys the way `msgcheck journey` builds them:
accounts, dates and order read from the files or inferred, reps from the gold labels (or inferred). One
function for benchmarks/journeys.py and the journey trainers, so both score what the product does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..journey.accounts import CallInfo
from ..journey.build import Journey, JourneyBuilder, read_call
from .gold import LabelledSet, load_set

__all__ = ["BuiltSet", "build_set"]


@dataclass
class BuiltSet:
    lset: LabelledSet
    raw: dict[str, dict]  # call file -> its gold JSON as written (with the journey keys)
    infos: list[CallInfo]
    journeys: dict[str, Journey]


def set_calls(
    root: Path, builder: JourneyBuilder, infer_roles: bool = False
) -> tuple[LabelledSet, dict[str, dict], list[CallInfo]]:
    """A journey set's calls read as the journey builder reads them (roles, accounts, order), with each call's
    gold JSON as written; no checker is loaded."""
    lset = load_set(root)
    raw = {g.call: json.loads(Path(g.path).read_text(encoding="utf-8")) for g in lset.calls}
    infos = []
    for g in lset.calls:
        info = read_call(lset.call_path(g.call))
        info.campaign = g.campaign
        infos.append(info)
    reps = sorted({r for g in lset.calls for r in g.rep_speakers})
    return lset, raw, builder.calls(infos, reps=[] if infer_roles else reps)


def build_set(root: Path, builder: JourneyBuilder, infer_roles: bool = False) -> BuiltSet:
    lset, raw, infos = set_calls(root, builder, infer_roles)
    campaigns = {
        c: builder.checker.campaign([lset.campaign_dir(c)]) for c in {g.campaign for g in lset.calls}
    }
    return BuiltSet(lset, raw, infos, builder.journeys(infos, campaigns))
