"""Shared fixtures. The real bundled models load once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpora" / "demo"
DEV = ROOT / "corpora" / "dev"


@pytest.fixture(scope="session")
def checker():
    """One Checker with the real embedding model and spaCy pipeline for the whole session."""
    from msgcheck import Checker

    return Checker()


@pytest.fixture(scope="session")
def demo_campaign_dir() -> Path:
    return next(p for p in sorted((DEMO / "campaigns").iterdir()) if p.is_dir())


@pytest.fixture(scope="session")
def demo_calls() -> list[Path]:
    return sorted(p for p in (DEMO / "calls").iterdir() if p.is_file())


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory, checker) -> Path:
    """The demo workspace (corpora/demo imported and checked), built once per session. Read-only: copy
    it (``copy_workspace``) before writing to it."""
    from msgcheck.workspace.service import ensure_demo_workspace

    path = tmp_path_factory.mktemp("demo-workspace") / "msgcheck.db"
    ensure_demo_workspace(path, checker=checker)
    return path


def copy_workspace(src: Path, dest_dir: Path) -> Path:
    """A private copy of a closed workspace file (with its WAL, if any)."""
    import shutil

    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    for suffix in ("", "-wal"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dest}{suffix}")
    return dest
