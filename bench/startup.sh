#!/usr/bin/env bash
# One command: size, start-up time and idle memory of the published binaries (linux-x64).
#   bench/startup.sh [--bin DIR] [--runs N]
# Without --bin it publishes with eng/publish.sh into artifacts/startup first. Prints:
#   * the size of onprest-gateway and onprest-agent;
#   * the median, minimum and maximum over N starts (default 10) of the time from launching the gateway to the
#     first 200 from GET /healthz (curl polls every 5 ms; one unmeasured start first, so the single-file bundle's
#     native libraries are already extracted, as on any start after the first);
#   * the resident memory (VmRSS) and its peak (VmHWM) of each program 5 s after the agent has connected and the
#     gateway has cached its metadata (examples/gateway.env and examples/capability.sqlite.yaml, an SQLite file
#     seeded from examples/seed/sqlite.sql), with no traffic.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="" runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "startup: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  bin=artifacts/startup
  eng/publish.sh --app all --rid linux-x64 --out "$bin" --version startup >/dev/null
fi
bin="$(cd "$bin" && pwd)"
gateway="$bin/onprest-gateway" agent="$bin/onprest-agent"

work="$(mktemp -d /tmp/onprest-startup-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
set -a
# shellcheck source=/dev/null
source examples/gateway.env
set +a
export GATEWAY_ADDR="127.0.0.1:$port" GATEWAY_PUBLIC_URL="http://127.0.0.1:$port"
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/extract"
demo_key=eJYmqNt97kzIhQF0vv9u-OC4tVyWNGRB6zzbHz0VzAc   # the development key of examples/gateway.env
url="http://127.0.0.1:$port"

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
now_ns() { date +%s%N; }

# Launches the gateway and sets gateway_pid, and elapsed_ms to the milliseconds until /healthz answered 200.
start_gateway() {
  local t0 t1
  t0="$(now_ns)"
  "$gateway" >"$work/gateway.out" 2>"$work/gateway.err" &
  gateway_pid=$!
  pids+=("$gateway_pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url/healthz" || true)" = 200 ]; do
    kill -0 "$gateway_pid" 2>/dev/null || { echo "startup: the gateway exited: $(cat "$work/gateway.err")" >&2; exit 1; }
    sleep 0.005
  done
  t1="$(now_ns)"
  elapsed_ms=$(( (t1 - t0) / 1000000 ))
  # CPU time (user + system) the gateway used until then: on a busy machine the wall-clock time also measures the
  # other processes, this much less so.
  cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$gateway_pid/stat")"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

echo "size: onprest-gateway $(mib "$(stat -c %s "$gateway")"), onprest-agent $(mib "$(stat -c %s "$agent")")"

start_gateway
stop "$gateway_pid"
times=() cpus=()
for _ in $(seq "$runs"); do
  start_gateway
  times+=("$elapsed_ms")
  cpus+=("$cpu_ms")
  stop "$gateway_pid"
done
summary() {
  local sorted
  sorted="$(printf '%s\n' "$@" | sort -n)"
  echo "median $(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }') ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms"
}
echo "gateway start -> /healthz 200 over $runs starts: $(summary "${times[@]}")"
echo "  CPU time used by then (user + system): $(summary "${cpus[@]}")"
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# Idle memory: a connected system with no traffic.
mkdir -p "$work/agent"
sed "s#ws://localhost:8080/ws/agent#ws://127.0.0.1:$port/ws/agent#" examples/capability.sqlite.yaml >"$work/agent/capability.yaml"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()' \
  "$work/agent/crm.db" examples/seed/sqlite.sql
cp "$agent" "$work/agent/onprest-agent"
start_gateway
(cd "$work/agent" && exec ./onprest-agent --config capability.yaml >"$work/agent.out" 2>"$work/agent.err") &
agent_pid=$!
pids+=("$agent_pid")
for _ in $(seq 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $demo_key" "$url/openapi.json" || true)" = 200 ] && break
  kill -0 "$agent_pid" 2>/dev/null || { echo "startup: the agent exited: $(cat "$work/agent.err")" >&2; exit 1; }
  sleep 0.1
done
sleep 5
memory() { awk '/^VmRSS|^VmHWM/ { v[$1] = $2 } END { printf "idle RSS %.1f MiB (peak %.1f MiB)", v["VmRSS:"] / 1024, v["VmHWM:"] / 1024 }' "/proc/$1/status"; }
echo "gateway: $(memory "$gateway_pid")"
echo "agent:   $(memory "$agent_pid")"
