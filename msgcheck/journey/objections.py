"""Objections left open: the prospect's concerns, each tracked until a rep answers it, in that call or a later one.

A prospect sentence is an objection when the trained objection head (msgcheck.journey.objmodel) gives it a
concern (price, timing, competitor, security, integration, authority, contract, need, trust) with enough
probability; one utterance raises a concern once, and a concern raised again on a later call, in other words
but close in meaning, is the same one still (the first raising is where it is listed). A rep sentence answers
it when the answer head says it addresses that concern: on the same call, among the rep's next few turns
after it was raised; on a later call, among the rep sentences close to it in meaning. One that no rep ever
answers is left open, listed per call and per account.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embed.embedders import Embedder
from .objmodel import ObjectionModel, pair_features
from .text import Sentence

__all__ = ["Objection", "ObjectionConfig", "track_objections"]


@dataclass(frozen=True)
class ObjectionConfig:
    """How the tracker looks for answers and repeats (tuned on corpora/journeys/dev)."""

    same_call_turns: int = 2  # rep turns after the objection searched for an answer on its own call
    later_sim: float = 0.45  # a later call's rep sentence this close to the objection is read as an answer
    repeat_sim: float = 0.6  # a later concern this close, with the same label, is the same objection
    min_words: int = 4
    direct_reply: bool = True  # the rep's next turn answers unless it deflects ("Noted. Let me show you ...")


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


def _classify(
    prospect: Sequence[Sentence], embedder: Embedder, model: ObjectionModel, cfg: ObjectionConfig
) -> list[tuple[Objection, np.ndarray]]:
    todo = [s for s in prospect if len(s.text.split()) >= cfg.min_words]
    if not todo:
        return []
    vecs = embedder.embed_batch([s.text for s in todo])
    proba = model.objection.predict_proba(vecs)
    labels = model.objection.classes_
    none = labels.index("none")
    best: dict[tuple[str, int], tuple[Objection, np.ndarray]] = {}  # one concern per utterance
    for s, p, v in zip(todo, proba, vecs, strict=True):
        concern = 1.0 - float(p[none])
        if concern < model.min_objection:
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
    r"it (?:does|doesn't|is|isn't|won't|will)|we (?:do|don't|are|can|can't|will|won't|have)|"
    r"there(?:'s| is)|that's|you (?:can|would|won't|don't|get))\b",
    re.I,
)


def _direct_answer(text: str) -> bool:
    """Whether a rep's reply opens by taking the question on, rather than noting it and moving on."""
    return bool(_ANSWERS.match(text)) and not _DEFLECT.match(text)


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
        if ob.said.call == rep[0].call:
            pick = [j for j, s in enumerate(rep) if s.index > ob.said.index][: cfg.same_call_turns]
        else:
            sims = rep_vecs @ vecs[i]
            pick = [j for j in range(len(rep)) if float(sims[j]) >= cfg.later_sim]
        if not pick:
            continue
        obj = np.repeat(vecs[i][None, :], len(pick), axis=0)
        scores = model.answer.predict_proba(pair_features(obj, rep_vecs[pick]))
        j = int(np.argmax(scores))
        if float(scores[j]) >= model.min_answer:
            ob.answered, ob.answer_score = rep[pick[j]], float(scores[j])
        elif ob.said.call == rep[0].call and cfg.direct_reply and _direct_answer(rep[pick[0]].text):
            # the rep's very next turn takes the concern head on ("No, no long contract: it's month-to-month")
            ob.answered, ob.answer_score = rep[pick[0]], float(scores[0])
