"""Offer terms a sentence asserts or denies: "no setup fee" -> {"setup_fee": False}.

Each canonical term has a few phrasings (`TERMS` documents them). A phrase is asserted (True) unless a
negation cue sits close before it in the same clause ("no", "without", "don't need", "zero", "never",
"free of", "waived", "there's no", ...) or a denial follows it ("... isn't required", "... is waived",
"... is optional", "... is on the roadmap"). Some phrases carry their own polarity: "month-to-month"
and "cancel anytime" say contract=False, "price lock" says price_increase=False, "non-refundable" says
refund=False; a negation cue flips those too ("not month-to-month" -> contract=True).

Scope: a cue reaches at most four words (eight across a list: "no setup, onboarding or cancellation
fees") and never crosses a clause break (. ; : ! ? — "but", "however", "although", "except",
"unless", "if", ", and you", ", there's"), so "no setup fee but you do sign an annual contract" gives
setup_fee=False, contract=True. Terms inside a question ("is there a setup fee?") are not asserted.
"""

from __future__ import annotations

import functools
import re

__all__ = ["TERMS", "polarity_conflicts", "polarity_terms"]

# term -> what it means when True, and the phrasings recognised.
TERMS: dict[str, str] = {
    "setup_fee": "a one-off setup / onboarding / implementation / installation / activation fee is charged "
    "(False: 'free onboarding', 'setup is free', 'we don't charge for setup')",
    "contract": "a contract / agreement / commitment / lock-in / minimum term is required "
    "(False: 'month-to-month', 'cancel anytime', 'no strings attached', 'pay as you go', 'nothing to sign')",
    "credit_card": "a credit card / card on file / payment details are required to start",
    "cancellation_fee": "a cancellation fee / early termination fee / exit fee / penalty for leaving",
    "hidden_fees": "hidden fees / surprise charges / fine print",
    "extra_cost": "something costs extra: extra / additional fees, paid add-on, at additional cost",
    "free": "offered free: free trial / plan / tier / version, for free, free of charge, at no cost, "
    "complimentary",
    "trial": "a trial / test drive / pilot / proof of concept is offered",
    "price_increase": "the price can go up: price increase / hike, raise prices, uplift at renewal "
    "(False: 'price lock', 'your rate is locked', 'grandfathered')",
    "overage": "overage charges for going over a limit",
    "refund": "refunds / money back / reimbursement (False: 'non-refundable')",
    "discount": "a discount / % off / promo / coupon / special pricing",
    "data_export": "you can export / download / take your data with you",
    "migration": "migration help: migrate, data import, move your data over",
    "training": "training / workshops / enablement sessions",
    "api_access": "API / REST / GraphQL / webhooks / SDK access",
    "sso": "single sign-on: SSO, SAML",
    "dedicated_manager": "a dedicated / named account manager, CSM, rep or point of contact",
    "phone_support": "phone support / a support line",
    "live_chat": "live chat / chat support",
    "sla": "an SLA / service-level agreement / uptime guarantee",
    "auto_renewal": "the subscription auto-renews",
    "minimum_seats": "a seat / user minimum, a minimum purchase or spend",
    "upfront_payment": "pay up front / prepay / pay in advance",
    "cancel_anytime": "you can cancel at any time (False: 'you can't cancel')",
    "soc2": "SOC 2 (Type I / II) report or compliance",
    "hipaa": "HIPAA compliance / BAA",
    "gdpr": "GDPR compliance",
    "iso27001": "ISO 27001 certification",
    "pci": "PCI DSS compliance",
    "mobile_app": "a mobile app (iOS / Android)",
    "self_hosting": "on-premise / self-hosted deployment",
}

_I = re.I
# (terms it sets, pattern, value when not negated, whether a nearby cue can flip it)
_PHRASES: list[tuple[tuple[str, ...], re.Pattern[str], bool, bool]] = []
# phrases that count only when the sentence is about the named context ("penalty" -> cancelling)
_CONTEXT: dict[int, re.Pattern[str]] = {}


