#!/usr/bin/env bash
# Zhiping benchmarks (`make bench`). In one run, on this machine, against 127.0.0.1 only:
#   ceilings  nginx serving a ~200-byte static file (wrk); raw SQLite commits (sqlite3 CLI, WAL, synchronous=FULL)
#   zhiping   GET /healthz, authenticated GET /api/v1/me, POST /api/v1/auth/login (Argon2id), all with wrk
#   memory    VmRSS of the zhiping process idle, holding 1,000 keep-alive connections, and after they close
# nginx, /healthz and /me are measured in interleaved rounds (nginx, healthz, me, nginx, healthz, me, ...) so that
# other work on the machine weighs on the ceiling and on zhiping alike; each figure is the median over the rounds,
# and each ratio is the median of the per-round ratios.
# Prints a table with ratios to the ceiling and PASS/FAIL against the targets, writes bench/results/latest.json.
# The figures are information: the script exits 0 whatever they are, and non-zero only when it cannot measure.
#
# Tunables (bounded): BENCH_DURATION (s per measurement, default 10, 1..60), BENCH_WARMUP (s, default 3, 1..30),
# BENCH_ROUNDS (default 3, 1..5), BENCH_CONNECTIONS (wrk connections, default 64, 1..512), BENCH_HOLD (keep-alive
# connections held, default 1000, 1..2000), ZHIPING_BIN (default build/zhiping).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

clamp() { # VALUE MIN MAX DEFAULT
  local v=$1
  [[ $v =~ ^[0-9]+$ ]] || v=$4
  ((v < $2)) && v=$2
  ((v > $3)) && v=$3
  echo "$v"
}
DURATION=$(clamp "${BENCH_DURATION:-10}" 1 60 10)
WARMUP=$(clamp "${BENCH_WARMUP:-3}" 1 30 3)
ROUNDS=$(clamp "${BENCH_ROUNDS:-3}" 1 5 3)
CONNS=$(clamp "${BENCH_CONNECTIONS:-64}" 1 512 64)
HOLD=$(clamp "${BENCH_HOLD:-1000}" 1 2000 1000)
THREADS=2         # wrk threads; zhiping runs 2 io threads, nginx runs 'worker_processes auto' (one per CPU)
LOGIN_CONNS=4     # Argon2id is CPU-bound: a few connections keep both cores busy
SQLITE_COMMITS=2000
BIN=${ZHIPING_BIN:-$ROOT/build/zhiping}
NGINX=/usr/sbin/nginx
RESULTS_DIR=$ROOT/bench/results

# ---------------------------------------------------------------- tools
missing=()
for tool in wrk curl node sqlite3 awk pgrep; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ -x "$NGINX" ] || missing+=("nginx")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: missing tools: ${missing[*]}" >&2
  echo "bench: install them with 'scripts/install-deps.sh' (or 'make deps'), or by hand:" >&2
  echo "       apt-get install wrk nginx-light curl nodejs sqlite3 gawk procps" >&2
  exit 2
fi
if [ ! -x "$BIN" ]; then
  echo "bench: no server binary at $BIN; build it with 'make build'" >&2
  exit 2
fi

