# jixiao — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SAMPLE := src/jixiao/data/samples/000_5de6d4488e662275.txt

.PHONY: run test venv lint format lock bench clean

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "jixiao needs Python 3.11 or newer ($(PYTHON) is older); set PYTHON=python3.11" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "jixiao: '$(PYTHON) -m venv' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
THREADS ?= 4

# Web app: migrate, create the administrator (password printed once), import and review the
# sample once, collect static files, then serve with gunicorn (WhiteNoise serves static files).
# Threaded workers: a browser opens connections ahead of use, and a sync worker waits on such an
# idle connection until its timeout (30 s) while the user's real request queues behind it.
# Beside gunicorn, one background worker runs the large imports and batch reviews
# (docs/imports.md); it is stopped with gunicorn, however make run ends.
run: venv
	$(BIN)/python -m jixiao_web bootstrap --sample $(SAMPLE)
	@echo "jixiao: http://$(HOST):$(PORT)/"
	@$(BIN)/python -m jixiao_web worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn jixiao_web.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--worker-class gthread --threads $(THREADS) --access-logfile -

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: venv
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Re-resolve the pinned dependencies after changing pyproject.toml.
lock: venv
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

bench: venv
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/docx_bench.py
	$(BIN)/python bench/store_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build src/*.egg-info
