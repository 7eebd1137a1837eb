#!/usr/bin/env bash
# Takes the README's pictures (docs/screens/*.png) from the end-to-end journeys that show those screens,
# in the same headless Chromium and from the same fixtures as the tests. With --all, the sweep also
# keeps every page it audits (desk and phone) in /tmp/marketedge-screens, to look at a layout.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh --with-browser
dotnet build MarketEdge.sln -c Release -nologo -clp:ErrorsOnly

folder="$PWD/docs/screens"
all=0
if [[ "${1:-}" == "--all" ]]; then
  folder=/tmp/marketedge-screens
  all=1
fi
rm -rf "$folder"
mkdir -p "$folder"

MARKETEDGE_SCREENS="$folder" MARKETEDGE_SCREENS_ALL="$all" dotnet test tests/e2e -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName~EveryPageShould|FullyQualifiedName~FirstRunShould|FullyQualifiedName~OrganizationsShould.Create_odeon|FullyQualifiedName~BulkInvitationsShould|FullyQualifiedName~TwoFactorShould|FullyQualifiedName~SupportAccessShould|FullyQualifiedName~UsageShould"

echo "Screens in $folder:"
ls "$folder"
