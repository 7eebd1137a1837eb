#!/usr/bin/env bash
# Runs the portal on http://localhost:5080 (installs PostgreSQL first if it is missing).
# Builds the whole solution first, so the industry packs are in plugins/.
# Extra arguments go to the portal, e.g. ./run.sh --urls http://127.0.0.1:5090
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet build MarketEdge.sln -nologo -clp:ErrorsOnly
exec dotnet run --project src/Portal --launch-profile portal --no-build -- "$@"
