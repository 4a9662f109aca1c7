"""Clusters as plain data (for JSON) and as text for a reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .records import Cluster, CrossReference


def to_data(value: Any) -> Any:
    """A record as JSON-ready data: dataclasses to dicts, tuples to lists, dates to ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def cluster_to_dict(cluster: Cluster) -> dict[str, Any]:
    """One cluster as JSON-ready data."""
    data: dict[str, Any] = to_data(cluster)
    return data


def crossref_to_dict(xref: CrossReference) -> dict[str, Any]:
    """A whole result as JSON-ready data."""
    data: dict[str, Any] = to_data(xref)
    return data


def render_cluster_text(cluster: Cluster) -> str:
    """A cluster for a reader: the claim, its profile, origins, appearances and joins."""
    profile = cluster.profile
    lines = [f"Cluster {cluster.id}: {cluster.label}", *(f"  {note}" for note in profile.notes)]
    lines.append("Origins:")
    for origin in cluster.origins:
        counted = "" if origin.counted else " (not counted)"
        lines.append(f"  {origin.name} [{origin.type}]{counted}")
        lines.extend(f"    {path}" for path in origin.paths)
    lines.append("Appearances:")
    for shown in cluster.appearances:
        date = shown.published.isoformat() if shown.published else "undated"
        copy = f" (copy group {shown.duplicate_group})" if shown.duplicate_group else ""
        lines.append(f"  {date} {shown.publisher or shown.article_id}{copy}: {shown.text}")
    if cluster.joins:
        lines.append("Joined because:")
    for join in cluster.joins:
        why = "; ".join(f"{f.name} {f.score:+.2f} ({f.detail})" for f in join.features)
        lines.append(f"  {join.a} ~ {join.b} = {join.score:.2f}: {why}")
    return "\n".join(lines)
