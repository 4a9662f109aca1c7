# Shortcuts for development; ./dev.sh does the setup and the work.
#   make test          lint, type-check and run the tests (./dev.sh test)
#   make eval          score every suite on ../shared/eval and check the floors
#   make eval-floors   raise eval/floors.json to the figures of a full run

EVAL_DATA ?= ../shared/eval
CLAIMTRACE := .venv/bin/claimtrace

.PHONY: test eval eval-floors

test:
	./dev.sh test

eval:
	$(CLAIMTRACE) eval all --data $(EVAL_DATA) --check-floors

eval-floors:
	$(CLAIMTRACE) eval all --data $(EVAL_DATA) --update-floors
