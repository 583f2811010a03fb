"""Workspace workflows over the store: importing files and corpora, checking and recording a run, the demo.

Every import commits one file at a time, keyed by content hash, so an import that is interrupted
(killed, disk full) keeps what it finished and picks up the rest when run again, with no duplicates.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..check.checker import DEFAULT_JUDGE, Checker
from ..errors import InputError, MsgcheckError, WorkspaceError
from ..ingest import TRANSCRIPT_EXTENSIONS, asset_files, read_assets
from ..run import Runner, check_batch
from ..types import CallReport, ClaimOverride, Report, Upload
from .calibrate import record_calibrated_run
from .db import DEFAULT_PATH, EXPORT_FORMAT, ImportStats, JudgeVersion, Workspace
from .export import import_workspace

__all__ = [
    "DEMO_CORPUS",
    "CheckResult",
    "DemoWorkspace",
    "batch_key",
    "campaign_name_for",
    "check_and_record",
    "ensure_demo_workspace",
    "import_calls",
    "import_corpus",
    "import_paths",
    "is_corpus",
    "is_export",
]

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "demo"
Progress = Callable[[int, int, str], None]  # (done, total, file name), called after each commit


def is_export(path: Path) -> bool:
    """A JSON file written by ``workspace export``."""
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    return b'"msgcheck_workspace"' in head


def is_corpus(path: Path) -> bool:
    """A folder laid out like corpora/demo: ``campaigns/<name>/`` and ``calls/``."""
    return path.is_dir() and (path / "campaigns").is_dir()


def campaign_name_for(assets: Sequence[Path]) -> str:
    """The campaign a set of asset paths belongs to: the folder they share (a folder given: its name)."""
    if not assets:
        raise InputError("no assets given", hint="pass --assets with a folder or files")
    folders = {(p if p.is_dir() else p.parent).resolve() for p in assets}
    if len(folders) == 1:
        return next(iter(folders)).name or "default"
    common = Path(*_common_parts([f.parts for f in folders]))
    return common.name or "default"


def _common_parts(parts: list[tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        out.append(column[0])
    return tuple(out)


def _files(paths: Iterable[Path], extensions: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in extensions
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.exists():
            out.append(p)
        else:
            raise InputError("file or folder not found", path=str(p), hint="check the path")
    return list(dict.fromkeys(out))


def import_calls(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    campaign: str | None = None,
    date: str | None = None,
    progress: Progress | None = None,
    campaign_of: Callable[[Path], str | None] | None = None,
    date_of: Callable[[Path], str | None] | None = None,
) -> ImportStats:
    """Store each transcript (one commit each); a file that cannot be read is listed in ``errors``."""
    files = _files(paths, TRANSCRIPT_EXTENSIONS)
    return _store_each(
        files,
        "calls",
        lambda f: ws.add_call(
            f,
            campaign=campaign_of(f) if campaign_of else campaign,
            date=date or (date_of(f) if date_of else None),
        )[1],
        progress,
    )


def import_assets(
    ws: Workspace, campaign: str, paths: Sequence[Path], progress: Progress | None = None
) -> ImportStats:
    """Store each asset (one commit each), folders walked as the checker walks them (the hidden files
    of an asset type found there are listed in ``errors``, not stored); InputError when there is none."""
    files, hidden = asset_files(paths)
    stats = _store_each(files, "assets", lambda f: ws.add_asset_version(campaign, f)[1], progress)
    stats.errors += [e.error for e in hidden]
    return stats


def _store_each(
    files: list[Path], what: str, store: Callable[[Path], bool], progress: Progress | None
) -> ImportStats:
    """Store files one commit each: a file that cannot be read is listed in ``errors`` and the rest go on;
    a workspace failure (locked, read-only, full) stops the import."""
    stats = ImportStats()
    for i, f in enumerate(files):
        try:
            stats.count(what, store(f))
        except WorkspaceError:
            raise
        except MsgcheckError as exc:
            stats.errors.append(str(exc))
        if progress:
            progress(i + 1, len(files), f.name)
    return stats


def import_corpus(ws: Workspace, folder: Path, progress: Progress | None = None) -> ImportStats:
    """A corpus folder: each ``campaigns/<name>/`` a campaign; ``calls/`` its calls.

    A call's campaign is the ``campaign`` of its gold file (``gold/<stem>.json``) when there is one,
    else the only campaign, else none; its date, the gold file's ``date`` when it has one (else the transcript's).
    """
    stats = ImportStats()
    campaigns = sorted(
        p for p in (folder / "campaigns").iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    for c in campaigns:
        ws.add_campaign(c.name)
        stats.merge(import_assets(ws, c.name, [c], progress))
    only = campaigns[0].name if len(campaigns) == 1 else None

    def gold_key(call: Path, key: str) -> str | None:
        gold = folder / "gold" / f"{call.stem}.json"
        if gold.is_file():
            try:
                value = json.loads(gold.read_text(encoding="utf-8")).get(key)
            except (OSError, ValueError, AttributeError):
                value = None
            if isinstance(value, str) and value:
                return value
        return None

    if (folder / "calls").is_dir():
        stats.merge(
            import_calls(
                ws,
                [folder / "calls"],
                progress=progress,
                campaign_of=lambda call: gold_key(call, "campaign") or only,
                date_of=lambda call: gold_key(call, "date"),
            )
        )
    return stats


def import_paths(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    campaign: str | None = None,
    assets: Sequence[Path] = (),
    date: str | None = None,
    progress: Progress | None = None,
) -> ImportStats:
    """Import anything ``workspace import`` takes: exports, corpus folders, transcripts, and ``assets``."""
    stats = ImportStats()
    if assets:
        campaign = campaign or campaign_name_for(list(assets))
        ws.add_campaign(campaign)
        stats.merge(import_assets(ws, campaign, list(assets), progress))
    calls: list[Path] = []
    for p in paths:
        if is_export(p):
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(f"cannot read the export: {exc}", path=str(p)) from exc
            stats.merge(import_workspace(ws, data, source=str(p)))
        elif is_corpus(p):
            stats.merge(import_corpus(ws, p, progress))
        else:
            calls.append(p)
    if calls:
        if campaign:
            ws.add_campaign(campaign)
        stats.merge(import_calls(ws, calls, campaign=campaign, date=date, progress=progress))
    return stats


# --------------------------------------------------------------------------- checking


@dataclass
class CheckResult:
    run_id: int
    report: Report  # as recorded: the applied judge version's scores, kept findings only
    judge_version: str
    note: str | None = None  # e.g. a calibration fitted on another base judge, not applied
    reused: int = (
        0  # calls not checked again: this workspace had checked them with the same judge and campaign
    )


def _judge_for(ws: Workspace, base: str) -> tuple[JudgeVersion | None, str | None]:
    active = ws.active_judge()
    if active is None:
        return None, None
    if active.base != base:
        return None, (
            f"calibrated judge {active.name} was fitted on {active.base}, not {base}; it is not applied"
            " (run `msgcheck calibrate` again)"
        )
    return active, None


def batch_key(
    checker: Checker, asset_hashes: Sequence[str], overrides: Sequence[ClaimOverride], reps: list[str] | None
) -> str:
    """What a call's result depends on besides the call: msgcheck's version, the base judge and its options,
    the embedding model, the checker's settings, the campaign version (its assets' content, a reviewer's
    claim edits) and the reps named. A call already checked in a run with the same key is not checked again
    (the calibration applied on top is not part of it: runs store the base judge's scores)."""
    parts = {
        "msgcheck": __version__,
        "judge": checker.judge.version,
        "thresholds": getattr(checker.judge, "thresholds", None),
        "model": checker.embedder.model_id,
        "config": dataclasses.asdict(checker.config) if dataclasses.is_dataclass(checker.config) else None,
        "assets": sorted(asset_hashes),
        "overrides": sorted(
            json.dumps([o.asset_file, o.text, o.headline, o.retired, o.manual]) for o in overrides
        ),
        "reps": sorted(reps or []),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def check_and_record(
    ws: Workspace,
    checker: Checker,
    assets: Sequence[Path | Upload],
    transcripts: Sequence[Path | Upload],
    *,
    campaign: str | None = None,
    reps: list[str] | None = None,
    settings: dict | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    run_key: str | None = None,
    runner: Runner | None = None,
    reuse: bool = True,
) -> CheckResult:
    """Store the assets and calls, check with ``checker`` (embeddings cached in the workspace), and
    record the run under the workspace's active judge version. Files are paths, or uploads (name and
    bytes, parsed as they are).

    ``runner`` checks the calls (msgcheck.run; default: ``checker`` in this process). With ``reuse``, a
    call this workspace already checked with the same judge and campaign version (``batch_key``) is not
    checked again: its stored result goes into the new run, so re-running a finished batch costs seconds
    (and loads no model when every call is found)."""

    assets = [a if isinstance(a, Upload) else Path(a) for a in assets]
    transcripts = [t if isinstance(t, Upload) else Path(t) for t in transcripts]
    paths = [a for a in assets if isinstance(a, Path)]
    campaign = campaign or campaign_name_for(paths or [Path(a.name) for a in assets])
    ws.add_campaign(campaign)
    asset_ids, asset_hashes = [], []
    for f in [*(asset_files(paths)[0] if paths else []), *(a for a in assets if isinstance(a, Upload))]:
        try:
            if isinstance(f, Upload):
                version, _ = ws.add_asset_bytes(campaign, f.name, f.data)
            else:
                version, _ = ws.add_asset_version(campaign, f)
            asset_ids.append(version.id)
            asset_hashes.append(version.content_hash)
        except WorkspaceError:
            raise
        except MsgcheckError:
            pass  # an unreadable (or hidden) asset is left out; the check reports it in asset_errors
    call_ids: list[int | None] = []
    for t in transcripts:
        try:
            if isinstance(t, Upload):
                record, _ = ws.add_call_bytes(t.name, t.data, campaign=campaign)
            else:
                record, _ = ws.add_call(t, campaign=campaign)
            call_ids.append(record.id)
        except WorkspaceError:
            raise
        except MsgcheckError:
            call_ids.append(None)  # the check reports the error for this call
    # vectors cached in this workspace, a reviewer's claim edits applied; the caller's checker is unchanged
    overrides = ws.claim_overrides(campaign)
    checker = checker.using(store=ws, overrides=overrides)
    base = checker.judge.version
    judge, note = _judge_for(ws, base)
    key = batch_key(checker, asset_hashes, overrides, reps)
    found = ws.checked_calls(base, key, [c for c in call_ids if c is not None]) if reuse else {}
    report = _check_the_rest(checker, assets, transcripts, call_ids, found, reps, runner, progress)
    if report is None:  # every call was found: the assets' names and errors as a check would give them
        report = _reused_report(ws, assets, transcripts, call_ids, found, key)
    run_settings = {"reps": reps or [], **(settings or {}), "batch_key": key}
    if dataclasses.is_dataclass(checker.config):
        run_settings["checker"] = dataclasses.asdict(checker.config)
    run_id = record_calibrated_run(
        ws,
        report,
        campaign=campaign,
        model_id=checker.embedder.model_id,
        base_judge=base,
        judge=judge,
        settings=run_settings,
        calls=call_ids,
        assets=asset_ids,
        run_key=run_key,
    )
    recorded = ws.run_report(run_id)  # with the assets it left out: they are stored with the run
    return CheckResult(run_id, recorded, judge.name if judge else base, note, reused=len(found))


def _source_name(t: Path | Upload) -> str:
    return t.name


def _check_the_rest(
    checker: Checker,
    assets: Sequence[Path | Upload],
    transcripts: Sequence[Path | Upload],
    call_ids: Sequence[int | None],
    found: dict[int, CallReport],
    reps: list[str] | None,
    runner: Runner | None,
    progress: Callable[[str, int, int], None] | None,
) -> Report | None:
    """The report of all calls: those in ``found`` as stored, the others checked (the campaign prepared
    only then). None when every call was found."""
    todo = [i for i, cid in enumerate(call_ids) if cid is None or cid not in found]
    total, done, checking = len(transcripts), 0, set(todo)
    for i, t in enumerate(transcripts):
        if i not in checking and progress:
            done += 1
            progress(_source_name(t), done, total)
    if not todo:
        return None

    def step(name: str, n: int, _total: int) -> None:
        if progress:
            progress(name, done + n, total)

    fresh = check_batch(
        checker, assets, [transcripts[i] for i in todo], reps=reps, runner=runner, progress=step
    )
    checked = dict(zip(todo, fresh.calls, strict=True))
    calls = [
        checked[i] if i in checked else dataclasses.replace(found[cid], call=_source_name(transcripts[i]))  # type: ignore[index]
        for i, cid in enumerate(call_ids)
    ]
    return dataclasses.replace(fresh, calls=calls)


def _reused_report(
    ws: Workspace,
    assets: Sequence[Path | Upload],
    transcripts: Sequence[Path | Upload],
    call_ids: Sequence[int | None],
    found: dict[int, CallReport],
    key: str,
) -> Report:
    """Every call found: no model loads. The assets are named as the run that checked them named them,
    and any asset that cannot be read is reported as a check would report it."""
    calls = [
        dataclasses.replace(found[cid], call=_source_name(t))  # type: ignore[index]
        for t, cid in zip(transcripts, call_ids, strict=True)
    ]
    names: list[str] = []
    for run in reversed(ws.runs()):
        if run.settings.get("batch_key") == key:
            names = list(run.assets)
            break
    _, errors = read_assets([a for a in assets if isinstance(a, Path)])
    return Report(calls=calls, assets=names, msgcheck_version=__version__, asset_errors=errors)


# --------------------------------------------------------------------------- the demo


@dataclass
class DemoWorkspace:
    path: Path
    run_id: int
    created: bool  # False when the workspace already held the demo run


def ensure_demo_workspace(
    path: str | Path = DEFAULT_PATH, *, checker: Checker | None = None, corpus: Path = DEMO_CORPUS
) -> DemoWorkspace:
    """A ready workspace built from corpora/demo: its campaigns and calls imported and checked.

    Idempotent and cheap once done: the demo run is keyed by the content of the assets and calls and the
    judge version, so calling it again (even from two processes at once) finds the run instead of
    re-checking. Loads the models only when a check is needed (``checker``: reuse one already loaded).
    """
    if not is_corpus(corpus):
        raise WorkspaceError(
            "the demo corpus is not here (it ships with the msgcheck source)",
            path=str(corpus),
            hint="run from a msgcheck checkout, or pass corpus= the corpora/demo folder",
        )
    path = Path(path)
    with Workspace(path) as ws:
        import_corpus(ws, corpus)
        campaign_dir = sorted(p for p in (corpus / "campaigns").iterdir() if p.is_dir())[0]
        campaign = campaign_dir.name
        if (corpus / "journeys").is_dir():  # later calls of two demo accounts, for `msgcheck journey`
            import_calls(ws, [corpus / "journeys"], campaign=campaign)
        calls = sorted(p for p in (corpus / "calls").iterdir() if p.is_file() and not p.name.startswith("."))
        assets = [a for a in ws.asset_versions(campaign, current=True)]
        # with no checker, the default Checker's judge: its version is known without loading models
        base = DEFAULT_JUDGE.version if checker is None else checker.judge.version
        judge, _ = _judge_for(ws, base)
        digest = hashlib.sha256()
        for part in [f"demo/{EXPORT_FORMAT}", base, judge.name if judge else ""]:
            digest.update(part.encode() + b"\x00")
        for a in assets:
            digest.update(a.content_hash.encode())
        for c in calls:
            digest.update(hashlib.sha256(c.read_bytes()).hexdigest().encode())
        key = f"demo-{digest.hexdigest()[:32]}"
        existing = [r for r in ws.runs(campaign) if r.run_key == key]
        if existing:
            return DemoWorkspace(path, existing[0].id, created=False)
        if checker is None:
            checker = Checker()
        result = check_and_record(ws, checker, [campaign_dir], calls, campaign=campaign, run_key=key)
        return DemoWorkspace(path, result.run_id, created=True)
