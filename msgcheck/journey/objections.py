"""Objections left open: the prospect's concerns, each tracked until a rep answers it, in that call or a later one.

A prospect sentence is an objection when the trained objection head (msgcheck.journey.objmodel) gives it a
concern (price, timing, competitor, security, integration, authority, contract, need, trust) with enough
probability; one utterance raises a concern once, and a concern raised again on a later call, in other words
but close in meaning, is the same one still (the first raising is where it is listed). A rep sentence answers
it when the answer head says it addresses that concern: on the same call, among the rep's next few turns
after it was raised; on a later call, among the rep sentences close to it in meaning. On its own call the
rep's very next turn also answers it when it takes the concern on (opens with an answer, perhaps after a
short acknowledgement, or offers a remedy on the concern's own topic) and does not note it and move on
("Noted. Let me show you the portal"). A prospect turn that only welcomes what they heard ("that would
actually be useful") raises no concern, whatever its topic words. One that no rep ever answers is left open,
listed per call and per account.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embed.embedders import Embedder
from .objmodel import ObjectionModel, pair_features
from .text import Sentence, shared_stems

__all__ = ["Objection", "ObjectionConfig", "answer_candidates", "track_objections"]


@dataclass(frozen=True)
class ObjectionConfig:
    """How the tracker looks for answers and repeats (tuned on the journey tuning sets)."""

    same_call_turns: int = 3  # rep turns after the objection searched for an answer on its own call
    later_sim: float = 0.25  # a later call's rep sentence this close to the objection is read as an answer
    repeat_sim: float = 0.6  # a later concern this close, with the same label, is the same objection
    min_words: int = 4
    direct_reply: bool = True  # the rep's next turn answers unless it deflects ("Noted. Let me show you ...")
    later_answer_margin: float = 0.1  # a later call's answer needs P(addressed) >= min_answer + this
    # (3 turns, 0.25, 0.1: the best pooled left-open F1 over the seven journey sets of 2026-12-05, each read by
    # an artifact trained without it; was 2, 0.45, 0.0. A later answer is looked for among more of the later
    # rep turns, and needs a surer answer head.)
    move_on_veto: bool = True  # on its own call, a reply that notes the concern and moves on answers nothing


@dataclass
class Objection:
    """A concern a prospect raised, and the rep's words that answered it (None while it is open)."""

    label: str
    score: float
    said: Sentence
    answered: Sentence | None = None
    answer_score: float = 0.0
    raised_again: list[Sentence] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.answered is None

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "score": round(self.score, 4),
            "said": self.said.cite(),
            "open": self.open,
            "answered": self.answered.cite() if self.answered else None,
            "answer_score": round(self.answer_score, 4),
            "raised_again": [s.cite() for s in self.raised_again],
        }


def track_objections(
    calls: Sequence[tuple[Sequence[Sentence], Sequence[Sentence]]],
    embedder: Embedder,
    model: ObjectionModel,
    config: ObjectionConfig | None = None,
) -> list[Objection]:
    """An account's objections, in the order raised. ``calls``: (prospect turns, rep turns) per call, in date
    order (msgcheck.journey.text.utterances)."""
    cfg = config or ObjectionConfig()
    found: list[Objection] = []
    found_vecs: list[np.ndarray] = []
    for prospect, rep in calls:
        new = _classify(prospect, embedder, model, cfg)
        for ob, vec in new:
            same = [
                i
                for i, (o, v) in enumerate(zip(found, found_vecs, strict=True))
                if o.label == ob.label and float(v @ vec) >= cfg.repeat_sim
            ]
            if same:
                found[same[0]].raised_again.append(ob.said)
                continue
            found.append(ob)
            found_vecs.append(vec)
        # answers on this call, to this call's objections and to earlier ones still open
        still_open = [(i, o) for i, o in enumerate(found) if o.open]
        if still_open and rep:
            _answer(still_open, found_vecs, rep, embedder, model, cfg)
    return found


