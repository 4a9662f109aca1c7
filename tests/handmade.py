"""Build small spaCy Docs and claimtrace records by hand, so rule tests need no model.

A token is written ``word|TAG|lemma|dep|head|ENT``; every part after the word is optional.
``head`` is the token's index inside its sentence (default: the sentence's first verb);
tokens carrying the same ENT label side by side form one entity.
"""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from claimtrace.assess import profile_claims
from claimtrace.model import (
    Attribution,
    AttributionKind,
    AttributionResult,
    Certainty,
    ChainLink,
    Claim,
    Cue,
    Document,
    Entity,
    Evidence,
    Hedge,
    PlaceMention,
    PlaceRole,
    Polarity,
    Report,
    Response,
    ResponseKind,
    Source,
    SourceType,
    StageFailure,
    Stance,
    TextSpan,
    TimeExpression,
)

VOCAB = spacy.blank("en").vocab
POS_OF_TAG = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBZ": "VERB",
    "VBP": "VERB",
    "VBN": "VERB",
    "VBG": "VERB",
    "MD": "AUX",
    "CD": "NUM",
    "DT": "DET",
    "IN": "ADP",
    "RB": "ADV",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "PRP": "PRON",
    "PRP$": "PRON",
    "TO": "PART",
    ".": "PUNCT",
    ",": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
    "_SP": "SPACE",
}
NO_SPACE_BEFORE = {".", ",", "?", "!", ":", "”"}


def _parts(spec: str) -> list[str]:
    parts = spec.split("|")
    return parts + [""] * (6 - len(parts))


def make_doc(*sentences: str) -> Doc:
    """One Doc from sentences of space-separated token specs."""
    rows = [[_parts(spec) for spec in sentence.split(" ")] for sentence in sentences]
    words, tags, lemmas, deps, heads, starts, ents = [], [], [], [], [], [], []
    for row in rows:
        offset = len(words)
        root = next((i for i, p in enumerate(row) if p[3] == "ROOT"), None)
        if root is None:
            root = next((i for i, p in enumerate(row) if p[1].startswith(("VB", "MD"))), 0)
        for i, (word, tag, lemma, dep, head, ent) in enumerate(row):
            words.append(word.replace("_", " ") if tag != "_SP" else "\n\n")
            tags.append(tag or "NN")
            lemmas.append(lemma or word.lower())
            deps.append(dep or ("ROOT" if i == root else "dep"))
            heads.append(offset + (int(head) if head else root))
            starts.append(i == 0)
            previous = ents[-1] if ents else "O"
            ents.append("O" if not ent else (f"I-{ent}" if previous.endswith(ent) else f"B-{ent}"))
    spaces = [
        not (nxt in NO_SPACE_BEFORE or "\n\n" in (cur, nxt) or cur == "“")
        for cur, nxt in zip(words, [*words[1:], "."], strict=True)
    ]
    spaces[-1] = False
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=[POS_OF_TAG.get(tag, "X") for tag in tags],
        lemmas=lemmas,
        deps=deps,
        heads=heads,
        sent_starts=starts,
        ents=ents,
    )


