"""Values in a sentence, normalised so that comparing them is a unit-aware equality test.

Pure regex and arithmetic: no model, no alpha2digit (number words are parsed here so that every
`Quantity.start`/`end` points into the text exactly as it was written). Numbers may be digits
("1,200", "2.5k"), words ("forty-nine", "a dozen", "two point nine") or prices read aloud ("four
thirty-two" = 432, "nineteen oh eight" = 1908, "twelve grand").

Canonical forms (see `Quantity`):

- money: ``value`` in the stated currency (``unit`` = ISO code, ``$`` -> "USD", "" when a bare
  number is said as a price: "forty-nine a month per seat"); recurring prices are per month (year /
  12, quarter / 3, week * 52 / 12, day * 365 / 12) with ``period`` "month"; "one-time" for
  setup-style fees; ``None`` when no period is stated. ``per`` is the head noun priced per ("user",
  "seat", "tech", "location", "shipment", ...). ``billing`` is "annual" | "monthly" | "quarterly"
  when the sentence says how it is billed ("billed annually", "month-to-month", "upfront for the
  year"; "65 monthly or 52 annually" are billing terms of two per-month prices).
- duration: days (week 7, fortnight 14, month 30, year 365, hour 1/24, minute 1/1440, second,
  millisecond; a business day counts 7/5 calendar days, a business week 7); ``unit`` "day".
- percent: the number (20% -> 20.0, "in half" -> 50.0, "5.9 APR" -> 5.9); ``unit`` "%".
- count: the number with the counted noun's lemma in ``unit`` ("user", "integration", "contact",
  "tech", "location"); ``value`` ``None`` for "unlimited". Sizes are counts of "gb" (1 TB = 1000)
  or "kw" (1 MW = 1000). Multipliers ("3x", "twice as", "doubles") are counts of "x". A rate
  ("5,000 API calls a day") is converted to per month with ``period`` "month"; ``per`` as for money.
- hours (availability): ``unit`` is a key: "24/7", "24/5", "business", or a window "09-17" /
  "08:30-17:30", followed by " ET" / " PT" / " UTC" / " local" ... when a time zone is said
  ("09-17 ET"); ``period`` the days ("weekdays" | "daily" | "weekends" | "mon-sat" ...) when said;
  ``value`` hours per week when both are known (24/7 -> 168, "9-5 weekdays" -> 40), else ``None``.

Ranges ("2-3 weeks", "two, three weeks", "$40-50", "between 5 and 10 users") keep the low end in
``value`` and the high end in ``high``; ``bound`` stays "exact". ``bound`` "max" is "up to / within /
under / no more than"; "min" is "at least / over / more than / starting at / 500+ / and up".

Not values: dates, years, phone numbers, versions, ordinals, single times of day ("at 3pm"),
meeting slots ("2 to 3pm tomorrow", "a 30-minute call", "I've got twenty minutes"), frequencies
("once a month", "two Saturdays a month"), and numbers with no unit.
"""

from __future__ import annotations

from .compare import Comparison, compare_quantities, same_value
from .find import extract_quantities
from .numbers import NUM, parse_number

__all__ = ["NUM", "Comparison", "compare_quantities", "extract_quantities", "parse_number", "same_value"]
