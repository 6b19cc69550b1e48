#!/usr/bin/env bash
# The whole test command: lint, type checks, migrations in sync, then the suite on SQLite and the
# same suite on PostgreSQL (LIANJING_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
# With CI=true an unreachable PostgreSQL is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python
# the suite runs in parallel processes (pytest-xdist; each has its own test database)
WORKERS=${PYTEST_WORKERS:-2}
PG_URL=${LIANJING_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "ruff format --check"; .venv/bin/ruff format --check --quiet .
step "ruff check";          .venv/bin/ruff check --quiet .
step "mypy";                .venv/bin/mypy --no-error-summary . && echo "mypy: ok"
step "migrations in sync";  $PY manage.py makemigrations --check --dry-run >/dev/null && echo "ok"

step "pytest on SQLite"
t0=$SECONDS
env -u DATABASE_URL .venv/bin/pytest -n "$WORKERS" "$@"
sqlite_seconds=$((SECONDS - t0))

step "pytest on PostgreSQL ($PG_URL)"
if ! DATABASE_URL=$PG_URL $PY -c '
import os, sys, psycopg, dj_database_url
c = dj_database_url.parse(os.environ["DATABASE_URL"])
try:
    psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname=c["NAME"], password=c["PASSWORD"] or None, connect_timeout=5).close()
except Exception as exc:
    print(exc, file=sys.stderr); sys.exit(1)
'; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "!! PostgreSQL at $PG_URL is unreachable and CI=true: failing." >&2
        exit 1
    fi
    echo "!! PostgreSQL at $PG_URL is unreachable: the PostgreSQL run was NOT done." >&2
    echo "!! Start it with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    exit 1
fi
t0=$SECONDS
DATABASE_URL=$PG_URL .venv/bin/pytest -n "$WORKERS" "$@"
pg_seconds=$((SECONDS - t0))

step "done in $((SECONDS - started)) s (pytest: SQLite ${sqlite_seconds} s, PostgreSQL ${pg_seconds} s)"
