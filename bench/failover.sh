#!/usr/bin/env bash
# Agent pool failover (docs/agent-pool.md): one gateway, two agents, get_customer at 32 connections; agent A is
# killed and restarted, agent B stopped cleanly and restarted. Same preparation as bench/run.sh (PostgreSQL, seed,
# published binaries); prints the failed calls, the longest stretch without a success and the rejoin times.
#   bench/failover.sh [--bin artifacts/bench]
exec "$(dirname "$0")/run.sh" failover "$@"
