"""Which lines of a marketing asset are statements a rep can be held to, and which are page furniture.

Headings ("Plans and fees"), buttons ("Start my free trial"), rows of links ("Pricing · Log in"),
testimonials and their attributions, popularity stats ("Trusted by 4,000 shops"), legal boilerplate and
the cues of a script ("ANNOUNCER", "[SFX: ...]") are not claims; a plain declarative sentence about the
product or the offer is one even when it names no price or term ("You never lose your data."), and so is
a list item ("Self-serve SQL access") and a table cell with its row and column. Plain functions over text
and spaCy spans, so each rule is table-tested on its own.
"""

from __future__ import annotations

import re

__all__ = [
    "answer_prefix_end",
    "is_boilerplate",
    "is_button",
    "is_call_to_action",
    "is_heading_like",
    "is_link_row",
    "is_social_proof",
    "is_statement",
    "is_testimonial",
    "looks_like_script",
    "split_script_cues",
    "states_offer",
    "vague_cell",
]

_SEPARATOR = re.compile(r"\s+[·|•]\s+")
# "No. The 30-day trial needs no card.": an FAQ answer's first word answers the question, it is not the claim
_ANSWER_PREFIX = re.compile(
    r"^(?:yes|no|yep|nope|absolutely|of course|sure|not at all|definitely)[.!,]\s+", re.I
)
_BOILERPLATE = re.compile(
    r"\ball rights reserved\b|©|\(c\) \d{4}|\bsubject to (?:our|the) (?:general )?(?:terms|conditions)\b|"
    r"\bnot (?:a|an) (?:contract|bank|insurance(?: policy)?)\b|, not (?:a |an )?(?:insurance|a bank|a contract)\b|"
    r"\bsee (?:your|our|the) (?:contract|policy|terms)\b|\bregistered in (?:england|wales|scotland|ireland)\b|"
    r"\bcompany (?:number|no\.?)\b|\byou are receiving this\b|\bunsubscribe\b|\bview this email\b|"
    r"\bprices? (?:are )?correct at\b|\bwe use cookies\b|\bis a licensed [\w ]*(?:agency|broker|agent)\b|"
    r"\bsubject to the terms, conditions\b|\bthis page is a summary\b|\blisted on our [\w ]+ page\b|"
    # a postal address: a US ZIP after a state, a UK postcode, a PO box
    r"\b[A-Z]{2},? \d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b|\bPO Box\b",
    re.I,
)
_SOCIAL_PROOF = re.compile(
    r"^(?:trusted by|loved by|used by|rated|join(?: over| more than)? [\d,]+|over [\d,]+ (?:happy )?customers)\b|"
    r"\b(?:read|see) (?:our|all|the) [\d,]* ?reviews\b|\b\d[\d,.]* (?:stars?|reviews|ratings)\b",
    re.I,
)
# Verbs a button or call to action starts with; the sentence is a claim only if it also states an offer
_CTA_VERBS = re.compile(
    r"^(?:book|start|get|try|create|choose|pick|call|order|download|sign up|join|contact|talk|chat|request|"
    r"learn|see|read|view|upgrade|explore|discover|find|shop|claim|grab|schedule|reply|visit|click|tap|"
    r"apply now|subscribe|register|log ?in|sign in)\b",
    re.I,
)
_VAGUE_CELL = re.compile(
    r"^(?:custom|volume pricing|contact (?:us|sales)|call (?:us|for pricing)|ask us|varies|tbd|n/?a|[-–—]|"
    r"let's talk|talk to sales|on request|quote)$",
    re.I,
)
# Script cues of a radio or video ad: bracketed directions, and capitalised speaker or scene labels
_DIRECTION = re.compile(r"\[[^\]]*\]")
_CUE = re.compile(
    r"(?:(?<=^)|(?<=[.!?:\]]\s)|(?<=[.!?:\]]))\s*(?:[A-Z][A-Z0-9'&/-]+\s*(?:-\s*)?(?:\([A-Z ,]+\)\s*)?){1,6}"
    r"(?:\d+\s*)?:?\s+(?=[A-Z][a-z'])|"
    r"\b(?:VOICEOVER|VOICE-OVER|ANNOUNCER|NARRATOR|ON-SCREEN TEXT|SUPER(?: \([A-Z ]+\))?|V\.?O\.?|SCENE \d+:)\s+"
    r"(?=[A-Z])"
)


