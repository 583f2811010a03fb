"""Conditions, hedges, restrictions and workarounds that narrow a claim.

- condition: "only if", "as long as", "provided that", "if you ...", "assuming", "once you", "after the
  first", "subject to", "depending on", "with a minimum of", "when billed annually", "you'd need to".
- hedge: "usually", "typically", "in most cases", "generally", "should", "try to", "aim to", "most of
  the time", "might", "probably", "roughly", "about two weeks", "ideally", "for the most part".
- restriction: "only on the Enterprise plan", "just for", "limited to", "except", "excluding", "only for
  new customers", "not including", "for the first 3 months", "in the US only".
- workaround: "through a CSV export", "via a manual export", "with a workaround", "with some custom work",
  "through our professional services", "with an add-on", "for an extra fee", "at additional cost",
  "through Zapier", "via the API".

Conditions, restrictions and workarounds extend to the end of their clause ("only if you prepay for the
year"); hedges cover the cue (plus the number after "about" / "roughly").

`added_qualifiers` keeps the rep's qualifiers that the asset does not state itself: a hedge is added
when the asset has no hedge; anything else is added unless at least half of its content words
(normalised: "pay annually" ~ "billed annually", "three" ~ "3") appear anywhere in the asset sentence.
"""

from __future__ import annotations

import re

from ..types import Qualifier, Quantity
from .values import compare_quantities, extract_quantities

__all__ = ["added_qualifiers", "find_qualifiers"]

_I = re.I
_PLAN = r"(?:plans?|tiers?|editions?|packages?|licen[cs]es?|subscriptions?)"
_PLAN_NAME = (
    r"(?:(?-i:[A-Z][\w+-]*)|enterprise|business|pro|premium|starter|basic|growth|scale|team|plus|ultimate|advanced|"
    r"annual|yearly|paid|higher|top|upper)"
)

# (kind, pattern, extend to the clause end)
_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = []


def _q(kind: str, pattern: str, extend: bool = True, flags: int = _I) -> None:
    _PATTERNS.append((kind, re.compile(pattern, flags), extend))


# conditions
_q(
    "condition",
    r"\b(?:only\s+(?:if|when|once|after)|as\s+long\s+as|so\s+long\s+as|provided\s+(?:that|you)|providing\s+(?:that|you)|"
    r"assuming|on\s+(?:the\s+)?condition\s+that|contingent\s+(?:on|upon)|subject\s+to|depending\s+on|depends\s+on|"
    r"dependent\s+on|in\s+exchange\s+for|unless|with\s+(?:a|an)\s+(?:minimum|min\.?)\s+(?:of|purchase|spend|order|"
    r"commitment|term)|with\s+(?:a\s+)?minimum|minimum\s+of|as\s+part\s+of\s+(?:a|an|the)\b)",
)
# an offer tied to when or how it is taken up: "waived for any trial started by May 31"
_q(
    "condition",
    r"\bfor\s+(?:any|every|all|each)\s+(?:\w+\s+)?\w+\s+(?:started|signed|booked|placed|purchased|made|opened)\s+"
    r"(?:by|before|after|on|in|within)\b",
)
_CHATTY = (
    r"want|wanna|like|'d\s+like|would\s+like|have\s+any\s+questions|need\s+anything|don't\s+mind|get\s+a\s+chance|"
    r"think|look|see|remember|recall|compare|go\s+to|click|log\s+in|sign\s+in|open|land|hop\s+on|have\s+time|"
    r"are\s+ready|'re\s+ready|can|could|have\s+a\s+(?:minute|second|sec)"
)
_q(
    "condition",
    rf"\b(?:when|after)\s+(?:you|your\s+[\w-]+|they|we)\b(?!'?\s*(?:{_CHATTY})\b)"
    # "see if it's useful", "check if it fits": an indirect question, not a condition
    r"|(?<!\bsee\s)(?<!\bcheck\s)(?<!\bknow\s)(?<!\bwonder\s)(?<!\bask\s)(?<!\bout\s)"
    # "map the accounts once.": once at the end of a clause is "one time", not a condition
    rf"\b(?:if|once)\b(?!\s*(?:[.,;!?]|$))(?!\s+(?:you\s+(?:{_CHATTY})|that(?:'s|\s+(?:works|makes|helps|sounds))|so\b|not\b|anything|"
    r"possible|needed|necessary|any\b|it\s+helps|I\b|I'm|a\s+(?:week|month|year|day|quarter)|an\s+hour|per\b|every\b|"
    r"again|more|in\s+a\s+while))",
)
_q(
    "condition",
    r"\b(?:if|when)\s+(?:billed|paid|prepaid|purchased|bought|signed|committed|bundled)\b|"
    r"\bafter\s+(?:the\s+)?(?:first|initial|trial|onboarding|setup|implementation|contract|term)\b|"
    r"\b(?:you'd|you\s+would|you'll|you\s+will|you)\s+(?:still\s+|also\s+|first\s+)?(?:need|have)\s+to\b|\byou\s+must\b|\brequires?\s+(?:a|an|the)\b|"
    r"\bwith\s+(?:a|an)\s+(?:annual|yearly|multi[- ]year|two[- ]year|12[- ]month|longer)\s+"
    r"(?:contract|commitment|agreement|term|plan|prepay\w*)\b|\bwhen\s+(?:paid|billed|paying)\b",
)

