"""The command line: a thin layer that turns library calls into exit codes and messages.

Exit codes: 0 checked (no drift, or drift without --fail-on), 1 drift at or above --fail-on,
2 bad input or usage (a run where some calls or assets could not be read still writes its report),
3 an internal error (a bug: one line, the traceback in a log file it names, or printed with --debug).
Library errors become one line on stderr, never a traceback (cli/guard.py).
"""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..check.campaign import CheckerConfig
from ..check.checker import Checker
from ..check.pairs import judge_pairs
from ..errors import InputError, MsgcheckError
from ..eval.baselines import baseline_systems, ratio_line
from ..eval.gold import find_sets
from ..eval.score import checker_system, evaluate, render_scores
from ..extract.roles import unmatched_names
from ..ingest import load_transcript, read_text
from ..judge.select import make_judge
from ..report import write_report
from ..report.score import drop_below
from ..run import CheckerSpec, Engine, check_batch, make_runner
from ..run.batch import call_files
from ..types import Report
from .guard import EXIT_DRIFT, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, GuardedGroup, err, say_error
from .journey import journey, journey_sections, set_account_command
from .progress import call_progress, wanted
from .workspace import calibrate, check_with_workspace, workspace_app

# the model-read checks, the same option on `check` and `eval`
OmissionModelOpt = Annotated[
    bool,
    typer.Option(
        "--omission-model/--no-omission-model",
        help="Omission read by the cross-encoder: a headline promise no rep turn speaks to "
        "(off by default: its precision on the tuning calls is below 0.6; docs/measurements.md).",
    ),
]
UnsupportedModelOpt = Annotated[
    bool,
    typer.Option(
        "--unsupported-model/--no-unsupported-model",
        help="Unsupported read by models: a claim-worthy rep sentence no asset claim supports "
        "(models/claim-worthy.v2 and the cross-encoder; docs/measurements.md).",
    ),
]

app = typer.Typer(
    cls=GuardedGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Flags, with evidence, where sales calls drift from what the marketing promised. Runs offline.",
)


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Print the traceback of an internal error (exit 3).")
    ] = False,
) -> None:
    """Flags, with evidence, where sales calls drift from what the marketing promised. Runs offline."""


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


class FailOn(StrEnum):
    contradiction = "contradiction"
    any = "any"


def _fail(exc: Exception) -> typer.Exit:
    say_error(exc)
    return typer.Exit(EXIT_INPUT)


class JudgeName(StrEnum):
    cross = "cross"
    cross_fast = "cross-fast"
    pair = "pair"
    rules = "rules"


JudgeOpt = Annotated[
    JudgeName,
    typer.Option(
        "--judge",
        help="pair: rule flags checked by the embedding heads (fast); cross: every rep sentence, the "
        "cross-encoder's reading and the rules weighed by the final head (finds more drift on unfamiliar "
        "calls, several times slower); cross-fast: the same read in int8 by a head fitted on that reading, "
        "skipping sentences far from every asset claim (half its time, slightly less drift found); rules: "
        "the rules alone (ablation).",
    ),
]


@app.command()
def check(
    transcripts: Annotated[
        list[Path], typer.Argument(help="Call transcripts (.txt .vtt .srt .json), or folders of them.")
    ],
    assets: Annotated[
        list[Path], typer.Option("--assets", "-a", help="Campaign asset files or folders (repeatable).")
    ],
    rep: Annotated[
        list[str] | None,
        typer.Option("--rep", help="Speaker who is a rep (repeatable); default: from the file or inferred."),
    ] = None,
    headline: Annotated[
        list[str] | None,
        typer.Option("--headline", help="A headline promise of the campaign, in its words (repeatable)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Exit 1 when drift of this kind (or any) is found.")
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Drop findings scored below this.")
    ] = 0.0,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", help="Record the run in this workspace; apply its judge version."),
    ] = None,
    thresholds: Annotated[
        bool,
        typer.Option(
            "--thresholds/--no-thresholds",
            help="Withhold findings below the judge's per-kind thresholds (omission guesses, mostly).",
        ),
    ] = True,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Check calls in this many processes (each loads the models once, about 0.8 GB); with "
            "--engine ray, this many actors (default: one per CPU of the cluster).",
        ),
    ] = 1,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine; ray: a Ray cluster (pip install 'msgcheck[scale]'; docs/scale.md).",
        ),
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="With --engine ray: the cluster to use (auto: the one `ray start` made here; "
            "ray://host:10001 a remote one); default: a new local cluster.",
        ),
    ] = None,
    journeys: Annotated[
        bool,
        typer.Option(
            "--journeys", help="HTML: add each account's story across these calls (docs/journeys.md)."
        ),
    ] = False,
    judge: JudgeOpt = JudgeName.pair,
    omission_model: OmissionModelOpt = CheckerConfig.omission_model,
    unsupported_model: UnsupportedModelOpt = CheckerConfig.unsupported_model,
) -> None:
    """Check call transcripts (files or folders of them) against a campaign's marketing assets."""

    config = CheckerConfig(omission_model=omission_model, unsupported_model=unsupported_model)
    spec = CheckerSpec(judge=judge.value, thresholds=thresholds, config=config)
    try:
        if address is not None and engine is not Engine.ray:
            raise InputError("--address names a Ray cluster", hint="add --engine ray, or drop --address")
        calls = call_files(transcripts)
        runner = (
            None
            if engine is Engine.local and jobs == 1
            else make_runner(engine, jobs=jobs, address=address, spec=spec)
        )
    except MsgcheckError as exc:
        raise _fail(exc) from None
    checker = spec.build()  # models load on first use, once
    if headline:
        checker = checker.using(headlines=headline)  # the campaign, prepared here, carries them to workers

    def run_check(progress=None):
        if workspace is not None:
            return check_with_workspace(workspace, checker, assets, calls, rep, progress, runner)
        return check_batch(checker, assets, calls, reps=rep, runner=runner, progress=progress)

    show = wanted(machine_format=fmt is not Format.table, to_file=output is not None)
    try:
        with call_progress(len(calls), err, show) as progress:
            report = run_check(progress)
    except MsgcheckError as exc:
        raise _fail(exc) from None
    drop_below(report, min_score)
    try:
        sections = journey_sections(checker, assets, calls, rep) if journeys and fmt is Format.html else ()
        write_report(report, fmt.value, output, html_sections=sections)
    except MsgcheckError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(InputError(f"cannot write the report: {exc.strerror}", path=str(output))) from None
    raise typer.Exit(_exit_code(report, fail_on, rep))


