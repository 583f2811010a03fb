"""Which account each call belongs to, in what order an account's calls happened, and who sold on them.

What a file or the command line states always wins (``CallMeta``). For the rest:

- **account**: calls are linked when they share a prospect (the same full name speaking as a prospect) or
  state the same account; a group that states none joins the one stated account whose distinctive name word
  its calls say ("How many locations does Bayview have?"); a linked group takes the account its calls state. A group that states none
  is named after the company its reps ask about ("How many locations does Bayview have?") when one
  capitalised name, not a speaker's and not the seller's own, comes up at least twice; otherwise after
  its first prospect ("Lorna Fitch's account"). A reviewer corrects a wrong guess with
  ``msgcheck workspace set-account`` or in the app's Journey page.
- **order**: dated calls by date. An undated call goes after every call whose rep it speaks of in the past
  ("Kayla mentioned", "Derek told us") and before every call that speaks so of its rep; a cold opener
  ("is this Ray?", "who's calling?") puts it first. Its date stays unknown: only its place is inferred.
- **reps**: a speaker who is a rep on any call of the set (stated by the file or the command line) is a rep
  on every call they speak on; the per-call role inference (msgcheck.extract.roles) decides the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..types import Transcript
from .meta import CallMeta

__all__ = ["CallInfo", "infer_accounts", "order_calls", "past_mentions", "shared_reps"]

_COLD_OPEN = re.compile(
    r"\b(?:is this [A-Z]\w+|who'?s calling|you downloaded|you signed up|reaching out|"
    r"filled (?:in|out) (?:our|the) form)\b",
    re.I,
)
_PAST_VERB = (
    r"(?:said|says|told|mentioned|asked|sent|resent|promised|was going to|were going to|'s notes|"
    r"notes|walked|showed|passed|quoted|offered|explained|got (?:him|her|us|you)|gave|"
    r"wrote|emailed|booked|set (?:this|it) up|misspoke|was being)"
)
_COMPANY = re.compile(
    r"\b(?:does|at|for|with|over at|here at|about)\s+((?:[A-Z][\w&'.-]+)(?:\s+(?:[A-Z][\w&'.-]+|&|of)){0,3})"
)
_NOT_COMPANY = frozenset(
    {
        "I", "The", "We", "You", "Our", "Your", "It", "That", "This", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December", "Christmas", "Dr", "Dr.",
    }
)  # fmt: skip


@dataclass
class CallInfo:
    """One call of a journey: its transcript and what is known of its account and date."""

    name: str
    transcript: Transcript
    meta: CallMeta = field(default_factory=CallMeta)
    campaign: str | None = None
    order_note: str = ""  # why an undated call sits where it does

    @property
    def reps(self) -> list[str]:
        return self.transcript.speakers_with("rep")

    @property
    def prospects(self) -> list[str]:
        return self.transcript.speakers_with("prospect")


def shared_reps(transcripts: Sequence[Transcript]) -> set[str]:
    """Speakers the file or the command line names as reps on any of the calls."""
    return {
        s
        for t in transcripts
        for s, role in t.roles.items()
        if role == "rep" and t.role_source.get(s) in ("file", "cli")
    }


def infer_accounts(calls: Sequence[CallInfo], vendor_words: set[str] | None = None) -> None:
    """Fill in each call's account where its file did not state one (module docstring); in place."""
    parent = list(range(len(calls)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    owner: dict[str, int] = {}
    for i, c in enumerate(calls):
        keys = [f"p:{p.lower()}" for p in c.prospects if len(p.split()) >= 2]
        if c.meta.account:
            keys.append(f"a:{c.meta.account.lower()}")
        for key in keys:
            if key in owner:
                union(i, owner[key])
            else:
                owner[key] = i
    stated_names = {c.meta.account for c in calls if c.meta.account}
    for i, c in enumerate(calls):  # a call that names a stated account ("How's the Carver store, Ray?")
        named = _names_account(c.transcript, stated_names)
        if named and not any(calls[j].meta.account for j in range(len(calls)) if find(j) == find(i)):
            union(i, owner[f"a:{named.lower()}"])
    groups: dict[int, list[int]] = {}
    for i in range(len(calls)):
        groups.setdefault(find(i), []).append(i)
    for members in groups.values():
        stated = Counter(calls[i].meta.account for i in members if calls[i].meta.account)
        name = (
            stated.most_common(1)[0][0]
            if stated
            else _company_named([calls[i] for i in members], vendor_words or set())
        )
        for i in members:
            c = calls[i]
            if not c.meta.account:
                c.meta = CallMeta(name, c.meta.date, "inferred", c.meta.date_source)


_GENERIC_WORDS = frozenset(
    {"family", "medical", "medicine", "group", "partners", "property", "properties", "services", "service",
     "company", "the", "and", "brothers", "inc", "llc", "ltd", "grocery", "heating", "plumbing", "clinic"}
)  # fmt: skip


def _names_account(t: Transcript, accounts: set[str]) -> str | None:
    """The one stated account whose distinctive name word ("Bayview", "Oxley") this call says, if exactly one."""
    text = " ".join(u.text for u in t.utterances)
    people = {w for s in t.speakers for w in s.split()}
    hits = set()
    for account in accounts:
        words = [w for w in re.findall(r"[A-Z][\w'-]{3,}", account) if w.lower() not in _GENERIC_WORDS]
        if words and words[0] not in people and re.search(rf"\b{re.escape(words[0])}\b", text):
            hits.add(account)
    return hits.pop() if len(hits) == 1 else None


def _company_named(calls: Sequence[CallInfo], vendor_words: set[str]) -> str:
    people = {w for c in calls for s in c.transcript.speakers for w in s.split()}
    counts: Counter[str] = Counter()
    for c in calls:
        for u in c.transcript.utterances:
            for m in _COMPANY.finditer(u.text):
                words = m.group(1).rstrip(".,'s").split()
                while words and (words[-1] in ("&", "of") or words[-1] in _NOT_COMPANY):
                    words.pop()
                if not words or words[0] in _NOT_COMPANY:
                    continue
                if any(w in people or w.lower() in vendor_words for w in words):
                    continue
                counts[" ".join(words)] += 1
    if counts and counts.most_common(1)[0][1] >= 2:
        return counts.most_common(1)[0][0]
    prospects = [p for c in calls for p in c.prospects]
    return f"{prospects[0]}'s account" if prospects else "Unknown account"


def past_mentions(transcript: Transcript, names: Sequence[str]) -> set[str]:
    """The reps (full names) whose first name this call speaks of in the past: "Kayla mentioned ..."."""
    found: set[str] = set()
    here = set(transcript.speakers)
    for full in names:
        if full in here:
            continue
        first = re.escape(full.split()[0])
        pattern = re.compile(
            rf"\b{first}\b(?:'s)?(?:\s+\w+){{0,3}}?\s+{_PAST_VERB}\b|\b{_PAST_VERB}\s+(?:by\s+|from\s+)?{first}\b"
        )
        if any(pattern.search(u.text) for u in transcript.utterances):
            found.add(full)
    return found


def order_calls(calls: Sequence[CallInfo]) -> list[CallInfo]:
    """One account's calls in the order they happened (module docstring)."""
    dated = sorted((c for c in calls if c.meta.date), key=lambda c: (c.meta.date, c.name))
    undated = sorted((c for c in calls if not c.meta.date), key=lambda c: c.name)
    if not undated:
        return dated
    reps_of = {c.name: set(c.reps) for c in calls}
    all_reps = sorted({r for c in calls for r in c.reps})
    mentions = {c.name: past_mentions(c.transcript, all_reps) for c in calls}

    def after(a: CallInfo, b: CallInfo) -> bool:  # a must come after b
        return bool(mentions[a.name] & (reps_of[b.name] - reps_of[a.name]))

    order = list(dated)
    # cold openers first, then the others by how many calls they must follow
    undated.sort(
        key=lambda c: (
            not _cold_open(c.transcript),
            sum(after(c, o) for o in calls if o is not c),
            c.name,
        )
    )
    for c in undated:
        low = max((i + 1 for i, o in enumerate(order) if after(c, o)), default=0)
        high = min((i for i, o in enumerate(order) if after(o, c)), default=len(order))
        if _cold_open(c.transcript) and not any(after(c, o) for o in order):
            pos, why = 0, "placed first: it opens as a first call"
        elif low:
            pos, why = (
                min(low, high) if high >= low else low,
                "placed after the calls whose reps it speaks of",
            )
        elif high < len(order):
            pos, why = high, "placed before the calls that speak of its rep"
        else:
            pos, why = len(order), "no date and no clue to its place: placed last"
        order.insert(min(pos, len(order)), c)
        c.order_note = why
    return order


def _cold_open(t: Transcript) -> bool:
    return any(_COLD_OPEN.search(u.text) for u in t.utterances[:4])
