"""Reviewable lexicons (TOML data files) used by the extraction stages.

Each file in this folder is plain data a journalist can read and extend; `load` reads one
by name (without the ``.toml`` suffix) and caches it for the life of the process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed contents of ``lexicons/<name>.toml``."""
    data = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def available() -> list[str]:
    """Names of every lexicon shipped with the package."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".toml")
    )
