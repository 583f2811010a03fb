"""Follow-ups: what a rep committed to do, by when, and whether a later call shows it did not happen.

A follow-up is a rep sentence that commits to an action ("I'll send", "let me set up", "we'll get you") with a
time ("tomorrow", "by Friday", "this afternoon", "next week"). A later call of the account marks it

- **missed** when someone says it did not happen ("I never got that deck", "did you get a chance to send ...?",
  "we're still waiting on the checklist", "still no proposal", "it never turned up"), about the same thing (a
  content word of the commitment in that turn or the turn before it: "Kayla mentioned a case study." / "Never
  saw it.");
- **kept** when someone says it arrived or took place ("it came on the Thursday", "thanks for sending ...").

Plain rules, no model: the wording of a promise and of its absence is narrow, and a rule says why it fired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Transcript
from .text import Sentence, content_stems, names_speaker

__all__ = ["FollowUp", "find_commitments", "speaks_of", "track_followups"]

_ACTION = re.compile(
    r"\b(?:(?:I'll|I will|I'm going to|I am going to|I'm gonna|we'll|we will|we're going to|let me|let's|I can|"
    r"I'd like to|(?:he|she|our (?:\w+ )?team|someone from \w+)(?:'ll| will| is going to))\s+"
    r"(?:\w+\s+){0,3}?"
    r"(?:send|resend|email|e-mail|mail|post|get|book|set up|setup|loop in|schedule|share|forward|follow up|have|ping|chase|"
    r"confirm|put together|pull together|build|make sure|circle back|call|invite|draft|write up|look into|check|"
    r"shoot|drop|pass along|reach out|text|get back|come back|quote|connect|introduce|update|find out|"
    r"arrange|line up|prepare)|"
    r"you(?:'ll| will| should) (?:have|get|see|receive) (?:it|that|them|the|a|an|our|your)|"
    r"(?:I'm|we're) (?:sending|setting up|booking|putting together))\b",
    re.I,
)
_TIME = re.compile(
    r"\b(?:today|tonight|tomorrow|later today|this (?:afternoon|morning|evening|week)|next (?:week|month|monday|"
    r"tuesday|wednesday|thursday|friday)|end of (?:the )?(?:day|week|month)|eod|cob|close of business|by noon|"
    r"within the hour|in an hour|right after (?:this|the call|we hang up)|over the weekend|"
    r"(?:by|on|before|this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"monday|tuesday|wednesday|thursday|friday|in the next (?:couple of |few )?(?:days|weeks)|"
    r"(?:in|within) (?:like |about )?(?:a|one|two|three|four|five|ten|fifteen|twenty|thirty|\d+|a couple of|"
    r"a few) (?:business |working )?(?:minutes?|days?|hours?|weeks?)|before (?:the|your|our) (?:meeting|call|board|demo|review)|"
    r"(?:by|on|before) the \d+(?:st|nd|rd|th)|(?:by|on|before) (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december) \d+|"
    r"(?:first|early) (?:thing )?next week|first thing (?:tomorrow|monday|in the morning)|by the \w+)\b",
    re.I,
)
_MISSED = re.compile(
    r"\b(?:never (?:got|saw|came|arrived|received|heard|showed|sent|made it|went out|landed|turned up|materiali[sz]ed|"
    r"appeared)|never got to us|"
    r"(?:still|we're still|I'm still) (?:waiting|waiting on|haven't)|(?:haven't|have not) (?:seen|got|gotten|received|had|turn(?:ed)? up)|"
    r"(?:hasn't|has not) (?:come|arrived|shown|landed|come through|got|gotten|seen|received|had|heard|turn(?:ed)? up)|"
    r"(?:didn't|did not) (?:get|come|arrive|receive|see|make it|hear|turn(?:ed)? up)|"
    r"(?:was not|were not|has not been|have not been|wasn't|weren't) (?:received|sent|delivered|shared)|"
    r"did you (?:get|have) a chance to|that never (?:came|happened|showed)|never came|no sign of|"
    r"not in my inbox|nothing (?:came|arrive[sd]?|yet|turned up|showed up|has come)|never did|(?:was|were) supposed to (?:send|get|come|be)|"
    r"still (?:(?:don't|do not) have|not (?:seen|got|gotten|had|received|heard|come|arrived|sent)|nothing|"
    r"no (?!problem|worries|rush|pressure|idea)\w+)|"  # "still no proposal", "I've still not seen it"
    r"dropped the ball|fell through the cracks|sorry (?:for|about) the delay|"
    r"did (?:that|it|those|the|your)(?: \w+){0,3} ever (?:go out|get sent|come|arrive|show up|happen)|"
    r"(?:\w+n't|not|never)\b[^.?!]{0,25}?\bever (?:arrived|came|showed up|got here|went out|happened)|"
    r"(?:nobody|no one|no-one) (?:ever )?(?:did|called|came|showed|sent|got back|reached out|followed up)|"
    r"didn't hear back|(?:received|got|seen|had|heard) nothing)\b",
    re.I,
)
_KEPT = re.compile(
    r"\b(?:came (?:in|through|on|right|the)|it came|arrived|received|landed|got (?:the|your)|"
    r"got it (?:on|in|yesterday|this|last|right|the)|"
    r"thanks for (?:the|sending|your|getting)|did (?:show up|come through|arrive|come in)|(?:he|she|you|they) sent|was useful|went through the|"
    r"I've got the \w+ here|we signed the|as promised|like (?:he|she|you) (?:said|promised)|right when|"
    r"(?:I|we) (?:read|reviewed|looked (?:at|over)|went (?:over|through)) (?:the|your)|in my inbox)\b",
    re.I,
)
_GENERIC = frozenset(
    {"send", "resend", "email", "get", "book", "set", "schedu", "share", "forwar", "follow", "make", "sure",
     "tomorr", "today", "tonigh", "afterno", "mornin", "friday", "monday", "tuesda", "wednes", "thursd",
     "week", "next", "end", "day", "hour", "within", "inbox", "over", "right", "after", "put", "togeth"}
)  # fmt: skip


@dataclass
class FollowUp:
    """A rep's commitment with a time, and what later calls show about it."""

    said: Sentence
    status: str = "open"  # "open" | "kept" | "missed"
    evidence: Sentence | None = None
    referent: str = ""  # the turn before, where the commitment's object is a pronoun ("I'll resend it")

    def to_dict(self) -> dict:
        return {
            "said": self.said.cite(),
            "status": self.status,
            "evidence": self.evidence.cite() if self.evidence else None,
        }