# hedges
_q(
    "hedge",
    r"\b(?:usually|typically|generally|normally|often|in\s+most\s+cases|most\s+of\s+the\s+time|for\s+the\s+most\s+part|"
    r"in\s+general|ideally|hopefully|probably|possibly|potentially|likely|might|(?<!you\s)(?-i:may)(?!\s+\d)|should|"
    r"try\s+to|tries\s+to|trying\s+to|aim\s+(?:to|for)|aims\s+(?:to|for)|tend\s+to|tends\s+to|in\s+theory|"
    r"more\s+or\s+less|pretty\s+much|give\s+or\s+take|ballpark|as\s+far\s+as\s+I\s+know|"
    r"I'm\s+not\s+(?:100%\s+)?sure|I\s+(?:would|'d)\s+say|if\s+all\s+goes\s+well|can\s+vary|varies|"
    r"not\s+guaranteed|no\s+guarantees?|on\s+average|sometimes|in\s+some\s+cases|for\s+some|best\s+effort|"
    r"(?:we're|we\s+are)\s+working\s+on|on\s+the\s+roadmap|typical|more\s+of\s+a\s+(?:goal|target|guideline)|"
    r"not\s+(?:a\s+)?(?:contractual|hard)\b(?:\s+\w+)?|(?:a|our|the)\s+(?:goal|target)\b|"
    r"(?:on|for|in)\s+most\b|most\s+(?:of\s+(?:our|the)\s+)?(?:customers|clients|teams|users|shops|systems|terms|"
    r"cases|businesses|companies|people|brands|accounts|installs|projects|deployments|rooftops|sites))\b",
    extend=False,
)

# restrictions
_q(
    "restriction",
    rf"\b(?:only|just|exclusively)\s+(?:on|with|in|for|to|through|via|available\s+(?:on|in|to|for|with))\s+"
    rf"(?:the\s+|our\s+|your\s+)?(?:{_PLAN_NAME}\s+){{0,2}}{_PLAN}\b"
    r"|\b(?:only|just|exclusively)\s+(?:for|to)\s+"
    r"(?:new|existing|first[- ]time|annual|enterprise|select|eligible|qualifying|certain|some)\b"
    r"|\b(?:only|just)\s+(?:available|applies|works|included|comes)\s+(?:on|in|to|for|with)\b",
)
_q(
    "restriction",
    rf"\b(?:on|with|in)\s+(?:the\s+|our\s+){_PLAN_NAME}\s+(?:{_PLAN_NAME}\s+)?{_PLAN}(?:\s+(?:only|and\s+up|and\s+above))?",
    extend=False,
)
_q(
    "restriction",
    rf"\b{_PLAN_NAME}\s+{_PLAN}\s+only\b|\b(?:for|to)\s+new\s+(?:customers|clients|accounts|users|signups)\s+only\b|"
    r"\b(?:US|U\.S\.|EU|UK|North\s+America)[- ]only\b|\bin\s+(?:the\s+)?(?:US|EU|UK)\s+only\b",
    extend=False,
    flags=0,
)
_q(
    "restriction",
    r"\b(?:limited\s+to|restricted\s+to|capped\s+at|except(?:\s+for)?|excluding|excludes?|not\s+including|"
    r"does\s*n't\s+include|doesn't\s+cover|does\s+not\s+(?:include|cover)|exclusive\s+of|other\s+than|"
    r"apart\s+from|with\s+the\s+exception\s+of|for\s+new\s+customers|for\s+(?:the\s+)?first\s+"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?|quarters?)|in\s+select\s+(?:regions|markets|countries)|"
    r"up\s+to\s+a\s+(?:cap|limit)|for\s+a\s+limited\s+time)\b",
)

