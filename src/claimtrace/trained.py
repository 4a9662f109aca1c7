"""Optional trained models in the user's cache: where they live, which folder is in use, and
replacing one folder with a newly written one.

Each model module names its environment variable (off, auto or a folder) and its default
folder under ``<cache>/models/``; the rules for reading that setting are the same for all.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ClaimtraceError
from .gazetteer.index import cache_dir

META_FILE = "metadata.json"
OFF = frozenset({"off", "0", "no", "false", "none", "rules"})
AUTO = frozenset({"", "auto", "on"})
STAGING_SUFFIX = ".tmp"


def models_dir() -> Path:
    """The cache folder that holds every trained model."""
    return cache_dir() / "models"


def chosen_folder(
    setting: str | None,
    env: str,
    default: Path,
    missing: Callable[[Path], ClaimtraceError],
    usable: Callable[[], bool] = lambda: True,
) -> Path | None:
    """The model folder to use, or None for the shipped rules alone.

    `setting` (else ``$env``): off, auto, or a folder. With auto, `default` is used when it
    holds a model and `usable()` says it can be run; a named folder that holds no model is
    the error `missing(path)`."""
    value = (setting if setting is not None else os.environ.get(env, "")).strip()
    if value.lower() in OFF:
        return None
    if value.lower() in AUTO:
        return default if (default / META_FILE).is_file() and usable() else None
    path = Path(value).expanduser()
    if not (path / META_FILE).is_file():
        raise missing(path)
    return path


def metadata_stamp(path: Path) -> int:
    """The modification time of a model's metadata (0 when absent), to key a load cache."""
    meta = path / META_FILE
    return meta.stat().st_mtime_ns if meta.exists() else 0


@contextmanager
def replaced_folder(target: Path) -> Iterator[Path]:
    """A fresh sibling folder to write into; on success it replaces `target`."""
    staging = target.with_name(target.name + STAGING_SUFFIX)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    yield staging
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