# a prospect welcoming what they heard ("Oh, that would actually be useful", "so that could work") ...
_APPROVAL = re.compile(
    r"\b(?:would (?:actually |really )?be (?:useful|helpful|great|nice|handy)|"
    r"(?:that|this|it|which) (?:could|would|should|might) (?:work|help)|sounds (?:good|great|fine|helpful)|"
    r"love (?:that|it)|that's (?:great|good|helpful|perfect|useful)|makes sense|(?:is|are) real|oh good|"
    r"good to (?:know|hear)|that helps|fair enough)\b",
    re.I,
)
# ... raises no concern unless it also says what worries them ("that could work, but ...")
_CONCERN = re.compile(
    r"\b(?:but|though|however|worr\w*|concern\w*|problem|issue|not sure|afraid|scar\w*|risk\w*|steep|"
    r"expensive|no way|too)\b|n't\b",
    re.I,
)


def _welcomes(text: str) -> bool:
    """Whether a prospect turn only welcomes what they heard: no concern, whatever its topic words."""
    return bool(_APPROVAL.search(text)) and not _CONCERN.search(text)


def _classify(
    prospect: Sequence[Sentence], embedder: Embedder, model: ObjectionModel, cfg: ObjectionConfig
) -> list[tuple[Objection, np.ndarray]]:
    todo = [s for s in prospect if len(s.text.split()) >= cfg.min_words and not _welcomes(s.text)]
    if not todo:
        return []
    vecs = embedder.embed_batch([s.text for s in todo])
    proba = model.objection.predict_proba(vecs)
    labels = model.objection.classes_
    none = labels.index("none")
    # whether it is a concern: the fine-tuned reader where the artifact has one, else the head's P(not none)
    if model.concern is not None:
        concerns, floor = model.concern.scores([s.text for s in todo]), model.concern.threshold
    else:
        concerns, floor = 1.0 - proba[:, none], model.min_objection
    best: dict[tuple[str, int], tuple[Objection, np.ndarray]] = {}  # one concern per utterance
    for s, p, v, c in zip(todo, proba, vecs, concerns, strict=True):
        concern = float(c)
        if concern < floor:
            continue
        masked = p.copy()
        masked[none] = -1
        label = labels[int(masked.argmax())]
        key = (s.call, s.index)
        if key not in best or concern > best[key][0].score:
            best[key] = (Objection(label, concern, s), v)
    return list(best.values())


_DEFLECT = re.compile(
    r"^\W*(?:noted|okay|ok|sure|understood|got it|i hear you|i understand|totally|fair|right|yeah|mm-?hmm|"
    r"good question|great question|let me|moving on|anyway|so,? (?:let me|next)|anything else)\b",
    re.I,
)
_ANSWERS = re.compile(
    r"^\W*(?:no|yes|yep|nope|absolutely|of course|actually|"
    r"(?:it|that|this) (?:does|doesn't|is|isn't|won't|will)|we (?:do|don't|are|can|can't|will|won't|have)|"
    r"there(?:'s| is)|that's|you (?:can|would|won't|don't|get))\b",
    re.I,
)


# an answer that says how the concern is met, wherever it stands in the reply
_REMEDY = re.compile(
    r"\b(?:what i can do|the difference (?:with|is)|(?:that|it|this) (?:won't|will not|doesn't|does not) happen|"
    r"you(?:'re| are) not (?:stuck|locked|on the hook)|you (?:can|could) (?:cancel|leave|walk|buy \w+ out)|"
    r"we (?:can|will|'ll|would) (?:waive|cover|refund|match|credit|put it in writing)|"
    r"(?:i|we) (?:can|could) (?:waive|cover|refund|match|credit)|money-back|guarantee[ds]?|in writing|"
    r"but (?:look at|consider|think about)|here's (?:how|what we do|the thing)|works in your favou?r)\b",
    re.I,
)
# the reply notes the concern and goes on to something else
_MOVE_ON = re.compile(
    r"\b(?:noted|writing (?:that|it) down|let me (?:show|share|walk you|pull)|let's (?:pull|park|look at|move|get)|"
    r"park (?:that|it|pricing|this)|anyway|moving on|make sure \w+ hears|(?:i'd|i would) rather have|"
    r"come back to (?:that|it)|let us make sure|(?:can|do) (?:you|everyone|you both) see my screen|"
    r"sharing (?:my screen|now)|flag it for)\b",
    re.I,
)
# a short acknowledgement, then a turn to another topic ("Sure, sure. So on the add-ons, ...", "Ha, the
# pasta's the real cost. Okay, and then the guarantee")
_PIVOT = re.compile(
    r"^\W*[^.!?]{0,40}[.!?]\s+(?:so|okay|ok|alright|right)\W+"
    r"(?:on the\b|and then\b|quick version\b|next\b|(?:the|your) \w+[.?!])"
    r"|(?:^|[.!?]\s+)(?:so|okay|ok|alright)\W+(?:the|your|on to the) \w+(?: \w+)?[.?!]",  # "So, the timeline."
    re.I,
)
# a short first sentence that only acknowledges ("Totally fair.", "Yeah, that's a super common story.")
_ACK = re.compile(r"^\W*(?:[^.!?]{0,40})[.!?]\s+(?=\S)")


