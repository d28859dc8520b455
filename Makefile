# cleaner — make targets.  `make` = incremental raw/ → clean/; `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,bench

.PHONY: all clean-outputs test lint bench fuzz venv distclean

all: $(STAMP)
	$(BIN)/cleaner run raw --out clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/python -m pytest -q cleaner tests

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/ruff format --check cleaner tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean-outputs:
	rm -rf clean/*.json clean/.cleaner

distclean:
	rm -rf $(VENV)
