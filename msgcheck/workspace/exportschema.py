"""The workspace export's schema, checked before anything is written (docs/workspace.md, "Export format").

A hand-edited export must not reach the tables: a judge threshold given as a string, a finding whose data
is a string, a short embedding vector, an unknown kind or ``"reps": "Dana"`` would be stored and break
``check --workspace``, ``list`` and ``ledger`` later. ``validate_export`` checks types, lengths, known
kinds and decisions, references between sections, and vector sizes, and raises an InputError naming the
export file and the exact field (``runs[0].calls[1].findings[0].data.kind``).
"""

from __future__ import annotations

import binascii
import math
from collections.abc import Callable
from typing import Any

from ..errors import InputError
from ..ingest import hidden_file_error
from ..kinds import FINDING_KINDS
from ..report.schema import _coverage_from_dict, _finding_from_dict, _Reader
from .codec import unb64
from .records import DECISIONS, EXPORT_FORMAT, MIGRATIONS

ROLES = ("rep", "prospect", "unknown")
MAX_NAME = 1_000  # names, keys, hashes, dates
MAX_TEXT = 5_000_000  # asset and transcript text, base64 data


class _Check:
    """Typed access to the export, failing with the file and the field."""

    def __init__(self, source: str | None):
        self.source = source

    def fail(self, where: str, message: str) -> InputError:
        return InputError(
            f"invalid workspace export: {where}: {message}",
            path=self.source,
            hint="re-export it with `msgcheck workspace export`, or fix the field named",
        )

    def obj(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_kind(value)}")
        return value

    def items(self, d: dict, key: str, where: str) -> list:
        """A list field (absent means empty)."""
        value = d.get(key, [])
        if not isinstance(value, list):
            raise self.fail(_at(where, key), f"expected a list, got {_kind(value)}")
        return value

    def str(
        self, d: dict, key: str, where: str, *, null: bool = False, limit: int = MAX_NAME, choices=None
    ) -> str | None:
        if key not in d and not null:
            raise self.fail(where, f"missing {key!r}")
        value = d.get(key)
        if value is None and null:
            return None
        if not isinstance(value, str):
            raise self.fail(_at(where, key), f"expected a string, got {_kind(value)}")
        if len(value) > limit:
            raise self.fail(_at(where, key), f"longer than {limit:,} characters")
        if choices is not None and value not in choices:
            raise self.fail(_at(where, key), f"unknown value {value!r}; expected one of {', '.join(choices)}")
        return value

    def num(self, value: Any, where: str, *, lo: float = -math.inf, hi: float = math.inf) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(where, f"expected a number, got {_kind(value)}")
        if not lo <= value <= hi:
            raise self.fail(where, f"{value} is outside {lo:g}..{hi:g}")
        return float(value)

    def int(self, value: Any, where: str, *, lo: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < lo:
            raise self.fail(where, f"expected an integer >= {lo}, got {value!r}")
        return value

    def bool(self, d: dict, key: str, where: str, *, null: bool = False) -> None:
        value = d.get(key)
        if not (isinstance(value, bool) or (null and value is None)):
            raise self.fail(_at(where, key), f"expected true or false, got {_kind(value)}")

    def strings(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"expected a list of strings, got {_kind(value)}")
        return value

    def b64(self, d: dict, key: str, where: str) -> bytes:
        text = self.str(d, key, where, limit=MAX_TEXT)
        try:
            return unb64(text or "")
        except (binascii.Error, ValueError) as exc:
            raise self.fail(_at(where, key), "not valid base64") from exc

    def each(self, d: dict, key: str, where: str, check: Callable[[dict, str], None]) -> None:
        for i, item in enumerate(self.items(d, key, where)):
            check(self.obj(item, f"{_at(where, key)}[{i}]"), f"{_at(where, key)}[{i}]")


class _ReportPart(_Reader):
    """The report schema's reader (coverage, a finding's data), failing as an export error."""

    def fail(self, where: str, message: str) -> InputError:
        return _Check(self.source).fail(where, message)


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {value!r}"[:80]


def validate_export(data: Any, *, source: str | None = None, dims: dict[str, int] | None = None) -> None:
    """Raise InputError naming ``source`` and the field unless ``data`` is a well-formed export.

    ``dims`` are the vector sizes the workspace already holds per model: an imported vector must match.
    """
    c = _Check(source)
    d = c.obj(data, "top level")
    if d.get("msgcheck_workspace") != EXPORT_FORMAT:
        raise c.fail(
            "msgcheck_workspace", f"expected {EXPORT_FORMAT}, got {_kind(d.get('msgcheck_workspace'))}"
        )
    if "schema_version" in d:
        c.int(d["schema_version"], "schema_version", lo=1)
        if d["schema_version"] > len(MIGRATIONS):
            raise c.fail("schema_version", f"{d['schema_version']} is newer than this msgcheck knows")
    for x, w in _each(c, d, "campaigns"):
        c.str(x, "name", w)
        c.str(x, "created_at", w)
    for x, w in _each(c, d, "assets"):
        c.str(x, "campaign", w)
        if hidden_file_error(c.str(x, "name", w) or "", "") is not None:  # never stored, never imported
            raise c.fail(
                _at(w, "name"), f"{x['name']!r} is a hidden file; msgcheck never reads those as assets"
            )
        c.int(x.get("version"), _at(w, "version"), lo=1)
        c.str(x, "content_hash", w)
        c.str(x, "format", w, choices=("md", "txt", "html", "csv", "pdf", "docx"))
        c.str(x, "source_path", w, null=True)
        c.str(x, "text", w, limit=MAX_TEXT)
        c.str(x, "added_at", w)
        c.b64(x, "data", w)
    calls = set()
    for x, w in _each(c, d, "calls"):
        calls.add(c.str(x, "content_hash", w))
        c.str(x, "name", w)
        c.str(x, "campaign", w, null=True)
        c.str(x, "date", w, null=True)
        c.str(x, "account", w, null=True)  # workspaces of schema 4 on; absent from older exports
        c.str(x, "account_source", w, null=True, choices=("", "cli", "reviewer", "inferred", "file"))
        c.str(x, "date_source", w, null=True, choices=("", "cli", "reviewer", "file"))
        c.strings(x.get("reps", []), _at(w, "reps"))
        c.str(x, "format", w)
        c.str(x, "source_path", w, null=True)
        c.str(x, "added_at", w)
        c.b64(x, "data", w)
        for i, turn in enumerate(c.items(x, "turns", w)):
            tw = f"{w}.turns[{i}]"
            if not isinstance(turn, list) or len(turn) != 4:
                raise c.fail(tw, f"expected [index, speaker, start, role], got {_kind(turn)}")
            c.int(turn[0], f"{tw}[0]")
            c.str({"speaker": turn[1]}, "speaker", tw)
            if turn[2] is not None:
                c.num(turn[2], f"{tw}[2]", lo=0)
            c.str({"role": turn[3]}, "role", tw, null=True, choices=ROLES)
    findings = set()
    for x, w in _each(c, d, "findings"):
        findings.add(c.str(x, "finding_hash", w))
        _ref(c, c.str(x, "call", w), calls, _at(w, "call"), "call")
        c.str(x, "kind", w, choices=FINDING_KINDS)
        c.str(x, "slot", w, null=True)
        for key in ("transcript_text", "asset_file", "asset_text"):
            c.str(x, key, w, null=True, limit=MAX_TEXT)
        c.str(x, "created_at", w)
    for x, w in _each(c, d, "judge_versions"):
        c.str(x, "name", w)
        c.str(x, "base", w)
        c.str(x, "created_at", w)
        params = c.obj(x.get("params"), _at(w, "params"))
        thresholds = c.obj(params.get("thresholds", {}), f"{w}.params.thresholds")
        for kind, value in thresholds.items():
            c.str({"kind": kind}, "kind", f"{w}.params.thresholds", choices=FINDING_KINDS)
            c.num(value, f"{w}.params.thresholds.{kind}", lo=0, hi=1)
        logistic = c.obj(params.get("logistic", {}), f"{w}.params.logistic")
        for kind, fit in logistic.items():
            lw = f"{w}.params.logistic.{kind}"
            c.str({"kind": kind}, "kind", f"{w}.params.logistic", choices=FINDING_KINDS)
            fit = c.obj(fit, lw)
            c.num(fit.get("coef"), f"{lw}.coef")
            c.num(fit.get("intercept"), f"{lw}.intercept")
        c.obj(x.get("metrics", {}), _at(w, "metrics"))
    c.str(d, "active_judge", "", null=True)
    report = _ReportPart(source)
    for x, w in _each(c, d, "runs"):
        for key in ("run_key", "started_at", "model_id", "judge_version", "base_judge", "msgcheck_version"):
            c.str(x, key, w)
        c.str(x, "campaign", w, null=True)
        settings = c.obj(x.get("settings", {}), _at(w, "settings"))
        for e, ew in _each(c, settings, "asset_errors", _at(w, "settings")):
            c.str(e, "file", ew)
            c.str(e, "error", ew, limit=MAX_TEXT)
        c.strings(x.get("assets", []), _at(w, "assets"))
        for i, used in enumerate(c.items(x, "asset_versions", w)):
            c.strings(used, f"{w}.asset_versions[{i}]")
            if len(used) != 3:
                raise c.fail(f"{w}.asset_versions[{i}]", "expected [campaign, asset name, content hash]")
        for rc, cw in _each(c, x, "calls", w):
            _ref(c, c.str(rc, "call", cw), calls, _at(cw, "call"), "call")
            c.int(rc.get("ordinal"), _at(cw, "ordinal"))
            c.num(rc.get("drift_score"), _at(cw, "drift_score"), lo=0, hi=1)
            c.strings(rc.get("reps", []), _at(cw, "reps"))
            c.strings(rc.get("prospects", []), _at(cw, "prospects"))
            roles = c.obj(rc.get("role_source", {}), _at(cw, "role_source"))
            for speaker in roles:
                c.str(roles, speaker, _at(cw, "role_source"))
            c.str(rc, "error", cw, null=True, limit=MAX_TEXT)
            for i, cov in enumerate(c.items(rc, "coverage", cw)):
                _coverage_from_dict(report, cov, f"{cw}.coverage[{i}]")
            for rf, fw in _each(c, rc, "findings", cw):
                _ref(c, c.str(rf, "finding", fw), findings, _at(fw, "finding"), "finding")
                c.int(rf.get("ordinal"), _at(fw, "ordinal"))
                c.num(rf.get("raw_score"), _at(fw, "raw_score"), lo=0, hi=1)
                c.num(rf.get("score"), _at(fw, "score"), lo=0, hi=1)
                c.bool(rf, "kept", fw)
                _finding_from_dict(report, rf.get("data"), f"{fw}.data")
    for x, w in _each(c, d, "reviews"):
        _ref(c, c.str(x, "finding", w), findings, _at(w, "finding"), "finding")
        decision = c.str(x, "decision", w, choices=DECISIONS)
        c.str(x, "new_kind", w, null=decision != "change_kind", choices=FINDING_KINDS)
        c.str(x, "reviewer", w)
        if "note" in x:
            c.str(x, "note", w, limit=MAX_TEXT)
        c.str(x, "created_at", w)
    for x, w in _each(c, d, "claim_overrides"):
        c.str(x, "campaign", w)
        c.str(x, "asset_file", w)
        c.str(x, "text", w, limit=MAX_TEXT)
        c.bool(x, "headline", w, null=True)
        for key in ("retired", "manual"):
            if key in x:
                c.bool(x, key, w)
        c.str(x, "updated_at", w)
    sizes = dict(dims or {})
    for x, w in _each(c, d, "embeddings"):
        model = c.str(x, "model_id", w) or ""
        c.str(x, "key", w)
        vector = c.b64(x, "vector", w)
        if not vector or len(vector) % 4:
            raise c.fail(_at(w, "vector"), f"{len(vector)} bytes is not a vector of float32")
        size = sizes.setdefault(model, len(vector) // 4)
        if len(vector) // 4 != size:
            raise c.fail(_at(w, "vector"), f"{len(vector) // 4} dimensions; {model}'s vectors have {size}")


def _each(c: _Check, d: dict, key: str, where: str = ""):
    for i, item in enumerate(c.items(d, key, where)):
        at = f"{_at(where, key)}[{i}]"
        yield c.obj(item, at), at


def _ref(c: _Check, value: str | None, known: set, where: str, what: str) -> None:
    if value not in known:
        raise c.fail(where, f"refers to {what} {value!r}, which is not in the export")
