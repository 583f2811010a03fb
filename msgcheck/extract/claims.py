"""Claim extraction: which sentences carry a promise (assets) or a concrete offer statement (reps).

spaCy splits sentences and tags entities; the value, polarity, qualifier and slot functions
(`values`, `polarity`, `qualifiers`, `slots`) annotate each kept sentence. Rep utterances that
cannot hold a claim (no digit, number word or offer term) never reach spaCy, which keeps a
10,000-utterance call fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..deadline import check_time
from ..models import nlp
from ..types import Block, Claim, Document, Transcript
from . import assetlines as lines
from .names import name_words
from .polarity import polarity_terms
from .qualifiers import find_qualifiers
from .slots import OFFER_TERMS, classify_slot
from .values import extract_quantities
from .values.attribute import in_context

NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|half|unlimited|free|no|never|only|always)\b",
    re.I,
)

# Sentences a rep says that are not product or offer claims.
_NOT_A_CLAIM = re.compile(
    r"\b(can you see my screen|see my screen|share my screen|sharing my screen|you're on mute|on mute|"
    r"hear me|calendar invite|send (you )?(an? )?(invite|recap|summary|deck|link|proposal)|"
    r"(send|shoot|email) (it|that|this|those) (over|across)|follow[- ]up (call|email)|"
    r"talk (to you )?(soon|next week|tomorrow)|have a (great|good) (day|weekend|one)|"
    r"how was your weekend|thanks for (joining|your time|having me)|nice to meet you)\b",
    re.I,
)
# The rep reflecting the prospect's own situation back is context, not a claim.
_REFLECTS_PROSPECT = re.compile(
    r"\b(you mentioned|you said|you told me|you're (currently )?(paying|using)|you're currently on|your current|"
    r"sounds like you|if I heard you|what I'm hearing|you guys are (paying|using))\b",
    re.I,
)
_COMPETITOR_WORDS = re.compile(
    r"\b(cheaper than|pricier than|more expensive than|than we are|than us|compared to|compared with|"
    r"versus|vs\.?|we hear that a lot|(?:merchants|customers|shops|folks|people|clients|owners|teams) I (?:talk|speak|work) (?:to|with)|competitors?|other (vendors?|providers?|tools?|platforms?|companies)|the other guys|those guys|"
    r"(they|them|their) (charge|charges|price|pricing|plans?|contracts?|lock|make you|want|require|only|don't|do not|"
    r"offer|give|have|bill)|with them|their (tool|product|software|platform|support|fees?))\b",
    re.I,
)
_NAMED_PRICE = re.compile(
    r"\b([A-Z][A-Za-z0-9]+)(?:'s|\s+is|\s+are)?\s+(?:at|charges?|costs?|bills?|runs?)\s+(?:you\s+)?[$\w]"
)
# A sentence that leans on what came before ("That one's on Full House only", "It kicks in after year three").
# A stance adverb may come first ("Normally it's six hundred", "Honestly that's on Pro only").
ANAPHORA = re.compile(
    r"^(?:(?:so|and|but|yeah|yep|yes|no|right|okay|ok|oh|ah|um|uh|well|now|also|plus|then|still|perfect|great|"
    r"cool|sure|nice|good|gotcha|alright|awesome|\w+ly),?\s+)*"
    r"(?:that|it|this|those|these|they|which)(?:'s|\s)",
    re.I,
)
_QUESTION_START = re.compile(
    r"^(do|does|did|are|is|was|were|can|could|would|will|have|has|how|what|when|where|which|who|why|any)\b",
    re.I,
)
_MIN_TOKENS = 4


_VOCAB_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'-]+")


@dataclass
class CampaignVocab:
    """Words the campaign's own assets use; a capitalised name outside it is someone else's."""

    words: set[str] = field(default_factory=set)

    @classmethod
    def from_documents(cls, docs: Iterable[Document]) -> CampaignVocab:
        words: set[str] = set()
        for d in docs:
            words.update(w.lower() for w in _VOCAB_WORD.findall(d.text))
        return cls(words)

    def knows(self, name: str) -> bool:
        """A name the assets use: every word of it ("Canada Post", one of the campaign's carriers)."""
        parts = _VOCAB_WORD.findall(name.lower())
        return bool(parts) and all(p in self.words for p in parts)


# A rep asserting what the product or offer does, as opposed to chatting, asking or opining.
_OFFER_ASSERTION = re.compile(
    r"\b(we(?:'ll| will)? (?:also )?(?:offer|include|provide|support|integrate|guarantee|cover|match|give|throw in|"
    r"waive|refund|credit|front|handle|price|bill|charge|calculate|sync|post|connect|monitor|back up|encrypt|"
    r"host|migrate|train|replace|install|clean|wash|service|maintain)|"
    r"we(?:'re| are) (?:[\w-]+ ){0,5}?(?:certified|compliant|audited|accredited|approved|partnered|licensed|insured)|"
    r"we(?:'ve)? (?:got|have) (?:a |an )?(?:native|built-in|dedicated|direct|full|free|24/7)|"
    # ... or a product by name moving data somewhere: "Brigadely posts the journal entries into Ledgerly"
    r"(?-i:[A-Z][a-z]+) (?:also )?(?:posts|syncs|integrates|connects|pushes|pulls|feeds|exports|imports) |"
    r"(?:it|that|the \w+|this) (?:also )?(?:includes|comes with|supports|integrates|syncs|connects|covers|handles|"
    r"calculates|posts)|"
    r"(?:is|are) (?:also )?(?:included|covered|free|guaranteed|unlimited|native)|"
    r"you(?:'ll)? (?:also )?(?:get|receive|have access)|I can (?:knock|take|give|offer|throw|waive)|"
    r"at no (?:extra )?(?:charge|cost)|"
    # a feature said as an extra: "Pro also builds your fuel-tax report", "the Tag can also shut it down",
    # "there's a built-in loyalty program", "we also do catered breakfast", "all our beans are X certified"
    r"(?:can |will )?also (?:does|do|has|have|builds?|includes?|comes with|keeps?|stores?|sends?|tracks?|reads?|"
    r"makes?|runs?|offers?|gives?|lets you|works with|handles?|flags?|alerts?|prints?|scans?|logs?|records?|"
    r"exports?|imports?|reports?|calculates?|generates?|creates?|supports?|syncs?|integrates?|connects?|covers?|"
    r"plugs? into|shuts?|locks?|detects?|translates?|schedules?|automates?)|"
    r"there(?:'s| is) (?:also (?:a |an )?|(?:a |an )?(?:built-in|native|dedicated|automatic)\b)|"
    r"we also (?:do|have|make|run|carry|stock|sell)|"
    r"(?:are|is) (?:[\w-]+ ){0,6}(?:certified|compliant|accredited))\b",
    re.I,
)


def asserts_offer(text: str) -> bool:
    """A rep saying what the product or offer does ("we also calculate duties", "it comes with SSO")."""
    return bool(_OFFER_ASSERTION.search(text))


# A rep saying the product does not have, do or connect to something: "we don't have a LedgerNest connection
# right now", "Roomwright isn't connected yet", "there's no Xero sync". It promises nothing, but it can take
# back what an asset promises (msgcheck.judge.rules: the denial rule).
_DENIAL = re.compile(
    r"\b(?:do|does|did)(?:\s+not|n't)\s+(?:(?:yet|really|currently|actually)\s+)?"
    r"(?:have|offer|support|do|integrate|connect|sync|work\s+with|talk\s+to|read\s+from|cover)\b"
    r"|\b(?:is|are|'s|'re)(?:\s+not|n't)\s+(?:(?:yet|really|currently|actually)\s+)?"
    r"(?:connected|integrated|supported|available|live|set\s+up|hooked\s+up|synced|included|covered)\b"
    r"|\bnot\s+(?:yet\s+)?(?:connected|integrated|supported|hooked\s+up|synced)\b"
    r"|\b(?:there's|there\s+is)\s+no\s+(?:\w+\s+){0,2}(?:connection|integration|sync)\b"
    r"|\bno\s+(?:\w+\s+){0,2}(?:connection|integration|sync)\b",
    re.I,
)


def denies_capability(text: str) -> re.Match[str] | None:
    """Where a rep says the product does not have, do or connect to something (``_DENIAL``), if anywhere."""
    return _DENIAL.search(text)


def could_hold_claim(text: str) -> bool:
    """Cheap pre-filter: only text with a number, an offer term or an offer assertion can hold a claim."""
    return bool(
        re.search(r"\d|[$€£%]", text)
        or NUMBER_WORDS.search(text)
        or OFFER_TERMS.search(text)
        or _OFFER_ASSERTION.search(text)
        or _DENIAL.search(text)
    )


def reflects_prospect(sent) -> bool:
    """The rep reflecting the prospect's situation back ("your current provider charges 2.9%"), not the seller
    acting on it: "we migrate both of your current providers for free" is an offer ("we", the seller, is the
    subject of the verb the prospect's thing hangs from; "I know your current vendor ..." still reflects)."""
    m = _REFLECTS_PROSPECT.search(sent.text)
    if m is None:
        return False
    if not m.group(0).lower().startswith("your current"):
        return True
    tok = _governing_verb(sent, sent.start_char + m.start())
    if tok is None:
        return True
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "we" for c in tok.children)


