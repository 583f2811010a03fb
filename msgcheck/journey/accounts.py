"""Which account each call belongs to, in what order an account's calls happened, and who sold on them.

What a file or the command line states always wins (``CallMeta``). For the rest:

- **account**: calls are linked when they share a prospect (the same full name speaking as a prospect; a
  first-name or title label, "Ray" or "Dr. Anand", counts as the one full-name prospect of the set it can
  only be; "Speaker 2" and "Customer" never link) or state the same account. A group that states none then
  joins the one group its calls point to more than to any other: it says that group's account name ("the
  Oxley stores", 3), a prospect of it by full name ("Lorna Fitch asked me to", 3) or by a first name no one
  else in the set has (1), or the same first-name-only prospect speaks on both (2); a prospect of its own whom the
  other group's calls speak of by such a first name counts too (1: "Deb briefed me"); 2 is enough. Several
  groups pointed at alike by the same two or more first-name-only prospects are one account not yet joined,
  not a tie. Places and products are no evidence (two accounts of one campaign share them). A linked group takes the account its
  calls state; one that states none is named after the company its prospects say they are ("So we're Corbel
  Mechanical, we do plumbing", "here at Brightmoor we": even when the owner's surname is its first word), else
  a name that says it is a company ("Casa Marisol Group", "Brightmoor Home Care"), else the company its calls
  speak of as the prospect's ("How many locations does Bayview have?", "tell me about Brightmoor") when one
  capitalised name, not a speaker's, not the seller's own (what its reps introduce themselves "from") and not
  a tool it is "using" or "switching from", comes up at least twice; otherwise after its first prospect
  ("Lorna Fitch's account"). A reviewer corrects a wrong guess with ``msgcheck workspace set-account`` or in
  the app's Journey page.
- **order**: dated calls by date. An undated call goes after every call whose rep it speaks of in the past
  ("Kayla mentioned", "Derek told us") or whose follow-up it says did or did not happen ("did you get a
  chance to send the case study?"), and before every call that so speaks of it; within those bounds, and
  when nothing else says, by the step of the deal its file name or opening names (a cold opener "is this
  Ray?" first, then demo, technical or site review, pricing and contract, kickoff or onboarding). Its date
  stays unknown: only its place is inferred.
- **reps**: a speaker who is a rep on any call of the set (stated by the file or the command line) is a rep
  on every call they speak on; the per-call role inference (msgcheck.extract.roles) decides the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..types import Transcript
from .followups import find_commitments, speaks_of
from .meta import CallMeta
from .text import sentences

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
    r"\b(?:does|do|at|for|over at|here at|to|about)\s+((?:[A-Z][\w&'.-]+)(?:\s+(?:[A-Z][\w&'.-]+|&|of)){0,3})"
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

    full = _prospect_names(calls)
    owner: dict[str, int] = {}
    for i, c in enumerate(calls):
        keys = [f"p:{full.get(p, p).lower()}" for p in c.prospects if _full_name(full.get(p, p))]
        if c.meta.account:
            keys.append(f"a:{c.meta.account.lower()}")
        for key in keys:
            if key in owner:
                union(i, owner[key])
            else:
                owner[key] = i
    vendor = (vendor_words or set()) | _vendor_words(calls)
    for _ in range(len(calls)):  # a group that states no account joins the one its words point to
        groups = _groups(calls, find)
        moved = False
        for root, members in groups.items():
            if any(calls[i].meta.account for i in members):
                continue
            target = _evidence_target(calls, members, groups, root, full, vendor)
            if target is not None:
                union(root, target)
                moved = True
                break
        if not moved:
            break
    for members in _groups(calls, find).values():
        stated = Counter(calls[i].meta.account for i in members if calls[i].meta.account)
        name = stated.most_common(1)[0][0] if stated else _company_named([calls[i] for i in members], vendor)
        for i in members:
            c = calls[i]
            if not c.meta.account:
                c.meta = CallMeta(name, c.meta.date, "inferred", c.meta.date_source)


_GENERIC_WORDS = frozenset(
    {"family", "medical", "medicine", "group", "partners", "property", "properties", "services", "service",
     "company", "the", "and", "brothers", "inc", "llc", "ltd", "grocery", "heating", "plumbing", "clinic"}
)  # fmt: skip
_GENERIC_SPEAKERS = frozenset(
    {"customer", "prospect", "client", "caller", "guest", "speaker", "participant", "unknown", "rep", "agent"}
)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof"})
_SELF_INTRO = re.compile(
    r"\b(?:from|here at|calling from|(?:I'm|I am|I work|I'm calling) (?:with|at|from)|work (?:at|for)|"
    r"(?:lead|run|head) \w+ (?:at|for))\s+([A-Z][\w&'-]+(?:\s+[A-Z][\w&'-]+)?)"
)
_COMPETITOR = re.compile(
    r"\b(?:using|use|used|with|switch(?:ed|ing)? (?:from|to)|from|than|like|over|versus|vs\.?)\s+([A-Z][\w&'-]+)"
)
_TOOL = re.compile(
    r"\b(?:using|use|used|switch(?:ed|ing)? (?:from|to)|than|versus|vs\.?|quote from)\s+([A-Z][\w&'-]+)"
)


def _name_words(label: str) -> list[str]:
    """A speaker label's name words, titles left out ("Dr. Anand" -> ["Anand"])."""
    return [w for w in re.findall(r"[A-Za-z][\w'-]*", label) if w.lower().rstrip(".") not in _TITLES]