_AND_THEN = re.compile(r",?\s+and (?=(?:I'll|I will|we'll|we will|let me)\b)", re.I)
# a tag question after a commitment ("..., and send the invite by tomorrow, sound good?") leaves it a statement
_TAG = re.compile(
    r",?\s*(?:sound good|sounds good|does that work|that work|work for you|okay|ok|alright|right|yeah|cool|"
    r"fair|deal|good|yes)\?$",
    re.I,
)
# a commitment whose object is a pronoun ("I'll resend it this afternoon"): what it is about was said before
_PRONOUN_OBJECT = re.compile(
    r"\b(?:send|resend|email|forward|share|get|shoot|drop|pass along|chase)\s+(?:it|that|them|those|this)\b",
    re.I,
)


def find_commitments(rep: Sequence[Sentence]) -> list[FollowUp]:
    """Rep sentences (or clauses: "I'll book Marcus for next week, and I'll send the summary by Friday" is two)
    that commit to an action with a time."""
    out = []
    for s in rep:
        text = _TAG.sub("", s.text)
        if text.endswith("?"):
            continue
        parts = [p for p in _AND_THEN.split(text) if _ACTION.search(p) and _TIME.search(p)]
        if len(parts) < 2 and _ACTION.search(text) and _TIME.search(text):
            parts = [text]  # "I'll put together a summary for Raj, and I'll get it to you by Friday": one
        for part in parts:
            out.append(FollowUp(Sentence(s.call, s.speaker, part.strip(), s.index, s.start, s.context)))
    return out


