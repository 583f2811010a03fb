"""Campaigns and the versions of their marketing assets."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, WorkspaceError
from ..ingest import parse_asset
from .codec import sha256_bytes

if TYPE_CHECKING:
    pass

from .records import AssetVersion, CampaignRecord, _now, _read_bytes


class AssetsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

    def add_campaign(self, name: str) -> int:
        """The campaign's id, creating it when new."""
        name = name.strip()
        if not name:
            raise InputError("a campaign needs a name", hint="pass --campaign NAME")
        with self.transaction() as conn:
            return self.campaign_id(conn, name, create=True)  # type: ignore[return-value]

    def campaign_id(self, conn: sqlite3.Connection, name: str | None, *, create: bool) -> int | None:
        if name is None:
            return None
        row = conn.execute("SELECT id FROM campaigns WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        if not create:
            raise WorkspaceError(
                f"no campaign named {name!r} in the workspace",
                path=str(self.path),
                hint="see `msgcheck workspace list campaigns`",
            )
        return int(
            conn.execute("INSERT INTO campaigns (name, created_at) VALUES (?, ?)", (name, _now())).lastrowid
        )

    def campaigns(self) -> list[CampaignRecord]:
        return [
            CampaignRecord(*r)
            for r in self.query_all("SELECT id, name, created_at FROM campaigns ORDER BY name")
        ]

    def add_asset_version(self, campaign: str, path: str | Path) -> tuple[AssetVersion, bool]:
        """Store an asset file as a version of ``campaign``'s asset of that name; (version, added).

        The same bytes under the same name are the same version: nothing changes. InputError when the
        file cannot be read as an asset.
        """

        p = Path(path)
        return self.add_asset_bytes(campaign, p.name, _read_bytes(p), source_path=str(p))

    def add_asset_bytes(
        self, campaign: str, name: str, data: bytes, *, source_path: str | None = None
    ) -> tuple[AssetVersion, bool]:
        """``add_asset_version`` for an upload: the file's name and bytes, parsed as they are."""
        known = self.query_one(
            "SELECT a.id FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id"
            " WHERE c.name = ? AND a.name = ? AND a.content_hash = ?",
            (campaign, name, sha256_bytes(data)),
        )
        if known:  # unchanged: not even parsed again
            return self.asset_version(int(known[0])), False
        doc = parse_asset(name, data, where=source_path or name)
        return self.put_asset(campaign, name, data, doc.format, doc.text, source_path)

    def put_asset(
        self,
        campaign: str,
        name: str,
        data: bytes,
        fmt: str,
        text: str,
        source: str | None,
        version: int | None = None,
        added_at: str | None = None,
    ) -> tuple[AssetVersion, bool]:
        digest = sha256_bytes(data)
        with self.transaction() as conn:
            cid = self.campaign_id(conn, campaign, create=True)
            row = conn.execute(
                "SELECT id FROM asset_versions WHERE campaign_id = ? AND name = ? AND content_hash = ?",
                (cid, name, digest),
            ).fetchone()
            added = row is None
            if added:
                taken = (
                    version is not None
                    and conn.execute(
                        "SELECT 1 FROM asset_versions WHERE campaign_id = ? AND name = ? AND version = ?",
                        (cid, name, version),
                    ).fetchone()
                )
                if version is None or taken:
                    version = int(
                        conn.execute(
                            "SELECT coalesce(max(version), 0) + 1 FROM asset_versions WHERE campaign_id = ?"
                            " AND name = ?",
                            (cid, name),
                        ).fetchone()[0]
                    )
                aid = conn.execute(
                    "INSERT INTO asset_versions (campaign_id, name, version, content_hash, format,"
                    " source_path, text,"
                    " data, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cid, name, version, digest, fmt, source, text, data, added_at or _now()),
                ).lastrowid
            else:
                aid = row[0]
        return self.asset_version(int(aid)), added

    def asset_version(self, asset_id: int) -> AssetVersion:
        rows = self._asset_rows("WHERE a.id = ?", (asset_id,))
        if not rows:
            raise WorkspaceError(f"no asset version {asset_id}", path=str(self.path))
        return rows[0]

    def _asset_rows(self, where: str, params: Sequence[Any]) -> list[AssetVersion]:
        rows = self.query_all(
            "SELECT a.id, c.name, a.name, a.version, a.content_hash, a.format, a.source_path, a.added_at"
            f" FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id {where}"
            " ORDER BY c.name, a.name, a.version",
            params,
        )
        return [AssetVersion(*r) for r in rows]

    def asset_versions(self, campaign: str | None = None, *, current: bool = False) -> list[AssetVersion]:
        """Asset versions, oldest first; ``current``: only the latest version of each asset name."""
        where, params = ("WHERE c.name = ?", [campaign]) if campaign else ("", [])
        rows = self._asset_rows(where, params)
        if current:
            latest: dict[tuple[str, str], AssetVersion] = {}
            for a in rows:
                latest[(a.campaign, a.name)] = a
            rows = list(latest.values())
        return rows

    def asset_bytes(self, asset_id: int) -> bytes:
        row = self.query_one("SELECT data FROM asset_versions WHERE id = ?", (asset_id,))
        if row is None:
            raise WorkspaceError(f"no asset version {asset_id}", path=str(self.path))
        return bytes(row[0])