# workarounds
_q(
    "workaround",
    r"\b(?:through|via|using|with|by)\s+(?:a\s+|an\s+|the\s+|our\s+|some\s+)?(?:manual\s+|CSV\s+|csv\s+|spreadsheet\s+|"
    r"bulk\s+|scheduled\s+)*(?:export|import|upload|download|CSV|spreadsheet)s?\b"
    r"|\b(?:through|via|using|with)\s+(?:a\s+|an\s+|the\s+|our\s+)?(?:Zapier|Make|IFTTT|third[- ]party\s+\w+|"
    r"middleware|script|custom\s+(?:script|code|integration|development|work|build)|API|webhooks?)\b"
    r"|\bwith\s+(?:a\s+)?(?:little|bit\s+of|some)\s+(?:bit\s+of\s+)?(?:custom\s+work|setup|configuration|scripting|"
    r"coding|workaround|elbow\s+grease|tweaking)\b"
    r"|\b(?:a|with\s+a|there's\s+a)\s+workaround\b|\bworkarounds?\b"
    r"|\b(?:through|via|with)\s+(?:our\s+)?professional\s+services\b|\bprofessional\s+services\b"
    r"|\b(?:with|as|via|through)\s+(?:an?\s+)?(?:paid\s+)?add[- ]?ons?\b|\bpaid\s+add[- ]?ons?\b"
    r"|\b(?:for|at)\s+(?:an?\s+)?(?:extra|additional|small|separate)\s+(?:fee|cost|charge)\b|\bat\s+additional\s+cost\b"
    r"|\bfor\s+a\s+fee\b|\bcosts?\s+extra\b|\bcustom\s+development\b|\bwe\s+(?:can|could)\s+build\b|"
    r"\b(?:on|by)\s+request\b|\b(?:manually|by\s+hand)\b|\b(?:email|ticket\s+to|contact)\s+(?:our\s+)?support\s+to\b"
    r"|\b(?:you'd|you\s+would|you'll\s+(?:need|have)\s+to|you\s+(?:have|need)\s+to|you'd\s+(?:need|have)\s+to)\s+"
    r"(?:still\s+)?(?:\w+\s+)?(?:export|upload|import|download|copy|paste|re-?enter|re-?type|key\s+in)\b",
)

_CLAUSE_END = re.compile(r"[,.;:!?()\u2014\u2013]|\s-\s|\b(?:but|and\s+then|so|which|because)\b")
_MAX_EXTEND = 80


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + _MAX_EXTEND))
    end = m.start() if m else min(len(text), pos + _MAX_EXTEND)
    while end > pos and text[end - 1].isspace():
        end -= 1
    return end