# ---------------------------------------------------------------- processes and clean-up
TMP=$(mktemp -d /tmp/zhiping-bench.XXXXXX)
chmod 755 "$TMP" # nginx workers started by root run as an unprivileged user and must read the static file
PIDS=()
stop_pid() { # PID: TERM, wait up to 5 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server and the connection holder need more than 1,000 descriptors.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 4096 ]; then
  ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_http() { # URL SECONDS: until the URL answers 200, bounded
  local url=$1 tries=$(($2 * 10)) i
  for ((i = 0; i < tries; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

log() { printf 'bench: %s\n' "$*" >&2; }

# Runs a load generator in the background and waits for it, so that an interrupt is handled at once.
run_child() {
  "$@" &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid"
}

# ---------------------------------------------------------------- wrk runs
# Per measurement KEY (name or name.round): requests/s, requests, p50 and p99 in ms, non-2xx answers, socket errors,
# server CPU microseconds per request.
declare -A RPS P50 P99 REQS NON2XX ERRS CPU_US
# wrk prints latencies as 123.45us / 1.23ms / 1.02s / 1.50m; this gives milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : 1
    printf "%.3f", n * f }'
}
warm_up() { # NAME CONNECTIONS URL [wrk options...]
  local name=$1 conns=$2 url=$3
  shift 3
  log "$name: warm-up ${WARMUP}s"
  run_child wrk -t"$THREADS" -c"$conns" -d"${WARMUP}s" --timeout 5s "$@" "$url" >/dev/null
}
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { # PIDS...: user + system CPU ticks of these processes so far
  local pid
  for pid in "$@"; do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0; done | awk '{t += $1} END {print t + 0}'
}
run_wrk() { # KEY CONNECTIONS "SERVER PIDS" URL [wrk options...]
  local key=$1 conns=$2 url=$4 out=$TMP/wrk-$1.txt c0 c1
  local -a pids
  read -r -a pids <<<"$3"
  shift 4
  c0=$(cpu_ticks "${pids[@]}")
  run_child wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 5s --latency "$@" "$url" >"$out"
  c1=$(cpu_ticks "${pids[@]}")
  RPS[$key]=$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' "$out")
  REQS[$key]=$(awk '/requests in/ {print $1}' "$out")
  NON2XX[$key]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  NON2XX[$key]=${NON2XX[$key]:-0}
  ERRS[$key]=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  ERRS[$key]=${ERRS[$key]:-0}
  P50[$key]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  P99[$key]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  if [ -z "${RPS[$key]}" ]; then
    cat "$out" >&2
    log "$key: could not read wrk's output"
    exit 1
  fi
  # Server CPU time per request (user + system, all its threads or worker processes): steadier than req/s when
  # other work shares the machine.
  CPU_US[$key]=$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v n="${REQS[$key]}" 'BEGIN {printf "%.1f", (n > 0) ? t / hz * 1e6 / n : 0}')
  log "$key: ${RPS[$key]} req/s, p50 ${P50[$key]} ms, p99 ${P99[$key]} ms, server CPU ${CPU_US[$key]} us/req (wrk -t$THREADS -c$conns -d${DURATION}s)"
  if [ "${NON2XX[$key]}" != 0 ] || [ "${ERRS[$key]}" != 0 ]; then
    log "$key: WARNING ${NON2XX[$key]} non-2xx responses, ${ERRS[$key]} socket errors (figures are suspect)"
  fi
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0) ? a / b : 0}'; }
# Folds the rounds of NAME into NAME: median req/s and CPU per request; latencies from the round whose req/s is
# nearest the median; counts summed.
fold_rounds() {
  local name=$1 r values="" best="" bestd="" d
  for ((r = 1; r <= ROUNDS; r++)); do values+="${RPS[$name.$r]} "; done
  RPS[$name]=$(printf '%.1f' "$(echo "$values" | median)")
  for ((r = 1; r <= ROUNDS; r++)); do
    d=$(awk -v a="${RPS[$name.$r]}" -v m="${RPS[$name]}" 'BEGIN {d = a - m; print (d < 0) ? -d : d}')
    if [ -z "$best" ] || awk -v d="$d" -v b="$bestd" 'BEGIN {exit !(d < b)}'; then best=$r bestd=$d; fi
  done
  P50[$name]=${P50[$name.$best]} P99[$name]=${P99[$name.$best]}
  values=""
  for ((r = 1; r <= ROUNDS; r++)); do values+="${CPU_US[$name.$r]} "; done
  CPU_US[$name]=$(printf '%.1f' "$(echo "$values" | median)")
  REQS[$name]=0 NON2XX[$name]=0 ERRS[$name]=0
  for ((r = 1; r <= ROUNDS; r++)); do
    REQS[$name]=$((${REQS[$name]} + ${REQS[$name.$r]:-0}))
    NON2XX[$name]=$((${NON2XX[$name]} + ${NON2XX[$name.$r]}))
    ERRS[$name]=$((${ERRS[$name]} + ${ERRS[$name.$r]}))
  done
}