def _direct_answer(text: str, concern: str = "") -> bool:
    """Whether a rep's reply takes the concern on, rather than noting it and moving on: it opens with an
    answer, perhaps after a short acknowledgement ("That's fair. It won't happen here"), or says how the
    concern is met on its own topic ("a new fee this late" / "What I can do is waive the transfer fee"), and
    does not go on to something else ("Noted. Let me show you the portal")."""
    if _goes_elsewhere(text):
        return False
    rest = _ACK.sub("", text, count=1)
    return _remedies(text, concern) or any(_ANSWERS.match(t) and not _DEFLECT.match(t) for t in (text, rest))


def _goes_elsewhere(text: str) -> bool:
    """Whether a rep's reply turns to something else ("Noted. Let me show you ...", "Sure. So on the add-ons")."""
    return bool(_MOVE_ON.search(text) or _PIVOT.search(text))


def _remedies(text: str, concern: str) -> bool:
    """Whether a rep's reply says how the concern is met, on the concern's own topic."""
    return bool(_REMEDY.search(text)) and bool(shared_stems(text, concern))


def _moves_on(text: str, concern: str) -> bool:
    """Whether a rep's reply notes the concern and goes on to something else, saying nothing of how it is
    met: no answer on the objection's own call, whatever its topic words."""
    return not _remedies(text, concern) and _goes_elsewhere(text)


def answer_candidates(
    rep: Sequence[Sentence], raised: int | None, sims: np.ndarray, cfg: ObjectionConfig
) -> list[int]:
    """Which rep turns of a call the tracker reads as a possible answer to an objection: on the call where it
    was raised (``raised``: its utterance index) the rep's next ``same_call_turns``; on a later call those
    whose cosine to it (``sims``, one per turn) reaches ``later_sim``."""
    if raised is not None:
        return [j for j, s in enumerate(rep) if s.index > raised][: cfg.same_call_turns]
    return [j for j in range(len(rep)) if float(sims[j]) >= cfg.later_sim]


def _answer(
    still_open: list[tuple[int, Objection]],
    vecs: list[np.ndarray],
    rep: Sequence[Sentence],
    embedder: Embedder,
    model: ObjectionModel,
    cfg: ObjectionConfig,
) -> None:
    """Mark the open objections a rep turn of this call answers. ``rep``: the call's rep turns, in order."""
    rep_vecs = embedder.embed_batch([s.text for s in rep])
    for i, ob in still_open:
        same_call = ob.said.call == rep[0].call
        pick = answer_candidates(rep, ob.said.index if same_call else None, rep_vecs @ vecs[i], cfg)
        if not pick:
            continue
        obj = np.repeat(vecs[i][None, :], len(pick), axis=0)
        scores = model.answer.predict_proba(pair_features(obj, rep_vecs[pick]))
        if same_call and cfg.move_on_veto:
            scores = np.where([_moves_on(rep[j].text, ob.said.text) for j in pick], 0.0, scores)
        j = int(np.argmax(scores))
        if float(scores[j]) >= model.min_answer + (0.0 if same_call else cfg.later_answer_margin):
            ob.answered, ob.answer_score = rep[pick[j]], float(scores[j])
        elif same_call and cfg.direct_reply and _direct_answer(rep[pick[0]].text, ob.said.text):
            # the rep's very next turn takes the concern head on ("No, no long contract: it's month-to-month")
            ob.answered, ob.answer_score = rep[pick[0]], float(scores[0])