def _p(
    terms: str, pattern: str, value: bool = True, negatable: bool = True, flags: int = _I, context: str = ""
) -> None:
    _PHRASES.append((tuple(terms.split()), re.compile(pattern, flags), value, negatable))
    if context:
        _CONTEXT[len(_PHRASES) - 1] = re.compile(context, re.I)


_SETUP = r"(?:set[- ]?up|onboarding|implementation|installation|install|activation|start[- ]?up|initiation)"
_p("setup_fee", rf"\b{_SETUP}\s+(?:fees?|charges?|payments?)\b|\bset[- ]?up\s+costs?\b")
# "no setup or cancellation fees": the fee word is shared
_p(
    "setup_fee",
    rf"\b{_SETUP}(?=(?:\s*,\s*[\w-]+)*,?\s+(?:or|and|nor)\s+(?:[\w-]+\s+){{1,2}}(?:fees|charges)\b)",
)
_p("setup_fee", rf"\bcharge\s+(?:you\s+)?(?:anything\s+|extra\s+)?for\s+(?:the\s+)?{_SETUP}\b")
_p("setup_fee", rf"\bfree\s+(?:white[- ]glove\s+)?{_SETUP}\b", value=False)
_p("setup_fee", rf"\bno\s+(?:extra\s+)?charge\s+for\s+(?:the\s+)?{_SETUP}\b", value=False, negatable=False)
_p(
    "setup_fee",
    rf"\b{_SETUP}\s+(?:is|are)\s+(?:always\s+|completely\s+|totally\s+)?(?:free|complimentary|on\s+us|on\s+the\s+house)\b",
    value=False,
    negatable=False,
)

_p(
    "contract",
    r"(?<!processing )(?<!level )(?<!license )(?<!licence )(?<!disclosure )(?<!associate )(?<!partner )"
    r"(?<!in )(?<!on )"
    r"\b(?:contracts?|agreements?)\b",
)
_p(
    "contract",
    r"\bcommitments?\b(?!\s+to\b)|\block[- ]?ins?\b|\blocked\s+in(?:to|\s+for)\b|\bminimum\s+term\b",
)
_p(
    "contract",
    r"\b(?:annual|yearly|12[- ]month|twelve[- ]month|one[- ]year|two[- ]year|multi[- ]year|long[- ]term)\s+"
    r"(?:term|deal|commitment)\b",
)
_p("contract", r"\bsign\s+(?:up\s+)?for\s+(?:a|an|one|the)\s+(?:full\s+|whole\s+)?year\b")
_p(
    "contract",
    r"\bmonth[- ]to[- ]month\b|\bno[- ]strings(?:[- ]attached)?\b|\bpay[- ]as[- ]you[- ]go\b",
    value=False,
)
_p("contract", r"\bnothing\s+to\s+sign\b|\b(?:commitment|contract)[- ]free\b", value=False, negatable=False)
_ANYTIME = (
    r"\bcancel(?:l?ation|l?ed|l?ing)?\s+(?:at\s+)?any\s?time\b|\bcancel\s+whenever\b|"
    r"\bcancel(?:l?ed)?\s+at\s+any\s+point\b|"
    r"\b(?:walk\s+away|leave)\s+(?:at\s+)?any\s?time\b"
)
_p("cancel_anytime", _ANYTIME)
_p("contract", _ANYTIME, value=False)
_p(
    "cancel_anytime",
    r"\b(?:\d+|\w+)[- ](?:days?|weeks?|months?)'?\s+(?:advance\s+|written\s+|prior\s+)?notice\b|"
    r"\bnotice\s+period\b",
    value=False,
)
_p(
    "cancel_anytime",
    r"\b(?:can't|cannot|can\s+not|won't\s+be\s+able\s+to|unable\s+to|not\s+able\s+to|no\s+way\s+to)\s+cancel\b",
    value=False,
    negatable=False,
)

