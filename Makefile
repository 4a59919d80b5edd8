# mmlt developer entry points. `make demo` and `make test` each install
# everything they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DIR ?= work_dirs/demo

.PHONY: install demo test lint format

$(VENV)/.installed: setup.py requirements.txt requirements/*.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt -r requirements/tests.txt \
		-r requirements/lint.txt
	$(PY) -m pip install --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Train the CE baseline on the bundled MNIST5k-LT (IF=100) on the fast,
# not converged 30-epoch schedule (1-2 minutes) and print the
# many / medium / few table.
demo: install
	$(PY) tools/train.py configs/baseline/ce_r8_mnist5k-lt-if100-fast.py \
		--work-dir $(DEMO_DIR)/ce_r8_mnist5k-lt-if100-fast
	$(PY) tools/analysis_tools/lt_table.py $(DEMO_DIR)/*

# two workers (pytest-xdist), one a core
test: install
	$(PY) -m pytest -q -n 2

# flake8, isort and yapf (OpenMMLab's set, configured in setup.cfg) over
# the package, tools, tests and configs; `make format` applies the fixes.
LINTED := mmlt tools tests configs setup.py

lint: install
	$(VENV)/bin/flake8 $(LINTED)
	$(VENV)/bin/isort --check-only --diff $(LINTED)
	$(VENV)/bin/yapf --diff --recursive $(LINTED)

format: install
	$(VENV)/bin/isort $(LINTED)
	$(VENV)/bin/yapf --in-place --recursive $(LINTED)
