#!/usr/bin/env bash
# Runs the portal on http://localhost:5080 (installs PostgreSQL first if it is missing), in Production:
# friendly error pages only. ./run.sh --dev runs it in Development (stack traces in the browser: never
# expose that to anyone else). Builds the whole solution first, so the industry packs are in plugins/.
# Other arguments go to the portal, e.g. ./run.sh --urls http://127.0.0.1:5090
set -euo pipefail
cd "$(dirname "$0")"
environment=Production
if [[ "${1:-}" == "--dev" ]]; then
  environment=Development
  shift
fi
scripts/install-prerequisites.sh
dotnet build MarketEdge.sln -nologo -clp:ErrorsOnly
export ASPNETCORE_ENVIRONMENT="$environment"
exec dotnet run --project src/Portal --launch-profile portal --no-build -- "$@"