_p(
    "credit_card",
    r"(?<!accept )(?<!take )(?<!with )(?<!by )(?<!via )\bcredit\s+cards?\b|"
    r"\bcard\s+(?:on\s+file|details|info(?:rmation)?|number|required|needed|up\s?front|down)\b|"
    r"\b(?:payment|billing)\s+(?:details|info(?:rmation)?)\b",
)
_p(
    "cancellation_fee",
    r"\b(?:cancell?ation|early[- ]termination|termination|exit|break|early[- ]cancell?ation)\s+"
    r"(?:fees?|charges?|penalt(?:y|ies))\b",
)
_p(
    "cancellation_fee",
    r"\bpenalt(?:y|ies)\b",
    context=r"\bcancel|\bterminat|\bleav(?:e|ing)\b|\bswitch\w*\s+(?:it\s+)?off\b|\bexit\b|\bcontract|"
    r"\bwalk\s+away\b|\bend\s+(?:it\s+)?early\b|\bquit\b|\bget\s+out\b",
)
_p(
    "hidden_fees",
    r"\b(?:hidden|surprise|sneaky|unexpected)\s+(?:fees?|costs?|charges?|bills?)\b|\bfine\s+print\b|"
    r"\bnickel[- ]and[- ]dim\w*",
)
_p(
    "extra_cost",
    r"\b(?:extra|additional|add-on)\s+(?:fees?|charges?|costs?)\b|\b(?:costs?|charged?)\s+extra\b|"
    r"\bpaid\s+add[- ]?ons?\b|\bat\s+(?:an\s+)?(?:extra|additional)\s+(?:cost|charge|fee)\b",
)
_p(
    "extra_cost",
    r"\b(?:at|for)\s+no\s+(?:extra|additional)\s+(?:cost|charge|fee)s?\b|\bno\s+(?:extra|additional)\s+charge\b",
    value=False,
    negatable=False,
)

_p(
    "free",
    r"\bfree\s+(?:\S+[- ](?:day|week|month)\s+)?"
    r"(?:trials?|plans?|tiers?|version|accounts?|forever|edition|option)\b|"
    r"\bfor\s+free\b|\bfree\s+of\s+charge\b|\bcomplimentary\b|"
    r"\bfree\s+(?:white[- ]glove\s+|guided\s+|full\s+|data\s+)?"
    r"(?:onboarding|migration|training|set[- ]?up|support|implementation|updates|upgrades)\b",
)
_p(
    "free",
    r"\bat\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)\b|\bno\s+(?:extra\s+)?charge\b|"
    r"\b(?:it's|it\s+is|that's|that\s+is|they're|they\s+are|is|are)\s+(?:completely\s+|totally\s+|entirely\s+|"
    r"100%\s+|absolutely\s+|always\s+)?free\b(?!\s+(?:for\s+me|on\b|at\b|to\s+(?:chat|talk|meet)|tomorrow|then|"
    r"this|next|now))",
    negatable=False,
)
_p("free", r"\b(?:is|are|'s|'re)\s*(?:not|n't)\s+(?:\w+\s+)?free\b", value=False, negatable=False)
_p("trial", r"\btrials?\b(?!\s+and\s+error)|\btest[- ]drive\b|\bpilot\b|\bproof[- ]of[- ]concept\b|\bPOC\b")

