"""Promises carried forward: what a rep stated on an earlier call of the account is checked on later calls.

Every concrete statement a rep made earlier (a value, an inclusion, a commitment) becomes a reference
claim, a pseudo-asset claim, for the account's later calls. A later rep sentence on the same topic that
takes it back or changes it is an ``inconsistent`` finding whose evidence is the earlier call's words (call,
speaker, time), not an asset. A pair is compared when the two share content words and are close in meaning,
or, less close, when they are about one specific thing although they share few words: one product, vendor or
figure ("we don't integrate with Corvane" / "feeds straight into Corvane"), one schedule ("the November
install calendar" / "the earliest slot is January") or one piece of work that moves from the vendor to the
prospect ("our team does the import for you" / "upload it yourselves"), or, closer to no shared words at all,
one discount ("half off" / "fifteen percent off"), one person of the prospect's own ("a dedicated account
manager" / "we don't assign a named rep") or the plans that have a feature ("on any plan" / "only on the Pro
tier"); such a pair conflicts only by a value, a limit or an explicit fee, not by the looser rules.
A pair conflicts when

- a value differs (msgcheck's unit-aware value comparison; months and dates too: "June twelfth" / "July",
  "October first" / "October nineteenth"),
- the later sentence negates or limits what the earlier one stated ("I can't lock a rate", "is an add-on",
  "don't stack", "a different team", "on the roadmap", "once the utility approves"), or
- the checker's own judge (``make_judge``) reads the pair as a contradiction or weakening with certainty
  (two values of one named attribute differ).

A later sentence that corrects an earlier mistake back to the campaign ("that was a mistake, Essential is
ninety-nine", or a value the assets state) is consistent, not drift. A later sentence that breaks an earlier
promise the assets also make is both: the asset check's finding and an ``inconsistent`` one (the account was
told one thing, then another).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..embed.embedders import Embedder
from ..extract.claims import annotate
from ..extract.values import compare_quantities, extract_quantities
from ..judge.base import Judge
from ..judge.rules import AssetIndex, context_words
from ..types import Alignment, Claim, Finding
from .text import Sentence, clock, content_stems, names_speaker, shared_stems

__all__ = [
    "CUES",
    "PromiseConfig",
    "PromiseReads",
    "carried_promises",
    "changed_promise",
    "conflicts",
    "evidence_rank",
    "inconsistencies",
    "pair_cues",
    "promise_findings",
    "proper_names",
    "read_promises",
]


@dataclass(frozen=True)
class PromiseConfig:
    """Thresholds of the across-call comparison (tuned on corpora/journeys/dev)."""

    min_sim: float = 0.45  # a pair closer than this, sharing enough words, is compared
    min_shared: int = 2  # content words both sentences use
    close_sim: float = 0.6  # ... or one shared word when this close
    named_sim: float = (
        0.25  # ... or this close when the later rep names the earlier one ("Derek may have told you")
    )
    judge_sim: float = 0.5  # the judge's certain verdict counts from this similarity
    asset_sim: float = 0.45  # a later sentence this close to an asset claim with the same value restates it
    subject_sim: float = 0.3  # ... or when both name one product, vendor or figure ("Corvane", "thirty-five")
    shape_sim: float = 0.2  # ... or this close when both are about one discount or one dedicated person
    schedule_sim: float = 0.35  # ... or this close when both say when something happens ("live by May first")


_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|isn't|doesn't|don't|can't|cannot|won't|wouldn't|aren't|"
    r"wasn't|didn't|shouldn't|no longer)\b|n't\b",
    re.I,
)
_POSITIVE_NO = re.compile(
    r"\b(?:no|without)\s+(?:extra\s+|additional\s+|added\s+|hidden\s+)?(?:cost|charge|fee|fees|problem|"
    r"catch|setup fee)\b|\bno[- ]shows?\b|\bnot a problem\b|\bno matter\b|\bnot only\b|\bno doubt\b|"
    r"\bdon't (?:worry|have to worry)\b|\bno need to\b",
    re.I,
)
_LIMITING = re.compile(
    r"\b(?:add-?on|extra (?:charge|cost|fee)|separately|one or the other|rather than|instead of|"
    r"a different (?:team|crew|tech\w*|person)|rotat\w*|whoever|more likely|realistically|at the earliest|"
    r"don't stack|can't promise|only (?:covers|applies|for|on|if|the first|one|includes|to)|only(?=\s*[,.;:!?])|"
    r"tied to|conditional on|set expectations|to be (?:clear|straight|upfront)|"
    r"yoursel(?:f|ves)|on your (?:end|side)|you(?:'d| would| will|'ll)? (?:need|have) to|"
    r"(?:on|in) (?:the|our) roadmap|in beta|coming (?:soon|later|next \w+)|not (?:yet|today|there yet)|"
    r"(?:on|with|in) (?:the|our) (?:higher|top|upper|bigger|pro|premium|enterprise|advanced) (?:tier|plan|edition)|requires?|prerequisite|"
    r"(?:first|before that),? (?:you|we)(?:'d| would)? need|once (?:you|the \w+) (?:have|has|approve\w*|sign\w*)|"
    r"case by case|needs? (?:sign-?off|approval)|subject to|not automatic|the most (?:i|we) can do)\b",
    re.I,
)
# an earlier statement that something costs nothing, and a later one that puts a price or a fee on it
_FREE = re.compile(
    r"\b(?:free|no (?:extra |additional )?(?:charge|cost|fee)|at no (?:extra |additional )?(?:cost|charge)|"
    r"on us|on the house|waive[sd]?|included|includes?|include)\b",
    re.I,
)
_CHARGED = re.compile(
    r"\b(?:add-?on|billed (?:separately|extra|on top)|extra (?:charge|cost|fee)|surcharge|there(?:'s| is) a \w*\s?fee|"
    r"(?:fee|charge) of)\b",
    re.I,
)
_CORRECTION = re.compile(
    r"\b(?:was a mistake|misspoke|mis-spoke|being optimistic|being cautious|was wrong|got (?:that|it) wrong|"
    r"let me correct|to correct|clear (?:something|that) up|correction)\b",
    re.I,
)
_MONTHS = "january february march april may june july august september october november december".split()  # noqa: SIM905
_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b")
# what makes an earlier sentence a promise to hold later calls to (besides a value or a month)
_OFFER = re.compile(
    r"\b(?:includ\w*|waive[sd]?|waiver|free|no charge|at no (?:extra )?cost|lock\w*|hold|guarantee\w*|"
    r"same|dedicated|own|discount\w*|credit\w*|refund\w*|covers?|covered|route\w*|done in|on top of|"
    r"stack|every|each|all (?:\w+ )?(?:sites|stores|locations|offices|buildings)|both|everybody|everyone|"
    r"for you|we (?:do|handle|take care of)|our team (?:does|handles|will)|named|same (?:person|analyst|\w+)|"
    r"(?:any|every|all) (?:plan|plans|tier|tiers)|built in|out of the box|comes with|you get|we (?:sync|integrate)|"
    r"that's live|automatic\w*)\b",
    re.I,
)


# a reply that opens by answering a question no ("It doesn't: it's twelve months to start")
_ANSWER_NO = re.compile(
    r"^\s*(?:no|nope|not really|(?:no,? )?(?:it|that|we|you) (?:doesn't|does not|don't|do not|won't|isn't))"
    r"\s*[,.!:;]\s*",
    re.I,
)


_SCOPE = 3  # words after a negation that it is about ("we don't ingest logs": logs)
# a negation of offering, connecting or including (what a named thing said before it is denied)
_DENIED = re.compile(
    r"(?:don't|do not|doesn't|does not|can't|cannot|won't|isn't|is not|aren't|are not)\s+(?:\w+\s+)?"
    r"(?:connect\w*|integrat\w*|sync\w*|support\w*|includ\w*|cover\w*|offer\w*|do|have|work)\b",
    re.I,
)


_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|"
    r"thousand)\b",
    re.I,
)
_SCHEDULE = re.compile(
    r"\b(?:live|go-live|launch\w*|install\w*|calendar|slot|timeline|kick-?off|start date|ship\w*|"
    r"onboard\w*|up and running|turn(?:ed)? on|deliver\w*|schedul\w*|on site|book\w*)\b",
    re.I,
)
_WHEN = re.compile(
    r"\b(?:(?:first|last|second|third|next|this|that|following) (?:week|half|month|quarter)|"
    r"(?:end|middle|start) of (?:the )?(?:week|month|quarter|year)|q[1-4]|by the \w+(?:-\w+)?(?:th|st|nd|rd))\b",
    re.I,
)


# who does the work: "our team does the whole import for you" / "you'd upload it yourselves"
_WE_DO = re.compile(
    r"\b(?:our team (?:does|handles|will|takes)|we (?:do|handle|take care of|migrate|set up|build|import)|"
    r"for you|lift a finger|done for you|on us)\b",
    re.I,
)
_YOU_DO = re.compile(
    r"\b(?:yoursel(?:f|ves)|on your (?:end|side)|you(?:'d| would| will|'ll)? (?:need|have) to)\b", re.I
)


def _numbers(text: str) -> set[str]:
    """The figures a sentence says, as written ("thirty-five", "39"): two sentences that say one figure are
    about one thing even when the value reader cannot tell what it counts."""
    return {m.group(0).lower().rstrip(".,") for m in _NUMBER.finditer(text)}


def _schedule(text: str) -> bool:
    """Whether a sentence says when something happens: a schedule word with a month or a time expression."""
    return bool(_SCHEDULE.search(text)) and bool(
        _months(text) or _WHEN.search(text) or any(q.kind == "duration" for q in _values(text))
    )


_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_DAY = re.compile(
    r"\b(?:(twenty|thirty)[- ])?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth)\b|\b(\d{1,2})(?:st|nd|rd|th)\b",
    re.I,
)


def _dates(text: str) -> set[tuple[str, int]]:
    """Days of a month a sentence names ("October nineteenth", "the 28th"): (month or "", day)."""
    out = set()
    for m in _DAY.finditer(text):
        if m.group(3):
            day = int(m.group(3))
        else:
            word = m.group(2).lower()
            day = 20 if word == "twentieth" else 30 if word == "thirtieth" else _ORDINALS[word]
            day += {"twenty": 20, "thirty": 30}.get((m.group(1) or "").lower(), 0)
        before = _months(text[max(0, m.start() - 12) : m.start()])
        if before or re.search(r"\bthe\s*$", text[: m.start()], re.I):
            out.add((min(before) if before else "", day))
    return out


# two sentences about a discount, or about a person of the prospect's own
_DISCOUNT = re.compile(
    r"\b(?:percent off|% off|half off|off the (?:first|list)|discount\w*|months? free)\b", re.I
)
# which plans have it: "you get that on any plan" / "that's only on the Pro tier"
_TIER = re.compile(
    r"\b(?:(?:any|every|all|each|both) (?:plans?|tiers?|editions?)|only (?:on|in|with) (?:the )?[\w-]+ "
    r"(?:plan|tier|edition)|(?:plan|tier|edition) only)\b",
    re.I,
)
_DEDICATED = re.compile(
    r"\b(?:named (?:rep|analyst|person|contact|manager)|dedicated|account manager|direct line|same (?:person|rep|"
    r"analyst|tech\w*|crew)|your own (?:rep|person|analyst|manager))\b",
    re.I,
)


def _subjects(text: str, names: frozenset[str] | set[str]) -> set[str]:
    """What a sentence is specifically about besides its common words: the proper names and figures it says."""
    return (
        {w.lower() for w in _named(text, names)}
        | {f"#{n}" for n in _numbers(text)}
        | {m.lower() for m in _months(text)}
    )


def shared_topic(later: str, earlier: str, names: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """What two sentences share: content words, proper names and figures, and "when" if both are schedules."""
    out = shared_stems(later, earlier) | (_subjects(later, names) & _subjects(earlier, names))
    if _schedule(later) and _schedule(earlier):
        out.add("<when>")
    for tag, shape in (("<discount>", _DISCOUNT), ("<dedicated>", _DEDICATED), ("<tier>", _TIER)):
        if shape.search(later) and shape.search(earlier):
            out.add(tag)
    return out


def _negates(text: str, topic: set[str] | None = None) -> bool:
    """Whether the text negates something; with ``topic``, only something on the topic: a topic word within a
    few words after the negation ("I can't lock a rate" negates the lock; "the agent does not care where the
    laptop is" does not negate the laptop)."""
    text = _POSITIVE_NO.sub(" ", _ANSWER_NO.sub("", text))
    if topic is None:
        return bool(_NEGATION.search(text))
    for m in _NEGATION.finditer(text):
        after = " ".join(re.findall(r"[\w'-]+", text[m.end() :])[:_SCOPE])
        if content_stems(after) & topic:
            return True
        # the thing named first, then denied: "QuickBooks we don't connect to yet", "Hamilton isn't included"
        before = re.findall(r"[\w'-]+", text[: m.start()])
        if (
            len(before) <= _SCOPE
            and _DENIED.match(text[m.start() :])
            and content_stems(" ".join(before)) & topic
        ):
            return True
    return False


def _denies_shape(text: str, topic: set[str]) -> bool:
    """Whether a negation falls on the discount or the dedicated person both sentences are about ("we don't
    assign a named rep" / "a dedicated account manager")."""
    text = _POSITIVE_NO.sub(" ", _ANSWER_NO.sub("", text))
    for tag, shape in (("<discount>", _DISCOUNT), ("<dedicated>", _DEDICATED)):
        if tag in topic:
            for m in _NEGATION.finditer(text):
                if shape.search(" ".join(re.findall(r"[\w'-]+", text[m.end() :])[: _SCOPE + 2])):
                    return True
    return False


def _limits(text: str, topic: set[str]) -> bool:
    """Whether the text limits or conditions what it shares with the earlier words ("is an add-on", "tied to
    a 24-month term", "scope it to the Hartford office only", "upload it yourselves")."""
    return bool(topic) and bool(_LIMITING.search(_POSITIVE_NO.sub(" ", text)))


def _adds_what_was_ruled_out(later: str, earlier: str, topic: set[str]) -> bool:
    """The earlier statement ruled a thing out ("flat, no escalator"); the later one says it is there
    ("there's a small escalator")."""
    for m in re.finditer(r"\bno ([a-z][\w-]+)", _POSITIVE_NO.sub(" ", earlier), re.I):
        word = m.group(1).lower()
        if not content_stems(word) & topic:
            continue
        there = rf"\b(?:there's|there is|there are|has|have|with|includes?|comes with|plus)\s+(?:a |an |some )?(?:\w+\s+)?{re.escape(word)}"
        if re.search(there, later, re.I) and not _negates(later, content_stems(word)):
            return True
    return False


def _now_charged(later: str, earlier: str) -> bool:
    """The earlier statement made something free or included; the later one puts a price or a fee on it."""
    return bool(_FREE.search(earlier)) and bool(
        _CHARGED.search(later) or any(q.kind == "money" for q in _values(later))
    )


def _months(text: str) -> set[str]:
    return {m.group(1) for m in _MONTH.finditer(text) if not _MAY_VERB.match(text, m.start())}


_MAY_VERB = re.compile(r"May\s+(?:I|we|you|be|have)\b")


def _value_conflict(later: str, earlier: str, names: frozenset[str] | set[str] = frozenset()) -> bool:
    """A value said both times that differs (money, durations, counts; months)."""
    lq, eq = _values(later), _values(earlier)
    topic = shared_stems(later, earlier)
    close = len(topic) >= 3  # the sentences are about one thing
    pairs = [
        (a, b)
        for a in lq
        for b in eq
        if (close or _about(later, a) & _about(earlier, b))  # values of the same thing
        and _owner(later, a, names) == _owner(earlier, b, names)  # ... of the same plan, product or site
    ]
    # values that each sit next to a shared word are compared by it ("twenty-five years on the panels and ten
    # on the workmanship" / "panels twenty-five years, the workmanship five years")
    by_anchor: dict[str, set[str]] = {}
    for a, b in pairs:
        anchor = _anchor(later, a, topic)
        if anchor and anchor == _anchor(earlier, b, topic):
            by_anchor.setdefault(anchor, set()).add("same" if _near_money(a, b) else compare_quantities(a, b))
    if any(found == {"different"} for found in by_anchor.values()):
        return True
    outcomes = ["same" if _near_money(a, b) else compare_quantities(a, b) for a, b in pairs]
    if "different" in outcomes and "same" not in outcomes:
        return True
    lm, em = _months(later), _months(earlier)
    if lm - em and em - lm:
        return True  # each names a month the other does not: "June twelfth" / "early July"
    ld, ed = _dates(later), _dates(earlier)
    # one month, another day: "October first" / "October nineteenth"
    return bool(ld and ed and not ld & ed and {m for m, _ in ld} & {m for m, _ in ed})


def _anchor(text: str, q, topic: set[str]) -> str | None:
    """The shared topic word a value is a value of: the one after "on", "for", "of" or "per" right after it
    ("ten years on the workmanship"), else the nearest within three words."""
    left = re.findall(r"[\w'-]+", text[: q.start])[-3:][::-1]
    right = re.findall(r"[\w'-]+", text[q.end :])[:3]

    def hit(w: str | None) -> str | None:
        found = sorted(content_stems(w) & topic) if w else []
        return found[0] if found else None

    if right and right[0].lower() in ("on", "for", "of", "per"):
        for w in right[1:]:
            if hit(w):
                return hit(w)
    for k in range(3):
        for w in (left[k] if k < len(left) else None, right[k] if k < len(right) else None):
            if hit(w):
                return hit(w)
    return None


_FRAGMENT = re.compile(r"^(?:thousand|million|hundred|grand)\b", re.I)


_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)")
_TOKEN = re.compile(r"[A-Z][a-z]+")


