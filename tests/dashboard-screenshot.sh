#!/usr/bin/env bash
# Regenerates cloud/docs/ops/dashboard.png, the README's picture of the operator dashboard during `dimo demo`:
# runs the dashboard's browser test (Debian's chromium through Playwright) with a larger fleet, lets the charts
# fill for a while, and saves the screenshot. Needs chromium installed (tests/run-all.sh installs it).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
out="$repo/cloud/docs/ops/dashboard.png"
dotnet build tests/Dimo.Dashboard.Tests -v quiet -nologo
DIMO_DASHBOARD_SCREENSHOT="$out" DIMO_DASHBOARD_DONGLES="${DONGLES:-20}" DIMO_DASHBOARD_SCREENSHOT_AFTER="${SECONDS_OF_CHARTS:-90}" \
  dotnet test tests/Dimo.Dashboard.Tests --no-build --nologo -v quiet
echo "wrote $out"
