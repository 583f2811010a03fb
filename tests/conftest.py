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
