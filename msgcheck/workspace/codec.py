"""How the workspace writes values into SQLite and its export: JSON text, base64 bytes, content hashes.

Shared by the store and the export/import so that neither reaches into the other's private helpers.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

__all__ = ["b64", "dumps", "finding_hash", "review_key", "sha256_bytes", "unb64"]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def finding_hash(
    call_hash: str, kind: str, transcript_text: str | None, asset_text: str | None, occurrence: int = 0
) -> str:
    """A finding's identity, independent of the run: the same call re-checked maps onto the same finding.

    ``occurrence`` tells apart the rare identical findings within one call (the same sentence said twice).
    """
    parts = [call_hash, kind, transcript_text or "", asset_text or ""]
    if occurrence:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def review_key(
    finding_digest: str, decision: str, new_kind: str | None, reviewer: str, note: str, created_at: str
) -> str:
    """A review's identity: the same review imported twice is stored once."""
    parts = [finding_digest, decision, new_kind or "", reviewer, note, created_at]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def dumps(value: Any) -> str:
    """JSON as the workspace stores it: stable key order, unicode kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
