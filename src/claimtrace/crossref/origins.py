"""Where a cluster's claims come from: each attribution chain followed to its root.

A claim's chain runs from the publisher outward (publisher <- outlet <- channel ...). Its
origin is the innermost source of the chain, with these rules:

- A link that names the article's own publisher ("told the Capital Dispatch" in the Capital
  Dispatch) is skipped.
- When the innermost source names an outlet that publishes in the corpus ("..., the Harbor
  Ledger reported"), the trace goes on into that outlet's own articles in the same cluster,
  and their origins become this claim's origins. Every such step is a `Citation`. If the
  outlet has no article in the cluster, the outlet itself is the origin. If the trace comes
  back to an outlet it already passed through, the outlets cite one another in a loop and
  the loop is the origin (type ``citation_loop``).
- A claim with no source is the publisher's own reporting: the origin is the outlet, or for
  near-duplicate copies the outlet of the earliest copy (wire copies share one origin). An
  article that also attributes the event to someone ("Drones struck X, the channel said")
  is retelling that source: its own unattributed sentences about it, and material it cites
  with no one named for it, are no origin of their own.
- A claim resting only on cited material (no one named for it) has that material as origin.

Independence rule: origins are merged, and count once, when
- they name the same party (same normalised name, or a name whose words begin or end
  exactly one longer name of the cluster: "Haldt" and "Mira Haldt", "Kordon" and
  "Kordon 24");
- they are anonymous and share a description ("a port official" twice), appear in the same
  outlet, or appear in near-duplicate articles: anonymous sources in different outlets
  count as distinct only when nothing links them;
- they are the same kind of material with no one named for it (a video, a video).
Vague holders ("reports", "critics") never add to the count: they may be any of the others.
The count is a lower bound on independent support; it says nothing about truth.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import ChainLink, Claim, SourceType
from .dedupe import group_of
from .features import normalise_name
from .records import Article, Citation, DuplicateGroup, Origin
from .unionfind import UnionFind

NOT_SOURCES = frozenset({"publisher", "evidence"})
INDEFINITE = ("a ", "an ")


@dataclass(frozen=True, slots=True)
class OriginHit:
    """One claim's trace to one origin, before origins are merged.

    ``article_id`` is the article whose claim was traced, ``found_in`` the article whose
    chain names the origin (different when the trace followed a citation).
    """

    key: str
    name: str
    type: str
    article_id: str
    found_in: str
    path: tuple[str, ...]
    counted: bool = True
    own: bool = False  # unattributed in the traced article: its own reporting, or material


@dataclass(frozen=True, slots=True)
class Corpus:
    """What tracing needs to know about the whole corpus."""

    articles: dict[str, Article]
    outlets: dict[str, tuple[str, ...]]  # normalised publisher -> its article ids
    groups: dict[str, DuplicateGroup]  # article id -> its near-duplicate group
    max_depth: int = 6  # outlet-to-outlet steps followed

    @classmethod
    def of(
        cls, articles: Sequence[Article], groups: Sequence[DuplicateGroup], max_depth: int = 6
    ) -> Corpus:
        outlets: dict[str, list[str]] = {}
        for article in articles:
            if article.publisher:
                outlets.setdefault(normalise_name(article.publisher), []).append(article.id)
        return cls(
            articles={article.id: article for article in articles},
            outlets={name: tuple(sorted(ids)) for name, ids in outlets.items()},
            groups=group_of(groups),
            max_depth=max_depth,
        )

    def outlet_of(self, label: str) -> str | None:
        """The corpus outlet a chain label names: same name, or the end of exactly one name."""
        name = normalise_name(label)
        if not name:
            return None
        if name in self.outlets:
            return name
        tails = [outlet for outlet in self.outlets if outlet.endswith(" " + name)]
        return tails[0] if len(tails) == 1 else None

    def display(self, outlet: str) -> str:
        """An outlet's name as its articles give it."""
        ids = self.outlets.get(outlet, ())
        return (self.articles[ids[0]].publisher or outlet) if ids else outlet

    def publisher(self, article_id: str) -> str:
        return self.articles[article_id].publisher or article_id


@dataclass(frozen=True, slots=True)
class Trace:
    """Everything tracing a cluster found: origin hits and outlet-to-outlet citations."""

    hits: tuple[OriginHit, ...]
    citations: tuple[Citation, ...]


def trace_cluster(members: dict[str, tuple[Claim, ...]], corpus: Corpus) -> Trace:
    """Trace every member claim (article id -> its claims in the cluster) to its origins."""
    hits: list[OriginHit] = []
    citations: list[Citation] = []
    for article_id in sorted(members):
        found = [h for c in members[article_id] for h in _trace(article_id, c, members, corpus, ())]
        hits.extend(retold(found))
        for claim in members[article_id]:
            citations.extend(_citations(article_id, claim, members, corpus))
    return Trace(tuple(hits), tuple(dict.fromkeys(citations)))


