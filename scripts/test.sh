#!/usr/bin/env bash
# Runs the test suites: unit (GoogleTest), api (real server on SQLite and on a real PostgreSQL), e2e (Chromium).
# Prints one closing line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
passed=0; failed=0; failures=()
export ZP_BIN="$PWD/build/zhiping"

count() {  # $1 = suite name, $2 = log; adds the runner's own counts
  local p f
  case "$1" in
    unit*) p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$2" | grep -Eo '[0-9]+$' | tail -1); f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$2" | grep -Eo '[0-9]+' | tail -1) ;;
    *) p=$(grep -Eo '^# pass [0-9]+' "$2" | grep -Eo '[0-9]+$' | tail -1)
       f=$(grep -Eo '^# fail [0-9]+' "$2" | grep -Eo '[0-9]+$' | tail -1)
       c=$(grep -Eo '^# cancelled [0-9]+' "$2" | grep -Eo '[0-9]+$' | tail -1)
       f=$(( ${f:-0} + ${c:-0} )) ;;
  esac
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

run_suite() {  # $1 = name, rest = command
  local name=$1; shift
  local log; log=$(mktemp)
  echo "== $name"
  if "$@" 2>&1 | tee "$log"; then :; else
    failures+=("$name")
    grep -qE '^# (fail|cancelled) [1-9]|FAILED' "$log" || failed=$((failed + 1))  # crashed before counting
  fi
  count "$name" "$log"
  rm -f "$log"
}

if [[ $what == all || $what == unit ]]; then
  run_suite unit ./build/zhiping_unit --gtest_brief=1
fi

if [[ $what == all || $what == api ]]; then
  run_suite api-sqlite env ZP_TEST_DB=sqlite node --test --test-concurrency=2 tests/api/
  read -r pgdir pgurl < <(scripts/pg.sh start)
  trap 'scripts/pg.sh stop "$pgdir"' EXIT
  run_suite api-postgresql env ZP_TEST_DB=postgresql ZP_PG_ADMIN_URL="$pgurl" node --test --test-concurrency=2 tests/api/
fi

if [[ $what == all || $what == e2e ]]; then
  if [ -d tests/e2e ] && [ -d tests/node_modules ] && [ -f web/dist/index.html ]; then
    run_suite e2e env ZP_TEST_DB=sqlite node --test --test-concurrency=1 tests/e2e/
  else
    echo "e2e: web app or browser test packages missing (make web; scripts/install-deps.sh)"; failed=$((failed + 1)); failures+=(e2e)
  fi
fi

echo
[ ${#failures[@]} -gt 0 ] && echo "failed suites: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