def _object(text: str, people: set[str]) -> set[str]:
    """What a commitment is about: its content words, less the verbs and times every commitment has and the
    people it names (a session "with Hector and Luis" is not Hector's checklist)."""
    return content_stems(text) - _GENERIC - people


def _about(f: FollowUp, people: set[str]) -> set[str]:
    """A commitment's object, with the turn before where it says only "it" ("Never saw that sample report." /
    "I'll resend it this afternoon")."""
    return _object(f"{f.said.text} {f.referent}", people)


def _refer(followups: Sequence[FollowUp], transcript: Transcript) -> None:
    """Give each commitment whose object is a pronoun the words of the turn before its own."""
    turns = transcript.utterances
    for f in followups:
        if _PRONOUN_OBJECT.search(f.said.text) and 0 < f.said.index <= len(turns):
            f.referent = turns[f.said.index - 1].text


# a rep asking whether the prospect did something ("Did you get a chance to call the references?"): not a
# rep's promise that did not happen
_ASKS_PROSPECT = re.compile(r"\bdid you (?:get|have) a chance to\b", re.I)


def track_followups(calls: Sequence[tuple[Transcript, Sequence[Sentence]]]) -> list[FollowUp]:
    """An account's follow-ups in order, each marked by what the later calls say. ``calls``: (transcript, its
    rep sentences) per call, in date order."""
    out: list[FollowUp] = []
    people = {w for t, _ in calls for name in t.speakers for w in content_stems(name)}
    for k, (transcript, rep) in enumerate(calls):
        if k:
            _mark(out, transcript, people)
        made = find_commitments(rep)
        _refer(made, transcript)
        out.extend(made)
    return out


def _mark(followups: list[FollowUp], transcript: Transcript, people: set[str]) -> None:
    """Settle the open follow-ups that this (later) call shows were missed or kept."""
    turns = transcript.utterances
    reps = set(transcript.speakers_with("rep"))
    for n, u in enumerate(turns):
        missed, kept = bool(_MISSED.search(u.text)), bool(_KEPT.search(u.text))
        if missed and u.speaker in reps and _ASKS_PROSPECT.search(u.text):
            # a rep asking about the prospect's own step says nothing of the rep's promises
            missed = bool(_MISSED.search(_ASKS_PROSPECT.sub(" ", u.text)))
        if not (missed or kept):
            continue
        before = turns[n - 1].text if n else ""
        said = content_stems(u.text) | content_stems(before)
        here = f"{before} {u.text}"
        best, best_score = None, 0.0
        waiting = [f for f in followups if f.status == "open" and f.said.call != transcript.name]
        for f in waiting:
            shared = len(_about(f, people) & said)
            score = shared + 0.5 * names_speaker(here, f.said.speaker)
            if shared and score > best_score:
                best, best_score = f, score
        if best is None and missed:
            # no shared words ("the brochures Sam mentioned never showed up" / "I'll email you the marketing
            # kit"): the one open commitment of the rep this turn names (not for "kept": "thanks for your
            # time, Sam" names a rep too)
            named = [f for f in waiting if names_speaker(u.text, f.said.speaker)]
            if len(named) == 1:
                best = named[0]
        if best is not None:
            best.status = "missed" if missed else "kept"
            best.evidence = Sentence(transcript.name, u.speaker, u.text, u.index, u.start, u.text)


def speaks_of(commitments: Sequence[FollowUp], transcript: Transcript, names: Sequence[str] = ()) -> bool:
    """Whether a call says that one of these commitments (made on another call) did or did not happen: a
    call that asks "did you get a chance to send the case study?" comes after the call that promised it.
    ``names``: the account's people on other calls too (a commitment to "Deb" is not about a call naming her)."""
    people = {w for name in [*transcript.speakers, *names] for w in content_stems(name)}
    turns = transcript.utterances
    for n, u in enumerate(turns):
        if not (_MISSED.search(u.text) or _KEPT.search(u.text)):
            continue
        said = content_stems(u.text) | content_stems(turns[n - 1].text if n else "")
        if any(len(_object(f.said.text, people) & said) >= 2 for f in commitments):
            return True
    return False
