PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo/ledger.db

.PHONY: demo test test-slow smoke lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true

# Quiet when it works; the whole pip log when it does not.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "installing mediation-cli into $(VENV)/ …"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]' > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

## make demo: set everything up, load the sample banner, show its ledger
demo: $(STAMP)
	@rm -rf demo && mkdir -p demo
	@$(BIN)/mediation --db $(DEMO_DB) init --sample
	@$(BIN)/mediation --db $(DEMO_DB) org list --tree
	@$(BIN)/mediation --db $(DEMO_DB) report staffing --as-of 2024-06-30
	@$(BIN)/mediation --db $(DEMO_DB) report campaign --year 2024 --as-of 2024-11-28 --chart
	@echo "Try: .venv/bin/mediation --db $(DEMO_DB) remind --as-of 2024-11-25   (see README for the tour)"

## make test: set everything up and run the test suite
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n auto

## make test-slow: the trust suites that take minutes (crash, concurrency, hostile input at scale)
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

## make smoke: build the wheel, install it into a fresh venv outside the checkout, run the main commands
smoke: $(BIN)/python
	@PY=$(BIN)/python bash .ci/smoke

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf demo $(VENV) build src/*.egg-info