def _named_person(label: str) -> bool:
    """Whether a speaker label names a person, not "Speaker 2", "Customer" or "Caller 1"."""
    words = _name_words(label)
    return bool(words) and words[0].lower() not in _GENERIC_SPEAKERS and not re.search(r"\d", label)


def _full_name(label: str) -> bool:
    """Whether a speaker label is a person's full name (not "Ray", "Dr. Anand" or "Speaker 2")."""
    return _named_person(label) and len(_name_words(label)) >= 2


def _prospect_names(calls: Sequence[CallInfo]) -> dict[str, str]:
    """A short prospect label ("Ray", "Dr. Anand") -> the one full-name prospect of the set it can only be."""
    fulls = {p for c in calls for p in c.prospects if _full_name(p)}
    out: dict[str, str] = {}
    for c in calls:
        for p in c.prospects:
            words = _name_words(p)
            if len(words) != 1 or not _named_person(p):
                continue
            match = [f for f in fulls if words[0] in _name_words(f)]
            if len(match) == 1:
                out[p] = match[0]
    return out


def _groups(calls: Sequence[CallInfo], find) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for i in range(len(calls)):
        groups.setdefault(find(i), []).append(i)
    return groups


def _text(c: CallInfo) -> str:
    return " ".join(u.text for u in c.transcript.utterances)


def _group_text(calls: Sequence[CallInfo], members: list[int]) -> str:
    """All that a group of calls says, as one text."""
    return " ".join(_text(calls[i]) for i in members)


def _speaker_words(calls: Sequence[CallInfo], members: list[int]) -> set[str]:
    """The name words of everyone who speaks on a group of calls."""
    return {w for i in members for s in calls[i].transcript.speakers for w in _name_words(s)}


def _people(calls: Sequence[CallInfo]) -> set[str]:
    return {w for c in calls for s in c.transcript.speakers for w in _name_words(s)}


def _vendor_words(calls: Sequence[CallInfo]) -> set[str]:
    """The seller's own names, from the reps' introductions ("Tyler Osei from Ollivan", "Jordan Pike with
    Tallbrook", "I lead sales at Ollivan"), lower case: never the prospect's company."""
    out: set[str] = set()
    for c in calls:
        reps = set(c.reps)
        for u in c.transcript.utterances:
            if u.speaker not in reps:
                continue
            names = "|".join(re.escape(w) for w in _name_words(u.speaker))
            own = rf"\b(?:{names})\b(?:\s+\w+)?,?\s+(?:from|with|at|here at)\s+([A-Z][\w&'-]+(?:\s+[A-Z][\w&'-]+)?)"
            for m in [*_SELF_INTRO.finditer(u.text), *(re.finditer(own, u.text) if names else [])]:
                out |= {w.lower() for w in m.group(1).split()}
    return out


