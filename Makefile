# The two commands: `make report` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test install clean lint notebooks-strip evaluate benchmarks train-hedges

report: $(STAMP)   ## execute every notebook headless; HTML -> reports/, figures -> reports/figures/
	$(PY) -m analysis report

test: $(STAMP)     ## the whole suite: module tests, doctests, notebooks (Restart & Run All)
	$(PY) -m pytest

install: $(STAMP)

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (sourcelens)" >/dev/null
	touch $(STAMP)

evaluate: $(STAMP) ## accuracy on the real annotated sets in ../shared
	$(PY) -m analysis evaluate attributions ../shared/corpora/polnear/dev
	$(PY) -m analysis evaluate hedges ../shared/benchmarks/hedges/conll2010-wiki-train.csv
	$(PY) -m analysis evaluate claims ../shared/benchmarks/claims/clef2020-t2/dev
	$(PY) -m analysis evaluate sentiment ../shared/benchmarks/sentiment/newsmtsc/dev_rw.jsonl

train-hedges: $(STAMP) ## optional: a sentence classifier for is_uncertain, trained locally (never committed)
	$(PY) -m analysis train hedges ../shared/benchmarks/hedges/conll2010-wiki-train.csv

benchmarks: $(STAMP) ## speed and memory, as ratios against a baseline in the same process
	$(PY) benchmarks/run.py

notebooks-strip: $(STAMP)
	$(PY) -m nbstripout --keep-id notebooks/*.ipynb  # keep the cell ids (c00, c01, ...): no diff churn

clean:
	rm -rf reports/*.html reports/executed reports/figures/fig* data/processed/*.parquet
