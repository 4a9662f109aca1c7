"""A small union-find (disjoint sets) over string keys."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of string keys; the smallest key of a set is its root."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self._parent.setdefault(key, key)

    def find(self, key: str) -> str:
        self.add(key)
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            low, high = sorted((root_a, root_b))
            self._parent[high] = low

    def groups(self, *, singletons: bool = False) -> list[list[str]]:
        """Each set as a sorted list (sets of one only with `singletons`), sorted."""
        members: dict[str, list[str]] = {}
        for key in self._parent:
            members.setdefault(self.find(key), []).append(key)
        found = [sorted(group) for group in members.values() if singletons or len(group) > 1]
        return sorted(found, key=lambda group: group[0])