def _evidence_target(
    calls: Sequence[CallInfo],
    members: list[int],
    groups: dict[int, list[int]],
    root: int,
    full: dict[str, str],
    vendor: set[str],
) -> int | None:
    """The one other group a group that states no account belongs with, by what its calls say: the
    account's name ("the Oxley stores"), a prospect of that group by full name ("Lorna Fitch asked me ...")
    or by a first name no one else in the set has, and names of places or systems only the two groups say.
    None unless one group has clearly more evidence than any other."""
    people = {full.get(s, s) for c in calls for s in c.transcript.speakers}  # each person once, not per call
    firsts = Counter(_name_words(s)[0] for s in people if _name_words(s))
    here_prospects = {full.get(p, p) for i in members for p in calls[i].prospects}
    here_speakers = _speaker_words(calls, members)
    text = _group_text(calls, members)
    scores: dict[int, float] = {}
    why: dict[int, set[str]] = {}  # the people each group's score rests on
    for r, ms in groups.items():
        if r == root:
            continue
        score = 0.0
        people: set[str] = set()
        for account in {calls[i].meta.account for i in ms if calls[i].meta.account}:
            words = [w for w in re.findall(r"[A-Z][\w'-]{3,}", account) if w.lower() not in _GENERIC_WORDS]
            if words and words[0] not in here_speakers and re.search(rf"\b{re.escape(words[0])}\b", text):
                score += 3
        prospects = {full.get(p, p) for i in ms for p in calls[i].prospects}
        for p in prospects:
            words = _name_words(p)
            if len(words) == 1 and p in here_prospects and _named_person(p):
                score += 2  # the same first-name-only prospect ("Lorna:") on both
                people.add(p)
                continue
            if not words or set(words) & here_speakers:
                continue
            if _full_name(p) and re.search(rf"\b{re.escape(' '.join(words))}\b", text):
                score += 3
            elif firsts[words[0]] == 1 and re.search(rf"\b{re.escape(words[0])}\b", text):
                score += 1
        # ... and the other way: that group's calls speak of one of ours by a first name no one else has
        # ("Deb briefed me" on the account's later call, when Deb stood in on this one)
        there, there_speakers = _group_text(calls, ms), _speaker_words(calls, ms)
        for p in here_prospects:
            words = _name_words(p)
            if (
                words
                and _named_person(p)
                and firsts[words[0]] == 1
                and not set(words) & there_speakers
                and re.search(rf"\b{re.escape(words[0])}\b", there)
            ):
                score += 1
        if score:
            scores[r] = score
            why[r] = people
    if not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=lambda r: scores[r])
    if ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return best
    tied = [r for r in scores if scores[r] == ranked[0]]
    if len(why[best]) >= 2 and all(why[r] == why[best] for r in tied):
        return min(tied)  # the same two or more people speak on each: one account not yet joined
    return None