# Words that make a heading or a verbless line an offer: a value, "free", "no ...", a guarantee, a licence
_OFFER_WORD = re.compile(
    r"\d|[$€£%¢]|\b(?:free|no|never|unlimited|guarantee\w*|warrant\w*|same[- ]day|today|instant\w*|"
    r"flat[- ]rate|upfront|licensed|insured|bonded|certified|compliant|registered|available|valid|serving)\b",
    re.I,
)
# "Clean house, free weekend.", "Growth, engineered.", "Care, right now.": two short halves, a slogan
_SLOGAN = re.compile(r"^[\w'-]+(?: [\w'-]+)?, [\w' -]{1,20}[.!]?$")


def states_offer(text: str) -> bool:
    """A heading or a verbless line that names a value or an offer term, and is not a slogan."""
    return bool(_OFFER_WORD.search(text)) and not _SLOGAN.match(text.strip())


def is_button(text: str) -> bool:
    """A short imperative with no full stop: a button or link ("Start for free", "Create a free account")."""
    t = text.strip()
    return is_call_to_action(t) and len(t.split()) <= 5 and not t.endswith(".")


def answer_prefix_end(text: str) -> int:
    """Where the claim starts in an FAQ answer that opens with its yes or no (0 when it does not)."""
    m = _ANSWER_PREFIX.match(text)
    return m.end() if m else 0


def is_link_row(text: str) -> bool:
    """A row of navigation links or buttons ("Product · Pricing · Log in"), whatever their words."""
    parts = [p for p in _SEPARATOR.split(text) if p.strip()]
    return len(parts) >= 2 and all(len(p.split()) <= 4 and not p.rstrip().endswith(".") for p in parts)


def is_heading_like(text: str, kind: str) -> bool:
    """A heading, title or label: a headline block, or a short body line with no closing punctuation."""
    if kind in ("list_item", "table_cell"):
        return False
    return kind == "headline" or (len(text.split()) <= 8 and not re.search(r"[.!?]$", text.strip()))


def is_boilerplate(text: str) -> bool:
    """Legal and email furniture: copyright, 'subject to our terms', 'not a contract', registration lines."""
    return bool(_BOILERPLATE.search(text))


def is_social_proof(text: str) -> bool:
    """Popularity, not product: 'Trusted by 2,300 teams', 'Rated 4.9 out of 5', 'Read our 3,100 reviews'."""
    return bool(_SOCIAL_PROOF.search(text))


def is_testimonial(text: str) -> bool:
    """A customer's words in quotes, or the line that attributes them ('— Priya Nair, Fernhill Studio')."""
    t = text.strip()
    return bool(re.match(r"^[\"“”‘'].*[\"“”’']$", t, re.S)) or t.startswith(("—", "– ", "- "))


def is_call_to_action(text: str) -> bool:
    """Starts like a button or an invitation ('Book a demo', 'Call GreenLeaf today', 'Upgrade when ...')."""
    return bool(_CTA_VERBS.match(text.strip()))


def vague_cell(cell: str) -> bool:
    """A table cell that states nothing checkable ('Custom', 'Volume pricing', 'Contact sales')."""
    return bool(_VAGUE_CELL.match(cell.strip()))


def is_statement(sent) -> bool:
    """A declarative sentence: a finite verb with its own subject ('Fiber has arrived on your street.'), not a
    bare noun phrase, slogan or instruction."""
    for tok in sent:
        if tok.dep_ == "ROOT":
            if tok.pos_ not in ("VERB", "AUX"):
                return False
            return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)
    return False


_SCRIPT = re.compile(r"\b(?:VOICEOVER|VOICE-OVER|ANNOUNCER|NARRATOR|SFX|SCENE \d+|ON-SCREEN|SUPER \(|V\.O\.)")


def looks_like_script(text: str) -> bool:
    """A radio or video script: it has speaker, sound or scene cues."""
    return bool(_SCRIPT.search(text))


def split_script_cues(text: str) -> list[str]:
    """The spoken and on-screen lines of a script, without its stage directions and speaker or scene cues."""
    text = _DIRECTION.sub(". ", text)
    parts = [re.sub(r"(?:\s*\.)+$", ".", p.strip()).strip() for p in _CUE.split(text)]
    parts = [p for p in parts if p != "."]
    return [p for p in parts if p and not _mostly_capitals(p)]


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8
