# The README's two commands are `make run` and `make test`; both set everything up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.PHONY: run test lint stop db migrate load install

run: migrate load
	@PORT=$(PORT) $(PY) manage.py ensure_local_staff
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: db
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

stop:
	@if [ -x $(PY) ]; then $(PY) -m admin4all.localdb stop; fi

install: $(INSTALLED) .env

# Reinstalled only when the dependencies change, so a second `make run` is fast.
$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

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
