"""What a speaker says that tells seller from buyer: introductions, questions, offer and buyer language.

Pure functions over one utterance's text; `roles.py` weighs them. The strongest cue is a company: "I'm Dana
from Routewick" puts Dana at Routewick, and whether Routewick is the campaign's own company (its name is in
the assets) decides seller or buyer. Language cues are weaker and counted: a seller asks about the
prospect's business ("how many trucks do you run?") and says what the product does; a buyer asks what it
costs and describes their own operations. "Our team" alone says nothing: both sides have one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .daynames import CALENDAR_WORDS

_NAME = r"(?!(?:It|This|That|I|Hi|Hey|Hello|Thanks|So|And|But|Yes|Yeah|Okay|Well|Sorry|Great|Oh)\b)[A-Z][a-z]+(?:'[A-Z][a-z]+)?"
# A company as written: capitalised words, "and" / "&" / "of" inside it ("Hargrove and Pruitt").
_COMPANY = r"[A-Z][\w&'-]*(?:\s+(?:and|&|of)\s+[A-Z][\w&'-]*|\s+[A-Z][\w&'-]*)*"
_AT = r"(?:from|with|over at|here at|at|calling from|calling on behalf of)"

# "I'm Dana from Routewick", "this is Cody, I'm with Fleetpulse", "Simon Clarke, with Docketlens",
# "I've got Andrea from Tabletop on": a person named with a company (self or other, resolved by the caller).
_NAMED_WITH = re.compile(
    rf"\b(?P<name>{_NAME})(?:\s+{_NAME})?,?\s+(?:and\s+)?(?:I'm\s+)?{_AT}\s+(?P<co>{_COMPANY})"
)
# "I'm with Swiftpay", "I handle accounts here at Medibook", "I'm the controller at Granite Bay Foods".
_I_AM_AT = re.compile(
    rf"\bI(?:'m| am| work| handle| run| lead| manage| head| look after| cover)\b[^.?!]{{0,40}}?"
    rf"\b(?:with|at|here at|over at|calling from|from)\s+(?P<co>{_COMPANY})"
)
# "this is our Movewell kickoff", "here at Medibook": the speaker's own company.
_OUR_COMPANY = re.compile(rf"\b(?:our|here at)\s+(?P<co>{_COMPANY})")
# The first words of someone answering their phone: "Toolworks, this is Pat." / "Lotus Root Yoga, this is Maya."
_PHONE_GREETING = re.compile(
    rf"^\s*(?:thanks for calling\s+)?(?P<co>{_COMPANY}),\s+(?:this is|it's)\s+{_NAME}\b"
)
# Words that start a sentence or name a day, not a company ("at Monday", "with The ...").
_NOT_COMPANY = frozenset(
    [
        "i",
        "the",
        "a",
        "an",
        "this",
        "that",
        "our",
        "your",
        "my",
        "their",
        "his",
        "her",
        "we",
        "you",
        "it",
        "hi",
        "hey",
        "hello",
        "morning",
        "afternoon",
        "evening",
        "good",
        "yes",
        "yeah",
        "yep",
        "okay",
        "ok",
        "oh",
        "sure",
        "thanks",
        "thank",
        "well",
        "so",
        "sorry",
        "great",
        *CALENDAR_WORDS,
    ]
)
_SELF_MARKER = re.compile(r"\b(?:I'm|I am|it's|this is|my name is|here's)\s+$", re.I)
_GENERIC_COMPANY_WORDS = frozenset(
    {"and", "of", "&", "inc", "inc.", "llc", "co", "co.", "ltd", "the", "group"}
)

SELLER_LANGUAGE = re.compile(
    r"\b(we offer|we include|we support|we integrate|we provide|we guarantee|we can get you|we can do|"
    r"our (platform|product|software|pricing plans?|plans?|tiers?|onboarding|support team|customers|clients|"
    r"dealers|users|trial|app|api|service|solutions team)|"
    r"you('ll| will) get|you get|it comes with|comes with|is included|are included|included in|"
    r"I can (offer|do|get you|send you|throw in|extend|move you|match)|let me (show|walk|share|pull up)|"
    r"on our (end|side)|we've helped|we help|we work with|what we do|the way we|when you sign|"
    r"I'll (pull together|put together|resend)|I'll send (you|over|our|them|the (quote|proposal|invite|contract|"
    r"pricing|breakdown|forms|agreement))|you'll have the (quote|proposal|contract)|"
    r"we(\s(can|could|would|will|usually|typically)\s|'d\s|'ll\s|\s)(deliver|lock|match|map|set up|handle|migrate|"
    r"configure|import|train|install|ship|text|route|waive|cover|credit|host|monitor|pre-fill|onboard|build))\b",
    re.I,
)
BUYER_LANGUAGE = re.compile(
    r"\b(we're (currently )?(using|paying|on)|we use|we pay|we're paying|we've been using|we spend|we run|"
    r"our (current|existing|old) (vendor|provider|system|tool|setup|contract)|"
    r"my boss|our budget|I'd have to (check|run it)|send me the (quote|proposal|contract|pricing)|"
    r"I'll sign|we'd need to see|I booked this|I requested)\b",
    re.I,
)
# A question about the prospect's own business: discovery, what a seller asks.
_DISCOVERY = re.compile(
    r"\b(how many|how often|how long|how are you|how do you|walk (me|us) through|tell (me|us) (about|what)|"
    r"what's driving|what happens when|who else|what would you need|what's not working|"
    r"(right now|today|currently|these days)\b|do you know your|can I ask|"
    r"(do|are|have|did) you (track|use|using|run|running|process|invoicing|pay|paying|fully|still|tried|get|go|"
    r"going|sell|handle|want|need|do that|work)|how much [a-z]+ (are|do|is) you|are you on|"
    r"what (system|erp|crm|tool|software|platform|provider)|who (processes|handles|does) your|"
    r"what does (a|an|your) [\w' -]{1,30} look like)\b",
    re.I,
)
# A question about the product or its price: what a buyer asks.
_PRODUCT_QUESTION = re.compile(
    r"\b(how much (does|is|would|will|do|for|per|are)\b(?! you)|what (does|would|will) (it|that|this) cost|cost me|what's (that|it|this) (run|cost)|"
    r"what's the (price|cost|rate)|price (on|for|per)|what's your (rate|price|pricing|[\w ]{0,12} rate)|"
    r"do you (guys )?(offer|support|integrate|cover|charge)|does (it|that|your|the)|can (it|your|the|I|we)|can you (send|do|match|get)|"
    r"is there (a|an|any)\b|is it\b(?! (right|okay|ok|alright))|is (that|this) (included|free|extra|available|possible|compatible|covered|billed|per)\b|"
    r"are (those|these|they) (covered|included)|those covered|"
    r"what's included|is that included)\b",
    re.I,
)
_SENTENCE = re.compile(r"[^.?!]+[.?!]?")
# A seller bringing a colleague in: "I've got Raj with me", "Owen's joining too", "Elena, she's one of our account
# executives", "hand you over to Marisol", "I've asked Diane, our VP of sales, to join".
INTRODUCES = [
    re.compile(
        r"\b(?:hand(?:ing)?(?: you| it)? (?:over|off) to|pass(?:ing)? (?:you |it )?(?:over )?to|"
        r"introduce you to|loop(?:ing)? in|joined by)\s+(?:my (?:colleague|teammate|partner)\s+)?("
        + _NAME
        + ")"
    ),
    re.compile(
        r"\b(?:I've (?:also )?got|I have|we've got|I've asked|I asked)\s+("
        + _NAME
        + r")(?:,? (?:with me|on|to join|here))"
    ),
    re.compile(
        r"\b(" + _NAME + r")(?:'s| is) (?:on )?(?:joining|on the line|here with us|with me|on from our)"
    ),
    re.compile(
        r"\b(" + _NAME + r")(?: \w+)?, (?:she|he|they)(?:'s| is| are| runs| leads| handles) (?:one of )?our\b"
    ),
    re.compile(
        r"\b(" + _NAME + r"), (?:our|my) (?:colleague|VP|head|director|manager|solutions|sales|account)"
    ),
    re.compile(
        r"\b("
        + _NAME
        + r") (?:is|'s) (?:our|my) (?:colleague|VP|head|director|manager|solutions|sales|account)"
    ),
    re.compile(r"\b(" + _NAME + r"), (?:take it away|over to you|all yours|you want to)"),
    re.compile(r"(?:over to you|all yours|take it away),? (" + _NAME + ")"),
    re.compile(
        r"\b(?:that's|this is) ("
        + _NAME
        + r"), (?:she|he|they)(?:'s| is| are)? (?:leads|runs|handles|one of) our\b"
    ),
]


@dataclass(frozen=True)
class CompanyMention:
    """A person placed at a company by what was said: ``who`` is "self" or a first name (lower case);
    ``self_marked`` when the words say it is the speaker ("this is Carol, ..."), whatever the label."""

    who: str
    company: str
    quote: str
    self_marked: bool = False
    ours_only: bool = False  # "our Movewell kickoff": evidence only when it is the campaign's company


def company_mentions(text: str, speaker_first: str, first_utterance: bool = False) -> list[CompanyMention]:
    """Who the utterance places at which company: the speaker ("I'm Dana from Routewick") or someone named
    ("this is Dev from Payroo"). A phone greeting ("Toolworks, this is Pat.") places the speaker at their own
    company; only a call's first words count as one."""
    out: list[CompanyMention] = []
    for m in _NAMED_WITH.finditer(text):
        co = _clean_company(m.group("co"))
        if not co:
            continue
        name = m.group("name").lower()
        marked = bool(_SELF_MARKER.search(text[: m.start()])) or "I'm " in m.group(0)
        out.append(CompanyMention("self" if name == speaker_first else name, co, m.group(0), marked))
    for m in _I_AM_AT.finditer(text):
        co = _clean_company(m.group("co"))
        if co and not any(c.who == "self" and c.company == co for c in out):
            out.append(CompanyMention("self", co, m.group(0), True))
    for m in _OUR_COMPANY.finditer(text):
        if (co := _clean_company(m.group("co"))) and not co.isupper():  # "our SOC" is a team, not a company
            out.append(CompanyMention("self", co, m.group(0), True, ours_only=True))
    if first_utterance:
        m = _PHONE_GREETING.match(text)
        if m and (co := _clean_company(m.group("co"))):
            out.append(CompanyMention("self", co, m.group(0), True))
    return out