def proper_names(texts: Sequence[str], people: Sequence[str] = ()) -> frozenset[str]:
    """Words written capitalised inside sentences (plans, products, places), less people's names and months."""
    skip = {w for p in people for w in p.split()} | {m.capitalize() for m in _MONTHS} | {"I"}
    found = {w for t in texts for m in _CAPITAL.finditer(t) for w in _TOKEN.findall(m.group(1))}
    return frozenset(found - skip)


def _named(text: str, names: frozenset[str] | set[str]) -> set[str]:
    return set(_TOKEN.findall(text)) & set(names)


def _owner(text: str, q, names: frozenset[str] | set[str]) -> str | None:
    """The proper name a value belongs to: the last one said before it ("Practice ... unlimited texts")."""
    before = [w for w in _TOKEN.findall(text[: q.start]) if w in names]
    return before[-1] if before else None


def _values(text: str) -> list:
    """The sentence's values, less fragments the number reader could not join ("... thousand for the year")."""
    return [q for q in extract_quantities(text) if not _FRAGMENT.match(q.text.strip())]


def _about(text: str, q) -> frozenset[str]:
    """What a value is a value of: the words around it, not the value's own words ("hours")."""
    return context_words(text, q) - context_words(q.text, q)


def _near_money(a, b) -> bool:
    """Two amounts of money within 3%: a total said roughly ("just under forty thousand") is the same."""
    if a.kind != "money" or b.kind != "money" or not a.value or not b.value:
        return False
    return abs(a.value - b.value) <= 0.03 * max(a.value, b.value)


