#!/usr/bin/env bash
# The benchmark: builds in Release, runs the portal as a real process with a data folder of its own,
# loads it with wrk on loopback, and writes bench/results/latest.json plus a table.
#   ./bench.sh           quick mode (under ten minutes)
#   ./bench.sh --full    longer runs, more cold starts
#   ./bench.sh --faults  the fault drills: crash during provisioning, PostgreSQL restart under load, hostile names
#   ./bench.sh --pages   pages only (quicker, writes nothing); add --profile to sample each with perf
#   ./bench.sh --cold    the cold starts only (printed, nothing written)
#   ./bench.sh --bulk    bulk invitations only: 1,000 people previewed and sent (printed, nothing written)
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh
if ! command -v wrk >/dev/null; then
  echo "Installing wrk ..."
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq wrk >/dev/null
fi

dotnet build MarketEdge.sln -c Release -nologo -clp:ErrorsOnly
if [[ " $* " != *" --pages "* && " $* " != *" --faults "* && " $* " != *" --bulk "* ]]; then
  # Cold starts are measured on the portal as deployed: published for linux-x64, compiled ReadyToRun.
  dotnet publish src/Portal -c Release -r linux-x64 --self-contained false -o bench/.published-portal -nologo -clp:ErrorsOnly
fi
exec dotnet bench/MarketEdge.Bench/bin/Release/net10.0/MarketEdge.Bench.dll "$@"
