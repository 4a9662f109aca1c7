"""JSON Lines: one article per line, ``{"text", "title", "published", "url", "publisher"}``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .items import Article


def read_jsonl(lines: Iterable[bytes], name: str) -> Iterator[Article]:
    """Each non-blank line as a JSON article named ``name:line``; each is checked on its own."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield Article(name=f"{name}:{number}", data=line, input_format="json")
