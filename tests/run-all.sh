#!/usr/bin/env bash
# Runs every test project of Dimo.sln and ends with one line: "N passed, N failed".
# Run as root on a fresh Debian machine, it first installs what the tests need: the real
# peers (Mosquitto, PostgreSQL 15), libsecp256k1 for the cloud verifier, and the pinned
# ethers package that checks our signatures in CI, Chromium for the dashboard's browser test,
# Prometheus's promtool for the /metrics check, and openssl for firmware/README.md's TLS steps.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

apt_packages=(mosquitto mosquitto-clients libsecp256k1-1 postgresql-15 curl chromium prometheus openssl)
command -v npm >/dev/null || apt_packages+=(nodejs npm)
if [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install failed" >&2; exit 1; }
  fi
fi

# siwe (EIP-4361 messages) came after ethers: a node_modules without it is installed again.
if [ -f tests/interop/ethers/package.json ] && [ ! -d tests/interop/ethers/node_modules/siwe ]; then
  (cd tests/interop/ethers && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed" >&2; exit 1; }
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test Dimo.sln --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "dotnet test failed without a failed test (build error or crashed test host)" >&2; fi
echo "$passed passed, $failed failed"
exit $status
