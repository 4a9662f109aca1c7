"""Alembic migrations of the corpus store (run by `claimtrace.corpus.migrate.upgrade`)."""
