# Two commands do all set-up on a fresh machine:
#   make report   render the sample reports into reports/
#   make test     run every test
# Both create .venv if missing, install orglib with its extras, and (as root)
# install the Debian packages the reports and browser tests need.

PYTHON ?= python3
# two workers: the suite is dominated by kernels and Chromium, which overlap well
PYTEST_ARGS ?= -n 2
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEBIAN_PKGS := fonts-noto-cjk chromium graphviz poppler-utils

.PHONY: report test setup system-deps lint wheel-check teach-pack bench clean

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

system-deps:
	@bash scripts/system_deps.sh $(DEBIAN_PKGS)

report: setup
	$(PY) scripts/render_samples.py

test: setup
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)
	bash scripts/wheel_check.sh

# the installed wheel works away from the checkout (also run by `make test`)
wheel-check: setup
	bash scripts/wheel_check.sh

# ruff, and the layers contract (import-linter): imports point down the floors only
lint: setup
	$(VENV)/bin/ruff check orglib tests benchmarks scripts
	cd $(CURDIR) && $(VENV)/bin/lint-imports pyproject.toml

# the teacher's pack for the lessons in notebooks/teaching/, both languages
teach-pack: setup
	for l in zh en; do $(PY) -m orglib teach pack --lang $$l --out reports/teaching-pack/$$l || exit 1; done

bench: setup
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
