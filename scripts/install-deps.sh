#!/usr/bin/env bash
# Installs what Zhiping needs to build, run, test and benchmark on Debian 12. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates curl
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev libboost-system1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev
  libtomlplusplus-dev libcli11-dev libssl-dev libgtest-dev libpoppler-cpp-dev libjpeg62-turbo-dev
  libcairo2-dev libpango1.0-dev
  libcurl4-openssl-dev
  sqlite3 postgresql chromium fonts-noto-cjk wrk nginx-light
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node packages: the web app and the browser tests (lock files are committed).
for dir in web tests; do
  if [ -f "$dir/package-lock.json" ]; then
    stamp="$dir/node_modules/.zhiping-lock"
    if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      cp "$dir/package-lock.json" "$stamp"
    fi
  fi
done
