"""Who is a rep. Only reps can drift; prospects are context.

Order of authority: `--rep NAME` given by the user, then roles stated in the file (bracketed titles,
JSON participants, Gong affiliations), then inference. Inference scores each speaker on seller
language (the vendor's "we offer / our plans / you'll get", introducing themselves from the vendor,
being handed the call) against buyer language ("we're currently using", "how much does it cost",
"do you support"). The top seller is a rep; another speaker joins the reps when a colleague hands
over to them or their own seller language clearly outweighs their buyer language.
"""

from __future__ import annotations

import re
from collections import Counter

from .types import Transcript

_SELLER = re.compile(
    r"\b(we offer|we include|we support|we integrate|we provide|we guarantee|we can get you|our (platform|product|"
    r"software|pricing|plans?|tiers?|team will|onboarding|support team|customers|clients|trial|app|api|service)|"
    r"you('ll| will) get|you get|it comes with|comes with|is included|are included|included in|"
    r"I can (offer|do|get you|send you|throw in|extend)|let me (show|walk|share|pull up)|on our (end|side)|"
    r"our customers|we've helped|we help|we work with|what we do|the way we|with us|when you sign)\b",
    re.I,
)
_BUYER = re.compile(
    r"\b(we're (currently )?(using|paying|on)|we use|our (current|existing) (vendor|provider|system|tool|setup)|"
    r"how much (does|is|would|will)|what does (it|that) cost|do you (guys )?(offer|have|support|integrate|do)|"
    r"does (it|that|your)|can (it|you|your)|is there (a|any)|we need|we've been|my boss|our budget|"
    r"I'd have to (check|run it)|sounds good|that makes sense|our team|my team)\b",
    re.I,
)
_HANDOFF = re.compile(
    r"\b(?:hand(?:ing)?(?: you)? (?:over|off) to|bring(?:ing)? in|brought in|joined by|introduce you to|"
    r"pass(?:ing)? you (?:over )?to|loop(?:ing)? in|here's|meet)\s+(?:my (?:colleague|teammate)\s+|our\s+\w+\s+)?"
    r"([A-Z][a-z]+)",
)


def _first_name(speaker: str) -> str:
    return speaker.split()[0].lower() if speaker.split() else speaker.lower()


def infer_reps(transcript: Transcript) -> list[str]:
    """Speakers taken as reps when neither the user nor the file says."""
    speakers = transcript.speakers
    if len(speakers) <= 1:
        return list(speakers)
    seller: Counter[str] = Counter()
    buyer: Counter[str] = Counter()
    handed: set[str] = set()
    for u in transcript.utterances:
        seller[u.speaker] += len(_SELLER.findall(u.text))
        buyer[u.speaker] += len(_BUYER.findall(u.text))
        for name in _HANDOFF.findall(u.text):
            handed.add(name.lower())
    score = {s: seller[s] - buyer[s] for s in speakers}
    top = max(speakers, key=lambda s: (score[s], seller[s]))
    reps = {top}
    for s in speakers:
        if s == top:
            continue
        if (_first_name(s) in handed and seller[s] >= 1) or (
            seller[s] >= 3 and seller[s] >= 2 * max(buyer[s], 1)
        ):
            reps.add(s)
    return [s for s in speakers if s in reps]


def assign_roles(transcript: Transcript, reps: list[str] | None = None) -> Transcript:
    """Set every speaker's role and where it came from (cli, file or inferred), in place."""
    speakers = transcript.speakers
    if reps:
        wanted = {r.lower() for r in reps}
        named = [s for s in speakers if s.lower() in wanted or _first_name(s) in wanted]
        if named:
            transcript.roles = {s: ("rep" if s in named else "prospect") for s in speakers}
            transcript.role_source = {s: "cli" for s in speakers}
            return transcript
    stated = {s: r for s, r in transcript.roles.items() if r in ("rep", "prospect")}
    if any(r == "rep" for r in stated.values()):
        transcript.roles = {s: stated.get(s, "prospect") for s in speakers}
        transcript.role_source = {s: ("file" if s in stated else "inferred") for s in speakers}
        return transcript
    inferred = set(infer_reps(transcript))
    transcript.roles = {s: ("rep" if s in inferred else "prospect") for s in speakers}
    transcript.role_source = {s: "inferred" for s in speakers}
    return transcript