CPUS=$(nproc)
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
LOAD_START=$(awk '{print $1}' /proc/loadavg)
log "machine: $CPUS CPUs (${CPU_MODEL:-unknown}), load average $LOAD_START"
if awk -v l="$LOAD_START" -v c="$CPUS" 'BEGIN {exit !(l > c / 2)}'; then
  log "WARNING: the machine is busy (load $LOAD_START on $CPUS CPUs); absolute figures will be low and noisy"
fi

# ---------------------------------------------------------------- ceiling: nginx, static file
mkdir -p "$TMP/nginx/html" "$TMP/nginx/tmp"
# 200 bytes, the size of a small JSON answer.
printf '{"status":"ok","service":"nginx-ceiling","note":"static file served by nginx for the zhiping benchmark ceiling","padding":"%s"}\n' \
  "$(printf 'x%.0s' $(seq 1 74))" >"$TMP/nginx/html/static.json"
NGINX_FILE_BYTES=$(stat -c %s "$TMP/nginx/html/static.json")
started=0
for _ in 1 2 3; do
  NGINX_PORT=$(free_port)
  cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  keepalive_timeout 30s;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/nginx/html;
  }
}
EOF
  "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  if wait_http "http://127.0.0.1:$NGINX_PORT/static.json" 5; then
    started=1
    break
  fi
  stop_pid "$NGINX_PID"
done
if [ "$started" != 1 ]; then
  tail -n 5 "$TMP/nginx/error.log" >&2 || true
  log "nginx did not start"
  exit 1
fi
NGINX_WORKER_PIDS=$(pgrep -P "$NGINX_PID" | tr '\n' ' ' || true)
NGINX_WORKERS=$(echo "$NGINX_WORKER_PIDS" | wc -w)
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's/.*\///')
NGINX_URL="http://127.0.0.1:$NGINX_PORT/static.json"
log "nginx $NGINX_VERSION on 127.0.0.1:$NGINX_PORT, $NGINX_WORKERS worker processes, file $NGINX_FILE_BYTES bytes"

# ---------------------------------------------------------------- ceiling: raw SQLite commits
mkdir -p "$TMP/sqlite"
log "sqlite: $SQLITE_COMMITS single-row commits, WAL, synchronous=FULL"
{
  echo "PRAGMA journal_mode=WAL;"
  echo "PRAGMA synchronous=FULL;"
  echo "CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, v BLOB NOT NULL);"
  awk -v n="$SQLITE_COMMITS" 'BEGIN { for (i = 0; i < n; i++) print "BEGIN IMMEDIATE; INSERT INTO t (at, v) VALUES (" i ", randomblob(200)); COMMIT;" }'
} >"$TMP/sqlite/commits.sql"
t0=$(date +%s%N)
sqlite3 "$TMP/sqlite/raw.db" <"$TMP/sqlite/commits.sql" >/dev/null
t1=$(date +%s%N)
SQLITE_ROWS=$(sqlite3 "$TMP/sqlite/raw.db" "SELECT COUNT(*) FROM t")
SQLITE_CPS=$(awk -v n="$SQLITE_ROWS" -v ns=$((t1 - t0)) 'BEGIN {printf "%.1f", n / (ns / 1e9)}')
rm -rf "$TMP/sqlite"

# ---------------------------------------------------------------- zhiping
mkdir -p "$TMP/zhiping/data" "$TMP/zhiping/web"
"$BIN" serve --listen 127.0.0.1:0 --db "sqlite:$TMP/zhiping/zhiping.db" --data "$TMP/zhiping/data" \
  --web "$TMP/zhiping/web" --demo --log-level warn >"$TMP/zhiping/stdout" 2>"$TMP/zhiping/stderr" &