_ORG = re.compile(
    r"\b((?:[A-Z][\w&'-]+\s+){1,3}(?:Group|Inc|LLC|LLP|Ltd|Co|Company|Corp|Corporation|Partners|Associates|"
    r"Holdings|Brothers|Farms|Foods|Clinic|Medicine|Medical|Health|Dental|Pediatrics|Storage|Logistics|Freight|"
    r"Services|Properties|Restaurants|Hospitality|Outdoor|CPAs|Studios|Labs|Industries|Manufacturing|Systems|"
    r"Solutions|Academy|School|Realty|Grocery|Market|Markets|Bakery|Hotels|Motors|Supply|Home Care|Mechanical|"
    r"Plumbing|Heating|HVAC|Electric|Electrical|Roofing|Construction|Contractors|Builders|Landscapes|Landscaping|"
    r"Lawn|Transport|Trucking|Law|Legal|Insurance|Pharmacy|Hospital|Dairy|Ranch|Nursery|Brewing|Winery|Salon|"
    r"Fitness|Kitchen|Cafe|Cleaning|Pediatric|Veterinary|Vet|Therapy|Rehab|Senior Living|Living))\b"
)
# a prospect naming their own company ("So we're Corbel Mechanical", "here at Brightmoor we")
_OWN_COMPANY = re.compile(
    r"\b(?:we're|we are|here at)\s+((?:[A-Z][\w&'-]+)(?:\s+(?:[A-Z][\w&'-]+|&)){0,3})"
    r"(?=,?\s+(?:we|we're|and we|our)\b|,)"
)


def _company_named(calls: Sequence[CallInfo], vendor_words: set[str]) -> str:
    """A name that says it is a company ("Casa Marisol Group", "Halloran Deese LLP"), not the seller's; else the
    company the reps and prospects speak of as the prospect's ("How many locations does Bayview have?"), said
    at least twice, not a person, not the seller and not a tool the prospect uses or is compared with;
    else "<first prospect>'s account"."""
    people = _people(calls)
    labels = {s for c in calls for s in c.transcript.speakers}
    texts = [u.text for c in calls for u in c.transcript.utterances]
    reps = {r for c in calls for r in c.reps}
    own: Counter[str] = Counter(  # the prospect saying who they are
        m.group(1).strip()
        for c in calls
        for u in c.transcript.utterances
        if u.speaker not in reps
        for m in _OWN_COMPANY.finditer(u.text)
        if m.group(1).strip() not in labels
        and m.group(1).split()[0] not in _NOT_COMPANY
        and not m.group(1).isupper()
        and (len(m.group(1).split()) > 1 or m.group(1) not in people)
        and not any(w.lower() in vendor_words for w in m.group(1).split())
    )
    others = {m.group(1) for t in texts for m in _COMPETITOR.finditer(t)} - people
    tools = {m.group(1) for t in texts for m in _TOOL.finditer(t)}
    orgs: Counter[str] = Counter(  # a name that says it is a company ("Casa Marisol Group"), once is enough
        m.group(1).strip()
        for t in texts
        for m in _ORG.finditer(t)
        if not any(w.lower() in vendor_words or w in tools for w in m.group(1).split())
        and m.group(1).split()[0] not in _NOT_COMPANY
    )
    if own:
        name = own.most_common(1)[0][
            0
        ]  # the longest way they say it ("Brightmoor" -> "Brightmoor Home Care")
        return max((o for o in orgs if o.split()[0] == name.split()[0]), key=len, default=name)
    if orgs:
        return orgs.most_common(1)[0][0]
    counts: Counter[str] = Counter()
    longest: dict[str, str] = {}
    for t in texts:
        for m in _COMPANY.finditer(t):
            words = m.group(1).rstrip(".,'s").split()
            while words and (words[-1] in ("&", "of") or words[-1] in _NOT_COMPANY or words[-1] in people):
                words.pop()
            if not words or words[0] in _NOT_COMPANY or words[0] in others:
                continue
            if any(w in people or w.lower() in vendor_words for w in words):
                continue
            counts[words[0]] += 1
            if len(" ".join(words)) > len(longest.get(words[0], "")):
                longest[words[0]] = " ".join(words)
    if counts and counts.most_common(1)[0][1] >= 2:
        return longest[counts.most_common(1)[0][0]]
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
    promised = {c.name: find_commitments(sentences(c.transcript, "rep")) for c in calls}
    stage = {c.name: _stage(c) for c in calls}
    loose = {c.name for c in undated}
    people = sorted({p for c in calls for p in c.transcript.speakers})
    follows = {  # (x, y): x says whether y's promises happened, so x comes after y
        (x.name, y.name)
        for x in calls
        for y in calls
        if x is not y and {x.name, y.name} & loose and speaks_of(promised[y.name], x.transcript, people)
    }
    order = list(dated)

    def after(a: CallInfo, b: CallInfo) -> bool:  # a must come after b
        # a call that speaks of a rep in the past comes after that rep's first call, not after all of them
        met = {
            r
            for r in mentions[a.name] - reps_of[a.name]
            if r in reps_of[b.name] and _first_with(r) in (None, b)
        }
        return bool(met) or (a.name, b.name) in follows

    def _first_with(rep: str) -> CallInfo | None:
        return next((o for o in order if rep in reps_of[o.name]), None)

    # first calls first, then the others by how many calls they must follow
    undated.sort(key=lambda c: (stage[c.name], sum(after(c, o) for o in calls if o is not c), c.name))
    for c in undated:
        low = max((i + 1 for i, o in enumerate(order) if after(c, o)), default=0)
        high = min((i for i, o in enumerate(order) if after(o, c)), default=len(order))
        by_stage = max((i + 1 for i, o in enumerate(order) if stage[o.name] <= stage[c.name]), default=0)
        if stage[c.name] == 0 and not low:
            pos, why = 0, "placed first: it opens as a first call"
        elif low or high < len(order):
            pos = min(max(by_stage, low), high) if high >= low else low
            why = (
                "placed after the calls whose reps or promises it speaks of"
                if low
                else "placed before the calls that speak of its rep or its promises"
            )
        else:
            pos, why = (
                by_stage,
                "no date: placed by the step of the deal it opens as (demo, pricing, kickoff ...)",
            )
        order.insert(min(pos, len(order)), c)
        c.order_note = why
    return order


