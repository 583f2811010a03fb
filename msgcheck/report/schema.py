"""The JSON report: a stable, documented contract (docs/report-schema.md, ``schema_version`` 1); every other format is a view of the same dict."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..types import CallReport, Coverage, FileError, Finding, PromiseCheck, Report
from .score import FINDING_KINDS

SCHEMA_VERSION = 1
COVERAGE_STATUSES: tuple[str, ...] = ("upheld", "contradicted", "weakened", "not_mentioned")
PROMISE_STATUSES: tuple[str, ...] = ("upheld", "changed", "not_mentioned")

_TRANSCRIPT_KEYS = ("speaker", "text", "start", "index")
_ASSET_KEYS = ("file", "text")


# --------------------------------------------------------------------------- dict <-> Report


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _ordered(d: dict, keys: tuple[str, ...], convert: dict[str, Any]) -> dict:
    """The documented keys in order (absent ones as null), then any extras, sorted."""
    out = {k: (convert[k](d.get(k)) if k in convert else d.get(k)) for k in keys}
    for k in sorted(set(d) - set(keys)):
        out[k] = d[k]
    return out


def finding_to_dict(f: Finding) -> dict:
    transcript = None
    if f.transcript is not None:
        transcript = _ordered(f.transcript, _TRANSCRIPT_KEYS, {"start": _num, "index": _int})
    asset = None if f.asset is None else _ordered(f.asset, _ASSET_KEYS, {})
    return {
        "kind": f.kind,
        "score": float(f.score),
        "slot": f.slot,
        "transcript": transcript,
        "asset": asset,
        "explanation": f.explanation,
        "probabilities": f.probabilities,
    }


def _coverage_to_dict(c: Coverage) -> dict:
    rep = None if c.rep is None else _ordered(c.rep, _TRANSCRIPT_KEYS, {"start": _num, "index": _int})
    return {
        "asset_file": c.asset_file,
        "text": c.text,
        "status": c.status,
        "headline": bool(c.headline),
        "rep": rep,
    }


def promise_to_dict(p: PromiseCheck) -> dict:
    """One line of a call's promise checklist as the JSON report writes it (the workspace stores it too)."""
    rep = None if p.rep is None else _ordered(p.rep, _TRANSCRIPT_KEYS, {"start": _num, "index": _int})
    return {
        "promise": p.promise,
        "asset_file": p.asset_file,
        "slot": p.slot,
        "status": p.status,
        "rep": rep,
        "asset": None if p.asset is None else _ordered(p.asset, _ASSET_KEYS, {}),
        "finding": p.finding,
    }


def _call_to_dict(c: CallReport) -> dict:
    return {
        "call": c.call,
        "reps": list(c.reps),
        "prospects": list(c.prospects),
        "role_source": dict(c.role_source),
        "roles_uncertain": bool(c.roles_uncertain),
        "roles_uncertain_reason": c.roles_uncertain,
        "role_confidence": {s: float(v) for s, v in c.role_confidence.items()},
        "role_evidence": {s: list(e) for s, e in c.role_evidence.items()},
        "drift_score": float(c.drift_score),
        "error": c.error,
        "findings": [finding_to_dict(f) for f in c.findings],
        "promises": [promise_to_dict(p) for p in c.promises],
        "coverage": [_coverage_to_dict(cov) for cov in c.coverage],
    }


def _summary(report: Report) -> dict:
    counts = dict.fromkeys(FINDING_KINDS, 0)
    for call in report.calls:
        for f in call.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
    return {
        "calls": len(report.calls),
        "calls_with_drift": sum(1 for c in report.calls if c.findings),
        "calls_with_errors": sum(1 for c in report.calls if c.error),
        "assets_with_errors": len(report.asset_errors),
        "findings": counts,
    }


def report_to_dict(report: Report) -> dict:
    """The report as plain JSON-ready data, keys in the documented order (docs/report-schema.md)."""
    return {
        "schema_version": report.schema_version,
        "msgcheck_version": report.msgcheck_version,
        "assets": list(report.assets),
        "asset_errors": [{"file": e.file, "error": e.error} for e in report.asset_errors],
        "calls": [_call_to_dict(c) for c in report.calls],
        "summary": _summary(report),
    }


