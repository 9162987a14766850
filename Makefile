# The README's two commands are `make run` and `make test`; both set everything up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed
# The translations (README, "Languages"): each catalogue compiled when it changes, by
# GNU gettext's msgfmt (Debian's gettext, installed when missing and we are root).
FONTS := $(patsubst %,static/fonts/noto-sans-%-wght-normal.woff2,latin latin-ext greek) \
	static/fonts/OFL.txt
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po \
	admin4all/month_names/*/LC_MESSAGES/django.po))

.PHONY: run serve test lint stop db migrate load install test-tools pdf-tools backup restore bench messages

# Both run the task queue's worker beside the web server (emails are sent by it), and
# stop it with the server.
WITH_WORKER := $(PY) manage.py procrastinate worker & worker=$$!; trap 'kill $$worker' EXIT;

run: pdf-tools migrate load
	@PORT=$(PORT) $(PY) manage.py ensure_local_staff
	$(WITH_WORKER) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production server (gunicorn, DEBUG off, static files hashed and compressed by
# WhiteNoise) on plain HTTP at 127.0.0.1:$(PORT), with the content loaded.
LOCAL_PRODUCTION := DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SITE_DOMAIN=127.0.0.1:$(PORT) \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0

serve: pdf-tools migrate load
	@$(LOCAL_PRODUCTION) $(PY) manage.py collectstatic --noinput -v0
	@PORT=$(PORT) $(PY) manage.py ensure_local_staff
	export $(LOCAL_PRODUCTION) PORT=$(PORT); $(WITH_WORKER) $(VENV)/bin/gunicorn admin4all.wsgi

# The suite runs in parallel (pytest-xdist): one worker per CPU, each on its own copy of
# the test database (tests/conftest.py). `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= logical

test: db test-tools pdf-tools
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# ruff, and the layers of docs/architecture.md (import-linter's contracts in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

stop:
	@if [ -x $(PY) ]; then $(PY) -m admin4all.localdb stop; fi

# `make backup` writes backups/admin4all-<time>.tar.gz; `make restore FILE=that-file`.
backup: db
	$(PY) manage.py backup --destination backups

restore: db
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/admin4all-....tar.gz" && exit 2)
	$(PY) manage.py restore "$(FILE)"

install: $(INSTALLED) .env $(MESSAGES) $(FONTS)

# Reinstalled only when the dependencies change, so a second `make run` is fast.
$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

$(MESSAGES): %.mo: %.po
	@scripts/ensure_system_packages.sh msgfmt:gettext
	msgfmt --check --output-file=$@ $<

# After changing marked strings: brings every catalogue in step with the code (new
# strings untranslated, removed ones dropped); then translate what is new.
messages: install
	$(PY) manage.py catalogues

# Local development settings; production sets real environment variables instead.
.env:
	@$(PYTHON) -c "import secrets; print('DEBUG=1\nSECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	@echo "Wrote .env for local development (DEBUG on, a generated SECRET_KEY)."

db: install
	@$(PY) -m admin4all.localdb start

migrate: db
	$(PY) manage.py migrate --noinput

load: migrate
	$(PY) manage.py load_admin4all

# What the browser, accessibility and HTML-validity tests need beyond Python:
# Debian's Chromium, a Java runtime and Redis (installed when missing and we are root), and
# axe-core and the Nu HTML checker from the npm registry.
test-tools: node_modules/.installed
	@scripts/ensure_system_packages.sh chromium:chromium java:default-jre-headless \
		redis-server:redis-server

# What WeasyPrint needs to make the PDFs (reports, certificates): Pango, HarfBuzz's
# font subsetter, and fonts that cover the portal's languages (Greek, Polish, Romanian).
pdf-tools:
	@scripts/ensure_system_packages.sh libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
		fonts-dejavu-core

# The web font (Noto Sans, from the npm registry): only the subsets the seven languages
# need, served as static files (static/fonts/, git-ignored); site.css names each with
# its unicode-range, so a page loads only those its text uses.
FONT_PACKAGE := node_modules/@fontsource-variable/noto-sans

static/fonts/%.woff2: node_modules/.installed
	@mkdir -p $(@D)
	cp $(FONT_PACKAGE)/files/$*.woff2 $@

static/fonts/OFL.txt: node_modules/.installed
	@mkdir -p $(@D)
	cp $(FONT_PACKAGE)/LICENSE $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Throughput, latency and worker memory of every kind of request at scale 100
# (BENCH_SCALE, BENCH_DURATION), as ratios to bare Django: minutes, so not part of
# `make test`. See scripts/bench.py.
bench: db
	@scripts/ensure_system_packages.sh wrk:wrk redis-server:redis-server
	$(PY) scripts/bench.py
