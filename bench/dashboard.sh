#!/usr/bin/env bash
# Dashboard load time: navigation start to every chart drawn, in Debian's Chromium (see bench/README.md).
#   bench/dashboard.sh [scale] [loads]     scale 1 (default) or 10, …; 5 loads (default)
# Builds Release, seeds data/bench/dashboard-scale<N>/store.db once (scale 1 ≈ 10 s, 10 ≈ 1 min on a quiet machine),
# builds its warehouse (etl run, every time), starts the API (Production, loopback, fresh signing key), then
# bench/Analytics.DashboardBench opens /dashboards/ at 1920×1080 as an analyst: one load to warm the API (not counted),
# then <loads> loads each in a new browser context (cold cache) and <loads> in one context (warm cache), and prints
# median, min and max ms to the page's `dashboard-ready` mark, with requests and bytes transferred. Stops the API.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
loads="${2:-5}"
[[ "$scale" =~ ^[1-9][0-9]*$ && "$loads" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/dashboard.sh [scale] [loads]" >&2; exit 2; }
source bench/dashboard-api.sh

build_dashboard_bench
start_dashboard_api "$scale"

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
echo "scale $scale; $(nproc) logical CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg); $("${BENCH_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || echo 'chromium ?'); commit $commit"
dotnet bench/Analytics.DashboardBench/bin/Release/net10.0/Analytics.DashboardBench.dll load \
  --url "$url" --signing-key "$key" --loads "$loads" ${BENCH_CHROMIUM:+--chromium "$BENCH_CHROMIUM"}
