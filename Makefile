# KIM Portal: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: run test test-sqlite test-postgres imports system-deps venv check screenshots clean

# The virtual environment, reinstalled only when a requirements file changes.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@# Debian and Ubuntu ship venv separately from python3.
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Serve the demo portal on http://localhost:8000/ and http://taan.localhost:8000/,
# with the background worker (newsroom email) beside it; Ctrl-C stops both.
# Residents' messages past KIM_TIP_RETENTION_DAYS are deleted on each start
# (production: deploy/kimportal-tips-retention.timer, daily).
run: venv
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py delete_old_tips
	DEBUG=1 $(PY) manage.py db_worker --queue-name default & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 0.0.0.0:8000

# Debian packages the tests need, installed only when missing.
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	test -f /usr/lib/nginx/modules/ngx_http_lua_module.so || missing="$$missing libnginx-mod-http-lua"; \
	command -v systemd-analyze >/dev/null 2>&1 || missing="$$missing systemd"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# axe-core, from npm, for the accessibility check in the browser tests.
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --silent
	touch $@

# The whole suite on SQLite with the local-memory cache, then on a throwaway
# PostgreSQL cluster with a throwaway Redis as the cache.
test: system-deps venv $(AXE) imports test-sqlite test-postgres

# Imports between apps point only down the layers in .importlinter.
imports: venv
	$(VENV)/bin/lint-imports --no-cache

test-sqlite: venv
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: venv
	bash tests/with_postgres.sh bash tests/with_redis.sh $(PY) -m pytest $(PYTEST_ARGS)

# Django's checks, and no model change without its migration.
check: venv
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Fresh README screenshots from the browser tests.
screenshots: venv
	$(PY) -m pytest tests/e2e -p no:xdist -q
	cp tests/e2e/output/district-home-*.png tests/e2e/output/village-home-*.png tests/e2e/output/article-*.png bench/screenshots/

clean:
	rm -rf $(VENV) staticfiles .pytest_cache tests/e2e/output