_p(
    "price_increase",
    r"\b(?:price|pricing|rate)s?\s+(?:increases?|hikes?|bumps?|rises?|go(?:es)?\s+up|will\s+go\s+up|"
    r"(?:can|may|might|could|will|would)\s+(?:go\s+up|increase|change|rise))\b|"
    r"\braise\s+(?:the\s+|your\s+|our\s+|its\s+)?(?:price|prices|pricing|rates?)\b|\buplifts?\b|"
    r"\bincrease\s+(?:at|on|upon)\s+renewal\b",
)
_p(
    "price_increase",
    r"\b(?:price|rate)[- ]locks?\b|"
    r"\block(?:ed)?[- ]in\s+(?:your\s+|the\s+|that\s+|this\s+)?(?:price|rate|pricing)\b|"
    r"\b(?:price|rate|pricing)\s+(?:is|stays|will\s+stay|remains?|are)\s+(?:locked|fixed|guaranteed|the\s+same)\b|"
    r"\block\s+(?:in\s+)?(?:your\s+|the\s+|that\s+|this\s+)?(?:price|rate|pricing)\b|\bprice\s+guarantee\b|"
    r"\bgrandfathered\b",
    value=False,
)
_p(
    "overage",
    r"\boverages?\b|\b(?:charged?|pay|billed)\s+(?:extra\s+)?for\s+(?:going\s+over|exceeding|extra\s+usage)\b|"
    r"\busage[- ]based\s+(?:charges?|fees?|billing)\b",
)
_p("refund", r"\brefund(?:s|ed|able)?\b|\bmoney[- ]back\b|\breimburs\w+|\byour\s+money\s+back\b")
_p("refund", r"\bnon[- ]?refundable\b", value=False)
_p(
    "discount",
    r"\bdiscount\w*|\b\d+\s?%\s+off\b|\bpercent\s+off\b|\bpromo(?:tion)?s?\b|\bcoupons?\b|"
    r"\bspecial\s+(?:pricing|offer|deal|rate)\b|\bprice\s+break\b|\breduced\s+(?:price|rate)\b",
)
_p(
    "data_export",
    r"\bexport(?:s|ing|ed|able)?\b|\bdata\s+portability\b|\bdownload\s+(?:all\s+)?(?:of\s+)?your\s+data\b|"
    r"\btake\s+your\s+data\s+with\s+you\b",
)
_p(
    "migration",
    r"\bmigrat\w+|\bdata\s+import\b|\bimport\s+(?:your|all)\s+(?:\w+\s+)?(?:data|contacts|records|history)\b|"
    r"\b(?:move|bring|transfer)\s+(?:your|all|the)\s+(?:\w+\s+)?(?:data|history)\s+(?:over|across)\b",
)
_p(
    "training",
    r"(?<!for )(?<!model )\btrainings?\b(?!\s+(?:data|sets?|models?|on\s+your\s+data))|"
    r"\bworkshops?\b|\benablement\b",
)
_p("api_access", r"\bAPIs?\b|\bREST\b|\bGraphQL\b|\bwebhooks?\b|\bSDKs?\b|\bdeveloper\s+access\b", flags=0)
_p("api_access", r"\bwebhooks?\b|\bdeveloper\s+access\b")
_p("sso", r"\bSSO\b|\bsingle[- ]sign[- ]on\b|\bSAML\b")
_p(
    "dedicated_manager",
    r"\b(?:dedicated|named|personal|your\s+own)\s+(?:account\s+|customer\s+success\s+|success\s+|client\s+|"
    r"support\s+)?(?:managers?|CSMs?|reps?|representatives?|points?\s+of\s+contact|contacts?)\b",
)
_p(
    "phone_support",
    r"\bphone\s+support\b|\bsupport\s+(?:by|over\s+the)\s+phone\b|\bsupport\s+line\b|\bpick\s+up\s+the\s+phone\b",
)
_p("live_chat", r"\blive\s+chat\b|\bchat\s+support\b|\bin[- ]app\s+chat\b")
_p(
    "sla",
    r"\bSLAs?\b|\bservice[- ]level\s+(?:agreement|guarantee)s?\b|\buptime\s+guarantee\b|"
    r"\bguaranteed\s+uptime\b",
)
_p("auto_renewal", r"\bauto[- ]?renew\w*|\bautomatic(?:ally)?\s+renew\w*|\brenews?\s+automatically\b")
_p(
    "minimum_seats",
    r"\b(?:seat|user|license)\s+minimums?\b|\bminimum\s+(?:of\s+)?(?:number\s+of\s+)?(?:\w+\s+)?(?:seats|users|licenses|"
    r"purchase|spend|order)\b|\bminimum\s+seat\s+count\b|"
    r"\b(?:monthly|annual|usage|spend(?:ing)?|dollar|platform)\s+minimums?\b",
)
_p(
    "minimum_seats",
    r"\bminimums?\b(?=\s*(?:[,.;!?]|$))",
    context=r"\b(?:pric\w*|fees?|spend|seats?|monthly|per|cents|dollars?|plans?|bill\w*|charges?|shipments?|order)\b",
)
_p(
    "upfront_payment",
    r"\bpre-?pa(?:y|id|yment|ying)\w*|\bpa(?:y|id|ying)\s+(?:(?:it\s+)?(?:all\s+)?)up[- ]?front\b|"
    r"\bup[- ]?front\s+(?:payments?|costs?|fees?)\b|"
    r"\bpay\s+(?:for\s+the\s+(?:whole\s+|full\s+)?year\s+)?in\s+advance\b",
)
_p("upfront_payment", r"\bnothing\s+up[- ]?front\b", value=False, negatable=False)
_p("soc2", r"\bSOC\s?-?\s?(?:2|II|two)\b")
_p("hipaa", r"\bHIPAA\b|\bBAAs?\b")
_p("gdpr", r"\bGDPR\b")
_p("iso27001", r"\bISO(?:/IEC)?\s?27001\b")
_p("pci", r"\bPCI(?:[- ]DSS)?\b")
_p("mobile_app", r"\bmobile\s+apps?\b|\b(?:iOS|Android|iPhone)\s+(?:and\s+Android\s+)?apps?\b")
_p("self_hosting", r"\bon[- ]prem(?:ise|ises)?\b|\bself[- ]host\w*|\bprivate\s+cloud\b")

