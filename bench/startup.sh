#!/usr/bin/env bash
# One command: size, start-up time and idle memory of the published binaries (linux-x64).
#   bench/startup.sh [--bin DIR] [--runs N] [--aot]
# Without --bin it publishes with eng/publish.sh into artifacts/startup first (--aot: the native AOT gateway). Prints:
#   * the size of onprest-gateway and onprest-agent;
#   * the median, minimum and maximum over N starts (default 10) of the time from launching the gateway to the
#     first 200 from GET /healthz (polled every millisecond from one process; one unmeasured start first, so the single-file bundle's
#     native libraries are already extracted, as on any start after the first);
#   * the resident memory (VmRSS) and its peak (VmHWM) of each program 5 s after the agent has connected and the
#     gateway has cached its metadata (examples/gateway.env and examples/capability.sqlite.yaml, an SQLite file
#     seeded from examples/seed/sqlite.sql), with no traffic.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="" runs=10 publish_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --aot) publish_flags+=(--aot); shift ;;
    *) echo "startup: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  bin=artifacts/startup
  eng/publish.sh --app all --rid linux-x64 --out "$bin" --version startup ${publish_flags[@]+"${publish_flags[@]}"} >/dev/null
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

cat >"$work/launch.py" <<'PY'
import os, socket, subprocess, sys, time
gateway, port, out, err = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
def healthy():
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(request)
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False
with open(out, "wb") as o, open(err, "wb") as e:
    t0 = time.monotonic_ns()
    child = subprocess.Popen([gateway], stdout=o, stderr=e)
    while not healthy():
        if child.poll() is not None:
            sys.exit(1)
        time.sleep(0.001)
    elapsed_ms = (time.monotonic_ns() - t0) // 1_000_000
# CPU time (user + system) the gateway used until then: on a busy machine the wall-clock time also measures the
# other processes, this much less so.
with open(f"/proc/{child.pid}/stat") as f:
    fields = f.read().rsplit(")", 1)[1].split()
cpu_ms = (int(fields[11]) + int(fields[12])) * 1000 // os.sysconf("SC_CLK_TCK")
print(child.pid, elapsed_ms, cpu_ms)
PY

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# Launches the gateway and sets gateway_pid, elapsed_ms (milliseconds from the launch to the first 200 from /healthz)
# and cpu_ms. One Python process launches it and polls with a raw HTTP request every millisecond: no process is
# started per poll (a curl and a sleep per poll cost several milliseconds of CPU on the same two cores and rounded
# every figure up to the poll interval).
start_gateway() {
  local result
  result="$(python3 "$work/launch.py" "$gateway" "$port" "$work/gateway.out" "$work/gateway.err")" \
    || { echo "startup: the gateway exited: $(cat "$work/gateway.err")" >&2; exit 1; }
  read -r gateway_pid elapsed_ms cpu_ms <<<"$result"
  pids+=("$gateway_pid")
}

# The gateway is the launcher's child, not this shell's: wait for it to be gone before the next start takes the port.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  # (A zombie counts as gone: whether the init process reaps it promptly depends on the machine.)
  while [ -e "/proc/$1" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; do sleep 0.01; done
}

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