def _exit_code(report: Report, fail_on: FailOn | None, rep: list[str] | None = None) -> int:
    """Say what could not be read, and pick the exit code: drift at --fail-on (1) first, then an
    internal error in a call (3), then a call or asset that could not be read (2), else 0."""
    for e in report.asset_errors:
        say_error(e.error, label="asset left out")
    failed = [c for c in report.calls if c.error]
    for c in failed:
        say_error(c.error)
    for c in report.calls:
        if c.roles_uncertain:
            say_error(f"{c.call}: the reps are a guess: {c.roles_uncertain}", label="warning")
    unknown = unmatched_names(rep or [], [s for c in report.calls for s in (*c.reps, *c.prospects)])
    if unknown and not failed:
        names = ", ".join(repr(n) for n in unknown)
        say_error(f"--rep {names} names nobody in any of the calls")
    kinds = {f.kind for c in report.calls for f in c.findings}
    if fail_on is not None and (
        (fail_on is FailOn.any and kinds) or (fail_on is FailOn.contradiction and "contradiction" in kinds)
    ):
        return EXIT_DRIFT
    if any(c.internal for c in failed):
        return EXIT_INTERNAL
    if failed or report.asset_errors or unknown:
        return EXIT_INPUT
    return EXIT_OK


@app.command()
def pair(
    asset: Annotated[str, typer.Argument(help="An asset sentence (the premise).")],
    rep: Annotated[str, typer.Argument(help="A rep sentence (the hypothesis).")],
) -> None:
    """Judge one asset sentence against one rep sentence; prints a JSON line."""

    (res,) = judge_pairs(Checker(), [(asset, rep)])
    typer.echo(json.dumps(res.__dict__, ensure_ascii=False))


@app.command()
def pairs(
    file: Annotated[Path, typer.Argument(help="TSV with columns premise and hypothesis.")],
    documents: Annotated[
        bool,
        typer.Option(
            "--documents",
            help="Premises and hypotheses are whole texts (a call, an email, a proposal), or @FILE to read one "
            "from a file beside the TSV: each hypothesis sentence is read against the premise's sentences.",
        ),
    ] = False,
) -> None:
    """Judge every row of a TSV of pairs; one JSON line per row with label and score."""

    try:
        rows = list(csv.DictReader(read_text(file).splitlines(), delimiter="\t"))
        if not rows or not {"premise", "hypothesis"} <= set(rows[0]):
            found = ", ".join(rows[0]) if rows else "nothing"
            raise InputError(
                f"expected a header with columns premise and hypothesis, found {found}", path=str(file)
            )
        if documents:
            texts = [(_cell(file, r["premise"]), _cell(file, r["hypothesis"])) for r in rows]
    except MsgcheckError as exc:
        raise _fail(exc) from None
    if documents:
        from ..check.documents import judge_document
        from ..embed.embedders import SentenceEmbedder
        from ..judge.crossmodel import CrossModel

        model, embedder = CrossModel(), SentenceEmbedder()
        for row, (premise, hypothesis) in zip(rows, texts, strict=True):
            res = judge_document(model, embedder, premise, hypothesis)
            weakest = res.weakest
            typer.echo(
                json.dumps(
                    {
                        "premise": row["premise"],
                        "hypothesis": row["hypothesis"],
                        "label": res.label,
                        "score": res.score,
                        "weakest": weakest.sentence if weakest else None,
                        "evidence": weakest.evidence if weakest else None,
                    },
                    ensure_ascii=False,
                )
            )
        return
    results = judge_pairs(Checker(), [(r["premise"] or "", r["hypothesis"] or "") for r in rows])
    for row, res in zip(rows, results, strict=True):
        typer.echo(
            json.dumps(
                {"premise": row["premise"], "hypothesis": row["hypothesis"], **res.__dict__},
                ensure_ascii=False,
            )
        )


