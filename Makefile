# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: browser-deps run test test-es fuzz-api setup migrate demo lint format check schema lock messages clean

# Re-install whenever the lock file changes; a plain `pip install` of the lock, hashes checked.
$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@echo "==> installing the Python packages from requirements.lock into $(VENV)"
	@echo "    (first run, or after the lock changed: about a minute on a fast network, a few on a slow one)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# One pip call from the lock, hashes checked; its output goes to a log and a line counts
	@# the packages fetched so far. The log is shown only if pip fails.
	@start=$$(date +%s); total=$$(grep -c '^[A-Za-z0-9].*==' requirements.lock); \
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off --require-hashes \
		-r requirements.lock > $(VENV)/pip.log 2>&1 & pip=$$!; \
	while kill -0 $$pip 2>/dev/null; do \
		printf '\r    %s of %s packages fetched' "$$(grep -c '^Collecting' $(VENV)/pip.log)" $$total; sleep 1; \
	done; \
	if ! wait $$pip; then echo; cat $(VENV)/pip.log; exit 1; fi; \
	printf '\r    %s packages installed in %s s            \n' $$total $$(( $$(date +%s) - start ))
	@touch $@

setup: $(BIN)/.installed

# The migrations' own output only when one fails.
migrate: setup
	@echo "==> preparing the database (migrations; about 20 s the first time)"
	@start=$$(date +%s); \
	$(MANAGE) migrate --noinput > $(VENV)/migrate.log 2>&1 || { cat $(VENV)/migrate.log; exit 1; }; \
	echo "    done in $$(( $$(date +%s) - start )) s"

demo: migrate
	@echo "==> loading the demo data (nothing is duplicated on a second run)"
	@start=$$(date +%s); $(MANAGE) seed_demo && echo "    done in $$(( $$(date +%s) - start )) s"

run: demo
	@echo ""
	@echo "  Public site:   http://$(HOST):$(PORT)/"
	@echo "  Wagtail admin: http://$(HOST):$(PORT)/admin/"
	@echo "  API docs:      http://$(HOST):$(PORT)/api/docs/"
	@echo "  Health check:  http://$(HOST):$(PORT)/healthz"
	@echo "  (a background-task worker runs beside the server and stops with it; the overdue"
	@echo "   sweep, reminders and notifications repeat on it every 15 minutes)"
	@echo "  Ctrl-C stops the server and the worker."
	@echo ""
	@$(MANAGE) supervision_notify --every 900
	@echo "==> serving on http://$(HOST):$(PORT)/"
	@export WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}"; \
	$(MANAGE) db_worker --queue-name '*' --no-startup-delay --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Runs on SQLite by default; DATABASE_URL=postgres://postgres@127.0.0.1:5432/test for PostgreSQL.
# The browser tests (Playwright + Chromium, tests/browser) run in a pytest process of their
# own: their live server's transactional database does not share a run with the others.
# It ends with one line saying whether the browser tests ran (N passed) or what they miss.
test: setup
	@echo "==> tests (SQLite unless DATABASE_URL is set)"
	$(BIN)/python -m pytest --ignore=tests/browser --ignore=tests/fuzz $(PYTEST_ARGS)
	@command -v npm >/dev/null && [ ! -f node_modules/axe-core/axe.min.js ] && \
		{ echo "==> installing axe-core for the browser tests (npm ci)"; npm ci --no-audit --no-fund --silent; } || true
	@echo "==> browser tests (Chromium)"
	@$(BIN)/python -m pytest tests/browser -rs $(PYTEST_ARGS) > $(VENV)/browser-tests.log 2>&1; \
	status=$$?; cat $(VENV)/browser-tests.log; \
	summary=$$(tail -n 1 $(VENV)/browser-tests.log | tr -d '='); \
	reason=$$(grep -m 1 '^SKIPPED' $(VENV)/browser-tests.log | sed 's/^SKIPPED [^:]*:[0-9]*: //'); \
	if [ -n "$$reason" ]; then echo "browser tests: SKIPPED ($$reason: run make browser-deps)"; \
	else echo "browser tests:$$summary"; fi; \
	exit $$status

# The API fuzzed against its OpenAPI schema with Schemathesis (tests/fuzz): every operation,
# each generated input as every demo role and anonymously; no server error, no answer outside
# the schema. FUZZ_EXAMPLES inputs per operation (CI: 15, about three minutes).
FUZZ_EXAMPLES ?= 15
fuzz-api: setup
	@echo "==> Schemathesis against /api/schema/ ($(FUZZ_EXAMPLES) inputs per operation and role)"
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider $(PYTEST_ARGS)

# The live Elasticsearch tests, against the cluster at ELASTICSEARCH_URL (nothing is started
# here; see the README for a one-command local cluster). Everything else about Elasticsearch
# (the query documents, the index bodies, the bulk pushes) is tested by `make test` against a
# recording node.
test-es: setup
	@test -n "$(ELASTICSEARCH_URL)" || { echo "Set ELASTICSEARCH_URL=http://host:9200 (see the README)."; exit 2; }
	@echo "==> live Elasticsearch tests against $(ELASTICSEARCH_URL)"
	ELASTICSEARCH_URL=$(ELASTICSEARCH_URL) $(BIN)/python -m pytest tests/search/test_elastic.py -k live -rs $(PYTEST_ARGS)

# What the browser tests need besides Python: Debian's Chromium with Chinese fonts, and
# axe-core from npm (package-lock.json). CI runs this; on a laptop it needs root for apt.
browser-deps:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk)
	npm ci --no-audit --no-fund

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --noinput

schema: setup
	$(MANAGE) spectacular --fail-on-warn --validate --file /dev/null

# Regenerate the lock after editing pyproject.toml (needs the package index).
lock: setup
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --generate-hashes --allow-unsafe -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# After adding translatable strings: extract, fill from core/locale/translate_zh_hans.py, compile.
# Needs GNU gettext (Debian: gettext); the compiled .mo is committed so `make run` does not.
messages: setup
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=tests --ignore=staticfiles --no-obsolete
	$(BIN)/python core/locale/translate_zh_hans.py
	$(MANAGE) compilemessages -l zh_Hans --ignore=.venv
