#!/usr/bin/env bash
# Installs the machine packages the portal needs when they are missing (Debian/Ubuntu):
# PostgreSQL always; with --with-browser also Chromium, and Node.js for the test OpenID provider and
# the accessibility audit (axe-core).
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null || missing+=(postgresql)
if [[ "${1:-}" == "--with-browser" ]]; then
  [[ -n "${MARKETEDGE_CHROMIUM:-}" || -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
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

if [[ "${1:-}" == "--with-browser" && ! -d tests/e2e/oidc/node_modules/oidc-provider ]]; then
  echo "Installing the test OpenID provider (oidc-provider from npm) ..."
  npm ci --prefix tests/e2e/oidc --no-audit --no-fund --loglevel=error
fi

if [[ "${1:-}" == "--with-browser" && ! -f tests/e2e/accessibility/node_modules/axe-core/axe.min.js ]]; then
  echo "Installing the accessibility audit (axe-core from npm) ..."
  npm ci --prefix tests/e2e/accessibility --no-audit --no-fund --loglevel=error
fi
