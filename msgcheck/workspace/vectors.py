"""The embedding cache: sentence vectors by model and content hash."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

from .records import _chunks


class VectorsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

    def load_vectors(self, model_id: str, keys: list[str]) -> dict[str, np.ndarray]:
        import numpy as np

        out: dict[str, np.ndarray] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for key, blob in self.query_all(
                f"SELECT text_hash, vector FROM embeddings WHERE model_id = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                out[key] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return out

    def save_vectors(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        import numpy as np

        if not vectors:
            return
        rows = []
        for key, vec in vectors.items():
            v = np.asarray(vec, dtype="<f4").ravel()
            rows.append((model_id, key, int(v.shape[0]), v.tobytes()))
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                rows,
            )

    def counts(self) -> dict[str, int]:
        """How many of each thing the workspace holds."""
        tables = (
            "campaigns",
            "asset_versions",
            "calls",
            "runs",
            "findings",
            "reviews",
            "judge_versions",
            "embeddings",
        )
        return {t: int(self.query_one(f"SELECT count(*) FROM {t}")[0]) for t in tables}  # type: ignore[index]
