#!/usr/bin/env bash
# Installs the machine packages the portal needs when they are missing (Debian/Ubuntu):
# PostgreSQL always, Chromium too with --with-browser (for the end-to-end tests).
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null || missing+=(postgresql)
if [[ "${1:-}" == "--with-browser" && -z "${MARKETEDGE_CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
  missing+=(chromium)
fi

if ((${#missing[@]} > 0)); then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is missing: install it (https://dot.net) and run this again." >&2
  exit 1
fi
