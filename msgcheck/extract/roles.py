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

from ..types import Transcript

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
_NAME = r"([A-Z][a-z]+)"
# A seller bringing a colleague in: "I've got Raj with me", "Owen's joining too", "Elena, she's one of our account
# executives", "hand you over to Marisol", "Marisol, take it away".
_INTRODUCES = [
    re.compile(
        r"\b(?:hand(?:ing)?(?: you| it)? (?:over|off) to|pass(?:ing)? (?:you |it )?(?:over )?to|bring(?:ing)? in|"
        r"brought in|introduce you to|loop(?:ing)? in|joined by|I've (?:also )?got|I have|got|we've got)\s+"
        r"(?:my (?:colleague|teammate|partner)\s+)?" + _NAME
    ),
    re.compile(_NAME + r"(?:'s| is) (?:joining|on the line|here with us|with me)"),
    re.compile(_NAME + r"(?: \w+)?, (?:she|he|they)(?:'s| is| are) (?:one of )?our\b"),
    re.compile(_NAME + r", (?:take it away|over to you|all yours|you want to)"),
    re.compile(r"(?:over to you|all yours|take it away),? " + _NAME),
]
# "I'm Dana, I'm with Quillfern", "it's Marcus from Quillfern": introducing oneself from a company.
_SELF_INTRO = re.compile(
    r"\b(?:I'm|I am|it's|this is|my name is)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+(?:and\s+)?(?:I'm\s+)?"
    r"(?:from|with|over at|here at|calling from)\s+[A-Z]"
)


def _first_name(speaker: str) -> str:
    parts = [
        p for p in speaker.replace(".", " ").split() if p.lower() not in ("dr", "mr", "mrs", "ms", "prof")
    ]
    return parts[0].lower() if parts else speaker.lower()


def infer_reps(transcript: Transcript) -> list[str]:
    """Speakers taken as reps when neither the user nor the file says."""
    speakers = transcript.speakers
    if len(speakers) <= 1:
        return list(speakers)
    seller: Counter[str] = Counter()
    buyer: Counter[str] = Counter()
    introduced: dict[str, set[str]] = {s: set() for s in speakers}  # speaker -> first names they bring in
    for u in transcript.utterances:
        seller[u.speaker] += len(_SELLER.findall(u.text)) + 3 * len(_SELF_INTRO.findall(u.text))
        buyer[u.speaker] += len(_BUYER.findall(u.text))
        for pattern in _INTRODUCES:
            introduced[u.speaker].update(n.lower() for n in pattern.findall(u.text))
    score = {s: seller[s] - buyer[s] for s in speakers}
    top = max(speakers, key=lambda s: (score[s], seller[s]))
    reps = {top}
    changed = True
    while changed:  # colleagues a rep brings in, and whoever brought a rep in, are reps too
        changed = False
        for s in speakers:
            if s in reps or buyer[s] > seller[s] + 2:
                continue
            brought_in = any(_first_name(s) in introduced[r] for r in reps)
            brought_rep = any(_first_name(r) in introduced[s] for r in reps) and seller[s] >= buyer[s]
            if brought_in or brought_rep or (seller[s] >= 3 and seller[s] >= 2 * max(buyer[s], 1)):
                reps.add(s)
                changed = True
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
