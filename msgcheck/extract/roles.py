"""Who is a rep. Only reps can drift; prospects are context.

Order of authority: `--rep NAME` given by the user, then roles stated in the file (bracketed titles,
JSON participants, Gong affiliations), then inference. Inference weighs, per speaker:

- companies: introducing oneself from a company ("Nina from Dispatchly", "I handle accounts here at
  Medibook"), being introduced from one ("this is Dev from Payroo"), or answering the phone with one
  ("Toolworks, this is Pat."). When the campaign's assets name the company, that speaker sells; when they
  do not, that speaker buys. This is the strongest evidence and the one a reviewer can check at a glance;
- questions: asking about the other side's business (discovery) is selling, asking what the product does
  or costs is buying; and whoever answers the other side's questions takes the opposite role;
- language: offer language ("you'll get", "it comes with") against buyer language ("we use", "send me
  the quote"); "our team" alone counts for neither.

The top seller is a rep; so is anyone placed at the campaign's company and any colleague a rep brings in.
Each speaker gets a confidence and the evidence in words; a call is flagged `roles_uncertain` when no
speaker is placed at the campaign's company and the language does not clearly separate the sides, so
every output can say the roles are a guess.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InputError
from ..types import Transcript
from . import rolecues as cues


class RoleError(InputError):
    """`--rep` names nobody who speaks in the call."""


@dataclass(frozen=True)
class RoleConfig:
    """Weights of each cue in a speaker's seller score, and when a call's roles count as uncertain."""

    campaign_company: float = 8.0  # introduced (by self or another) from the campaign's company
    other_company: float = -8.0  # introduced from another company when the campaign's is known
    unknown_company: float = 0.5  # introduced from a company when no campaign vocabulary is known
    phone_greeting: float = -2.0  # answered the phone with a company name and no campaign vocabulary
    speaks_for: float = 2.0  # states what the campaign's product does, by name ("Veriform can pre-fill ...")
    seller_phrase: float = 1.0
    buyer_phrase: float = -1.0
    discovery_question: float = 1.0
    product_question: float = -1.5
    answered_product_question: float = 1.0
    answered_discovery_question: float = -1.0
    join_score: float = 4.0  # a second speaker is a rep too at this score ...
    join_ratio: float = 2.0  # ... when their seller cues outweigh buyer cues this many times
    confidence_scale: float = 3.0  # logistic scale turning a score margin into a confidence
    uncertain_below: float = 0.8  # a call whose least certain inferred role is below this is uncertain


@dataclass
class SpeakerRole:
    """One speaker's inferred role, how sure, and why (sentences a reviewer can check)."""

    speaker: str
    role: str  # "rep" | "prospect"
    confidence: float
    evidence: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass
class _Tally:
    score: float = 0.0
    seller: float = 0.0
    buyer: float = 0.0
    company: str = ""  # the campaign's company, when this speaker is placed there
    other_company: str = ""  # another company this speaker is placed at
    named_company: str = ""  # a company this speaker is placed at, with no campaign vocabulary to judge it
    evidence: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, weight: float, key: str) -> None:
        self.score += weight
        if weight > 0:
            self.seller += weight
        else:
            self.buyer -= weight
        self.counts[key] += 1


def first_name(speaker: str) -> str:
    """The first name of a speaker label ("Dr. Farah Nasser" -> "farah", "Tyler's iPhone" -> "tyler")."""
    parts = [
        p for p in speaker.replace(".", " ").split() if p.lower() not in ("dr", "mr", "mrs", "ms", "prof")
    ]
    first = parts[0] if parts else speaker
    return first.split("'")[0].lower()


def is_campaign_company(company: str, vocab_words: set[str] | None) -> bool | None:
    """Whether a company named on the call is the campaign's own: its name word (the first) and at least
    half its words in the assets ("Ria from Fernhill Bookkeeping" where the assets say "Fernhill"); None
    when there is no campaign vocabulary to tell."""
    if not vocab_words:
        return None
    words = cues.company_words(company)
    found = [w in vocab_words for w in words]
    return bool(words) and found[0] and 2 * sum(found) >= len(words)


