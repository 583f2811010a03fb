"""What every transcript reader shares: timestamps, speaker labels, role titles, and a builder.

Role titles -> roles (``role_for_title``). A speaker is a rep only when the file gives a clear seller
title: rep or sales rep(resentative), seller, vendor, internal; account executive or AE; SDR, BDR,
ADR (sales/business development); SE or solutions/sales/pre-sales engineer, consultant, architect
or specialist; an implementation or onboarding specialist, consultant, manager, engineer or lead (the
seller's, who sets the customer up); CSM or customer success; account manager; and a title that starts with "Sales"
("Sales", "Sales Manager", but not "Sales Operations" or "Sales Enablement"). Every other title is
the buyer's side and means prospect: prospect, customer, client, buyer, lead, and job titles such
as "VP Marketing", "Head of Sales" or "Founder". "Unknown", "?" and empty titles give no role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..deadline import check_time
from ..errors import InputError
from ..safetext import strip_controls
from ..types import Role, Transcript, Utterance
from ._text import collapse, join_lines
from .limits import Limits, over_limit, split_long

TIMESTAMP = r"\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d+):(\d{2})(?:[.,](\d{1,3}))?")

_REP_TITLE = re.compile(
    r"""\b(?:
        reps?|sales\s*rep(?:resentative)?s?|seller|vendor|internal|
        account\s+executive|account\s+manager|ae|sdr|bdr|adr|se|csm|
        (?:sales|business)\s+development(?:\s+rep(?:resentative)?)?|
        (?:solutions?|sales|pre-?sales)\s+(?:engineer|consultant|architect|specialist)|
        (?:implementation|onboarding)\s+(?:specialist|consultant|manager|engineer|lead)|
        customer\s+success(?:\s+manager)?
    )\b""",
    re.I | re.X,
)
_SALES_FIRST = re.compile(r"^sales\b(?!\s+(?:op|operations|enablement|ops)\b)", re.I)
_NO_ROLE = frozenset({"", "?", "unknown", "n/a", "na", "none", "other", "unassigned"})

_PARTICLES = frozenset(
    {"de", "la", "le", "van", "von", "der", "den", "da", "di", "del", "du", "bin", "al", "y"}
)  # fmt: skip
_NOT_SPEAKERS = frozenset(
    {
        "note", "notes", "nb", "ps", "p.s", "fyi", "tip", "important", "warning", "example", "e.g",
        "i.e", "update", "pricing", "price", "step", "agenda", "summary", "action items", "next steps",
        "subject", "title", "date", "time", "duration", "attendees", "participants", "call", "meeting",
        "recording", "transcript", "location", "topic", "re", "fw", "fwd", "http", "https", "www",
    }
)  # fmt: skip


def parse_timestamp(value: str) -> float:
    """``hh:mm:ss[.mmm]``, ``h:mm:ss,mmm`` or ``mm:ss[.mmm]`` -> seconds; ValueError when malformed."""
    m = _TIMESTAMP.fullmatch(value.strip())
    if not m:
        raise ValueError(f"malformed timestamp {value.strip()!r}")
    hours, minutes, seconds, fraction = m.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(f"malformed timestamp {value.strip()!r} (minutes and seconds run 00-59)")
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def role_for_title(title: str) -> Role:
    """A title or role as a transcript states it -> "rep", "prospect" or "unknown" (module docstring)."""
    title = collapse(title.replace("_", " ")).strip(" .,;:-")
    if title.lower() in _NO_ROLE:
        return "unknown"
    if _REP_TITLE.search(title) or _SALES_FIRST.search(title):
        return "rep"
    return "prospect"


def is_speaker_label(label: str, *, strict: bool = True) -> bool:
    """Whether ``label`` (the part before a colon) reads as a speaker's name rather than prose.

    Strict (a line with no timestamp): one word of any case ("rep", "Jane"), or up to five words
    none of which starts lower-case ("Jane Doe", "Speaker 2", "李 伟"; particles "van", "de" allowed).
    Loose (the line starts with a timestamp): up to eight words of any case. Either way, words that
    label notes rather than people ("Note", "Date", "Next steps", "https") are not speakers.
    """
    label = collapse(label)
    if _PHONE_LABEL.fullmatch(label):
        return True  # a dial-in shown as its number: "+1 614 555 0182"
    if not label or len(label) > 60 or re.search(r"[,;!?\"“”<>{}]", label) or not label[0].isalpha():
        return False
    if label.lower().rstrip("0123456789 ") in _NOT_SPEAKERS:
        return False
    words = label.split()
    if not strict:
        return len(words) <= 8
    if len(words) == 1:
        return True
    return len(words) <= 5 and all(
        not w[0].islower() or w.lower() in _PARTICLES or any(c.isupper() for c in w) for w in words
    )  # "Tyler's iPhone": a device name is a speaker too


def device_label(name: str, role: str | None) -> tuple[str, str | None]:
    """Zoom numbers duplicate device names ("iPhone (3)"): a bare number in brackets is part of the name, not a
    role title."""
    if role and role.strip().isdigit():
        return f"{name.strip()} ({role.strip()})", None
    return name, role


_PHONE_LABEL = re.compile(r"\+\d[\d .-]{6,20}\d|\d(?:[ .-]?\d){9,14}")


@dataclass
class TranscriptBuilder:
    """Collects utterances and the roles a file states, then numbers them into a Transcript.

    It enforces the call limits as it goes (msgcheck.ingest.limits): too many turns or too much text
    stop the file at once, and a turn longer than ``max_turn_chars`` becomes several, sentence by sentence.
    """

    path: str
    format: str
    limits: Limits = field(default_factory=Limits.from_env)
    _turns: list[tuple[str, list[str], float | None, float | None]] = field(default_factory=list)
    _titles: dict[str, str] = field(default_factory=dict)
    _chars: int = 0

    def add(self, speaker: str, text: str, start: float | None = None, end: float | None = None) -> None:
        check_time()  # parsing counts against the call's time budget (msgcheck.deadline)
        if len(self._turns) >= self.limits.max_utterances:
            raise over_limit(
                "the number of utterances",
                f"over {self.limits.max_utterances:,}",
                f"{self.limits.max_utterances:,}",
                "max_utterances",
                self.path,
                "split the call into parts",
            )
        self._count(text)
        self._turns.append((collapse(speaker), [text], start, end))

    def extend(self, text: str) -> bool:
        """Append a continuation line to the last utterance; False when there is none yet."""
        if not self._turns:
            return False
        self._count(text)
        self._turns[-1][1].append(text)
        return True

    def _count(self, text: str) -> None:
        self._chars += len(text)
        if self._chars > self.limits.max_call_chars:
            raise over_limit(
                "the call's text",
                f"over {self.limits.max_call_chars:,} characters",
                f"{self.limits.max_call_chars:,}",
                "max_call_chars",
                self.path,
                "split the call into parts",
            )

    def title(self, speaker: str, title: str | None) -> None:
        """Record the role title the file gives a speaker (the first one wins)."""
        if title is not None and collapse(title):
            self._titles.setdefault(collapse(speaker), collapse(title))

    def __len__(self) -> int:
        return len(self._turns)

    def build(self, hint: str) -> Transcript:
        utterances = []
        for speaker, parts, start, end in self._turns:
            text = strip_controls(join_lines(parts)).strip()
            for piece in split_long(text, self.limits.max_turn_chars) if text else ():
                utterances.append(Utterance(len(utterances), strip_controls(speaker), piece, start, end))
        if not utterances:
            raise InputError("transcript has no utterance with text", path=self.path, hint=hint)
        roles: dict[str, Role] = {}
        for speaker, title in self._titles.items():
            if (role := role_for_title(title)) != "unknown":
                roles[strip_controls(speaker)] = role
        for u in utterances:
            u.role = roles.get(u.speaker, "unknown")
        return Transcript(
            path=self.path,
            name=Path(self.path).name,
            format=self.format,
            utterances=utterances,
            roles=roles,
            role_source=dict.fromkeys(roles, "file"),
            titles={strip_controls(k): strip_controls(v) for k, v in self._titles.items()},
        )
