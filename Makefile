# Assembly Kiosk: `make run` starts the kiosk, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

## run: set up (once) and start the kiosk; pass options with ARGS="--port 8080"
run: $(STAMP)
	$(BIN)/python app.py $(ARGS)

## test: set up (once) and run the whole test suite, browser tests included
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: the load benchmark (by hand, not part of the tests); PHONES="150 500 1000 2000"
bench: $(STAMP)
	$(BIN)/python bench/load.py --phones $(or $(PHONES),150 500 1000 2000)

clean:
	rm -rf $(VENV) .pytest_cache tests/artefacts