_NEG_CUE = re.compile(
    r"\b(?:no|not|without|zero|never|none|nothing|neither|nor|free\s+(?:of|from)|no\s+need\s+(?:for|to)|no\s+more|"
    r"lacks?|lacking|waive[sd]?|waiving|skip(?:ping)?|forget\s+about|don't\s+worry\s+about|eliminate[sd]?|"
    r"remove[sd]?|avoid|exempt\s+from|minus|cannot|dont|doesnt|isnt|arent|wont|cant|didnt|"
    r"working\s+(?:on|towards?)|in\s+the\s+process\s+of|pursuing|not\s+yet|hoping\s+to|plan(?:ning)?\s+to\s+add)\b"
    r"|n't\b|(?<![\w.])[$€£]0(?![\d.,])",
    re.I,
)
# phrases with a negation word that do not negate what follows
_NOT_NEG = re.compile(
    r"\b(?:no\s+(?:worries|problem|doubt|matter|question|pressure|rush|idea)|not\s+(?:only|just|sure|a\s+problem)|"
    r"nothing\s+but|never\s+mind|don't\s+hesitate|(?:is|are|do|does|did|was|were)n't\s+(?:it|they|you|we)\b)|"
    r"\bno\s*[,!.]",
    re.I,
)
_DENIAL_AFTER = re.compile(
    r"\b(?:(?:is|are|was|were)\s*n't|(?:is|are|'s|'re|was|were)\s+not|not|never)\s+"
    r"(?:really\s+|actually\s+|even\s+|strictly\s+)?"
    r"(?:required|needed|necessary|included|available|supported|offered|applicable|something\s+we\s+(?:do|offer|have)|"
    r"an?\s+(?:thing|issue|requirement))\b|"
    r"\b(?:optional|unnecessary|waived|removed|eliminated|on\s+the\s+house|goes\s+away|go\s+away|off\s+the\s+table|"
    r"(?:does|do)\s*n't\s+apply|(?:is|are)\s+on\s+us|(?:is|are)\s+(?:completely\s+|totally\s+|100%\s+)?free|"
    r"(?:is|are)\s+zero|on\s+the\s+roadmap|coming\s+soon|in\s+the\s+works|in\s+progress|later\s+this\s+year|"
    r"next\s+(?:quarter|year)|by\s+Q[1-4])\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"[.;:!?()\u2014\u2013]|\s-\s|\b(?:but|however|though|although|yet|except|whereas|while|unless|if|when|because|"
    r"so\s+that|then|plus|also)\b|,\s*(?:and\s+|but\s+|so\s+)?(?:there|we|you|it|that|they|i|he|she|this)\b|"
    r"\band\s+(?:you|we|it|there|they|i|this|a|an|the|some|our|your|free|full|plus)\b",
    re.I,
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|you|we|it|they|do|does|did|have|has|had|will|would|can|could|sign|pay|get|need)\b",
    re.I,
)
_WORD = re.compile(r"[\w'%$-]+")


def _clause_left(text: str, start: int) -> int:
    """Where the clause holding `start` begins."""
    lo = max(0, start - 120)
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, start))
    return breaks[-1].end() if breaks else lo


def _clause_right(text: str, end: int) -> str:
    right = text[end : end + 80]
    m = _CLAUSE_BREAK.search(right)
    return right[: m.start()] if m else right