def find_qualifiers(text: str) -> list[Qualifier]:
    """Every condition, hedge, restriction and workaround in `text`, in order of appearance.

    A qualifier inside a longer one of the same kind is dropped ("if you" inside "only if you prepay").
    """
    t = text.replace("\u2019", "'")
    found: list[Qualifier] = []
    for kind, pattern, extend in _PATTERNS:
        for m in pattern.finditer(t):
            end = max(m.end(), _clause_end(t, m.end())) if extend else m.end()
            span = text[m.start() : end].rstrip(" ,")
            found.append(Qualifier(kind, span, m.start(), m.start() + len(span)))  # type: ignore[arg-type]
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Qualifier] = []
    for q in found:
        if any(
            k.start <= q.start and q.end <= k.end and (k.kind == q.kind or q.kind != "hedge") for k in kept
        ):
            continue
        kept.append(q)
    return kept


# ----------------------------------------------------------------------------------------------
# Meaning keys, for telling whether the asset already states a qualifier


_NUMBERS_0_20 = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty",
)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_STOP = _words(
    """a an the and or of to in on at for with by from as is are be been it its this that these those you your
    yours we our us they their them i me my he she his her if only just when once after before until unless so
    long provided providing assuming subject depending depends dependent condition contingent upon need needs
    have has had would will can could 'd you'd you'll we'll there there's here do does did get gets got make
    makes through via using some any all also then than which who what not no more most less up out into over
    per plan plans tier tiers edition package packages time times limited restricted capped except excluding
    including include includes exclude excludes available applies apply works work comes come included
    you're we're they're it's that's i'm i'd don't doesn't isn't won't can't aren't didn't we've you've"""
)
_SYN = {
    "billed": "pay",
    "billing": "pay",
    "bill": "pay",
    "paid": "pay",
    "paying": "pay",
    "pays": "pay",
    "payment": "pay",
    "charged": "pay",
    "invoiced": "pay",
    "prepay": "pay",
    "prepaid": "pay",
    "prepaying": "pay",
    "annually": "year",
    "annual": "year",
    "yearly": "year",
    "years": "year",
    "monthly": "month",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "customers": "customer",
    "clients": "customer",
    "client": "customer",
    "signups": "customer",
    "commit": "contract",
    "commitment": "contract",
    "committed": "contract",
    "agreement": "contract",
    "sign": "contract",
    "signed": "contract",
    "signing": "contract",
    "csv": "export",
    "spreadsheet": "export",
    "exports": "export",
    "exporting": "export",
    "exported": "export",
    "add-on": "addon",
    "add-ons": "addon",
    "addons": "addon",
    "extra": "fee",
    "additional": "fee",
    "cost": "fee",
    "charge": "fee",
    "fees": "fee",
    "purchase": "buy",
    "purchased": "buy",
    "bought": "buy",
    "seats": "seat",
    "users": "seat",
    "user": "seat",
    "licenses": "seat",
    "license": "seat",
    "finish": "complete",
    "finished": "complete",
    "completes": "complete",
    "completed": "complete",
    "stick": "stay",
    "remain": "stay",
    "stays": "stay",
}
_NUM_WORDS = {w: str(i) for i, w in enumerate(_NUMBERS_0_20)} | {
    w: str(20 + 10 * i)
    for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
}


def _keys(text: str) -> set[str]:
    out: set[str] = set()
    for w in re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower().replace("\u2019", "'")):
        for part in [w, *w.split("-")] if "-" in w and w not in _SYN else [w]:
            if part in _STOP or (len(part) < 2 and not part.isdigit()):
                continue
            part = _NUM_WORDS.get(part, part)
            out.add(_stem(_SYN.get(part, part)))
    return out - _STOP


def overlaps(a: Qualifier, b: Qualifier) -> bool:
    """Two qualifiers about the same thing ("if production drops" and "if production drops we reach out
    within two days"): a content word in common, after stems and synonyms."""
    return bool(_keys(a.text) & _keys(b.text))


def _stem(w: str) -> str:
    """ "leasing", "leased", "lease" -> "leas": a restated condition in another inflection is not new."""
    if w.isdigit() or len(w) <= 4:
        return w
    for suf in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


# "... upload a CSV from the dashboard and it's pretty painless": the comment after it is not the condition
_AFTERTHOUGHT = re.compile(r"\s+(?:and|so|which)\s+(?:it|that|this)(?:'s|\s+is|\s+was)\b", re.I)


