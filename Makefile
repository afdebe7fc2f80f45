# Two entry points, each creating or updating its own virtual environment:
#   make benchmark   set up, then run the main job (every extractor on the gold corpus)
#   make test        set up, then run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: benchmark test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e ".[test,dask]"
	touch $@ $(VENV)/.installed-runtime

benchmark: $(VENV)/.installed-runtime
	$(BIN)/quotebench benchmark

# the Label Studio server of the integration tests, in its own environment (it pins its SDK)
.venv-labelstudio/bin/label-studio:
	$(PYTHON) -m venv .venv-labelstudio
	.venv-labelstudio/bin/pip install "label-studio==1.23.2"

test: $(VENV)/.installed-test .venv-labelstudio/bin/label-studio
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest
