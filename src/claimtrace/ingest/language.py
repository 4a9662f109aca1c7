"""A cheap English check: script of the letters, then the share of English function words.

No model and no dependency: English prose has roughly a third of its words in the small closed
set below; French, German, Spanish or Italian prose has almost none of them, and Arabic,
Cyrillic or Chinese text is not written in Latin letters at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicons
from ..errors import UnsupportedLanguage

FUNCTION_WORDS = frozenset(lexicons.load("function_words")["english"]["words"].split())
OTHER_FUNCTION_WORDS = (
    frozenset(
        word
        for words in lexicons.load("function_words")["other"].values()
        for word in words.split()
    )
    - FUNCTION_WORDS
)
SAMPLE_CHARS = 50_000
MIN_WORDS = 12  # below this many words the function-word share says nothing
MIN_ENGLISH_SHARE = 0.12
MAX_NON_LATIN_SHARE = 0.3
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class LanguageEvidence:
    """What the check measured, for messages and tests."""

    words: int
    english_share: float
    non_latin_share: float
    other_share: float = 0.0  # function words of the other languages in lexicons/function_words


def measure(text: str) -> LanguageEvidence:
    """Count words, the share of English function words and the share of non-Latin letters."""
    sample = text[:SAMPLE_CHARS]
    words = [word.lower() for word in _WORD.findall(sample)]
    letters = [char for word in words for char in word]
    non_latin = sum(1 for char in letters if not _is_latin(char))
    english = sum(1 for word in words if word in FUNCTION_WORDS)
    other = sum(1 for word in words if word in OTHER_FUNCTION_WORDS)
    return LanguageEvidence(
        words=len(words),
        english_share=english / len(words) if words else 0.0,
        non_latin_share=non_latin / len(letters) if letters else 0.0,
        other_share=other / len(words) if words else 0.0,
    )


def _is_latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def check_english(text: str) -> None:
    """Refuse text that is evidently not English; short texts get the benefit of the doubt.

    A Latin-script text is refused only when another language's function words outnumber the
    English ones, so lists, score tables and recipes in English pass.
    """
    evidence = measure(text)
    if evidence.non_latin_share > MAX_NON_LATIN_SHARE:
        raise _not_english(f"{evidence.non_latin_share:.0%} of its letters are not Latin script")
    if (
        evidence.words >= MIN_WORDS
        and evidence.english_share < MIN_ENGLISH_SHARE
        and evidence.other_share > evidence.english_share
    ):
        raise _not_english(
            f"only {evidence.english_share:.0%} of its {evidence.words} words are common English "
            "words"
        )


def _not_english(reason: str) -> UnsupportedLanguage:
    return UnsupportedLanguage(
        f"the text does not look like English ({reason}); claimtrace analyses English articles only"
    )