def _governing_verb(sent, at: int):
    """The verb (or the root) that the word at character ``at`` of ``sent`` hangs from; None past its end."""
    tok = next((t for t in sent if t.idx >= at), None)
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def is_question(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith("?") or bool(_QUESTION_START.match(s) and not s.endswith("."))


_OTHER_NAME = re.compile(
    r"\b([A-Z][A-Za-z0-9]+)(?:'s\s+(?:\$|\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
    r"forty|fifty|plan|plans|price|pricing|prices|rate|rates|fee|fees|contract|quotes?|policy|policies|deductible|"
    r"terms|offer|deal|bundle|package)|\s+(?:makes you|charges|bills you|locks you|wants you))"
)
_NOT_NAMES = frozenset(
    "it that there he she what here who this everything everyone nobody someone let which where".split()  # noqa: SIM905
)
_SELLER_PAYS = re.compile(
    r"\b(?:we|I)(?:'ll| will| can| could)? (?:pay|cover|put|credit|reimburse|buy (?:you )?out|eat|match)\b.*"
    r"\b(?:toward|towards|of whatever|whatever|their|your (?:old|current|early))\b",
    re.I,
)


def mentions_competitor(sent, vocab: CampaignVocab | None) -> bool:
    """True when a rep sentence describes another company's offer (their price is not our drift)."""
    text = sent.text
    if _SELLER_PAYS.search(text):
        return False  # "we'll put $200 a truck toward whatever Yardhawk charges you": our switching offer
    for m in _COMPETITOR_WORDS.finditer(text):
        if re.match(r"(?:they|them|their)\b", m.group(0), re.I) and _about_our_people(
            sent, sent.start_char + m.start()
        ):
            continue  # "most of our warehouse clients are cutting their bill in half": they are ours
        return True
    if vocab is None or not vocab.words:
        return False
    for m in _OTHER_NAME.finditer(text):
        name = m.group(1).lower()
        if name not in vocab.words and name not in _NOT_NAMES:
            return True  # "Ironbridge's two and a half", "Ironlark makes you buy the tag"
    for m in _NAMED_PRICE.finditer(text):
        if m.group(1).lower() not in vocab.words:
            return True  # "PayDeck's at eight a head": someone else's price
    third_person = re.search(r"\b(they|their|them|they're|theirs)\b", text, re.I)
    for ent in sent.ents:
        if (
            ent.label_ in ("ORG", "PRODUCT", "PERSON", "GPE")
            and not vocab.knows(ent.text)
            and (
                third_person
                or re.search(rf"{re.escape(ent.text)}\s+(charges?|costs?|is|are|has|have|bills?)\b", text)
            )
        ):
            return True
    return False


def _about_our_people(sent, at: int) -> bool:
    """The "they" / "their" at character ``at`` is in a clause whose subject is the seller's own customers
    ("most of our warehouse clients are cutting their bill in half"), not a competitor."""
    tok = _governing_verb(sent, at)
    if tok is None:
        return False
    # (spoken sentences can parse with two subjects: "lots of daytime load, most of ...")
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            span = sent.doc[c.left_edge.i : c.right_edge.i + 1]
            if any(w.lower_ == "our" for w in span) and any(w.tag_ in ("NNS", "NNPS") for w in span):
                return True
    return False


_NOT_PRODUCT = {
    "PERSON",
    "GPE",
    "LOC",
    "DATE",
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "NORP",
}


def product_names(sent) -> list[str]:
    """Proper names in a sentence that could be products, integrations or certifications (not people, places
    or dates), skipping the sentence's first word."""
    skip = {t.i for ent in sent.ents if ent.label_ in _NOT_PRODUCT for t in ent}
    return [
        t.text
        for t in sent
        if t.i != sent.start
        and t.i not in skip
        and t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and len(t.text) > 2
    ]


def annotate(claim: Claim) -> Claim:
    """Fill a claim's slot, values, polarity and qualifiers from its text."""
    claim.slot = classify_slot(claim.text)
    claim.quantities = extract_quantities(claim.text)
    claim.polarity = polarity_terms(claim.text)
    claim.qualifiers = find_qualifiers(claim.text)
    return claim


def leaning_values(text: str, lead: str) -> list:
    """Values of a sentence that leans on the one before: "So there's no setup fee. Normally it's six
    hundred" says $600 of the setup fee, which the sentence alone does not (a bare "six hundred" is no
    amount). The values are read as one clause with ``lead`` (so a price word there cues a bare amount
    here) and kept where they fall in ``text``."""
    own = extract_quantities(text)
    lead = lead.rstrip(" .!?")
    if not lead:
        return own
    offset = len(lead) + 2
    read = [
        replace(q, start=q.start - offset, end=q.end - offset) for q in extract_quantities(f"{lead}, {text}")
    ]
    tail = [q for q in read if q.start >= 0]
    return tail if len(tail) >= len(own) else own


def _denies_known(text: str, vocab: CampaignVocab | None) -> bool:
    """A denial about something the campaign's assets name ("we don't have a LedgerNest connection" where an
    asset says "Accounting sync with LedgerNest"): worth judging; a denial of anything else is chat."""
    if vocab is None or not _DENIAL.search(text):
        return False
    return any(vocab.knows(w) for w in name_words(text))


def _is_promise(claim: Claim) -> bool:
    return bool(claim.slot or claim.quantities or claim.polarity)


class ClaimExtractor:
    """Splits assets and rep utterances into claims. `nlp` is injectable for tests.

    ``wide``: every rep sentence that is not a question, chat, the prospect's situation or a competitor's
    terms is a claim, the rules' (``Claim.ruled``) and the rest, so a judge that reads meaning can see drift
    that carries no number or offer word ("we don't do same-day runs"); the final head decides."""

    def __init__(
        self,
        nlp=None,
        batch_size: int = 256,
        batch_chars: int = 50_000,
        stream_batch: int = 64,
        wide: bool = False,
    ):
        self._nlp = nlp
        self.wide = wide
        self.batch_size = batch_size
        self.batch_chars = batch_chars
        self.stream_batch = stream_batch

    def _pipe(self, texts: list[str], batch_size: int | None = None):
        """spaCy over ``texts``, at most ``batch_size`` texts a batch and fewer when they are long: spaCy's
        memory grows with the tokens of a whole batch (about 18 MB a 5,000-character text), so 256 turns
        near ``max_turn_chars`` would take it past 4 GB. Within ``batch_chars`` characters a batch of the
        longest, an ordinary call or asset keeps batches of ``batch_size``."""
        longest = max((len(t) for t in texts), default=1)
        return self.nlp.pipe(
            texts, batch_size=max(1, min(batch_size or self.batch_size, self.batch_chars // max(longest, 1)))
        )

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = nlp()
        return self._nlp

    def extract(
        self, source: Sequence[Document] | Transcript, vocab: CampaignVocab | None = None
    ) -> list[Claim]:
        """The stage's one method (msgcheck.extract.base.Extractor): asset claims of documents, rep claims of
        a transcript."""
        if isinstance(source, Transcript):
            return self.rep_claims(source, vocab)
        return self.asset_claims(source)

    def asset_claims(self, docs: Iterable[Document]) -> list[Claim]:
        """Statements of the assets a rep can be held to, one per distinct text per file: not headings,
        buttons, link rows, testimonials, popularity stats, boilerplate or script cues (extract.assetlines)."""
        items: list[tuple[Document, Block, str]] = []
        for d in docs:
            for b in d.blocks:
                if not b.text.strip():
                    continue
                pieces = lines.split_script_cues(b.text) if lines.looks_like_script(b.text) else [b.text]
                items += [(d, b, p) for p in pieces]
        claims: list[Claim] = []
        seen: set[tuple[str, str]] = set()
        after_quote = False  # the line after a testimonial names who said it
        for (doc, block, _), parsed in zip(items, self._pipe([p for _, _, p in items]), strict=True):
            if block.kind == "table_cell":
                claim = self._table_claim(doc, block)
                if claim and (doc.name, claim.text.lower()) not in seen:
                    seen.add((doc.name, claim.text.lower()))
                    claims.append(claim)
                continue
            quote = lines.is_testimonial(block.text)
            attribution = (
                after_quote and len(block.text.split()) <= 10 and not block.text.rstrip().endswith(".")
            )
            after_quote = quote
            if quote or attribution:
                continue
            for sent in parsed.sents:
                claim = self._asset_claim(doc, block, sent)
                if claim and (doc.name, claim.text.lower()) not in seen:
                    seen.add((doc.name, claim.text.lower()))
                    claims.append(claim)
        return claims

    def _asset_claim(self, doc: Document, block: Block, sent) -> Claim | None:
        """The claim a sentence of an asset makes, or None when it is page furniture."""
        text = sent.text.strip()
        text = text[lines.answer_prefix_end(text) :].strip()
        if len(sent) < 2 or len(text.split()) < 2 or is_question(text):
            return None  # an FAQ's question promises nothing; its answer does
        if lines.is_link_row(text) or lines.is_boilerplate(text) or lines.is_social_proof(text):
            return None
        if lines.is_testimonial(text):
            return None
        if lines.is_button(text):
            return None  # "Start for free", "Create a free account": a button, whatever it offers
        claim = annotate(Claim(text=text, side="asset", file=doc.name))
        claim.headline = block.kind == "headline"
        offer = bool(claim.quantities or claim.polarity) or lines.states_offer(text)
        if block.kind == "cta":
            return claim if offer else None
        if lines.is_call_to_action(text):
            # "Book a demo." invites; "Save 15% with annual billing." and "Connect Freightly to Xero." offer
            return claim if offer or _is_promise(claim) else None
        if block.kind == "list_item":
            claim.slot = claim.slot or "feature"  # a bullet of a feature list states a feature
            return claim
        if lines.is_heading_like(text, block.kind):
            # "Plans and fees", "Family plan" name a section; "14-day free trial, no credit card" makes an offer
            return claim if offer else None
        if lines.is_statement(sent) or offer:
            claim.slot = claim.slot or "feature"  # "You never lose your data.": a promise all the same
            return claim
        return None

    def _table_claim(self, doc: Document, block: Block) -> Claim | None:
        """A table cell with its row and column ("Chargeback fee on Growth: $15"), unless it says nothing."""
        if lines.vague_cell(block.cell):
            return None
        claim = annotate(Claim(text=block.text, side="asset", file=doc.name))
        claim.slot = claim.slot or "feature"
        return claim

    def rep_claims(
        self,
        transcript: Transcript,
        vocab: CampaignVocab | None = None,
        each: Callable[[list[Claim]], None] | None = None,
    ) -> list[Claim]:
        """Concrete product/offer statements made by the call's reps.

        ``each``, when given, is handed the new claims after every ``stream_batch`` utterances spaCy has
        read (spaCy then parses in batches that small), so a caller can embed them while the next batch is
        parsed (Checker.check_call). The claims are the same whatever the batch size."""
        reps = set(transcript.speakers_with("rep"))
        utts = transcript.utterances
        todo = [
            i for i, u in enumerate(utts) if u.speaker in reps and (self.wide or could_hold_claim(u.text))
        ]
        claims: list[Claim] = []
        texts = [utts[i].text for i in todo]
        parsed_all = self._pipe(texts) if each is None else self._pipe(texts, self.stream_batch)
        handed = 0  # claims handed to ``each`` so far
        for n, (i, parsed) in enumerate(zip(todo, parsed_all, strict=True), start=1):
            check_time()  # one utterance at a time: a call past its time budget stops here
            utt = utts[i]
            # the rules would read this turn (``todo`` already holds only those unless the extractor is wide)
            held = not self.wide or could_hold_claim(utt.text)
            before = utts[i - 1].text if i else ""
            # the short exchange a value is said in: the two turns before and the rep's own turn
            exchange = " ".join(x.text for x in utts[max(0, i - 2) : i + 1])
            lead = before  # what an anaphoric sentence leans on: the sentence before it, in this turn or the last
            for sent in parsed.sents:
                text, lead_before = sent.text.strip(), lead
                lead = text
                if len(sent) < _MIN_TOKENS or is_question(text):
                    continue
                if _NOT_A_CLAIM.search(text) or reflects_prospect(sent):
                    continue
                if mentions_competitor(sent, vocab):
                    continue
                claim = annotate(
                    Claim(
                        text=text,
                        side="rep",
                        file=transcript.name,
                        utterance_index=utt.index,
                        speaker=utt.speaker,
                        start=utt.start,
                        context=utt.text,
                        before=before,
                    )
                )
                claim.quantities = in_context(claim.quantities, exchange, text)
                if ANAPHORA.match(text):
                    claim.refers_to = f"{before} {utt.text}".strip()
                    claim.quantities = in_context(leaning_values(text, lead_before), exchange, text)
                    if claim.slot in (None, "other") and any(q.kind == "money" for q in claim.quantities):
                        claim.slot = "price"  # "Normally it's six hundred": the fee before it, an amount
                if not _is_promise(claim) and (asserts_offer(text) or _denies_known(text, vocab)):
                    claim.slot = (
                        "feature"  # "we also calculate duties and taxes": a product claim all the same
                    )
                claim.ruled = held and _is_promise(claim)
                if claim.ruled or self.wide:
                    claim.names = product_names(sent)
                    claims.append(claim)
            if each is not None and (n % self.stream_batch == 0 or n == len(todo)) and len(claims) > handed:
                each(claims[handed:])
                handed = len(claims)
        return claims
