"""The text-classifier half of the trained check-worthiness model: spaCy's own ``textcat``.

The classifier is spaCy's ensemble architecture (a bag of words and word pairs beside a
convolutional network over token vectors, averaged by attention) whose token vectors start
from the analyser's own pipeline: its ``tok2vec`` component is copied into a fresh blank
English pipeline and fine-tuned with the classifier. The configuration is built here in code;
nothing is downloaded. Training runs spaCy's update loop on the CPU for a few epochs.

The trained pipeline is saved in the model folder (``textcat/``) and read back by
`claimtrace.extract.checkworthiness_model`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.pipeline import TextCategorizer, Tok2Vec
from spacy.tokenizer import Tokenizer

from ..evaluation.common import progress
from ..extract.checkworthiness_model import NOT_WORTHY, WORTHY, textcat_probabilities

TOK2VEC_WIDTH = 96


@dataclass(frozen=True, slots=True)
class TextcatSettings:
    """The classifier's training settings, recorded in the model's metadata."""

    epochs: int = 3
    dropout: float = 0.2
    batch_size: int = 32
    bow_length: int = 2**18
    seed: int = 0


def textcat_config(settings: TextcatSettings) -> dict[str, Any]:
    """The ``textcat`` component's configuration: ensemble of BOW and the shared tok2vec."""
    return {
        "model": {
            "@architectures": "spacy.TextCatEnsemble.v2",
            "nO": None,
            "linear_model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": settings.bow_length,
                "nO": None,
            },
            "tok2vec": {
                "@architectures": "spacy.Tok2VecListener.v1",
                "width": TOK2VEC_WIDTH,
                "upstream": "*",
            },
        }
    }


def build_textcat(settings: TextcatSettings, source: Language) -> Language:
    """A blank English pipeline with `source`'s tokenizer rules and tok2vec and an
    untrained classifier."""
    import spacy

    nlp = spacy.blank("en")
    # The analyser's own tokenizer rules (its glued-quote infixes included), so a sentence
    # falls into the same tokens here as in the analysis.
    rules = cast(Tokenizer, source.tokenizer).to_bytes(exclude=["vocab"])
    cast(Tokenizer, nlp.tokenizer).from_bytes(rules, exclude=["vocab"])
    # A copy by value: `add_pipe(source=...)` would share the analyser's tok2vec, and
    # fine-tuning it would change every later parse in this process.
    resolved = source.config.interpolate()["components"]["tok2vec"]
    config = {k: v for k, v in resolved.items() if k != "factory"}
    tok2vec = cast(Tok2Vec, nlp.add_pipe("tok2vec", config=config))
    tok2vec.from_bytes(cast(Tok2Vec, source.get_pipe("tok2vec")).to_bytes(exclude=["vocab"]))
    textcat = cast(TextCategorizer, nlp.add_pipe("textcat", config=textcat_config(settings)))
    for label in (WORTHY, NOT_WORTHY):
        textcat.add_label(label)
    return nlp


def train_textcat(
    texts: Sequence[str], labels: Sequence[bool], settings: TextcatSettings, source: Language
) -> Language:
    """Fit the classifier (and fine-tune the copied tok2vec) on labelled sentences."""
    from spacy.training import Example
    from thinc.api import fix_random_seed

    fix_random_seed(settings.seed)
    nlp = build_textcat(settings, source)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {WORTHY: float(y), NOT_WORTHY: 1.0 - y}})
        for text, y in zip(texts, labels, strict=True)
    ]
    textcat = cast(TextCategorizer, nlp.get_pipe("textcat"))
    textcat.initialize(lambda: examples[:500], nlp=nlp)
    optimizer = nlp.create_optimizer()  # type: ignore[no-untyped-call]
    order = random.Random(settings.seed)
    for epoch in range(settings.epochs):
        order.shuffle(examples)
        size = settings.batch_size
        batches = [examples[i : i + size] for i in range(0, len(examples), size)]
        for batch in progress(batches, len(batches), f"textcat epoch {epoch + 1}"):
            nlp.update(batch, drop=settings.dropout, sgd=optimizer)
    return nlp


def textcat_scores(nlp: Language, texts: Sequence[str]) -> NDArray[np.float64]:
    """The classifier's probability of check-worthiness for each text."""
    return np.array(textcat_probabilities(nlp, texts), dtype=np.float64)
