# cleaner — make targets.  `make` = incremental raw/ → clean/; `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,bench,ray
FUZZ_SECONDS ?= 60
FUZZ_DIR ?= $(or $(TMPDIR),/tmp)/cleaner-fuzz

.PHONY: all clean-outputs test lint bench fuzz train-cruft venv distclean

all: $(STAMP)
	$(BIN)/cleaner run raw --out clean

# setup.py builds the cruft stage's compiled core (cleaner/cruft/_core.c) into the source tree.
$(STAMP): pyproject.toml setup.py cleaner/cruft/_core.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/ruff format --check cleaner tests bench
	CLEANER_REQUIRE_CORE=1 $(BIN)/python -m pytest -q cleaner tests

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/ruff format --check cleaner tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

# Retrain the cruft stage's line model on the dev pages (../shared); rewrites cleaner/cruft/line_model.json.
train-cruft: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS),train]'
	$(BIN)/python -m bench.train_cruft

# Bounded coverage-guided fuzzing of decode → extract → cruft; new inputs and crashes go to FUZZ_DIR.
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS),fuzz]'
	mkdir -p $(FUZZ_DIR)/corpus
	$(BIN)/python fuzz/fuzz_clean.py -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(FUZZ_DIR)/ \
		$(FUZZ_DIR)/corpus fuzz/seeds

clean-outputs:
	rm -rf clean/*.json clean/.cleaner

distclean:
	rm -rf $(VENV)