def retold(hits: list[OriginHit]) -> list[OriginHit]:
    """One article's hits without its own reporting when it also names another origin."""
    others = [hit for hit in hits if not hit.own]
    return others if others else hits


def source_links(article_id: str, claim: Claim, corpus: Corpus) -> list[ChainLink]:
    """The chain's sources, outermost first, without the publisher and its own name."""
    own = corpus.outlet_of(corpus.publisher(article_id))
    return [
        link
        for link in claim.chain
        if link.type not in NOT_SOURCES
        and normalise_name(link.label) != normalise_name(corpus.publisher(article_id))
        and (own is None or corpus.outlet_of(link.label) != own)
    ]


def _citations(
    article_id: str, claim: Claim, members: dict[str, tuple[Claim, ...]], corpus: Corpus
) -> list[Citation]:
    found = []
    for link in source_links(article_id, claim, corpus):
        outlet = corpus.outlet_of(link.label)
        if outlet is not None:
            cited = tuple(a for a in corpus.outlets[outlet] if a in members and a != article_id)
            found.append(Citation(article_id, corpus.publisher(article_id), link.label, cited))
    return found


def _trace(
    article_id: str,
    claim: Claim,
    members: dict[str, tuple[Claim, ...]],
    corpus: Corpus,
    visiting: tuple[str, ...],
) -> list[OriginHit]:
    publisher = corpus.publisher(article_id)
    visiting = (*visiting, normalise_name(publisher))
    links = source_links(article_id, claim, corpus)
    path = (publisher, *(link.label for link in links))
    if not links:
        return [_unsourced(article_id, claim, corpus, path)]
    outlet = corpus.outlet_of(links[-1].label)
    if outlet is None:
        return [_source_hit(article_id, links[-1], corpus, path)]
    if outlet in visiting:
        return [_loop_hit(article_id, visiting[visiting.index(outlet) :], corpus, path)]
    cited = [a for a in corpus.outlets[outlet] if a in members and a != article_id]
    if not cited or len(visiting) > corpus.max_depth:
        return [
            OriginHit(f"outlet:{outlet}", links[-1].label, "media", article_id, article_id, path)
        ]
    hits: list[OriginHit] = []
    for other in cited:
        found = [h for c in members[other] for h in _trace(other, c, members, corpus, visiting)]
        hits.extend(_prefixed(hit, article_id, path[:-1]) for hit in retold(found))
    return hits


def _prefixed(hit: OriginHit, article_id: str, prefix: tuple[str, ...]) -> OriginHit:
    return OriginHit(
        hit.key, hit.name, hit.type, article_id, hit.found_in, (*prefix, *hit.path), hit.counted
    )


def _unsourced(article_id: str, claim: Claim, corpus: Corpus, path: tuple[str, ...]) -> OriginHit:
    """Material cited with no one named for it, else the outlet's own reporting."""
    material = [link for link in claim.chain if link.type == "evidence"]
    if material:
        label = material[-1].label
        key = f"evidence:{normalise_name(label)}"
        return OriginHit(key, label, "evidence", article_id, article_id, (*path, label), own=True)
    group = corpus.groups.get(article_id)
    first = group.canonical if group is not None else article_id
    outlet = corpus.publisher(first)
    via = path if first == article_id else (*path, outlet)
    key = f"outlet:{normalise_name(outlet)}"
    return OriginHit(key, outlet, "publisher", article_id, first, via, own=True)


def _source_hit(
    article_id: str, link: ChainLink, corpus: Corpus, path: tuple[str, ...]
) -> OriginHit:
    name = normalise_name(link.label)
    kind = _source_type(article_id, link, corpus)
    if kind == SourceType.ANONYMOUS.value:
        key = f"anon:{article_id}:{name}"
        return OriginHit(key, link.label, kind, article_id, article_id, path)
    if kind == SourceType.VAGUE.value:
        key = f"vague:{name}"
        return OriginHit(key, link.label, kind, article_id, article_id, path, counted=False)
    return OriginHit(f"name:{name}", link.label, kind, article_id, article_id, path)


def _source_type(article_id: str, link: ChainLink, corpus: Corpus) -> str:
    """The link's type; a vague mention that repeats an anonymous source of the same article
    ("a shipping agent who asked not to be named" ... "the shipping agent said") is that
    anonymous source."""
    if link.type != SourceType.VAGUE.value:
        return link.type
    said = _description(link.label)
    for source in corpus.articles[article_id].report.sources:
        if source.type is SourceType.ANONYMOUS and _description(source.name) == said:
            return SourceType.ANONYMOUS.value
    return link.type


