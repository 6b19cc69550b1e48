#!/usr/bin/env bash
# Installs what this machine lacks for Lianjing, and nothing twice: Debian packages (as root;
# otherwise prints the apt command), the virtualenv and pinned Python packages, the pinned npm
# front-end assets (copied into lianjing/static/vendor, never committed), compiled translations.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite needs: Debian chromium, and
# LibreOffice Writer to check that the generated Word documents open)
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

APT_PACKAGES=(graphviz fonts-wqy-microhei gettext)
[[ $WITH_TEST == 1 ]] && APT_PACKAGES+=(chromium libreoffice-writer-nogui)

stamp_dir=.stamps
mkdir -p "$stamp_dir"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages ----------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]]; then
        say "安装系统软件包: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        say "缺少系统软件包，请以 root 运行: sudo apt-get install -y ${missing[*]}"
        [[ $WITH_TEST == 1 ]] && exit 1
    fi
fi

# --- Python -------------------------------------------------------------------------------------
PYTHON=${PYTHON:-}
if [[ -z "$PYTHON" ]]; then
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            PYTHON=$candidate
            break
        fi
    done
fi
[[ -n "$PYTHON" ]] || { echo "需要 Python 3.11（未找到 python3.11）" >&2; exit 1; }
if [[ ! -x .venv/bin/python ]]; then
    say "创建虚拟环境 .venv"
    "$PYTHON" -m venv .venv
fi
py_hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ "$(cat "$stamp_dir/python" 2>/dev/null)" != "$py_hash" ]]; then
    say "安装 Python 依赖（pyproject.toml 中已固定版本）"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev]'
    echo "$py_hash" > "$stamp_dir/python"
fi

# --- front-end assets ---------------------------------------------------------------------------
npm_hash=$(cat package.json package-lock.json scripts/setup.sh | sha256sum | cut -d' ' -f1)
vendor=lianjing/static/vendor
if [[ "$(cat "$stamp_dir/npm" 2>/dev/null)" != "$npm_hash" || ! -d $vendor ]]; then
    say "安装前端资源（Tabler、ECharts）"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    rm -rf "$vendor"
    mkdir -p "$vendor/tabler/css" "$vendor/tabler/js" "$vendor/tabler-icons/fonts" "$vendor/echarts"
    cp node_modules/@tabler/core/dist/css/tabler.min.css* "$vendor/tabler/css/"
    cp node_modules/@tabler/core/dist/js/tabler.min.js* "$vendor/tabler/js/"
    cp node_modules/@tabler/icons-webfont/dist/tabler-icons.min.css "$vendor/tabler-icons/"
    cp node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.{woff2,woff,ttf} "$vendor/tabler-icons/fonts/"
    cp node_modules/echarts/dist/echarts.min.js "$vendor/echarts/"
    cp node_modules/@tabler/core/LICENSE "$vendor/tabler/" 2>/dev/null || true
    cp node_modules/echarts/LICENSE "$vendor/echarts/" 2>/dev/null || true
    echo "$npm_hash" > "$stamp_dir/npm"
fi

# --- translations -------------------------------------------------------------------------------
po_hash=$(find lianjing/locale -name '*.po' -exec cat {} + | sha256sum | cut -d' ' -f1)
if command -v msgfmt >/dev/null && [[ "$(cat "$stamp_dir/po" 2>/dev/null)" != "$po_hash" ]]; then
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
    echo "$po_hash" > "$stamp_dir/po"
fi
