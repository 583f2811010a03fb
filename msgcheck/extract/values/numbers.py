"""Numbers as written or said: digits, words, spoken prices ("four thirty-two" = 432), "point" decimals."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------
# Numbers

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000, "bn": 1_000_000_000}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES_RE = _alt(_ONES)
_ONES_NZ_RE = _alt(w for w in _ONES if w != "zero")
_TENS_RE = _alt(_TENS)
_ATOM = rf"(?:(?:{_TENS_RE})(?:[\s-]?(?:{_ONES_NZ_RE}))?|{_ONES_RE}|hundred|thousand|million|billion|dozen)"
# "and" joins only after a scale word: "a hundred and ten", never "ten and fifteen" (a range)
_CONT = (
    # "five hundred and six hundred" is a range's two ends, "two thousand and five hundred" one number
    rf"(?:(?<=hundred)\s+and\s+(?:{_ATOM})(?![\s-]+hundred\b)"
    rf"|(?:(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+(?:{_ATOM})"
    rf"|(?:\s+|-)(?:{_ATOM}|oh(?=[\s-]+(?:{_ONES_NZ_RE})\b)))*"
)
_WORDNUM = (
    rf"\b(?:(?:(?:half\s+)?an?\s+(?:hundred|thousand|million|billion)|(?:an?\s+)?couple(?:\s+of)?\s+(?:hundred|thousand)"
    rf"|(?:{_ATOM})){_CONT}"
    rf"|(?:half\s+)?an?\s+(?:couple(?:\s+of)?|dozen)"
    rf"|couple(?:\s+of)?(?=\s))"
    rf"(?:[\s-]+point(?:[\s-]+(?:{_ONES_RE}))+(?:\s+(?:thousand|million|billion))?|\s+and\s+a\s+half)?\b"
)
_DIGITNUM = (
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)"
    r"(?:(?:k|K|m|M|mm|MM|bn)(?![A-Za-z])|\s(?:thousand|million|billion)\b)?"
)
NUM = rf"(?:{_DIGITNUM}|{_WORDNUM})"
_ART = r"\ban?\b"

_DIGIT_FULL = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(k|m|mm|bn|thousand|million|billion)?$", re.I)


def _words_value(tokens: list[str]) -> float | None:
    """Number words to a number. Spoken prices read in pairs: "four thirty-two" -> 432,
    "two-forty" -> 240, "nineteen ninety-nine" -> 1999; "two three" is not one number."""
    if "point" in tokens:
        k = tokens.index("point")
        whole = _words_value(tokens[:k]) if k else 0.0
        digits = [_ONES.get(t) for t in tokens[k + 1 :]]
        if whole is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return whole + float("0." + "".join(str(d) for d in digits))
    total = 0.0
    current = 0.0
    last = ""  # kind of the previous token: "one" (1-9), "teen" (10-19), "ten" (20-90), "hundred", "scale"
    seen = False
    for t in tokens:
        if t in ("and", "of"):
            continue
        if t == "oh" and last in ("one", "teen", "ten") and current < 100:
            current *= 100  # "nineteen oh eight" -> 1908
            last = "oh"
            continue
        if t in ("a", "an"):
            current += 1
            last = "one"
        elif t in _ONES:
            v = _ONES[t]
            kind = "teen" if v >= 10 else "one"
            if last in ("one", "teen") or (last == "ten" and kind == "teen"):
                if kind == "teen" and last == "one" and current < 10:
                    current = current * 100 + v  # "four fifteen"
                else:
                    return None  # "two three": two numbers, not one
            else:
                current += v
            last = kind
        elif t in _TENS:
            if last in ("one", "teen") and (current < 20 or (20 < current < 100 and current % 10)):
                current = current * 100 + _TENS[t]  # "four thirty-two", "twenty-four twenty-five"
            elif last == "ten":
                return None
            else:
                current += _TENS[t]
            last = "ten"
        elif t == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif t == "couple":
            current = (current or 1) * 2
            last = "one"
        elif t == "hundred":
            if current >= 100:
                return None  # "five hundred and six hundred": two numbers (a range), not 50,600
            current = (current or 1) * 100
            last = "hundred"
        elif t in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[t]
            current = 0
            last = "scale"
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A number written as digits, words or both; None when `text` is not one number.

    "forty-nine" -> 49.0, "1,200" -> 1200.0, "2.5k" -> 2500.0, "a dozen" -> 12.0, "half" -> 0.5,
    "one and a half" -> 1.5, "1.2 million" -> 1200000.0, "twenty-five hundred" -> 2500.0.
    """
    s = text.strip().lower().replace("\u2011", "-").rstrip("+")
    if not s:
        return None
    if s in ("half", "a half"):
        return 0.5
    m = re.fullmatch(r"half\s+an?\s+(.+)", s)
    if m:  # "half a million"
        base = parse_number(f"a {m.group(1)}")
        return None if base is None else base / 2
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+half(?:\s+(thousand|million|billion|grand|k))?", s)
    if m:
        base = parse_number(m.group(1))
        scale = {"grand": 1_000, "k": 1_000}.get(m.group(2) or "", _SCALES.get(m.group(2) or "", 1))
        return None if base is None else (base + 0.5) * scale
    m = re.fullmatch(r"(.+?)\s+(million|billion)", s)
    if m and "point" in m.group(1):  # "one point five million"
        base = parse_number(m.group(1))
        return None if base is None else base * _SCALES[m.group(2)]
    m = _DIGIT_FULL.match(s)
    if m and (m.group(1) or m.group(2)):
        num = float((m.group(1) or "0").replace(",", "") + (m.group(2) or ""))
        suf = (m.group(3) or "").lower()
        return num * (_SUFFIX.get(suf) or _SCALES.get(suf) or 1)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million|billion)", s)
    if m:
        return float(m.group(1)) * _SCALES[m.group(2)]
    return _words_value([t for t in re.split(r"[\s-]+", s) if t])


def _num(s: str | None) -> float | None:
    return None if s is None else parse_number(s)
