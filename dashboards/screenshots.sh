#!/usr/bin/env bash
# The screenshots in dashboards/README.md, made again from this version: dashboards/screenshots.sh
# Builds Release, seeds the demo city (scale 1) once into data/bench/dashboard-scale1/, builds its warehouse, starts the
# API (Production, loopback), and has Debian's Chromium open /dashboards/ as an analyst at 390×844, 768×1024, 1366×768
# and 1920×1080 (the whole page) and /dashboards/wall.html at 1920×1080 when there is one; each once every chart has
# drawn. Writes dashboards/screenshots/*.png. Stops the API. Fails on any HTTP or console error on the page.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/dashboard-api.sh

build_dashboard_bench
start_dashboard_api 1
dotnet bench/Analytics.DashboardBench/bin/Release/net10.0/Analytics.DashboardBench.dll screenshots \
  --url "$url" --signing-key "$key" --output dashboards/screenshots ${BENCH_CHROMIUM:+--chromium "$BENCH_CHROMIUM"}
