#!/usr/bin/env bash
# Sets up what is missing, then runs Lianjing on the embedded defaults: SQLite and Huey's SQLite
# storage in data/, demo data on first start, http://127.0.0.1:8000. Ctrl-C stops both processes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PY=.venv/bin/python

$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
$PY manage.py load_demo --if-empty

$PY manage.py run_huey --workers 2 --quiet &
huey_pid=$!
trap 'kill $huey_pid 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  廉镜已启动：http://$HOST:$PORT/   （按 Ctrl-C 停止）
  使用上面的演示账户登录；数据保存在 data/ 目录。

MSG
.venv/bin/gunicorn config.wsgi:application --bind "$HOST:$PORT" --workers 3 --threads 2 \
    --access-logfile - --error-logfile - --log-level warning