def added_qualifiers(asset_text: str, rep_text: str) -> list[Qualifier]:
    """The rep sentence's qualifiers that the asset sentence does not state itself.

    Asset "save 20% when billed annually", rep "you get 20% off if you pay annually" -> [].
    Asset "SSO included", rep "SSO is only on the Enterprise plan" -> [the restriction].
    """
    asset_quals = find_qualifiers(asset_text)
    asset_kinds = {q.kind for q in asset_quals}
    asset_keys = _keys(asset_text)
    added = []
    for q in find_qualifiers(rep_text):
        if q.kind == "hedge":
            if "hedge" not in asset_kinds:
                added.append(q)
            continue
        keys = _keys(_AFTERTHOUGHT.split(q.text)[0])
        if keys & asset_keys and _same_bar(q.text, asset_text):
            continue  # "more than ten percent short of the estimate": the asset's "90% of estimated output"
        if not keys:
            if q.kind not in asset_kinds:
                added.append(q)
            continue
        if len(keys & asset_keys) * 2 < len(keys):
            added.append(q)
    return added


def _same_bar(qualifier: str, asset_text: str) -> bool:
    """The qualifier's numbers are the asset's, said another way: the same value after units, or the other
    side of a share ("ten percent short" of a "90%" promise)."""
    mine = extract_quantities(qualifier)
    theirs = extract_quantities(asset_text)
    return bool(mine) and all(any(_restates(v, a) for a in theirs) for v in mine)


def _restates(v: Quantity, a: Quantity) -> bool:
    """The same bar: the same value with the same bound ("within 60 days" is not "after the first 60 days",
    "25,000 shipments" not "10,000+"), or the other side of a share."""
    if v.kind != a.kind or v.value is None or a.value is None:
        return False
    if v.kind == "percent" and v.value + a.value == 100:
        return True
    return v.bound == a.bound and compare_quantities(v, a) == "same"


# Restrictions reps phrase around a plan name or a schedule ("that's on Full House only", "after year ten
# it's pro-rated"), added after the dev set's tuning calls.
_q(
    "restriction",
    r"\bon\s+(?:the\s+)?(?-i:[A-Z][\w+]*)(?:\s+(?-i:[A-Z][\w+]*))?(?:\s+plan|\s+tier)?\s+only\b",
    extend=False,
)
_q("restriction", r"\bpro-?rated\b|\bprorated\b", extend=False)
# manual data entry in place of a sync: "your bookkeeper keys it in", "someone types them in by hand"
_q(
    "workaround",
    r"\b(?:keys?|keying|keyed|types?|typing|typed|enters?|entering|re-?keys?|re-?keying|re-?enters?)\s+"
    r"(?:it|them|that|those|these|everything|(?:the|each|every)\s+[\w-]+)\s+(?:in|into)\b",
    extend=False,
)
# a benefit put on one named plan: "round-the-clock phone support is a Plus thing", "that's a Scale feature"
_q(
    "restriction",
    r"\b(?:is|'s|are|'re)\s+(?:a|an)\s+(?-i:[A-Z][\w+-]*)(?:\s+(?:plan|tier))?\s+"
    r"(?:thing|feature|perk|benefit|exclusive)\b",
    extend=False,
)
# Hedges that undercut a promise outright ("I wouldn't bank on it", "more of a goal than a contractual thing").
_q(
    "hedge",
    r"\b(?:wouldn't|would\s+not|don't|do\s+not)\s+(?:bank|count|rely)\s+on\b|\bmore\s+of\s+an?\s+(?:goal|target|"
    r"guideline|aim|ballpark|estimate)\b|\bno\s+promises\b|\bcan't\s+promise\b|\bcannot\s+promise\b|"
    r"\bnot\s+(?:a\s+)?(?:contractual|guaranteed|binding)\b|\bdon't\s+quote\s+me\b|\bbest[- ]case\b|"
    r"\bfrom\s+(?:some\s+of\s+)?our\s+(?:best|top)\b",
    extend=False,
)
