"""claimtrace: turn news reports into structured, sourced records."""

from .model import SCHEMA_VERSION, Report

__all__ = ["SCHEMA_VERSION", "Report", "analyze"]
__version__ = "0.1.0"


def analyze(*args: object, **kwargs: object) -> Report:
    """Analyse one article; see `claimtrace.pipeline.analyze` for the arguments."""
    from .pipeline import analyze as _analyze

    return _analyze(*args, **kwargs)  # type: ignore[arg-type]
