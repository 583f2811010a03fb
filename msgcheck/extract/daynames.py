"""Day and month names: capitalised words that are never a person, a company or a product."""

from __future__ import annotations

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_KEYS: tuple[str, ...] = tuple(d[:3] for d in WEEKDAYS)  # "mon" ... "sun": how values store days
MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
CALENDAR_WORDS: frozenset[str] = frozenset(WEEKDAYS + MONTHS)  # lower case