ZP_PID=$!
PIDS+=("$ZP_PID")
ADDR=""
for ((i = 0; i < 300; i++)); do # 30 s at most
  ADDR=$(sed -n 's|^listening on http://\([0-9.]*:[0-9]*\).*|\1|p' "$TMP/zhiping/stdout" | head -1)
  [ -n "$ADDR" ] && break
  kill -0 "$ZP_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ADDR" ]; then
  cat "$TMP/zhiping/stdout" "$TMP/zhiping/stderr" >&2
  log "zhiping did not start"
  exit 1
fi
case $ADDR in 127.*) ;; *) log "zhiping listens on $ADDR, not loopback"; exit 1 ;; esac
ZP_PORT=${ADDR##*:}
BASE="http://$ADDR"
wait_http "$BASE/healthz" 10 || { log "zhiping /healthz does not answer"; exit 1; }
log "zhiping $BASE (pid $ZP_PID, SQLite in a temp dir, demo data)"

curl -sS --max-time 30 -D "$TMP/login.headers" -o "$TMP/login.body" -H 'Content-Type: application/json' \
  -d '{"login":"office1","password":"demo-2026"}' "$BASE/api/v1/auth/login"
COOKIE=$(tr -d '\r' <"$TMP/login.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *\(zp_session=[^;]*\).*/\1/p' | head -1)
if [ -z "$COOKIE" ]; then
  cat "$TMP/login.headers" "$TMP/login.body" >&2
  log "login as office1 gave no zp_session cookie"
  exit 1
fi
ME_STATUS=$(curl -sS --max-time 5 -o "$TMP/me.body" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/api/v1/me")
if [ "$ME_STATUS" != 200 ]; then
  log "GET /api/v1/me with the session cookie answered $ME_STATUS"
  exit 1
fi
ME_BYTES=$(stat -c %s "$TMP/me.body")
HEALTHZ_BYTES=$(curl -sS --max-time 5 -o /dev/null -w '%{size_download}' "$BASE/healthz")

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
open_conns() { curl -sS --max-time 5 "$BASE/metrics" | awk '/^zhiping_http_connections_open / {print $2}'; }

# ---------------------------------------------------------------- memory: idle, then HOLD keep-alive connections
sleep 1
RSS_IDLE=$(rss_kb "$ZP_PID")
log "memory: idle VmRSS $((RSS_IDLE / 1024)) MiB; opening $HOLD keep-alive connections"
node "$ROOT/bench/hold_connections.js" 127.0.0.1 "$ZP_PORT" "$HOLD" 25 >"$TMP/hold.out" 2>"$TMP/hold.err" &
HOLD_PID=$!
PIDS+=("$HOLD_PID")
for ((i = 0; i < 250; i++)); do # 25 s at most; the server's keep-alive timeout is 30 s
  grep -q '^ready' "$TMP/hold.out" 2>/dev/null && break
  kill -0 "$HOLD_PID" 2>/dev/null || break
  sleep 0.1
done
HOLD_OK=$(sed -n 's/^ready ok=\([0-9]*\).*/\1/p' "$TMP/hold.out" | head -1)
HOLD_OK=${HOLD_OK:-0}
sleep 1
RSS_HOLD=$(rss_kb "$ZP_PID")
# The metrics request is one more open connection while it is answered.
HOLD_OPEN=$(open_conns || true)
HOLD_OPEN=$((${HOLD_OPEN:-1} - 1))
log "memory: $HOLD_OK connections answered, $HOLD_OPEN open at the server, VmRSS $((RSS_HOLD / 1024)) MiB"
stop_pid "$HOLD_PID"
sleep 1
RSS_AFTER_HOLD=$(rss_kb "$ZP_PID")

# ---------------------------------------------------------------- throughput, interleaved rounds
warm_up nginx "$CONNS" "$NGINX_URL"
warm_up healthz "$CONNS" "$BASE/healthz"
warm_up me "$CONNS" "$BASE/api/v1/me" -H "Cookie: $COOKIE"
for ((r = 1; r <= ROUNDS; r++)); do
  log "round $r of $ROUNDS"
  run_wrk "nginx.$r" "$CONNS" "$NGINX_WORKER_PIDS" "$NGINX_URL"
  run_wrk "healthz.$r" "$CONNS" "$ZP_PID" "$BASE/healthz"
  run_wrk "me.$r" "$CONNS" "$ZP_PID" "$BASE/api/v1/me" -H "Cookie: $COOKIE"
done
stop_pid "$NGINX_PID"
warm_up login "$LOGIN_CONNS" "$BASE/api/v1/auth/login" -s "$ROOT/bench/login.lua"
run_wrk login "$LOGIN_CONNS" "$ZP_PID" "$BASE/api/v1/auth/login" -s "$ROOT/bench/login.lua"
RSS_END=$(rss_kb "$ZP_PID")
HWM_END=$(hwm_kb "$ZP_PID")
LOAD_END=$(awk '{print $1}' /proc/loadavg)

# ---------------------------------------------------------------- results
HEALTHZ_RATIOS="" ME_RATIOS="" ROUNDS_JSON=""
for ((r = 1; r <= ROUNDS; r++)); do
  hr=$(ratio "${RPS[healthz.$r]}" "${RPS[nginx.$r]}")
  mr=$(ratio "${RPS[me.$r]}" "${RPS[nginx.$r]}")
  HEALTHZ_RATIOS+="$hr " ME_RATIOS+="$mr "
  ROUNDS_JSON+="${ROUNDS_JSON:+, }{\"nginx\": ${RPS[nginx.$r]}, \"healthz\": ${RPS[healthz.$r]}, \"me\": ${RPS[me.$r]}, \"healthz_ratio\": $hr, \"me_ratio\": $mr, \"cpu_us\": {\"nginx\": ${CPU_US[nginx.$r]}, \"healthz\": ${CPU_US[healthz.$r]}, \"me\": ${CPU_US[me.$r]}}}"
done
for n in nginx healthz me; do fold_rounds "$n"; done
HEALTHZ_RATIO=$(printf '%.3f' "$(echo "$HEALTHZ_RATIOS" | median)")
ME_RATIO=$(printf '%.3f' "$(echo "$ME_RATIOS" | median)")
ME_TARGET=$(awk -v r="$ME_RATIO" 'BEGIN {print (r >= 0.5) ? "PASS" : "FAIL"}')
RSS_TARGET=$(awk -v k="$RSS_HOLD" -v ok="$HOLD_OPEN" -v n="$HOLD" 'BEGIN {print (k < 100 * 1024 && ok >= n) ? "PASS" : "FAIL"}')
LOGIN_PER_CPU=$(awk -v r="${RPS[login]}" -v c="$CPUS" 'BEGIN {printf "%.1f", r / c}')
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
DATE=$(date +%Y-%m-%d)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
WRK_VERSION=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $2}')

echo
echo "Zhiping benchmark  $DATE  commit $COMMIT  $CPUS CPUs  load $LOAD_START -> $LOAD_END"
echo "wrk -t$THREADS -c$CONNS, $ROUNDS interleaved rounds of ${DURATION}s (medians; warm-up ${WARMUP}s each)"
row() { printf '%-44s %10s %7s %8s %8s %9s  %s\n' "$@"; }
row "measurement" "req/s" "ratio" "p50 ms" "p99 ms" "CPU us/req" "target"
row "nginx static file (${NGINX_FILE_BYTES} B, ceiling)" "${RPS[nginx]}" "1.000" "${P50[nginx]}" "${P99[nginx]}" "${CPU_US[nginx]}" ""
row "zhiping GET /healthz (SQLite SELECT 1)" "${RPS[healthz]}" "$HEALTHZ_RATIO" "${P50[healthz]}" "${P99[healthz]}" "${CPU_US[healthz]}" ""
row "zhiping GET /api/v1/me (session cookie)" "${RPS[me]}" "$ME_RATIO" "${P50[me]}" "${P99[me]}" "${CPU_US[me]}" ">= 0.500 of nginx: $ME_TARGET"
row "zhiping POST /api/v1/auth/login (-c$LOGIN_CONNS)" "${RPS[login]}" "" "${P50[login]}" "${P99[login]}" "${CPU_US[login]}" "$LOGIN_PER_CPU/s per CPU (Argon2id m=19 MiB t=2)"
row "raw SQLite commits/s (WAL, synchronous=FULL)" "$SQLITE_CPS" "" "" "" "" ""
echo "ratio: median over the rounds of req/s against nginx in the same round; CPU us/req: the server's own CPU time"
echo
printf '%-48s %9s MiB\n' "zhiping VmRSS idle" "$(mib "$RSS_IDLE")"
printf '%-48s %9s MiB  < 100 MiB: %s\n' "zhiping VmRSS with $HOLD_OPEN keep-alive connections" "$(mib "$RSS_HOLD")" "$RSS_TARGET"
printf '%-48s %9s MiB\n' "zhiping VmRSS after they closed" "$(mib "$RSS_AFTER_HOLD")"
printf '%-48s %9s MiB  (peak VmHWM %s MiB, during logins)\n' "zhiping VmRSS after the load runs" "$(mib "$RSS_END")" "$(mib "$HWM_END")"
for n in nginx healthz me login; do
  if [ "${NON2XX[$n]}" != 0 ] || [ "${ERRS[$n]}" != 0 ]; then
    echo "warning: $n had ${NON2XX[$n]} non-2xx responses and ${ERRS[$n]} socket errors"
  fi
done

mkdir -p "$RESULTS_DIR"
wrk_json() {
  printf '{"requests_per_s": %s, "requests": %s, "p50_ms": %s, "p99_ms": %s, "server_cpu_us_per_request": %s, "non_2xx": %s, "socket_errors": %s}' \
    "${RPS[$1]}" "${REQS[$1]:-0}" "${P50[$1]}" "${P99[$1]}" "${CPU_US[$1]}" "${NON2XX[$1]}" "${ERRS[$1]}"
}
cat >"$RESULTS_DIR/latest.json" <<EOF
{
  "date": "$DATE",
  "commit": "$COMMIT",
  "machine": {"cpus": $CPUS, "cpu_model": "$(printf '%s' "$CPU_MODEL" | sed 's/["\\]//g')",
              "load_average_start": $LOAD_START, "load_average_end": $LOAD_END},
  "settings": {"wrk_threads": $THREADS, "connections": $CONNS, "login_connections": $LOGIN_CONNS,
               "rounds": $ROUNDS, "duration_s": $DURATION, "warmup_s": $WARMUP, "wrk": "$WRK_VERSION",
               "nginx": "$NGINX_VERSION", "nginx_worker_processes": "auto ($NGINX_WORKERS)", "zhiping_io_threads": 2},
  "nginx_static": $(wrk_json nginx),
  "nginx_static_bytes": $NGINX_FILE_BYTES,
  "sqlite_raw_commits_per_s": $SQLITE_CPS,
  "healthz": $(wrk_json healthz),
  "healthz_body_bytes": $HEALTHZ_BYTES,
  "me": $(wrk_json me),
  "me_body_bytes": $ME_BYTES,
  "login": $(wrk_json login),
  "ratios": {"healthz_to_nginx": $HEALTHZ_RATIO, "me_to_nginx": $ME_RATIO,
             "cpu_per_request_healthz_over_nginx": $(ratio "${CPU_US[healthz]}" "${CPU_US[nginx]}"),
             "cpu_per_request_me_over_nginx": $(ratio "${CPU_US[me]}" "${CPU_US[nginx]}")},
  "rounds": [$ROUNDS_JSON],
  "logins_per_s_per_cpu": $LOGIN_PER_CPU,
  "memory_kib": {"idle": $RSS_IDLE, "keepalive_held": $RSS_HOLD, "keepalive_connections": $HOLD_OPEN,
                 "after_keepalive_closed": $RSS_AFTER_HOLD, "after_load": $RSS_END, "peak_hwm": $HWM_END},
  "targets": {"me_at_least_half_of_nginx": "$ME_TARGET", "rss_below_100_mib_with_keepalive": "$RSS_TARGET"}
}
EOF
echo
echo "results written to bench/results/latest.json"
exit 0
