"""A headline in title case: "Conservative Icon Endorses Senator Lee", "County Says Mayor
Should Win". The parser cannot read such a line (every word looks like a name), so the
reporting verb is found by its form: the first word after the first one whose lower case,
less its third-person ending, is a reporting verb of the lexicon. The words before it are
the source, the words after it the content (kind HEADLINE)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import AttributionKind
from .attribution_base import Context, Found, char_span, cue_lexicon, make_cue, register_span

TITLE_SHARE = 0.7  # share of capitalised words that makes a line title case
SOURCE_WORDS = 6


def title_case_headline(ctx: Context, start: int, text: str) -> bool:
    """Add the attribution of a title-case headline at offset `start`; whether one was."""
    words = text.rstrip(".").split()
    letters = [w for w in words if w[:1].isalpha()]
    if len(words) < 4 or sum(w[:1].isupper() for w in letters) < TITLE_SHARE * len(letters):
        return False
    lex = cue_lexicon()
    offset = 0
    for index, word in enumerate(words):
        offset = text.index(word, offset)
        lemma = _lemma(word, lex.verbs)
        if index == 0 or lemma is None:
            continue
        if index > SOURCE_WORDS or index == len(words) - 1:
            return False
        return _add(ctx, start, text, offset, word, lemma)
    return False


def _lemma(word: str, verbs: Mapping[str, object]) -> str | None:
    """The verb of a third-person form ("Says", "Pushes", "Denies"), if it is a cue."""
    lower = word.lower()
    if not lower.endswith("s"):
        return None
    for lemma in (lower[:-1], lower[:-2], lower[:-3] + "y"):
        if lemma in verbs:
            return lemma
    return None


def _add(ctx: Context, start: int, text: str, offset: int, word: str, lemma: str) -> bool:
    doc = ctx.doc
    cue_at = start + offset
    source = doc.char_span(start, cue_at - 1, alignment_mode="expand")
    verb = doc.char_span(cue_at, cue_at + len(word), alignment_mode="expand")
    rest = text[offset + len(word) :].strip().rstrip(".")
    if source is None or verb is None or len(verb) != 1 or not rest:
        return False
    if any(t.i in ctx.consumed for t in verb):
        return False
    content_at = start + text.index(rest, offset + len(word))
    registered = register_span(ctx, source, source.root)
    ctx.consumed.add(verb[0].i)
    lex = cue_lexicon()
    cue = make_cue(doc, verb.start, verb.end, lemma, lex.verbs[lemma])
    content = char_span(ctx.text, content_at, content_at + len(rest))
    kind = AttributionKind.HEADLINE
    ctx.found.append(Found(kind, registered.source_id, registered.span, cue, content))
    return True