def infer_roles(
    transcript: Transcript, vocab_words: set[str] | None = None, config: RoleConfig | None = None
) -> dict[str, SpeakerRole]:
    """Every speaker's role with a confidence and evidence, from what was said (no --rep, no file roles)."""
    cfg = config or RoleConfig()
    speakers = transcript.speakers
    if not speakers:
        return {}
    if len(speakers) == 1:
        only = speakers[0]
        return {only: SpeakerRole(only, "rep", 0.5, ["the only speaker on the call"])}
    tally = {s: _Tally() for s in speakers}
    by_first = {first_name(s): s for s in speakers}
    introduced: dict[str, set[str]] = {s: set() for s in speakers}
    previous = None
    for n, u in enumerate(transcript.utterances):
        t = tally[u.speaker]
        me = first_name(u.speaker)
        for mention in cues.company_mentions(u.text, me, first_utterance=n == 0):
            if mention.ours_only and not is_campaign_company(mention.company, vocab_words):
                continue
            target = u.speaker if mention.who == "self" else by_first.get(mention.who)
            if target is None and mention.self_marked:
                target = u.speaker  # "Speaker 2: this is Carol, from ...": the label is not the name
            if target is not None:
                _place(tally[target], mention, target == u.speaker, vocab_words, cfg)
        introduced[u.speaker] |= cues.introduced_names(u.text)
        for _ in cues.SELLER_LANGUAGE.finditer(u.text):
            t.add(cfg.seller_phrase, "seller")
        for _ in cues.BUYER_LANGUAGE.finditer(u.text):
            t.add(cfg.buyer_phrase, "buyer")
        sents = cues.sentences(u.text)
        for s in sents:
            if vocab_words and (name := cues.speaks_for(s, vocab_words)) and not t.counts["speaks_for"]:
                t.add(cfg.speaks_for, "speaks_for")
                t.evidence.append(f'says what {name} does ("{s}")')
            if cues.is_discovery_question(s):
                t.add(cfg.discovery_question, "discovery")
            elif cues.is_product_question(s):
                t.add(cfg.product_question, "product_q")
        if previous is not None and previous.speaker != u.speaker and not any(s.endswith("?") for s in sents):
            asked = cues.sentences(previous.text)[-1:] or [""]
            if cues.is_product_question(asked[0]):
                t.add(cfg.answered_product_question, "answered_product")
            elif cues.is_discovery_question(asked[0]):
                t.add(cfg.answered_discovery_question, "answered_discovery")
        previous = u
    return _decide(speakers, tally, introduced, cfg)


def _place(
    t: _Tally, mention: cues.CompanyMention, own: bool, vocab: set[str] | None, cfg: RoleConfig
) -> None:
    """Credit a speaker placed at a company: the campaign's (seller), another (buyer) or unknown."""
    said = "introduced themselves" if own else "was introduced"
    ours = is_campaign_company(mention.company, vocab)
    if ours and not t.company:
        t.company = mention.company
        t.add(cfg.campaign_company, "company")
        t.evidence.append(f'{said} from {mention.company}, the campaign\'s company ("{mention.quote}")')
    elif ours is False and not t.other_company:
        t.other_company = mention.company
        t.add(cfg.other_company, "company")
        t.evidence.append(f'{said} from {mention.company}, not the campaign\'s company ("{mention.quote}")')
    elif ours is None and not t.named_company:
        t.named_company = mention.company
        t.add(cfg.unknown_company, "company")
        t.evidence.append(f'{said} from {mention.company} ("{mention.quote}")')


def _decide(
    speakers: list[str], tally: dict[str, _Tally], introduced: dict[str, set[str]], cfg: RoleConfig
) -> dict[str, SpeakerRole]:
    top = max(speakers, key=lambda s: (tally[s].score, tally[s].seller))
    reps = {top} | {s for s in speakers if tally[s].company and not tally[s].other_company}
    why: dict[str, str] = {}
    changed = True
    while changed:  # colleagues a rep brings in are reps too
        changed = False
        for s in speakers:
            t = tally[s]
            if s in reps or (t.other_company and not t.company):
                continue
            by = next((r for r in reps if first_name(s) in introduced[r]), None)
            brought = next((r for r in reps if first_name(r) in introduced[s]), None)
            if by is not None:
                why[s] = f"brought into the call by {by}, as a colleague"
            elif brought is not None and t.score >= 0:
                why[s] = f"brought {brought} into the call, as a colleague"
            elif t.score >= cfg.join_score and t.seller >= cfg.join_ratio * max(t.buyer, 1.0):
                why[s] = "sells as clearly as the lead rep"
            else:
                continue
            reps.add(s)
            changed = True
    best_prospect = max((tally[s].score for s in speakers if s not in reps), default=0.0)
    worst_rep = min(tally[s].score for s in reps)
    out = {}
    for s in speakers:
        t = tally[s]
        role = "rep" if s in reps else "prospect"
        evidence = list(t.evidence) + _language_evidence(t)
        if s in why:
            evidence.insert(0, why[s])
        if (role == "rep" and t.company) or (role == "prospect" and t.other_company and not t.company):
            confidence = 0.95
        elif s in why and why[s].startswith("brought"):
            confidence = 0.9
        else:
            margin = t.score - best_prospect if role == "rep" else worst_rep - t.score
            confidence = 1.0 / (1.0 + math.exp(-margin / cfg.confidence_scale))
        if not evidence:
            evidence = ["nothing they said points either way"]
        out[s] = SpeakerRole(s, role, round(confidence, 3), evidence, round(t.score, 2))
    return out


