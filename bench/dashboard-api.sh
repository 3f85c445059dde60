# Sourced by bench/dashboard.sh and dashboards/screenshots.sh (not run on its own): builds what they need (Release),
# seeds a store at a scale once, builds its warehouse, and starts the API over it in Production on a loopback port
# with a fresh signing key. After `start_dashboard_api <scale>`: $url (ends in /), $key, $api (the API's process id,
# stopped on exit), $folder (data/bench/dashboard-scale<N>/: the store, the warehouse, etl.log and api.log).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build_dashboard_bench() {
  dotnet build src/Analytics.Api -c Release --nologo -v quiet >/dev/null
  dotnet build etl/Analytics.Etl -c Release --nologo -v quiet >/dev/null
  dotnet build bench/Analytics.DashboardBench -c Release --nologo -v quiet >/dev/null
  if [[ ! -f src/Analytics.Api/bin/Release/net10.0/wwwroot/dashboards/vendor/echarts.min.js ]]; then
    echo "error: the API was built without ECharts (no npm?): /dashboards cannot draw; install Node.js and rebuild" >&2
    exit 1
  fi
}

start_dashboard_api() {
  local scale="$1"
  local etl=etl/Analytics.Etl/bin/Release/net10.0/Analytics.Etl.dll
  folder="data/bench/dashboard-scale${scale}"
  local database="$folder/store.db" warehouse="$folder/warehouse.duckdb"
  mkdir -p "$folder"
  if [[ ! -f "$database" ]]; then
    # Seed into a temporary file and move it into place only when complete: an interrupted seed is not reused.
    local partial="$database.partial"
    rm -f "$partial" "$partial-wal" "$partial-shm" "$partial-journal"
    echo "Seeding $database (scale $scale)…" >&2
    dotnet "$etl" seed --scale "$scale" --connection "Data Source=$partial" >&2
    mv "$partial" "$database"
  fi
  # The warehouse of this version, every time (as bench/load.sh does).
  echo "Building the warehouse (etl run)…" >&2
  if ! dotnet "$etl" run --provider Sqlite --connection "Data Source=$database" --warehouse "$warehouse" >"$folder/etl.log" 2>&1; then
    echo "error: etl run failed; see $folder/etl.log" >&2
    exit 1
  fi
  grep "^Published" "$folder/etl.log" >&2 || true

  local port="${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  url="http://127.0.0.1:$port/"
  key="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
  # The per-caller rate limit is lifted: the benchmark's loads come back to back from one caller.
  Auth__SigningKey="$key" ASPNETCORE_ENVIRONMENT=Production GraphQL__RateLimit__Enabled=false \
    dotnet src/Analytics.Api/bin/Release/net10.0/Analytics.Api.dll \
    --Urls "http://127.0.0.1:$port" --Database:Provider Sqlite --ConnectionStrings:Operational "Data Source=$database" \
    --Database:SeedDemoData false --Warehouse:BuildWhenMissing false --Warehouse:Path "$warehouse" \
    >"$folder/api.log" 2>&1 &
  api=$!
  trap 'kill "$api" 2>/dev/null || true; wait "$api" 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    if curl -fsS "${url}health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$api" 2>/dev/null; then echo "error: the API exited while starting; see $folder/api.log" >&2; exit 1; fi
    sleep 0.2
  done
  echo "error: the API did not answer /health within 120 s; see $folder/api.log" >&2
  exit 1
}
