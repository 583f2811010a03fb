"""The finding kinds, declared once: their order, names, plurals, colours and weights.

Every stage and view reads them from here, so adding or renaming a kind is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DRIFT_KINDS",
    "FINDING_KINDS",
    "JOURNEY_KINDS",
    "KINDS",
    "PAIR_DRIFT_KINDS",
    "Kind",
    "kind_label",
    "kind_plural",
]


@dataclass(frozen=True)
class Kind:
    name: str  # as in reports and the gold format
    label: str  # as a person reads it
    plural: str  # "2 contradictions", "3 weakened"
    weight: float  # how much one finding counts towards a call's drift score (report.score.drift_score)
    color: str  # hex, for HTML and charts
    badge: str  # Streamlit badge colour
    style: str  # rich style for the terminal table
    description: str  # one line for help texts and the README


KINDS: tuple[Kind, ...] = (
    Kind(
        "contradiction",
        "Contradiction",
        "contradictions",
        1.0,
        "#b42318",
        "red",
        "bold red",
        "the rep states something incompatible with an asset claim",
    ),
    Kind(
        "weakened",
        "Weakened",
        "weakened",
        0.6,
        "#dc6803",
        "orange",
        "dark_orange",
        "the rep keeps the claim but adds a condition or hedge that shrinks it",
    ),
    Kind(
        "unsupported",
        "Unsupported",
        "unsupported",
        0.5,
        "#6941c6",
        "violet",
        "magenta",
        "the rep makes a concrete product or offer claim that no asset makes",
    ),
    Kind(
        "omission",
        "Omission",
        "omissions",
        0.4,
        "#0e7090",
        "blue",
        "cyan",
        "a headline promise of the campaign never comes up in a call selling it",
    ),
    Kind(
        "inconsistent",
        "Inconsistent",
        "inconsistent",
        0.6,
        "#c11574",
        "pink",
        "bold magenta",
        "a rep takes back or changes what a rep told the same account on an earlier call",
    ),
)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
FINDING_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS)
DRIFT_KINDS: tuple[str, ...] = ("contradiction", "weakened", "unsupported")  # found in what a rep said
PAIR_DRIFT_KINDS: tuple[str, ...] = ("contradiction", "weakened")  # found by comparing a pair
JOURNEY_KINDS: tuple[str, ...] = ("inconsistent",)  # found across an account's calls (msgcheck.journey)


def kind_label(kind: str) -> str:
    return BY_NAME[kind].label if kind in BY_NAME else kind


def kind_plural(kind: str) -> str:
    return BY_NAME[kind].plural if kind in BY_NAME else kind