def _cell(tsv: Path, value: str | None) -> str:
    """A TSV cell's text, or the text of the file it names with a leading @ (relative to the TSV)."""
    value = value or ""
    if not value.startswith("@"):
        return value
    path = tsv.parent / value[1:]
    if path.suffix.lower() in (".vtt", ".srt", ".json"):  # a call: what was said, turn by turn
        return "\n".join(u.text for u in load_transcript(path).utterances)
    return read_text(path)


@app.command("eval")
def eval_(
    set_dir: Annotated[Path, typer.Argument(help="A labelled set (gold format), or a folder of them.")],
    infer_roles: Annotated[
        bool, typer.Option("--infer-roles", help="Infer reps instead of using the set's rep_speakers.")
    ] = False,
    min_score: Annotated[float, typer.Option("--min-score", min=0.0, max=1.0)] = 0.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    details: Annotated[
        Path | None,
        typer.Option("--details", help="Write per-call hits, misses and false positives (JSON) here."),
    ] = None,
    baselines: Annotated[
        bool,
        typer.Option(
            "--baselines/--no-baselines",
            help="Also score the embedding-only and keyword-tracker baselines on the same set.",
        ),
    ] = True,
    judge: JudgeOpt = JudgeName.pair,
    omission_model: OmissionModelOpt = CheckerConfig.omission_model,
    unsupported_model: UnsupportedModelOpt = CheckerConfig.unsupported_model,
) -> None:
    """Score msgcheck on a labelled set: drift P/R/F1, kind F1, hard negatives flagged, FP per drift-free call."""

    try:
        sets = find_sets(set_dir)
        config = CheckerConfig(omission_model=omission_model, unsupported_model=unsupported_model)
        checker = Checker(judge=make_judge(judge.value), config=config)
        results = {}
        per_call: list[dict] = []
        for s in sets:
            systems = {"msgcheck": checker_system(checker, use_gold_roles=not infer_roles)}
            scores = evaluate(s, systems, min_score, per_call)
            if baselines:  # scored as they are: --min-score is msgcheck's scale, not theirs
                scores.update(evaluate(s, baseline_systems(checker.embedder), 0.0, per_call))
            results[str(s)] = {name: sc.summary() for name, sc in scores.items()}
    except MsgcheckError as exc:
        raise _fail(exc) from None
    if details is not None:
        details.write_text(json.dumps(per_call, indent=2, ensure_ascii=False), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return

    render_scores(results)
    if baselines:
        typer.echo(ratio_line(results))


class TrainWhat(StrEnum):
    cross = "cross"
    final = "final"
    heads = "heads"
    objections = "objections"
    promises = "promises"
    promise_judge = "promise-judge"
    call_judge = "call-judge"


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    what: Annotated[
        TrainWhat,
        typer.Argument(
            help="cross: the cross-encoder pair judge (models/pair-judge.v2, about 47 min on 2 cores); "
            "final: the final head that decides each rep sentence (models/final-head.v7, about 15 min); "
            "heads: the embedding heads and thresholds (models/pair-head.v2, models/drift-head.v1); "
            "objections: the objection and answer heads and the concern reader (models/objections.v2, "
            "about 8 min); "
            "promises: the promise head that decides `inconsistent` across an account's calls "
            "(models/promise-head.v1, a few minutes; opt-in, none is shipped); promise-judge: the "
            "cross-encoder that head reads pairs with, from corpora/promises (about 3 min on free cores); "
            "call-judge: the pair judge fine-tuned on pairs read from the labelled calls, then on the focus "
            "pair writers, with the fold models `train final --cross-fit` reads through "
            "(models/call-judge.v4, about an hour on 2 cores)."
        ),
    ] = TrainWhat.cross,
) -> None:
    """Retrain a model from the bundled weights and the corpora (fixed seed); extra options pass through
    (`msgcheck train cross --epochs 1 --out /tmp/ce`)."""

    if what is TrainWhat.cross:
        from ..train.crossencoder import main as train_main
    elif what is TrainWhat.final:
        from ..train.finalhead import main as train_main
    elif what is TrainWhat.objections:
        from ..train.objections import main as train_main
    elif what is TrainWhat.promises:
        from ..train.promises import main as train_main
    elif what is TrainWhat.promise_judge:
        from ..train.promisejudge import main as train_main
    elif what is TrainWhat.call_judge:
        from ..train.calljudge import main as train_main
    else:
        from ..train.recipe import main as train_main
    try:
        code = train_main(list(ctx.args))
    except MsgcheckError as exc:
        raise _fail(exc) from None
    raise typer.Exit(code or 0)


app.add_typer(workspace_app, name="workspace")
app.command()(calibrate)
app.command()(journey)
workspace_app.command("set-account")(set_account_command)


def main() -> None:
    app()  # GuardedGroup turns every failure into a message and an exit code


if __name__ == "__main__":
    main()
