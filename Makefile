# Ton — the two commands are `make run` and `make test`; everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
APPS := associations cms votes events moderation indicators

.PHONY: run serve test test-suite test-browser test-platform test-resilience lint format messages bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Ton is served on http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Production settings behind nginx on http://127.0.0.1:8080 (platform/README.md): collectstatic, migrate,
# then workers, task worker, periodic commands and nginx in the foreground (platform/Procfile, honcho).
# Uses the local PostgreSQL and Redis when they answer. `make serve TON_BOXES=2` runs two application boxes.
serve: $(STAMP)
	platform/serve

# The whole suite: first everything but the browser journeys, then the journeys in their own process
# (Playwright keeps an event loop on the main thread, which async tests must not share).
test: $(STAMP)
	$(MAKE) --no-print-directory test-suite test-browser

test-suite: $(STAMP)
	$(BIN)/pytest -m "not browser and not platform and not resilience"

# The gauntlet (Redis killed, connections cut, fuzz, bursts, two workers): needs PostgreSQL in DATABASE_URL
# and redis-server installed (each test starts its own on a spare port, 6390-6399).
test-resilience: $(STAMP)
	$(BIN)/pytest -m resilience tests/resilience

test-browser: $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser tests/browser

# The production stack end to end (nginx, two boxes, PostgreSQL, Redis): about 5 minutes.
test-platform: $(STAMP)
	$(BIN)/pytest -m platform tests/platform

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (xgettext) to extract; compiling uses Babel (pure Python) so no system tool is
# needed to use the committed catalogues.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --no-obsolete --no-location -l fr -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench $(foreach app,$(APPS),--ignore=$(app))
	for app in $(APPS); do (cd $$app && ../$(BIN)/django-admin makemessages --no-obsolete --no-location -l fr -l en); done
	$(BIN)/python -m tools.i18n fill-en
	$(BIN)/python -m tools.i18n compile
	$(BIN)/python -m tools.i18n review
	$(BIN)/python -m tools.i18n missing

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
