"""Normalising place names so that spelling variants meet on one lookup key.

``Baquba``, ``Baqubah`` and ``Ba'qubah`` all become ``baquba``; ``Deir Ezzor``,
``Deir ez-Zor`` and ``Deir al-Zor`` all become ``deir zor``. The same function is applied
when the index is built and when it is queried, so a rule only has to be consistent,
not linguistically perfect.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic definite-article forms as they appear in romanised names, standing as a token.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "il",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "an",
        "ash",
        "ath",
        "adh",
        "ed",
        "er",
        "es",
        "et",
        "ez",
        "en",
        "ud",
        "ur",
        "us",
        "uz",
    ]
)
# English leading article ("The Hague", "the Gaza Strip").
LEADING = frozenset({"the"})
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
# A token that begins with an assimilated article: "Ezzor" -> "zor", "Ar-Raqqah" written "Arraqqah".
_ASSIMILATED = re.compile(r"^[aeiu]([tdrzsnl])\1(.{2,})$")
_APOSTROPHES = "'’‘ʼʻʿʾ`´\u02bf\u02be"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,()]+")
_DROP = str.maketrans("", "", _APOSTROPHES + '"\u0640')
# Arabic letters written interchangeably in names: hamza forms, alif maqsura, ta marbuta.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def strip_diacritics(text: str) -> str:
    """Remove combining marks (``Kerkük`` -> ``Kerkuk``) after compatibility decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _fold_token(token: str, position: int) -> str:
    """Normalise one token: abbreviations, assimilated articles, a final vowel + h."""
    token = ABBREVIATIONS.get(token, token)
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    if position > 0:
        match = _ASSIMILATED.match(token)
        if match:
            token = match.group(1) + match.group(2)
    if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
        token = token[:-1]
    return token


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """The lookup key of a place name: casefolded, unaccented, articles and variants unified."""
    folded = strip_diacritics(name).casefold().translate(_DROP).translate(_ARABIC)
    tokens = [token for token in _SEPARATORS.split(folded) if token]
    if len(tokens) > 1 and tokens[0] in LEADING:
        tokens = tokens[1:]
    kept = [token for token in tokens if token not in ARTICLES] if len(tokens) > 1 else tokens
    if not kept:
        kept = tokens
    return " ".join(_fold_token(token, index) for index, token in enumerate(kept))