_CUE_WORDS = {  # (one, several): "1 question about ...", "3 questions about ..."
    "seller": (("offer phrase", "offer phrases"), "rep"),
    "discovery": (
        ("question about the other side's business", "questions about the other side's business"),
        "rep",
    ),
    "answered_product": (("answer to a product question", "answers to product questions"), "rep"),
    "buyer": (
        (
            "buyer phrase (their own tools, budget, sign-off)",
            "buyer phrases (their own tools, budget, sign-off)",
        ),
        "prospect",
    ),
    "product_q": (
        ("question about the product or its price", "questions about the product or its price"),
        "prospect",
    ),
    "answered_discovery": (
        ("answer about their own business", "answers about their own business"),
        "prospect",
    ),
}


def _language_evidence(t: _Tally) -> list[str]:
    parts = [f"{n} {_CUE_WORDS[k][0][n != 1]}" for k, n in t.counts.items() if k in _CUE_WORDS and n]
    return [", ".join(parts)] if parts else []


def roles_uncertain(roles: dict[str, SpeakerRole], config: RoleConfig | None = None) -> str:
    """Why a call's inferred roles are a guess (empty when they are not): nobody is placed at the
    campaign's company and some speaker's role is below the confidence bar."""
    cfg = config or RoleConfig()
    if not roles:
        return ""
    if len(roles) == 1:
        return "only one person speaks, so the call may not be a sales conversation"
    unsure = sorted(
        (r for r in roles.values() if r.confidence < cfg.uncertain_below), key=lambda r: r.confidence
    )
    if not unsure:
        return ""
    names = ", ".join(f"{r.speaker} ({r.role}, {round(100 * r.confidence)}% sure)" for r in unsure[:3])
    return (
        f"who is a rep was guessed from how people talk, not from an introduction from the campaign's company; "
        f"least certain: {names}. Name the reps (--rep) to be sure."
    )


def matches_speaker(name: str, speaker: str) -> bool:
    """Whether a --rep name means this speaker (full label or first name, any case)."""
    wanted = name.strip().lower()
    return wanted == speaker.lower() or wanted == first_name(speaker)


def unmatched_names(names: Iterable[str], speakers: Iterable[str]) -> list[str]:
    """The names that match none of the speakers."""
    speakers = list(speakers)
    return [n for n in names if not any(matches_speaker(n, s) for s in speakers)]


def assign_roles(
    transcript: Transcript,
    reps: list[str] | None = None,
    vocab_words: set[str] | None = None,
    config: RoleConfig | None = None,
) -> Transcript:
    """Set every speaker's role, where it came from (cli, file or inferred), and for inferred roles the
    confidence, evidence and whether the call's roles are uncertain; in place.

    Raises RoleError when `reps` names nobody who speaks in the call (a typo must not fall back to a guess).
    """
    speakers = transcript.speakers
    transcript.role_confidence = {}
    transcript.role_evidence = {}
    transcript.roles_uncertain = ""
    if reps:
        named = [s for s in speakers if any(matches_speaker(r, s) for r in reps)]
        if not named:
            raise RoleError(
                f"--rep {', '.join(repr(r) for r in reps)} names nobody in this call",
                path=transcript.name,
                hint=f"its speakers are: {', '.join(speakers)}",
            )
        transcript.roles = {s: ("rep" if s in named else "prospect") for s in speakers}
        transcript.role_source = dict.fromkeys(speakers, "cli")
        transcript.role_confidence = dict.fromkeys(speakers, 1.0)
        transcript.role_evidence = {
            s: ["named with --rep" if s in named else "not named with --rep"] for s in speakers
        }
        return transcript
    stated = {s: r for s, r in transcript.roles.items() if r in ("rep", "prospect")}
    if any(r == "rep" for r in stated.values()):
        transcript.roles = {s: stated.get(s, "prospect") for s in speakers}
        transcript.role_source = {s: ("file" if s in stated else "inferred") for s in speakers}
        transcript.role_confidence = {s: (1.0 if s in stated else 0.5) for s in speakers}
        transcript.role_evidence = {
            s: ["stated in the transcript" if s in stated else "not given a role in the transcript"]
            for s in speakers
        }
        return transcript
    inferred = infer_roles(transcript, vocab_words, config)
    transcript.roles = {s: inferred[s].role for s in speakers}  # type: ignore[misc]
    transcript.role_source = dict.fromkeys(speakers, "inferred")
    transcript.role_confidence = {s: inferred[s].confidence for s in speakers}
    transcript.role_evidence = {s: inferred[s].evidence for s in speakers}
    transcript.roles_uncertain = roles_uncertain(inferred, config)
    return transcript


def infer_reps(transcript: Transcript, vocab_words: set[str] | None = None) -> list[str]:
    """Speakers taken as reps when neither the user nor the file says."""
    roles = infer_roles(transcript, vocab_words)
    return [s for s in transcript.speakers if roles[s].role == "rep"]
