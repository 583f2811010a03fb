"""What a campaign's authors name themselves: headline promises and approved wording.

- **Headline promises.** A line ``Headline: ...`` in an asset (msgcheck.ingest.markers) or
  ``msgcheck check --headline "TEXT"`` pins a headline promise, as a reviewer's mark does: the asset
  claims it states are marked; words no extracted claim says become a claim of their own.
- **Approved wording.** A campaign folder may hold ``allowed-claims.txt``: one statement per line
  (approved FAQ answers, legal boilerplate, statements known to be true; ``#`` starts a comment). They
  are not promises to check calls against: a rep sentence that one of them supports (as close in meaning
  as ``CheckerConfig.allowed_sim``, with no value that differs) is not flagged unsupported. The workspace
  keeps more of them as manual claim overrides of the file ``allowed-claims.txt`` (the app's Campaign
  page edits them; ``Workspace.allow_finding`` promotes a reviewer's "this is fine").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..embed.align import similarity
from ..embed.embedders import Embedder
from ..extract.values import compare_quantities
from ..types import Claim, ClaimOverride, Document

__all__ = [
    "ALLOWED_FILE",
    "HEADLINE_OPTION",
    "allowed_statements",
    "headline_overrides",
    "is_allowed_file",
    "supported_by",
]

ALLOWED_FILE = "allowed-claims.txt"  # the approved-wording file of a campaign folder
HEADLINE_OPTION = "--headline"  # the "asset file" of a headline named on the command line


def is_allowed_file(name: str) -> bool:
    return name.rsplit("/", 1)[-1].lower() == ALLOWED_FILE


def _norm(text: str) -> str:
    return " ".join(text.split()).strip().lower()


def allowed_statements(docs: Sequence[Document], overrides: Sequence[ClaimOverride] = ()) -> list[str]:
    """The approved statements: each line of the campaign's allowed-claims.txt, then the workspace's."""
    out: dict[str, str] = {}
    lines = [line for d in docs if is_allowed_file(d.name) for b in d.blocks for line in b.text.splitlines()]
    lines += [o.text for o in overrides if is_allowed_file(o.asset_file) and not o.retired]
    for line in lines:
        text = " ".join(line.split()).strip()
        if text and not text.startswith("#"):
            out.setdefault(_norm(text), text)
    return list(out.values())


def headline_overrides(
    named: Sequence[tuple[str, str]],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    embedder: Embedder,
    match_sim: float,
) -> list[ClaimOverride]:
    """Claim overrides that pin each named headline ``(file, text)``: the claims the text states (every
    claim of that file inside it, else the campaign's closest claim at ``match_sim`` or more), or the
    text itself as a manual claim when no extracted claim says it."""
    out: list[ClaimOverride] = []
    for file, text in named:
        norm = _norm(text)
        inside = [c for c in claims if c.file == file and _norm(c.text) in norm]
        if not inside and claims:
            sims = similarity(embedder.embed_batch([text]), vectors)[0]
            best = int(np.argmax(sims))
            if float(sims[best]) >= match_sim:
                inside = [claims[best]]
        if inside:
            out += [ClaimOverride("", c.file, c.text, headline=True) for c in inside]
        else:
            out.append(ClaimOverride("", file, " ".join(text.split()), headline=True, manual=True))
    return out


def supported_by(
    rep_claims: Sequence[Claim],
    rep_vectors: np.ndarray,
    allowed: Sequence[Claim],
    allowed_vectors: np.ndarray,
    min_sim: float,
) -> list[bool]:
    """For each rep claim, whether an approved statement supports it: close in meaning, no value of one
    that differs from a value of the other ("setup is $300" is not "setup is $0"), and no term one says
    and the other denies ("there is a setup fee" is not "there is no setup fee")."""
    if not len(rep_claims) or not len(allowed):
        return [False] * len(rep_claims)
    sims = similarity(rep_vectors, allowed_vectors)
    out = []
    for i, c in enumerate(rep_claims):
        ok = False
        for j in np.argsort(-sims[i]):
            if float(sims[i, j]) < min_sim:
                break
            a = allowed[j]
            values_differ = any(
                compare_quantities(q, aq) == "different" for q in c.quantities for aq in a.quantities
            )
            flipped = any(a.polarity.get(term, on) != on for term, on in c.polarity.items())
            if not values_differ and not flipped:
                ok = True
                break
        out.append(ok)
    return out