_LIST_JOIN = re.compile(r"[\s,]*(?:or|nor|and)\s+(?:any\s+|other\s+)?", re.I)


def _negated(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a cue before (or a denial after) the phrase at text[start:end] negates it.

    `spans` are all phrase matches in the sentence: a cue already spent on an earlier term does not
    reach this one unless the two are listed together ("no contracts or credit card").
    """
    neg = False
    lo = _clause_left(text, start)
    left = _NOT_NEG.sub(lambda m: " " * len(m.group(0)), text[lo:start])
    cues = list(_NEG_CUE.finditer(left))
    if (
        len(cues) >= 2
        and cues[-1].group(0).lower() == "without"
        and len(_WORD.findall(left[cues[-2].end() : cues[-1].start()])) <= 4
    ):
        cues = []  # "you can't get it without a contract": two negatives
    if cues:
        cue_end = lo + cues[-1].end()
        between = text[cue_end:start]
        n = len(_WORD.findall(between))
        is_list = bool(re.search(r",|\bor\b|\bnor\b|\band\b", between)) and not _VERBISH.search(between)
        neg = n <= 4 or (is_list and n <= 8)
        earlier = [e for s, e in spans if cue_end <= s and e <= start]
        if neg and earlier:
            join = text[max(earlier) : start]
            listed = bool(_LIST_JOIN.fullmatch(join)) or (
                bool(re.fullmatch(r"\s*,\s*", join))
                and bool(re.search(r"\b(?:or|nor)\b", _clause_right(text, end)))
            )
            neg = listed
    right = _clause_right(text, end)
    m = _DENIAL_AFTER.search(right)
    if m and len(_WORD.findall(right[: m.start()])) <= 4:
        neg = not neg
    return neg


def _in_question(text: str, end: int) -> bool:
    m = re.compile(r"[.!?](?!\d)").search(text, end)
    return bool(m and m.group(0) == "?")


def polarity_terms(text: str) -> dict[str, bool]:
    """Canonical offer terms in `text` (see `TERMS`) -> True asserted / False negated or absent.

    When a sentence mentions a term twice with opposite polarity, the assertion wins: "12-month
    agreement, then month to month" is contract=True; "no setup fee - well, there is a small one"
    is setup_fee=True. Remembered by text (read at annotation, by the judge's evidence and by the
    omission search); a new dict each time.
    """
    return dict(_terms(text))


@functools.lru_cache(maxsize=16384)
def _terms(text: str) -> tuple[tuple[str, bool], ...]:
    return tuple(_find_terms(text).items())


def _find_terms(text: str) -> dict[str, bool]:
    t = text.replace("\u2019", "'").replace("\u2018", "'")
    # phrases that carry their own negation ("nothing to sign", "at no cost") negate nothing else
    masked = t
    for _terms, pattern, _value, negatable in _PHRASES:
        if not negatable:
            masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    spans = [m.span() for _terms, pattern, _value, _negatable in _PHRASES for m in pattern.finditer(t)]
    hits: list[tuple[int, int, str, bool]] = []
    for k, (terms, pattern, value, negatable) in enumerate(_PHRASES):
        if k in _CONTEXT and not _CONTEXT[k].search(t):
            continue
        for m in pattern.finditer(t):
            if _in_question(t, m.end()):
                continue
            v = value
            if negatable and _negated(masked, m.start(), m.end(), spans):
                v = not v
            hits.extend((m.start(), m.end(), term, v) for term in terms)
    # a longer phrase of the same term wins over a shorter one inside it ("contract-free" over "contract")
    kept = [
        h
        for h in hits
        if not any(
            o is not h and o[2] == h[2] and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
            for o in hits
        )
    ]
    out: dict[str, bool] = {}
    for _s, _e, term, v in kept:
        out[term] = out.get(term, False) or v  # a term asserted anywhere in the sentence holds
    return out


def polarity_conflicts(a: dict[str, bool], b: dict[str, bool]) -> list[str]:
    """Terms both sides mention with opposite polarity, sorted."""
    return sorted(t for t in a.keys() & b.keys() if a[t] != b[t])