def _clean_company(raw: str) -> str:
    words = raw.rstrip(".,").split()
    while words and words[-1].lower() in ("and", "of", "&"):
        words.pop()
    if not words or words[0].lower() in _NOT_COMPANY:
        return ""
    return " ".join(words)


def company_words(company: str) -> list[str]:
    """The words that identify a company ("Greenfield Produce Co." -> greenfield, produce)."""
    words = [w.strip(".,'").lower() for w in company.split()]
    return [w for w in words if w and w not in _GENERIC_COMPANY_WORDS]


def speaks_for(sentence: str, vocab_words: set[str]) -> str:
    """The campaign name a statement makes a promise for ("yes, Veriform can pre-fill carrier PDFs"); empty
    when none. Only a capitalised word inside the sentence counts, so a sentence-initial "Pricing can" does not."""
    if sentence.endswith("?"):
        return ""
    for m in _SPEAKS_FOR.finditer(sentence):
        word = m.group("co")
        if m.start() > 0 and word.lower() in vocab_words and word.lower() not in _NOT_COMPANY:
            return word
    return ""


_SPEAKS_FOR = re.compile(
    r"\b(?P<co>[A-Z][a-z]+[A-Za-z]*)(?:'ll| can| will| does| includes| offers| supports| handles| gives| comes with|"
    r" syncs| integrates| covers)\b"
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def is_discovery_question(sentence: str) -> bool:
    """A question about the other side's business ("How many reps?", "What ERP do you use today?")."""
    return (
        sentence.endswith("?")
        and bool(_DISCOVERY.search(sentence))
        and not _PRODUCT_QUESTION.search(sentence)
    )


def is_product_question(sentence: str) -> bool:
    """A question about the product or what it costs ("What's that run a month?", "Does it sync both ways?")."""
    return (
        sentence.endswith("?")
        and bool(_PRODUCT_QUESTION.search(sentence))
        and not _DISCOVERY.search(sentence)
    )


def introduced_names(text: str) -> set[str]:
    """First names (lower case) of colleagues a speaker brings into the call."""
    return {m.lower() for p in INTRODUCES for m in p.findall(text)}