# the steps of a deal, in order, by the words that name them in a call's file name, title or opening
_STEPS = (
    re.compile(r"\b(?:intro|introduction|discovery|qualif\w*|first call|cold call)\b", re.I),
    re.compile(r"\b(?:demo|walk-?through|show you (?:how|around))\b", re.I),
    re.compile(
        r"\b(?:tech\w*|deep[- ]dive|security review|site (?:review|visit|walk)|integration|it review|pilot)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:pricing|proposal|quote|negotiat\w*|contract|paperwork|terms|procurement|legal)\b", re.I
    ),
    re.compile(
        r"\b(?:kick-?off|onboarding|implementation|go-?live|welcome aboard|renewal|you(?:'ve| have) signed|"
        r"signed (?:off|the|last)|since you signed)\b",
        re.I,
    ),
)
_BACK = re.compile(
    r"\b(?:last time|last call|when we (?:spoke|talked|met)|since we (?:last )?(?:spoke|talked|met)|"
    r"on our (?:last |first |earlier )?call|following up (?:on|from)|as promised|as (?:we )?discussed|"
    r"you mentioned|good to (?:see|talk to|hear from) you again|picking up where)\b",
    re.I,
)


def _stage(c: CallInfo) -> int:
    """Where a call sits in a deal, 0 to 4: a first call ("is this Ray?", "you downloaded our guide"), a demo,
    a technical or site review, pricing and contract, a kickoff or onboarding. From the file name (or a
    Gong title), else the call's opening lines; 1 when nothing says. Only places calls that have no date and
    no firmer clue."""
    t = c.transcript
    opening = t.utterances[:6]
    if _cold_open(t) and not any(_BACK.search(u.text) for u in opening):
        return 0
    name = re.sub(r"[-_.]", " ", c.name)
    steps = [n for n, step in enumerate(_STEPS) if step.search(name)]
    if not steps:
        text = " ".join(u.text for u in opening)
        steps = [n for n, step in enumerate(_STEPS) if step.search(text)]
    return max(steps, default=1) if steps != [0] else (1 if any(_BACK.search(u.text) for u in opening) else 0)


def _cold_open(t: Transcript) -> bool:
    return any(_COLD_OPEN.search(u.text) for u in t.utterances[:4])
