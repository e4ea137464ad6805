#!/usr/bin/env bash
# One command: start PostgreSQL (the CI script), publish the binaries, seed, run the load benchmark.
#   bench/run.sh [--duration 60] [--connections 1,32] [--warmup 5]
# Results print as a markdown table; bench/README.md records the latest figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/databases.sh >/dev/null
: "${ONPREST_TEST_POSTGRES_HOST:?PostgreSQL did not start (see /tmp/onprest-ci-db/setup.log)}"

# A database of its own, owned by the CI owner role (which may create tables and grant), and the agent's role.
su postgres -s /bin/bash -c "psql -X -q -h /tmp/onprest-ci-db/pgsock -p $ONPREST_TEST_POSTGRES_PORT -U postgres -d postgres" <<SQL >/dev/null
SELECT 'CREATE DATABASE onprest_bench OWNER $ONPREST_TEST_POSTGRES_USER' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'onprest_bench') \gexec
SELECT 'CREATE ROLE onprest_bench_agent LOGIN PASSWORD ''bench-agent-password''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onprest_bench_agent') \gexec
SQL

eng/publish.sh --rid linux-x64 --out artifacts/bench --version bench
dotnet build bench/Onprest.Bench -c Release --nologo -v quiet
export ONPREST_BENCH_BIN=artifacts/bench
exec dotnet bench/Onprest.Bench/bin/Release/net10.0/Onprest.Bench.dll "$@"