class _Reader:
    """Pulls typed values out of a report dict, naming the exact place of any problem."""

    def __init__(self, source: str | None):
        self.source = source

    def fail(self, where: str, message: str) -> InputError:
        return InputError(
            f"not a msgcheck report: {where}: {message}",
            path=self.source,
            hint="see docs/report-schema.md for the report layout",
        )

    def get(self, d: Any, key: str, where: str, types: tuple[type, ...], *, nullable: bool = False) -> Any:
        if not isinstance(d, dict):
            raise self.fail(where, f"expected an object, got {type(d).__name__}")
        if key not in d:
            raise self.fail(where, f"missing key {key!r}")
        value = d[key]
        if value is None and nullable:
            return None
        # bool is an int subclass; never accept it where a number is meant.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(t.__name__ for t in types) + (" or null" if nullable else "")
            raise self.fail(f"{where}.{key}", f"expected {names}, got {type(value).__name__}")
        return value

    def strings(self, d: Any, key: str, where: str) -> list[str]:
        values = self.get(d, key, where, (list,))
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise self.fail(f"{where}.{key}[{i}]", f"expected str, got {type(v).__name__}")
        return list(values)

    def choice(self, d: Any, key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = self.get(d, key, where, (str,))
        if value not in allowed:
            expected = ", ".join(allowed)
            raise self.fail(f"{where}.{key}", f"unknown value {value!r}; expected one of {expected}")
        return value


def _finding_from_dict(r: _Reader, d: Any, where: str) -> Finding:
    num = (int, float)
    transcript = r.get(d, "transcript", where, (dict,), nullable=True)
    if transcript is not None:
        tw = f"{where}.transcript"
        r.get(transcript, "speaker", tw, (str,))
        r.get(transcript, "text", tw, (str,))
        start = r.get(transcript, "start", tw, num, nullable=True)
        index = r.get(transcript, "index", tw, (int,), nullable=True)
        transcript = {**transcript, "start": _num(start), "index": index}
    asset = r.get(d, "asset", where, (dict,), nullable=True)
    if asset is not None:
        r.get(asset, "file", f"{where}.asset", (str,))
        r.get(asset, "text", f"{where}.asset", (str,))
        asset = dict(asset)
    return Finding(
        kind=r.choice(d, "kind", where, FINDING_KINDS),  # type: ignore[arg-type]
        score=float(r.get(d, "score", where, num)),
        slot=r.get(d, "slot", where, (str,), nullable=True),
        explanation=r.get(d, "explanation", where, (str,)),
        transcript=transcript,
        asset=asset,
        probabilities=r.get(d, "probabilities", where, (dict,), nullable=True)
        if "probabilities" in d
        else None,
    )


def _coverage_from_dict(r: _Reader, d: Any, where: str) -> Coverage:
    return Coverage(
        asset_file=r.get(d, "asset_file", where, (str,)),
        text=r.get(d, "text", where, (str,)),
        status=r.choice(d, "status", where, COVERAGE_STATUSES),  # type: ignore[arg-type]
        headline=r.get(d, "headline", where, (bool,)),
        rep=d.get("rep") if isinstance(d.get("rep"), dict) else None,  # optional: older reports lack it
    )


def _promise_from_dict(r: _Reader, d: Any, where: str) -> PromiseCheck:
    finding = r.get(d, "finding", where, (int,), nullable=True)
    return PromiseCheck(
        promise=r.get(d, "promise", where, (str,)),
        asset_file=r.get(d, "asset_file", where, (str,)),
        slot=r.get(d, "slot", where, (str,), nullable=True),
        status=r.choice(d, "status", where, PROMISE_STATUSES),  # type: ignore[arg-type]
        rep=r.get(d, "rep", where, (dict,), nullable=True),
        asset=r.get(d, "asset", where, (dict,), nullable=True),
        finding=finding,
    )


def _call_from_dict(r: _Reader, d: Any, where: str) -> CallReport:
    role_source = r.get(d, "role_source", where, (dict,))
    for speaker, source in role_source.items():
        if not isinstance(source, str):
            raise r.fail(f"{where}.role_source[{speaker!r}]", f"expected str, got {type(source).__name__}")
    findings = r.get(d, "findings", where, (list,))
    coverage = r.get(d, "coverage", where, (list,))
    return CallReport(
        call=r.get(d, "call", where, (str,)),
        reps=r.strings(d, "reps", where),
        prospects=r.strings(d, "prospects", where),
        drift_score=float(r.get(d, "drift_score", where, (int, float))),
        findings=[_finding_from_dict(r, f, f"{where}.findings[{i}]") for i, f in enumerate(findings)],
        coverage=[_coverage_from_dict(r, c, f"{where}.coverage[{i}]") for i, c in enumerate(coverage)],
        # added in 0.x, still schema version 1: optional when reading an older report
        promises=[
            _promise_from_dict(r, p, f"{where}.promises[{i}]") for i, p in enumerate(d.get("promises") or [])
        ],
        role_source=dict(role_source),
        error=r.get(d, "error", where, (str,), nullable=True),
        # added in 0.x, still schema version 1: optional when reading an older report
        role_confidence={str(k): float(v) for k, v in (d.get("role_confidence") or {}).items()},
        role_evidence={str(k): [str(x) for x in v] for k, v in (d.get("role_evidence") or {}).items()},
        roles_uncertain=str(d.get("roles_uncertain_reason") or ""),
    )


def report_from_dict(d: Any, *, source: str | None = None) -> Report:
    """Rebuild a Report from ``report_to_dict`` output (or parsed JSON).

    Raises InputError naming the exact key when the version is unknown or the layout is wrong.
    ``summary`` is derived, so it is not read back; unknown extra keys are ignored (additive changes
    keep schema version 1). ``source`` is the file name to put in error messages.
    """
    r = _Reader(source)
    if not isinstance(d, dict):
        raise r.fail("top level", f"expected an object, got {type(d).__name__}")
    if "schema_version" not in d:
        raise r.fail("top level", "missing key 'schema_version'")
    version = d["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise InputError(
            f"unsupported report schema_version {version!r}; this msgcheck reads version {SCHEMA_VERSION}",
            path=source,
            hint="re-run msgcheck to regenerate the report, or upgrade msgcheck",
        )
    calls = r.get(d, "calls", "top level", (list,))
    return Report(
        calls=[_call_from_dict(r, c, f"calls[{i}]") for i, c in enumerate(calls)],
        assets=r.strings(d, "assets", "top level"),
        schema_version=SCHEMA_VERSION,
        msgcheck_version=r.get(d, "msgcheck_version", "top level", (str,)),
        asset_errors=[
            _asset_error_from_dict(r, e, f"asset_errors[{i}]")
            for i, e in enumerate(d.get("asset_errors") or [])  # added within version 1: may be absent
        ],
    )


def _asset_error_from_dict(r: _Reader, d: Any, where: str) -> FileError:
    return FileError(file=r.get(d, "file", where, (str,)), error=r.get(d, "error", where, (str,)))


# --------------------------------------------------------------------------- JSON and CSV


def _round_floats(value: Any, places: int = 4) -> Any:
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, dict):
        return {k: _round_floats(v, places) for k, v in value.items()}
    if isinstance(value, list):
        return [_round_floats(v, places) for v in value]
    return value


def to_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON: documented key order, floats rounded to 4 places, UTF-8 text kept as is."""
    data = _round_floats(report_to_dict(report))
    return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False) + "\n"


def from_json(text: str, *, source: str | None = None) -> Report:
    """Parse a JSON report written by ``to_json``; InputError on invalid JSON or layout."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
            path=source,
            hint="pass a report written by `msgcheck --format json`",
        ) from e
    return report_from_dict(data, source=source)
