#!/usr/bin/env bash
# The dashboard mix at 50 concurrent connections for 60 s against the Release API on loopback (bench/Analytics.LoadTest).
# Builds Release, seeds data/load/scale<N>.db once (demo city, LOAD_SCALE, default 1), builds its warehouse (etl run,
# every time, so it is of this version), starts the API in Production with a fresh signing key, waits for /health,
# runs the load (the mix: bench/Analytics.LoadTest/Program.cs), prints throughput, p50/p90/p99 and errors per request
# kind, stops the API. Each connection is a caller sending back to back, faster than the 20 requests/s the rate limiter
# allows a person by default: the limiter stays on, at 100/s per caller, so the load measures serving, not refusing.
# The first 60 s are a warm-up under the same load, not counted in the summary: on two cores a freshly started API needs
# about 30 s of full load before the runtime has compiled its hot code optimized (tiered JIT); the printed timeline shows
# every 10 s of the run, warm-up included, so the cold start stays visible.
# Settings: LOAD_CONNECTIONS (50), LOAD_DURATION seconds (60), LOAD_WARMUP seconds (60), LOAD_SCALE (1), LOAD_PORT (5090).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
connections="${LOAD_CONNECTIONS:-50}"
duration="${LOAD_DURATION:-60}"
warmup="${LOAD_WARMUP:-60}"
scale="${LOAD_SCALE:-1}"
port="${LOAD_PORT:-5090}"
folder="$PWD/data/load"
database="$folder/scale${scale}.db"
warehouse="$folder/scale${scale}.duckdb"

dotnet build src/Analytics.Api -c Release --nologo -v quiet
dotnet build bench/Analytics.LoadTest -c Release --nologo -v quiet
dotnet build etl/Analytics.Etl -c Release --nologo -v quiet

mkdir -p "$folder"
if [[ ! -f "$database" ]]; then
  partial="$database.partial"
  rm -f "$partial" "$partial-wal" "$partial-shm"
  dotnet run -c Release --no-build --project etl/Analytics.Etl -- seed --scale "$scale" --connection "Data Source=$partial"
  mv "$partial" "$database"
fi
dotnet run -c Release --no-build --project etl/Analytics.Etl -- run --provider Sqlite --connection "Data Source=$database" \
  --warehouse "$warehouse" | tail -1

key="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
Auth__SigningKey="$key" ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Analytics.Api/bin/Release/net10.0/Analytics.Api.dll \
  --Urls "http://127.0.0.1:$port" --Database:Provider Sqlite --ConnectionStrings:Operational "Data Source=$database" \
  --Database:SeedDemoData false --Warehouse:BuildWhenMissing false --Warehouse:Path "$warehouse" \
  --GraphQL:RateLimit:PermitsPerSecond 100 \
  >"$folder/api.log" 2>&1 &
api=$!
trap 'kill "$api" 2>/dev/null || true; wait "$api" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$api" 2>/dev/null; then echo "The API exited while starting; see $folder/api.log" >&2; exit 1; fi
  sleep 0.2
done

dotnet bench/Analytics.LoadTest/bin/Release/net10.0/Analytics.LoadTest.dll \
  --url "http://127.0.0.1:$port/" --signing-key "$key" --connections "$connections" --duration "$duration" --warmup "$warmup" \
  --queries dashboards/queries
