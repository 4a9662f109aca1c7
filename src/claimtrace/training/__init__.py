"""Fitting optional models on a user's own copy of public training data (``claimtrace train``).

Nothing trained here ships with the project: weights go to the user's cache."""