def conflicts(later: str, earlier: str, names: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why a later rep sentence takes back or changes an earlier one on the same topic; None if it does not.
    ``names``: the account's proper names (plans, products, sites); two sentences that each name some and
    share none ("Starter ..." / "The Practice plan ...") are about different things and their values differ
    without conflict."""
    lnames, enames = _named(later, names), _named(earlier, names)
    other_subject = bool(lnames and enames and not lnames & enames)
    if not other_subject and _value_conflict(later, earlier, names):
        return "states another value"
    topic = shared_stems(later, earlier)
    wide = shared_topic(later, earlier, names)
    if _now_charged(later, earlier) and not _FREE.search(later) and topic:
        return _CHARGES
    if _adds_what_was_ruled_out(later, earlier, topic):
        return "says there is what was ruled out"
    later_limits = _negates(later, topic) or _limits(later, wide) or _denies_shape(later, wide)
    if later_limits and not _negates(earlier, topic) and not _LIMITING.search(earlier):
        return "takes back or limits what was promised"
    return None


def carried_promises(earlier: Sequence[Sentence]) -> list[Sentence]:
    """The earlier rep sentences that later calls are held to: concrete statements, not questions."""
    return [
        s
        for s in earlier
        if not s.text.rstrip().endswith("?")
        and len(content_stems(s.text)) >= 2
        and (_OFFER.search(s.text) or _values(s.text) or _months(s.text))
    ]


def _as_claim(s: Sentence, side: str) -> Claim:
    return annotate(
        Claim(
            text=s.text,
            side=side,
            file=s.call,
            utterance_index=s.index,
            speaker=s.speaker,
            start=s.start,
            context=s.context,
        )
    )


@dataclass
class PromiseReads:
    """What the rules read in one later call against the account's earlier promises: the later sentences
    (``todo``), the promises (``refs``), their cosine similarities, the account's proper names, the asset
    claims close to each later sentence, the pairs the rules compared (``candidates``; ``weak`` ones only for a
    shared name, figure or schedule) and, per later sentence the rules flag, (rank, promise, reason)."""

    todo: list[Sentence]
    refs: list[Sentence]
    sims: np.ndarray
    names: frozenset[str]
    near: list[list[str]]
    candidates: list[tuple[int, int, float]]
    weak: set[tuple[int, int]]
    best: dict[int, tuple[float, int, str]]


def read_promises(
    later: Sequence[Sentence],
    earlier: Sequence[Sentence],
    embedder: Embedder,
    judge: Judge | None = None,
    asset_texts: Sequence[str] = (),
    asset_vecs: np.ndarray | None = None,
    config: PromiseConfig | None = None,
) -> PromiseReads | None:
    """The rules' reading of a call's rep sentences (``later``) against the account's earlier rep sentences
    (module docstring); None when there is nothing to compare. ``asset_texts``/``asset_vecs``: the campaign's
    claims, so that a correction back to the assets is not flagged."""
    cfg = config or PromiseConfig()
    refs = carried_promises(earlier)
    todo = [s for s in later if not s.text.rstrip().endswith("?") and not _CORRECTION.search(s.context)]
    if not refs or not todo:
        return None
    lv = embedder.embed_batch([s.text for s in todo])
    rv = embedder.embed_batch([s.text for s in refs])
    sims = lv @ rv.T
    near = _near_assets(lv, asset_texts, asset_vecs, cfg)
    names = proper_names([s.context for s in [*todo, *refs]], [s.speaker for s in [*todo, *refs]])
    candidates: list[tuple[int, int, float]] = []
    weak: set[tuple[int, int]] = set()  # pairs compared only for a shared name, figure or schedule
    for i, s in enumerate(todo):
        for j, r in enumerate(refs):
            sim = float(sims[i, j])
            shared = len(shared_stems(s.text, r.text))
            named = names_speaker(s.context, r.speaker)
            if (
                (shared >= cfg.min_shared and sim >= cfg.min_sim)
                or (shared >= 1 and sim >= cfg.close_sim)
                or (named and shared >= 1 and sim >= cfg.named_sim)
            ):
                candidates.append((i, j, sim))
            elif _same_subject(s.text, r.text, names, sim, cfg):
                candidates.append((i, j, sim))
                weak.add((i, j))
    certain = _judged(todo, refs, candidates, judge, cfg)
    best: dict[int, tuple[float, int, str]] = {}
    for (i, j, sim), judged in zip(candidates, certain, strict=True):
        if _corrects(todo[i].text, refs[j].text, near[i]):
            continue
        why = conflicts(todo[i].text, refs[j].text, names) or judged
        if (i, j) in weak and (
            why not in _WEAK_REASONS or (why == _CHARGES and not _CHARGED.search(todo[i].text))
        ):
            continue  # a pair this loosely related needs an explicit fee, not just an amount
        # the evidence shown is the earlier promise the later words take back: close, on the same words, an
        # offer, on the same named thing or date
        rank = evidence_rank(todo[i].text, refs[j].text, sim, names)
        if why and rank > best.get(i, (-1.0, -1, ""))[0]:
            best[i] = (rank, j, why)
    return PromiseReads(list(todo), refs, sims, names, near, candidates, weak, best)


def evidence_rank(later: str, earlier: str, sim: float, names: frozenset[str] | set[str]) -> float:
    """How well an earlier promise serves as the evidence a later sentence takes back: close, on the same
    words, an offer, on the same named thing or date."""
    both = shared_topic(later, earlier, names)
    return (
        sim
        + 0.05 * len(shared_stems(later, earlier))
        + 0.1 * len(both - shared_stems(later, earlier))
        + 0.1 * bool(_OFFER.search(earlier))
    )


CUES: tuple[str, ...] = (
    "later_negates",  # the later sentence negates something
    "later_limits",  # ... or limits it ("an add-on", "on the roadmap", "needs sign-off")
    "later_charges",  # ... or puts a fee on it
    "later_value",  # it says a value or a month
    "earlier_offer",  # the earlier sentence is an offer ("included", "we handle", "every site")
    "earlier_value",
    "earlier_negates",
    "shared_words",  # content words both use, / 5, capped at 1
    "shared_subject",  # a name, figure, schedule, discount, person or tier both are about
    "conflict",  # the rules' conflict test on this pair
    "corrects",  # the later sentence sets the earlier one right, back to the assets
)


def pair_cues(
    later: str, earlier: str, names: frozenset[str] | set[str], assets: Sequence[str]
) -> list[float]:
    """The rules' cues on one (later, earlier) pair as numbers (``CUES``), for a learned head to weigh."""
    shared = shared_stems(later, earlier)
    both = shared_topic(later, earlier, names)
    return [
        float(_negates(later)),
        float(bool(_LIMITING.search(_POSITIVE_NO.sub(" ", later)))),
        float(bool(_CHARGED.search(later))),
        float(bool(_values(later) or _months(later))),
        float(bool(_OFFER.search(earlier))),
        float(bool(_values(earlier) or _months(earlier))),
        float(_negates(earlier)),
        min(1.0, len(shared) / 5),
        float(bool(both - shared)),
        float(conflicts(later, earlier, names) is not None),
        float(_corrects(later, earlier, assets)),
    ]


def inconsistencies(
    later: Sequence[Sentence],
    earlier: Sequence[Sentence],
    embedder: Embedder,
    judge: Judge | None = None,
    asset_texts: Sequence[str] = (),
    asset_vecs: np.ndarray | None = None,
    config: PromiseConfig | None = None,
) -> list[Finding]:
    """``inconsistent`` findings for a call's rep sentences (``later``) against the account's earlier rep
    sentences, as the rules read them (module docstring). A later sentence the asset check also flags is
    flagged here too: the account's promise changed, whatever the assets say."""
    reads = read_promises(later, earlier, embedder, judge, asset_texts, asset_vecs, config)
    if reads is None:
        return []
    return promise_findings(reads, {i: (rank, j, why, None) for i, (rank, j, why) in reads.best.items()})


def changed_promise(later: dict, earlier: Sentence, why: str, score: float, slot: str | None) -> Finding:
    """An ``inconsistent`` finding: the later rep's words (``later``, as findings cite them), and as its evidence
    the earlier sentence it changes (call, speaker, time), whoever read the pair (the rules or journey.judged)."""
    return Finding(
        kind="inconsistent",
        score=score,
        slot=slot,
        explanation=(
            f'{later["speaker"]} {why}: on {earlier.call}, {earlier.speaker} said "{earlier.text}"'
            + (f" (at {clock(earlier.start)})" if earlier.start is not None else "")
            + "."
        ),
        transcript=later,
        asset={
            "file": earlier.call,
            "text": earlier.text,
            "call": earlier.call,
            "speaker": earlier.speaker,
            "start": earlier.start,
            "index": earlier.index,
        },
    )


def promise_findings(
    reads: PromiseReads, chosen: dict[int, tuple[float, int, str, float | None]]
) -> list[Finding]:
    """Findings for the later sentences chosen: sentence index -> (rank, promise index, reason, score; None
    for the rules' similarity-based score). One utterance taking one promise back twice is one finding."""
    todo, refs, sims = reads.todo, reads.refs, reads.sims
    out = []
    kept: dict[tuple[int, int], int] = {}
    for i, (rank, j, _, _) in chosen.items():
        key = (todo[i].index, j)
        if key not in kept or rank > chosen[kept[key]][0]:
            kept[key] = i
    for i, (_, j, why, score) in sorted(chosen.items()):
        if kept[(todo[i].index, j)] != i:
            continue
        s, r = todo[i], refs[j]
        sim = float(sims[i, j])
        out.append(
            changed_promise(
                {"speaker": s.speaker, "text": s.text, "start": s.start, "index": s.index},
                r,
                why,
                round(score if score is not None else min(0.95, 0.5 + sim / 2), 4),
                annotate(Claim(text=s.text, side="rep", file=s.call)).slot,
            )
        )
    return out


_CHARGES = "charges for what was said to be free or included"
_WEAK_REASONS = ("takes back or limits what was promised", "states another value", _CHARGES)


def _same_subject(
    later: str, earlier: str, names: frozenset[str] | set[str], sim: float, cfg: PromiseConfig
) -> bool:
    """Whether two sentences that share few words are still about one thing: both name one product, vendor or
    figure ("we don't integrate with Corvane" / "feeds straight into Corvane"), or both say when one thing
    happens ("the earliest slot is January" / "the November install calendar"), or the same work moves from
    the vendor to the prospect ("our team does the import for you" / "upload it yourselves")."""
    both = shared_topic(later, earlier, names)
    if "<when>" in both and sim >= cfg.schedule_sim:
        return True
    if both & {"<discount>", "<dedicated>", "<tier>"} and sim >= cfg.shape_sim:
        return True  # one discount, one person of their own, the plans that have it, in other words
    if both and _FREE.search(earlier) and _CHARGED.search(later) and sim >= cfg.subject_sim:
        return True  # what was included is now charged for
    if both and _WE_DO.search(earlier) and _YOU_DO.search(later) and sim >= cfg.subject_sim:
        return True  # the work moves from the vendor to the prospect
    return bool(both - {"<when>"} - shared_stems(later, earlier)) and sim >= cfg.subject_sim


def _judged(
    todo: Sequence[Sentence],
    refs: Sequence[Sentence],
    candidates: list[tuple[int, int, float]],
    judge: Judge | None,
    cfg: PromiseConfig,
) -> list[str | None]:
    """The judge's word on each candidate pair, the earlier sentence as the asset claim: a reason when it is
    certain the pair conflicts, else None."""
    if judge is None or not candidates:
        return [None] * len(candidates)
    later = {i: _as_claim(todo[i], "rep") for i, _, _ in candidates}
    earlier = {j: _as_claim(refs[j], "asset") for _, j, _ in candidates}
    index = AssetIndex.build(list(earlier.values()))
    verdicts = judge.judge_all([Alignment(later[i], [(earlier[j], sim)]) for i, j, sim in candidates], index)
    return [
        "changes a value stated earlier"
        if v.kind in ("contradiction", "weakened") and v.certain and sim >= cfg.judge_sim
        else None
        for v, (_, _, sim) in zip(verdicts, candidates, strict=True)
    ]


def _near_assets(
    vecs: np.ndarray, asset_texts: Sequence[str], asset_vecs: np.ndarray | None, cfg: PromiseConfig
) -> list[list[str]]:
    """For each later sentence, the campaign's asset claims close to it in meaning."""
    if asset_vecs is None or not len(asset_texts):
        return [[] for _ in range(len(vecs))]
    sims = vecs @ asset_vecs.T
    return [[asset_texts[j] for j in np.argsort(-row)[:5] if row[j] >= cfg.asset_sim] for row in sims]


def _corrects(later: str, earlier: str, assets: Sequence[str]) -> bool:
    """Whether the later sentence sets an earlier mistake right: it states a value as an asset does, and the
    earlier sentence stated another. Only the values that changed count: a value both say ("twenty-five years
    on the panels") is no correction of the one that moved ("ten years on the workmanship" -> "five")."""
    lq, eq = extract_quantities(later), extract_quantities(earlier)
    lq, eq = (
        [a for a in lq if not any(compare_quantities(a, e) == "same" for e in eq)],
        [e for e in eq if not any(compare_quantities(e, a) == "same" for a in lq)],
    )
    for text in assets:
        for b in extract_quantities(text):
            if any(compare_quantities(a, b) == "same" for a in lq) and any(
                compare_quantities(e, b) == "different" for e in eq
            ):
                return True
    return False
