"""msgcheck: flags where what sales reps say drifts from what the marketing promised.

`import msgcheck` is cheap: models load lazily on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "__version__"]

if TYPE_CHECKING:
    from .check.checker import Checker


def __getattr__(name: str) -> Any:
    if name == "Checker":
        from .check.checker import Checker

        return Checker
    raise AttributeError(f"module 'msgcheck' has no attribute {name!r}")
