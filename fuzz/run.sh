#!/usr/bin/env bash
# One command for the fuzzers (docs/fuzzing.md):
#   fuzz/run.sh <target> [--iterations N] [--seed S]
# Targets: sql, sql-<postgres|mysql|sqlite|sqlserver|oracle>, sql-diff, sql-diff-<postgres|mariadb|sqlite>,
# frames, yaml, all. The differential targets use the loopback servers of .ci/databases.sh.
# Prints one summary per target; exits 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .ci/databases.sh ]; then
  # shellcheck source=/dev/null
  source .ci/databases.sh >/dev/null 2>&1 || true
fi
dotnet build fuzz/Onprest.Fuzz -c Release --nologo -v quiet >/dev/null
exec dotnet fuzz/Onprest.Fuzz/bin/Release/net10.0/Onprest.Fuzz.dll "$@"
