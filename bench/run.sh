#!/usr/bin/env bash
# GraphQL over HTTP vs the hand-written EF Core query, on the demo city at scale 10 (see bench/README.md).
# Builds Release, seeds data/bench/scale10.db once (about 20 s), runs the harness and prints the results table.
# Arguments go to the harness, e.g.: bench/run.sh --workers 1 2 4 --duration 20 --breakdown --output bench.json
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scale="${BENCH_SCALE:-10}"
database="${BENCH_DATABASE:-data/bench/scale${scale}.db}"

# The harness project builds the API (started as a child process) and the data layer; the ETL seeds.
dotnet build bench/Analytics.Benchmarks -c Release --nologo -v quiet
dotnet build etl/Analytics.Etl -c Release --nologo -v quiet

if [[ ! -f "$database" ]]; then
  mkdir -p "$(dirname "$database")"
  # Seed into a temporary file and move it into place only when complete: an interrupted seed is not reused.
  partial="$database.partial"
  rm -f "$partial" "$partial-wal" "$partial-shm" "$partial-journal"
  dotnet run -c Release --no-build --project etl/Analytics.Etl -- seed --scale "$scale" --connection "Data Source=$partial"
  mv "$partial" "$database"
fi

exec dotnet bench/Analytics.Benchmarks/bin/Release/net10.0/Analytics.Benchmarks.dll --database "$database" "$@"
