"""Near-duplicate articles: wire copies, syndication and copy-paste, found with MinHash/LSH.

Each article becomes the set of its word shingles (``shingle_words`` words in a row,
lowercased, punctuation dropped). MinHash signatures go into an LSH index, which proposes
candidate pairs without comparing every article with every other; the exact Jaccard
similarity of the two shingle sets then decides, so a pair is a copy exactly when its
similarity reaches the threshold. Copies are grouped transitively; a group is one voice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from .records import Article, DuplicateGroup, DuplicatePair
from .settings import CrossrefSettings, DuplicateSettings, load_settings
from .unionfind import UnionFind

WORD = re.compile(r"\w+", re.UNICODE)
SEED = 1
SCHEME = "affine32"


def shingles(text: str, size: int) -> frozenset[str]:
    """The set of ``size``-word runs of a text; a text shorter than ``size`` is one shingle."""
    words = [word.lower() for word in WORD.findall(text)]
    if len(words) <= size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0.0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def minhash(items: Iterable[str], num_perm: int) -> MinHash:
    """A MinHash signature of a set of strings (seeded, so the same on every run)."""
    signature = MinHash(
        num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm), scheme=SCHEME
    )
    signature.update_batch([item.encode("utf-8") for item in items])
    return signature


@cache
def _permutations(num_perm: int) -> Any:
    """The seeded permutations, drawn once rather than for every signature."""
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature_scheme(settings: DuplicateSettings) -> str:
    """What a signature depends on besides the text; stored signatures of another are stale."""
    return f"{SCHEME}/seed={SEED}/perm={settings.num_perm}/words={settings.shingle_words}"


def minhash_of(hashvalues: Sequence[int], num_perm: int) -> MinHash:
    """A signature rebuilt from its stored hash values."""
    return MinHash(
        num_perm=num_perm,
        seed=SEED,
        hashvalues=hashvalues,
        permutations=_permutations(num_perm),
        scheme=SCHEME,
    )


def duplicate_pairs(
    texts: dict[str, frozenset[str]],
    settings: DuplicateSettings,
    known: Mapping[str, MinHash] | None = None,
) -> list[DuplicatePair]:
    """Pairs of ids whose shingle sets reach the threshold, each pair once, sorted.

    ``known`` signatures (by id, of the same `signature_scheme`) are used instead of
    computing them again."""
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
    given = known or {}
    signatures = {
        key: given[key] if key in given else minhash(items, settings.num_perm)
        for key, items in texts.items()
        if items
    }
    for key in sorted(signatures):
        lsh.insert(key, signatures[key])
    pairs = []
    for key in sorted(signatures):
        for other in sorted(lsh.query(signatures[key])):
            if other <= key:
                continue
            score = jaccard(texts[key], texts[other])
            if score >= settings.threshold:
                pairs.append(DuplicatePair(key, other, round(score, 3)))
    return pairs


def find_duplicates(
    articles: Sequence[Article],
    settings: CrossrefSettings | None = None,
    known: Mapping[str, MinHash] | None = None,
) -> tuple[DuplicateGroup, ...]:
    """Groups of two or more near-duplicate articles, in the order of their first article."""
    config = (settings or load_settings()).duplicates
    texts = {a.id: shingles(a.report.document.text, config.shingle_words) for a in articles}
    pairs = duplicate_pairs(texts, config, known)
    groups = UnionFind()
    for pair in pairs:
        groups.union(pair.a, pair.b)
    by_id = {article.id: article for article in articles}
    found = [_group(members, pairs, by_id) for members in groups.groups()]
    return tuple(sorted(found, key=lambda g: _date_key(by_id[g.canonical])))


def _group(
    members: list[str], pairs: list[DuplicatePair], by_id: dict[str, Article]
) -> DuplicateGroup:
    ordered = sorted(members, key=lambda key: _date_key(by_id[key]))
    inside = set(members)
    own = tuple(pair for pair in pairs if pair.a in inside)
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()[:10]
    return DuplicateGroup(f"D{digest}", tuple(ordered), ordered[0], own)


def _date_key(article: Article) -> tuple[int, str, str]:
    """Earliest first; articles without a date after every dated one; then by id."""
    if article.published is None:
        return (1, "", article.id)
    return (0, article.published.isoformat(), article.id)


def group_of(groups: Sequence[DuplicateGroup]) -> dict[str, DuplicateGroup]:
    """Each grouped article id mapped to its group."""
    return {article_id: group for group in groups for article_id in group.article_ids}
