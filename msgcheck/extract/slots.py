"""Which part of the offer a sentence is about: price, trial, contract, onboarding, ...

Keyword rules in a fixed priority order, most specific first, so a sentence that touches two slots
gets the more telling one: "30-day free trial" -> trial (not price), "no setup fee" -> price (not
onboarding), "cut onboarding time in half" -> results (not onboarding), "20% off annual plans" ->
discount (not contract), "500+ integrations" -> integration (not limit), "$49 per seat" -> price.

`OFFER_TERMS` marks a sentence as product- or offer-related at all; `classify_slot` returns None for
sentences it does not match (small talk, scheduling, screen sharing) and "other" for offer-related
sentences no slot rule claims.
"""

from __future__ import annotations

import re

from .values import extract_quantities

__all__ = ["OFFER_SLOTS", "OFFER_TERMS", "SLOT_ORDER", "classify_slot", "mentions_slot"]

_MONEY = r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:k\s+)?(?:dollars|bucks|euros|USD|EUR|GBP)\b|\b(?:dollars|bucks)\b"


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.I)


_RULES: dict[str, re.Pattern[str]] = {
    "compliance": _any(
        r"\bSOC\s?-?\s?(?:2|II|two|1|I)\b|\bHIPAA\b|\bGDPR\b|\bCCPA\b|\bISO(?:/IEC)?\s?27\d{3}\b",
        r"\bPCI(?:[- ]DSS)?\b|\bFedRAMP\b|\bBAAs?\b|\bcomplian(?:t|ce)\b|\bcertified\b",
        r"\bcertifications?\b|\baudit(?:ed|s)?\b(?!\s+logs?)|\bencrypt\w*|\bAES[- ]?256\b",
        r"\bdata\s+residency\b|\bpen(?:etration)?[- ]test\w*|\bdata\s+processing\s+agreement\b|\bDPA\b",
        r"\bsecurity\s+(?:review|questionnaire|standards?|certifications?)\b",
    ),
    "trial": _any(
        r"\btrials?\b|\btest[- ]drive\b|\bpilot\b|\bproof[- ]of[- ]concept\b|\bPOC\b",
        r"\btry\s+(?:it|us|\w+)\s+(?:out\s+)?(?:for\s+)?free\b",
        r"\bfree\s+for\s+(?:\w+\s+)?(?:\d+|\w+)\s+(?:days|weeks)\b",
        r"\b(?:\d+|\w+)[- ](?:days?|weeks?)\s+free\b|\bkick\s+the\s+tires\b|\bstart\s+(?:for\s+)?free\b",
    ),
    "guarantee": _any(
        r"\bguarantee[ds]?\b|\bmoney[- ]back\b|\brefund\w*|\bSLAs?\b|\bservice[- ]level\b|\buptime\b",
        r"\brisk[- ]free\b|\bwarrant(?:y|ies)\b",
        r"\bwarrant(?:y|ies|ied)\b|\bwe(?:\'ll)?\s+(?:cover|pay)\s+(?:the|your|you)\b|\bcovered\b",
        r"\bcredits?\s+(?:are\s+)?applied\b|\bservice\s+credits?\b",
    ),
    "discount": _any(
        r"\bdiscount\w*|\b\d+\s?%\s+off\b|\b(?:percent|per\s?cent)\s+off\b|\bhalf[- ](?:off|price)\b",
        r"\bpromo\w*|\bcoupons?\b|\bspecial\s+(?:pricing|offer|deal|rate)\b|\bprice\s+break\b",
        r"\breduced\s+(?:price|rate)\b",
        r"\bsave\s+(?:up\s+to\s+)?(?:[\d.]+\s?%|\w+\s+percent|[$€£][\d,.]+k?)\s+(?:\w+\s+){0,2}?"
        r"(?:when|if|with|on(?!\s+average)|by\s+(?:paying|going|prepaying|committing|switching)|off)\b",
        r"\b(?:\d+|\w+)\s+months?\s+free\b|\bfree\s+months?\b|\bnon[- ]?profit\s+pricing\b",
        r"\bearly[- ]bird\b",
    ),
    "results": _any(
        r"\b\d+(?:\.\d+)?\s?[x×]\s+(?:more|faster|higher|better|the|as|return|roi)\b",
        r"\b(?:\w+)\s+times\s+(?:more|faster|higher|better|as)\b",
        r"\b(?:double[sd]?|triple[sd]?|doubling|tripling)\s+(?:your|their|the|its|our)\b",
        r"\bcut\w*\s+[\w\s]{0,30}\bin\s+half\b|\bROI\b|\breturn\s+on\s+investment\b",
        r"\b(?:increase|boost|improve|reduce|cut|lift|grow|raise|lower|decrease|drop|shorten|slash|save)\w*"
        r"\s+(?:[\w-]+\s+){0,4}(?:by|up\s+to)\s+(?:\d|\w+\s+percent|half)",
        r"\b\d+(?:\.\d+)?\s?%\s+(?:more|faster|fewer|less|higher|lower|increase|reduction|decrease|lift|boost|"
        r"improvement|growth|better|shorter|quicker|of\s+(?:teams|customers|users))\b",
        r"\bsave\s+(?:\w+\s+){0,3}(?:hours?|days?|minutes?|time)\b|\bhours?\s+saved\b",
        r"\b(?:teams|customers|clients|users|companies)\s+(?:see|report|get|achieve|typically\s+see|average)\b",
        r"\bon\s+average\b|\ban\s+average\s+of\b|\bpayback\b|\bpays\s+for\s+itself\b",
    ),
    "contract": _any(
        r"(?<!processing )(?<!level )(?<!license )\b(?:contracts?|agreements?)\b",
        r"\bcommitments?\b(?!\s+to\b)|\block[- ]?ins?\b|\blocked\s+in\b|\bmonth[- ]to[- ]month\b",
        r"\bno\s+strings\b|\brenew(?:al|als|s|ed)?\b|\bauto[- ]?renew\w*|\bminimum\s+term\b",
        r"\b(?:annual|multi[- ]year|\d+[- ]year|\d+[- ]month)\s+term\b|\bnothing\s+to\s+sign\b",
        r"\bsign\s+(?:up\s+)?for\s+a\s+(?:full\s+)?year\b",
    ),
    "cancellation": _any(
        r"\bcancel\w*|\btermination\b|\bterminate\b|\bopt[- ]out\b|\bwalk\s+away\b|\bexit\s+fees?\b",
        r"\bnotice\b|\bcancell?ed\b",
    ),
    "price": _any(
        _MONEY,
        r"\bpric(?:e|es|ed|ing)\b|\bcosts?\b|\bfees?\b|\bcharges?\b|\bcharged\b",
        r"\bper\s+(?:seat|user|month|year|agent|license)\b|\bbilled\b|\bbilling\b|\binvoice\w*",
        r"\bfree\s+(?:plan|tier|forever|version)\b|\bsubscription\b|\bpaid\s+plans?\b",
        r"\bpay\s+(?:for|per|as|monthly|annually|up\s?front)\b|\bquote\b|\bbudget\b|\bafford\w*",
        r"\bcheaper\b|\bexpensive\b|\bprepa(?:y|id)\w*",
        r"\bcents?\b|\bAPR\b|\brates?\s+(?:start|from|goes?\s+up|go\s+up|is\s+locked)\b|\bescalator\b",
        r"\bminimums?\b",
        r"(?:\d|\b(?:\w+(?:ty|teen)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred)(?:-\w+)?)"
        r"\s+(?:a|per)\s+(?:head|seat|tech|user|location|shipment|workstation|label|employee)\b",
        r"\bper\s+(?:tech|technician|location|employee|head|workstation|shipment|transaction|label|store|site)\b",
        r"\b(?:monthly|annually|yearly)\b",
    ),
    "onboarding": _any(
        r"\bonboard\w*|\bimplement(?:ation|ations|ed|ing)?\b|\bgo[- ]live\b|\bgo(?:ing)?\s+live\b",
        r"\blive\s+in\b|\bup\s+and\s+running\b|\bmigrat\w+|\bwhite[- ]glove\b|\bkick-?off\b",
        r"\broll(?:-|\s)?out\b|\bdeploy\w*",
        r"\bset[- ]?up\b(?!\s+(?:a|an|the|some|another)\s+"
        r"(?:call|meeting|time|demo|follow[- ]?up|chat|session)\b)",
        r"\btraining\b|\bramp(?:ed)?\s+up\b|\bget(?:ting)?\s+(?:you\s+|everyone\s+)?started\b",
        r"\btime[- ]to[- ]value\b",
        r"\binstall(?:ed|ation|s|ing)?\b|\bon\s+site\b|\bin\s+and\s+out\b",
        r"\b(?:be|are|you\'re|we\'re|get|getting)\s+(?:fully\s+)?(?:\w+ing\s+)?live\b",
        r"\b(?:running|dispatching|processing)\s+\w+\s+(?:inside|within)\b",
    ),
    "support": _any(
        r"(?<!we )(?<!also )(?<!fully )(?<!natively )(?<!doesn't )(?<!don't )(?<!does )(?<!do )\bsupport\b",
        r"\bhelp\s?desk\b|\bcustomer\s+success\b|\bCSMs?\b|\baccount\s+managers?\b|\b24\s?/\s?7\b",
        r"\b24\s?x\s?7\b|\blive\s+chat\b|\bphone\s+line\b|\bresponse\s+times?\b",
        r"\brespond\w*\s+within\b|\b(?:a)?round[- ]the[- ]clock\b|\bbusiness\s+hours\b|\btickets?\b",
        r"\bdedicated\s+(?:rep|team|contact|person)\b|\bknowledge\s+base\b|\bescalat\w+",
        r"\bhelp\s+center\b|\bslack\s+channel\b|\bpoint\s+of\s+contact\b",
        r"\bon\s+the\s+phones?\b|\btwenty[- ]four[- ](?:seven|7)\b|\bphone\s+(?:and|or|&)\s+chat\b",
        r"\bchat\s+(?:and|or|&)\s+phone\b|\bsolutions?\s+engineer\b|\bon-?site\s+visits?\b|\bstaffed\b",
    ),
    "limit": _any(
        r"\bunlimited\b|\bup\s+to\s+[\d,.]+\b",
        r"\bup\s+to\s+\w+\s+(?:users|seats|contacts|projects|\w+s)\b|\blimits?\b|\bcap(?:ped|s)?\b",
        r"\bmaximum\b|\bquotas?\b|\bstorage\b|\b\d+\s?(?:GB|TB|MB)\b",
        r"\b[\d,.]+k?\+?\s+(?:users|seats|contacts|projects|workspaces|records|emails|api\s+calls|licenses|"
        r"agents|members|admins|boards|dashboards|locations|sends|credits)\b",
        r"\bseats?\b|\bas\s+many\s+\w+\s+as\s+you\b",
        r"\btops?\s+out\b|\bcaps?\s+(?:you\s+)?at\b|\b(?:api\s+)?(?:calls|requests)\s+(?:a|per)\s+",
        r"\brate[- ]limit\w*",
    ),
    "integration": _any(
        r"\bintegrat\w+|\bconnectors?\b|\bconnects?\s+(?:to|with)\b|\bsyncs?\s+(?:to|with)\b",
        r"\b(?:two|2)[- ]way\s+sync\b|\bplugs?\s+(?:into|in\s+to)\b",
        r"\bworks?\s+(?:with|alongside)\s+(?:your\s+)?(?-i:[A-Z])|\bnative(?:ly)?\b|\bAPIs?\b",
        r"\bZapier\b|\bwebhooks?\b|\bSalesforce\b|\bHubSpot\b|(?-i:\bSlack\b)|\bMarketo\b|\bZendesk\b",
        r"\bShopify\b|\bQuickBooks\b|\bWorkday\b|\bNetSuite\b|\bOkta\b|\bplug-?ins?\b|\bmarketplace\b",
    ),
    "feature": _any(
        r"\bfeatures?\b|\bdashboards?\b|\breport(?:s|ing)\b|\banalytics\b|\bautomat\w+|\bworkflows?\b",
        r"\btemplates?\b|\b(?:AI|A\.I\.)\b|\bmachine\s+learning\b|\bSSO\b|\bsingle[- ]sign[- ]on\b",
        r"\bSAML\b|\bpermissions?\b|\broles?\b|\bmobile\s+app\b|\b(?:iOS|Android)\b|\balerts?\b",
        r"\bnotifications?\b|\bexport\w*|\bimport\w*|\bcustom\s+fields?\b|\bbuilt[- ]in\b",
        r"\bout[- ]of[- ]the[- ]box\b|\bdrag[- ]and[- ]drop\b|\bforecast\w*|\bscoring\b|\bsequences?\b",
        r"\btracking\b|\breal[- ]time\b|\baudit\s+logs?\b|\bsandbox\w*|\bversion\s+history\b",
        r"\bdark\s+mode\b|\bwhite[- ]label\w*|\bbranding\b|\bcomes\s+with\b|\blets\s+you\b",
        r"\ballows\s+you\b",
        r"\b(?:you|it)\s+can\s+(?:also\s+)?(?:build|create|track|see|send|schedule|assign|automate|export|set|"
        r"customize|route|tag|sync|view|manage|share|filter)\b",
        r"\bsupports?\s+(?:multiple|custom|(?-i:[A-Z]))|\bincludes?\b|\bincluded\b|\bplatform\b",
        r"\bdashboard\b|\bon[- ]prem\w*|\bself[- ]host\w*|\boffline\b",
    ),
}
# Sentence-level words that make a sentence about the product or offer at all (on top of the rules).
_GENERIC_OFFER = (
    r"\bplans?\b|\btiers?\b|\bproduct\b|\bsoftware\b|\btool\b|\bpackage\b|\bedition\b|\blicen[cs]e\w*|"
    r"\bfree\b|\bunlimited\b|\boffer\w*|\bwe\s+(?:provide|give|include|offer)\b|\byou\s+(?:get|receive)\b|"
    r"\bstarter\b|\benterprise\s+(?:plan|tier|edition|customers)\b|\bpro\s+plan\b"
)