def span_of(text: str, part: str, nth: int = 0) -> TextSpan:
    """The TextSpan of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return TextSpan(start, start + len(part), part)


def publisher(name: str = "Daily Test") -> Source:
    return Source(id="S0", name=name, type=SourceType.PUBLISHER)


def source(
    text: str, sid: str, name: str, kind: SourceType, mention: str | None = None, **kw: str
) -> Source:
    mentions = (span_of(text, mention),) if mention else ()
    return Source(id=sid, name=name, type=kind, mentions=mentions, **kw)


def attribution(
    text: str,
    aid: str,
    sid: str,
    content: str,
    *,
    cue: str | None = None,
    who: str | None = None,
    kind: AttributionKind = AttributionKind.INDIRECT,
    via: str | None = None,
    parent: str | None = None,
) -> Attribution:
    return Attribution(
        id=aid,
        kind=kind,
        source_id=sid,
        source_span=span_of(text, who) if who else None,
        cue=Cue(span_of(text, cue), cue, Stance.NEUTRAL) if cue else None,
        content=span_of(text, content),
        via=via,
        parent=parent,
    )


REPORT_TEXT = (
    "Drone footage posted by Harbor Watch allegedly shows guards loading 12 crates onto a boat. "
    "An official told the Coast Daily that the crates were not inspected. "
    "The port authority has yet to comment on the footage. "
    "A fire destroyed two warehouses in Kerrin on Monday."
)


def rich_report() -> Report:
    """A Report with every record type populated, built by hand from our own sentences."""
    text = REPORT_TEXT
    sources = (
        publisher(),
        source(text, "S1", "Harbor Watch", SourceType.SOCIAL_MEDIA, "Harbor Watch"),
        source(
            text,
            "S2",
            "An official",
            SourceType.ANONYMOUS,
            "An official",
            role="official",
            affiliation="port police",
        ),
        source(text, "S3", "Coast Daily", SourceType.MEDIA, "Coast Daily"),
    )
    found = (
        attribution(
            text,
            "A1",
            "S1",
            "guards loading 12 crates onto a boat",
            cue="shows",
            who="Drone footage posted by Harbor Watch",
            kind=AttributionKind.EVIDENCE,
        ),
        attribution(
            text,
            "A2",
            "S2",
            "the crates were not inspected",
            cue="told",
            who="An official",
            via="S3",
        ),
    )
    hedge = Hedge(span_of(text, "allegedly"), Certainty.REPORTED)
    evidence = (Evidence("E1", "video", span_of(text, "Drone footage"), ("released",), "S1"),)
    responses = (
        Response(
            "R1",
            ResponseKind.NO_COMMENT_YET,
            "The port authority",
            span_of(text, "The port authority has yet to comment on the footage."),
            span_of(text, "The port authority"),
        ),
    )
    publisher_link = ChainLink("Daily Test", "publisher", "S0")
    claims = (
        Claim(
            id="C1",
            span=found[0].content,
            sentence=span_of(text, text[: text.index(".") + 1]),
            attribution_ids=("A1",),
            chain=(
                publisher_link,
                ChainLink("Harbor Watch", "social_media", "S1"),
                ChainLink("video", "evidence", evidence_id="E1", detail=("released", "unverified")),
            ),
            asserted_by_publisher=False,
            certainty=Certainty.REPORTED,
            hedges=(hedge,),
            polarity=Polarity.POSITIVE,
            checkworthiness=0.85,
            evidence_ids=("E1",),
            response_ids=("R1",),
        ),
        Claim(
            id="C2",
            span=found[1].content,
            sentence=span_of(
                text, "An official told the Coast Daily that the crates were not inspected."
            ),
            attribution_ids=("A2",),
            chain=(
                publisher_link,
                ChainLink("Coast Daily", "media", "S3"),
                ChainLink("An official", "anonymous", "S2"),
            ),
            asserted_by_publisher=False,
            certainty=Certainty.CERTAIN,
            hedges=(),
            polarity=Polarity.NEGATIVE,
            checkworthiness=0.4,
        ),
        Claim(
            id="C3",
            span=span_of(text, "A fire destroyed two warehouses in Kerrin on Monday."),
            sentence=span_of(text, "A fire destroyed two warehouses in Kerrin on Monday."),
            attribution_ids=(),
            chain=(publisher_link,),
            asserted_by_publisher=True,
            certainty=Certainty.CERTAIN,
            hedges=(),
            polarity=Polarity.POSITIVE,
            checkworthiness=0.9,
            time_id="T1",
            time_from="claim",
            place_ids=("P1",),
        ),
    )
    monday = TimeExpression(
        id="T1",
        span=span_of(text, "Monday"),
        value="2023-06-05",
        type="DATE",
        start="2023-06-05",
        end="2023-06-05",
        anchored=True,
        vague=False,
        granularity="day",
    )
    kerrin = PlaceMention(
        id="P1",
        span=span_of(text, "Kerrin"),
        name="Kerrin",
        role=PlaceRole.EVENT_LOCATION,
        resolved=True,
        lat=41.5,
        lon=2.25,
        uncertainty_km=4.0,
        country_code="ES",
        admin1="56",
        feature="populated_place",
        feature_class="P",
        feature_code="PPL",
    )
    attr = AttributionResult(sources=sources, attributions=found)
    entity = Entity(
        id="N1",
        label="GPE",
        canonical="Kerrin",
        names=("Kerrin",),
        mentions=(span_of(text, "Kerrin"),),
        corrected_from="PERSON",
    )
    return Report(
        document=Document(
            text=text,
            title="Crates seen loaded at the harbor",
            byline="Staff Reporter",
            published=dt.date(2023, 6, 5),
            published_from="metadata",
            publisher="Daily Test",
            url="https://example.org/harbor",
            content_hash="abc123",
        ),
        entities=(entity,),
        sources=sources,
        attributions=found,
        claims=claims,
        evidence=evidence,
        responses=responses,
        times=(monday,),
        places=(kerrin,),
        profiles=profile_claims(claims, attr, evidence, responses),
        warnings=("a warning for the reader",),
        failures=(StageFailure("places", "CT300", "KeyError: 'x'"),),
        pipeline={"spacy": "3.8.0", "model": "en_test"},
    )


def empty_report() -> Report:
    """Nothing found: one stage failed and the date is unknown."""
    return Report(
        document=Document(text="Short text."),
        warnings=("publication date unknown",),
        failures=(StageFailure("attribution", "CT300", "ValueError: boom"),),
    )
