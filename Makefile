# Two commands on a fresh machine: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= flashpoint.duckdb
STAMP := $(VENV)/.installed

.PHONY: setup run test bench fuzz bench-api clean

setup: $(STAMP)
	bash scripts/ensure_chromium.sh

# Reinstall when the pinned dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/flashpoint ingest examples/corpus --db $(DB)
	$(BIN)/flashpoint articles --db $(DB)
	$(BIN)/flashpoint events --db $(DB) --limit 40
	$(BIN)/flashpoint serve --db $(DB)

test: setup
	$(BIN)/python -m pytest

# Speed and memory beside the spaCy floor, written into BENCHMARKS.md (a few minutes).
bench: setup
	$(BIN)/python benchmarks/run.py

# The fuzz and schema tests with many more examples than `make test` gives them (about 15 minutes).
fuzz: setup
	FLASHPOINT_FUZZ_EXAMPLES=2000 FLASHPOINT_SCHEMA_EXAMPLES=400 $(BIN)/python -m pytest -q tests/test_fuzz_readers.py tests/test_schema.py

# The REST API under load on loopback, over a generated store of a million events (a few minutes).
bench-api: setup
	$(BIN)/python benchmarks/api_load.py --events 1000000 --out benchmarks/api_load.json
	$(BIN)/python benchmarks/plans.py --db benchmarks/api_load.duckdb --postgres --out benchmarks/plans

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
