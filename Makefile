# Two commands for a new machine: `make run` and `make test` (see README.md).
# `make run` starts the web server, a Celery worker and Celery beat together (Procfile, honcho).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Debian packages the code needs: spelling (enchant + Hunspell dictionaries), French grammar
# (Grammalecte, imported from Debian's dist-packages, see guidelines/spelling/checkers.py) and gettext.
APT_RUN := libenchant-2-2 gettext python3-grammalecte \
	hunspell-en-us hunspell-en-gb hunspell-de-de hunspell-fr hunspell-es hunspell-it \
	hunspell-nl hunspell-pl hunspell-sv hunspell-tr hunspell-pt-br hunspell-pt-pt
# Only the tests need a browser, and fonts so that screenshots show CJK text and emoji.
APT_TEST := chromium fonts-noto-cjk fonts-noto-color-emoji

.PHONY: run test bootstrap bootstrap-test lint check-migrations jstest pytest audit bench load faults messages demo clean

run: bootstrap
	$(MANAGE) migrate --noinput
	$(MANAGE) load_templates
	$(MANAGE) seed_demo
	$(BIN)/honcho start -f Procfile

test: bootstrap bootstrap-test lint check-migrations jstest pytest audit

bootstrap: $(VENV)/.installed
	@scripts/ensure-apt.sh $(APT_RUN)
	@scripts/ensure-redis.sh
	@$(MAKE) --no-print-directory messages

bootstrap-test: node_modules/.package-lock.json
	@scripts/ensure-apt.sh $(APT_TEST)

# The browser code's tools (ESLint), pinned in package-lock.json, from the npm registry.
# Node 20 or later runs the JavaScript unit tests; Debian's nodejs/npm when there is no node.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || scripts/ensure-apt.sh nodejs npm
	npm ci --no-audit --no-fund --loglevel=error

$(VENV)/.installed: requirements.txt
	@# Debian and Ubuntu ship venv (with ensurepip) as a separate package: install it when missing.
	@test -x $(BIN)/python || $(PYTHON) -c "import ensurepip, venv" 2>/dev/null || scripts/ensure-apt.sh python3-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

messages:
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(MANAGE) compilemessages --ignore=.venv -v 0; fi

lint: node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint .

# Unit tests of the editor's ES modules (static/composer/editor/), Node's built-in runner.
jstest:
	node --test tests/js/

check-migrations:
	$(MANAGE) makemigrations --check --dry-run

pytest:
	$(BIN)/python -m pytest

# Known vulnerabilities in the installed environment (.venv, PyPI's advisory data, through pip-audit).
# A vulnerability fails the build; packages the index has no advisory data for are named loudly
# (AUDIT_STRICT=1 makes them fail too). See scripts/audit.py.
audit:
	$(BIN)/python scripts/audit.py

# The order import bench generates a 100,000-row All Orders report (BENCH_DATABASE_URL: PostgreSQL).
bench: bootstrap
	$(BIN)/python -m guidelines bench
	$(BIN)/python scripts/bench_import.py
	$(BIN)/python scripts/loadtest.py
	$(BIN)/python scripts/amazon_load.py

# The load test alone: 50 sellers typing and autosaving for 2 minutes against gunicorn, PostgreSQL
# (database composer_load) and Redis, all on loopback; exits 1 when a target is missed.
load: bootstrap
	$(BIN)/python scripts/loadtest.py

# Fault drills (they restart the machine's PostgreSQL, so they are not part of `make test`).
faults: bootstrap
	$(BIN)/python scripts/faults.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