def _loop_hit(
    article_id: str, loop: tuple[str, ...], corpus: Corpus, path: tuple[str, ...]
) -> OriginHit:
    names = sorted(set(loop))
    label = "citation loop: " + ", ".join(sorted(corpus.display(name) for name in names))
    return OriginHit(
        "loop:" + "|".join(names), label, "citation_loop", article_id, article_id, path
    )


# --- merging hits into origins ----------------------------------------------------------


def merge_origins(hits: Sequence[OriginHit], corpus: Corpus) -> tuple[Origin, ...]:
    """Hits grouped into origins by the independence rule of this module, sorted by id."""
    sets = UnionFind()
    reasons: dict[str, set[str]] = {}
    for hit in hits:
        sets.add(hit.key)
    for link in _links(hits, corpus):
        sets.union(link.a, link.b)
        reasons.setdefault(link.a, set()).add(link.reason)
        reasons.setdefault(link.b, set()).add(link.reason)
    grouped: dict[str, list[OriginHit]] = {}
    for hit in hits:
        grouped.setdefault(sets.find(hit.key), []).append(hit)
    origins = []
    for members in grouped.values():
        keys = sorted({hit.key for hit in members})
        why = {reason for key in keys for reason in reasons.get(key, ())}
        if len({hit.article_id for hit in members}) > 1 and len(keys) == 1:
            why.add("same party")
        origins.append(_origin(keys, members, sorted(why)))
    return tuple(sorted(origins, key=lambda origin: origin.id))


@dataclass(frozen=True, slots=True)
class SameOrigin:
    """Two hit keys that are one origin, and why."""

    a: str
    b: str
    reason: str


def _links(hits: Sequence[OriginHit], corpus: Corpus) -> list[SameOrigin]:
    """Pairs of hit keys that are one origin, with the reason."""
    anonymous = [hit for hit in hits if hit.key.startswith("anon:")]
    links: list[SameOrigin] = []
    for reason, key_of in (
        ("anonymous sources with the same description", lambda h: _description(h.name)),
        ("anonymous sources in the same outlet", lambda h: _outlet_key(h, corpus)),
        ("anonymous sources in near-duplicate articles", lambda h: _group_key(h, corpus)),
    ):
        links.extend(_same(anonymous, key_of, reason))
    links.extend(_short_names(hits))
    return links


def _same(
    hits: Sequence[OriginHit], key_of: Callable[[OriginHit], str | None], reason: str
) -> list[SameOrigin]:
    """Links between hits of different keys that share ``key_of`` (None shares nothing)."""
    by_value: dict[str, set[str]] = {}
    for hit in hits:
        value = key_of(hit)
        if value is not None:
            by_value.setdefault(value, set()).add(hit.key)
    links: list[SameOrigin] = []
    for keys in by_value.values():
        first, *others = sorted(keys)
        links.extend(SameOrigin(first, other, reason) for other in others)
    return links


def _outlet_key(hit: OriginHit, corpus: Corpus) -> str:
    return normalise_name(corpus.publisher(hit.found_in))


def _group_key(hit: OriginHit, corpus: Corpus) -> str | None:
    group = corpus.groups.get(hit.found_in)
    return group.id if group is not None else None


def _description(name: str) -> str:
    text = normalise_name(name)
    for word in INDEFINITE:
        text = text.removeprefix(word)
    return text


def _short_names(hits: Sequence[OriginHit]) -> list[SameOrigin]:
    """Named keys whose words begin or end exactly one longer named key."""
    named = sorted({hit.key for hit in hits if hit.key.startswith("name:")})
    links = []
    for key in named:
        words = key.removeprefix("name:").split()
        longer = [other for other in named if _begins_or_ends(words, other)]
        if len(longer) == 1:
            links.append(SameOrigin(key, longer[0], "short form of a name"))
    return links


def _begins_or_ends(words: list[str], key: str) -> bool:
    other = key.removeprefix("name:").split()
    if len(other) <= len(words):
        return False
    return other[: len(words)] == words or other[-len(words) :] == words


def _origin(keys: list[str], hits: list[OriginHit], why: list[str]) -> Origin:
    digest = hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:8]
    names = sorted({hit.name for hit in hits}, key=lambda name: (-len(name), name))
    if all(key.startswith("anon:") for key in keys):
        name = " / ".join(sorted({_description(hit.name) for hit in hits}))
    else:
        name = names[0]
    kinds = Counter(hit.type for hit in hits)
    kind = sorted(kinds.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return Origin(
        id=f"O{digest}",
        name=name,
        type=kind,
        article_ids=tuple(sorted({hit.article_id for hit in hits})),
        paths=tuple(sorted({" <- ".join(hit.path) for hit in hits})),
        counted=any(hit.counted for hit in hits),
        merged=tuple(why),
    )
