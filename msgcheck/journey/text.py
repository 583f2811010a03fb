"""Sentences of a call by role, and the word overlap the journey stages compare them on.

Plain regex, no model: the journey compares every later sentence with every earlier one, so this must be
cheap. A sentence keeps where it came from (call, speaker, time, utterance) so a finding can cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Transcript

__all__ = ["Sentence", "clock", "content_stems", "names_speaker", "sentences", "shared_stems", "utterances"]

# a sentence ends at . ! or ? before a capital, but not after a title ("Mr. Oduya", "Dr. Paz")
_SPLIT = re.compile(
    r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bvs\.)(?<!\bProf\.)"
    r"\s+(?=[\"'(\[]?[A-Z0-9])"
)
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_STOP = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been being it its this that these
    those you your yours we our us they their them i me my he she his her him if so then than when once after
    before until about just also too very really actually there here do does did done get gets got have has had
    would will can could should may might must shall 'd you'd you'll we'll i'll i've we've you're we're they're
    it's that's i'm what which who whom how why where some any all more most less up out into over per not no
    yes yeah okay ok sure right well like one thing things way lot going go goes want wants need needs think
    know let let's make makes see say said tell told much many each every other another own same both either
    now today still even only already again back off don't doesn't isn't won't can't aren't didn't wouldn't
    couldn't hi hey thanks thank great good just guys folks kind sort bit""".split()  # noqa: SIM905
)  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """One sentence someone said, with where it was said."""

    call: str
    speaker: str
    text: str
    index: int  # utterance index in the call
    start: float | None
    context: str  # the whole utterance

    def cite(self) -> dict:
        """The sentence as reports cite a rep's words: call, speaker, text, start, index."""
        return {
            "call": self.call,
            "speaker": self.speaker,
            "text": self.text,
            "start": self.start,
            "index": self.index,
        }


def sentences(transcript: Transcript, role: str, min_words: int = 3) -> list[Sentence]:
    """Every sentence said by speakers of ``role`` ("rep" or "prospect"), in order."""
    who = set(transcript.speakers_with(role))  # type: ignore[arg-type]
    out: list[Sentence] = []
    for u in transcript.utterances:
        if u.speaker not in who:
            continue
        for part in _SPLIT.split(u.text.strip()):
            part = part.strip()
            if len(part.split()) >= min_words:
                out.append(Sentence(transcript.name, u.speaker, part, u.index, u.start, u.text))
    return out


def utterances(transcript: Transcript, role: str, min_words: int = 5) -> list[Sentence]:
    """Every turn of speakers of ``role`` as one unit (a concern often takes two sentences to say)."""
    who = set(transcript.speakers_with(role))  # type: ignore[arg-type]
    return [
        Sentence(transcript.name, u.speaker, u.text.strip(), u.index, u.start, u.text)
        for u in transcript.utterances
        if u.speaker in who and len(u.text.split()) >= min_words
    ]


def _stem(word: str) -> str:
    word = word.replace("'s", "")
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "er", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)][:6]
    if len(word) > 4 and word.endswith("e"):  # "invite" meets "invites" and "invitation"
        word = word[:-1]
    return word[:6]


# words sales calls use for one thing: a crew, a team or a technician is who comes out
_SAME = {"crew": "tech", "crews": "tech", "team": "tech", "teams": "tech", "technician": "tech",
         "technicians": "tech", "techs": "tech", "cost": "price", "costs": "price", "pricing": "price",
         "price": "price", "prices": "price", "rate": "price", "rates": "price"}  # fmt: skip


def stem(word: str) -> str:
    """One crude stem per word ("waived" and "waiver" meet; "crew" and "technician" too)."""
    word = word.lower()
    return _SAME.get(word) or _stem(word)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_stems(text: str) -> set[str]:
    """Content words of a text, crudely stemmed, stop words and number words left out ("setup-fee" is two)."""
    parts = (p for w in words(text) for p in w.split("-"))
    return {stem(w) for w in parts if w not in _STOP and w not in NUMBER_WORDS and len(w) > 2}


NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    half quarter dozen couple first second third""".split()  # noqa: SIM905
)


def shared_stems(a: str, b: str) -> set[str]:
    return content_stems(a) & content_stems(b)


def names_speaker(text: str, speaker: str) -> bool:
    """Whether a text names a speaker by first name ("Derek may have told you", "the brochures Sam mentioned")."""
    first = speaker.split()[0] if speaker.split() else ""
    return bool(first) and re.search(rf"\b{re.escape(first)}\b", text) is not None


def clock(seconds: float | None) -> str:
    """A time in the call as reports show it: "4:05", or "1:02:03" past the hour; "" without one."""
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:d}:{s % 60:02d}"
