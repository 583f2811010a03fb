"""The docs keep up with the CLI: every command and every option of `msgcheck` is named in the README or docs/."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from typer.main import get_command

from msgcheck.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def _docs() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def _commands(group, prefix: str = "msgcheck"):
    if hasattr(group, "commands"):  # a group (typer ships its own click)
        for name, command in group.commands.items():
            yield f"{prefix} {name}", command
            yield from _commands(command, f"{prefix} {name}")


def undocumented(commands, docs: str) -> list[str]:
    missing = []
    for title, command in commands:
        if title not in docs:
            missing.append(title)
        for param in command.params:
            if getattr(param, "param_type_name", "") == "option":
                missing += [
                    f"{title} {o}"
                    for o in param.opts
                    if o.startswith("--") and o != "--help" and o not in docs
                ]
    return missing


def test_every_cli_command_and_option_is_documented():
    commands = list(_commands(get_command(app)))
    assert len(commands) >= 8, "the CLI lost its commands?"
    missing = undocumented(commands, _docs())
    assert not missing, "undocumented in README.md and docs/: " + ", ".join(missing)


def test_an_undocumented_command_or_option_is_reported():
    option = SimpleNamespace(param_type_name="option", opts=["--no-such-option-anywhere"])
    fake = SimpleNamespace(params=[option])
    assert undocumented([("msgcheck check", fake), ("msgcheck frobnicate", fake)], _docs()) == [
        "msgcheck check --no-such-option-anywhere",
        "msgcheck frobnicate",
        "msgcheck frobnicate --no-such-option-anywhere",
    ]


def test_every_input_limit_is_documented_with_its_variable_and_default():
    from dataclasses import fields

    from msgcheck.ingest.limits import Limits, env_var

    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for f in fields(Limits):
        row = next((line for line in security.splitlines() if line.startswith(f"| `{f.name}` |")), None)
        assert row, f"docs/security.md has no row for {f.name}"
        default = int(f.default) if f.default == int(f.default) else f.default
        assert f"`{env_var(f.name)}`" in row and f"| {default} |" in row, row
