"""The calls page: previewing, storing and checking uploaded transcripts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...check.checker import Checker
from ...errors import InputError, MsgcheckError
from ...extract.roles import RoleError, assign_roles, matches_speaker, unmatched_names
from ...types import Transcript, Upload
from ...workspace.codec import sha256_bytes
from ...workspace.db import Workspace
from ...workspace.service import check_and_record
from .transcript import _safe_name, transcript_from_bytes

# --------------------------------------------------------------------------- calls page


@dataclass(frozen=True)
class SpeakerRole:
    speaker: str
    role: str  # rep | prospect
    source: str  # file | inferred
    utterances: int


def preview_transcript(name: str, data: bytes) -> tuple[Transcript, list[SpeakerRole]]:
    """Parse an uploaded transcript and say who msgcheck takes for the reps (InputError when unreadable)."""

    t = transcript_from_bytes(name, data)
    if not t.utterances:
        raise InputError("no utterances found", path=_safe_name(name), hint="is this a call transcript?")
    assign_roles(t)
    counts: dict[str, int] = {}
    for u in t.utterances:
        counts[u.speaker] = counts.get(u.speaker, 0) + 1
    return t, [
        SpeakerRole(s, t.roles.get(s, "prospect"), t.role_source.get(s, "inferred"), counts[s])
        for s in t.speakers
    ]


@dataclass(frozen=True)
class UploadResult:
    name: str
    call_id: int | None = None
    run_id: int | None = None
    drift_score: float = 0.0
    findings: int = 0
    error: str | None = None


Progress = Callable[[str, int, int], None]  # (file name, done, total)


def check_uploads(
    ws: Workspace,
    checker: Checker,
    campaign: str,
    files: Sequence[tuple[str, bytes, Sequence[str] | None]],
    progress: Progress | None = None,
) -> list[UploadResult]:
    """Store and check uploaded transcripts against the campaign's current assets and claim overrides.

    ``files``: (file name, bytes, reps or None: as the file says or inferred). Files with the same reps
    are checked in one run. A file that cannot be read gets an UploadResult with ``error``; the others
    go on. Raises MsgcheckError only for problems with the campaign or the workspace.
    """

    results: dict[int, UploadResult] = {}
    readable: list[int] = []
    for i, (name, data, _) in enumerate(files):
        try:
            transcript_from_bytes(name, data)
            readable.append(i)
        except MsgcheckError as exc:
            results[i] = UploadResult(_safe_name(name), error=str(exc))
    current = ws.asset_versions(campaign, current=True)
    if not current and readable:
        raise InputError(
            f"campaign {campaign!r} has no assets yet", hint="add its assets on the Campaign page first"
        )
    groups: dict[tuple[str, ...] | None, list[int]] = {}
    for i in readable:
        reps = files[i][2]
        groups.setdefault(tuple(reps) if reps else None, []).append(i)
    total, done = len(files), len(files) - len(readable)
    overrides = ws.claim_overrides(campaign)
    assets = [Upload(a.name, ws.asset_bytes(a.id)) for a in current]
    for reps, members in groups.items():
        uploads = [Upload(_safe_name(files[i][0]), files[i][1]) for i in members]
        base = done

        def step(name: str, n: int, _total: int, base: int = base) -> None:
            if progress:
                progress(name, base + n, total)

        result = check_and_record(
            ws,
            checker,
            assets,
            uploads,
            campaign=campaign,
            reps=list(reps) if reps else None,
            settings={"source": "app", "claim_overrides": len(overrides)},
            progress=step,
        )
        done += len(members)
        for i, upload, call in zip(members, uploads, result.report.calls, strict=True):
            record = ws.call(sha256_bytes(upload.data))
            results[i] = UploadResult(
                upload.name, record.id, result.run_id, call.drift_score, len(call.findings), call.error
            )
    return [results[i] for i in range(len(files))]


def recheck_campaign(
    ws: Workspace, checker: Checker, campaign: str, progress: Progress | None = None
) -> list[UploadResult]:
    """Check every stored call of the campaign again (after its assets or claim marks changed)."""
    calls = ws.calls(campaign)
    files = [(c.name, ws.call_bytes(c.id), ws.confirmed_reps(c.id)) for c in calls]
    return check_uploads(ws, checker, campaign, files, progress) if files else []


def set_reps(
    ws: Workspace, checker: Checker, call: int | str, reps: Sequence[str], progress: Progress | None = None
) -> UploadResult:
    """Name a stored call's reps and check it again against its campaign's current assets, without
    re-uploading. Later re-checks keep these reps. Raises RoleError when a name is nobody in the call."""
    record = ws.call(call)
    if not record.campaign:
        raise InputError(
            f"call {record.name!r} belongs to no campaign", hint="check it with a campaign first"
        )
    data = ws.call_bytes(record.id)
    speakers = transcript_from_bytes(record.name, data).speakers
    unknown = unmatched_names(reps, speakers)
    if unknown or not reps:
        raise RoleError(
            f"{', '.join(repr(r) for r in unknown) or 'no name'} is nobody in this call",
            path=record.name,
            hint=f"its speakers are: {', '.join(speakers)}",
        )
    named = [s for s in speakers if any(matches_speaker(r, s) for r in reps)]
    ws.confirm_reps(record.id, named)
    (result,) = check_uploads(ws, checker, record.campaign, [(record.name, data, named)], progress)
    return result