SLOT_ORDER: tuple[str, ...] = (*_RULES, "other")  # == types.SLOTS as a set; tests check it

OFFER_TERMS: re.Pattern[str] = re.compile(
    "|".join(f"(?:{p.pattern})" for p in _RULES.values()) + f"|{_GENERIC_OFFER}",
    re.I,
)

# small talk and logistics that mention offer words only in passing
_NOT_OFFER = re.compile(
    r"^\s*(?:can\s+you\s+see\s+my\s+screen|let\s+me\s+share\s+my\s+screen|(?:I'll|I\s+will|let\s+me)\s+send\s+"
    r"(?:you|over)\b|(?:let's|we\s+can)\s+(?:set\s+up|schedule|book)\s+(?:a|the|some)\s+(?:call|time|meeting|follow))",
    re.I,
)


# a value of this kind puts a sentence in the slot, at the slot's place in the order
_BY_VALUE = {"price": "money", "support": "hours"}


def classify_slot(text: str) -> str | None:
    """The slot a sentence is about (one of `types.SLOTS`), or None when it is not about the offer.

    The first rule in `SLOT_ORDER` that matches wins (a sentence with a price in it is "price" at that
    rule's place, with opening hours "support"); offer-related sentences no rule claims are "other".
    """
    if not text or _NOT_OFFER.search(text):
        return None
    kinds: set[str] | None = None  # the kinds of value in the sentence, computed when first needed
    for slot, pattern in _RULES.items():
        if pattern.search(text):
            return slot
        if slot in _BY_VALUE:
            if kinds is None:
                kinds = {q.kind for q in extract_quantities(text)}
            if _BY_VALUE[slot] in kinds:
                return slot
    return "other" if OFFER_TERMS.search(text) else None


# Slots whose headline promises are offers a call selling the campaign is expected to bring up.
OFFER_SLOTS = frozenset({"trial", "price", "discount", "contract", "cancellation", "onboarding", "guarantee"})


def mentions_slot(text: str, slot: str) -> bool:
    """True when the text touches the slot at all (any of its keywords), whatever its priority."""
    rule = _RULES.get(slot)
    return bool(rule and rule.search(text))
