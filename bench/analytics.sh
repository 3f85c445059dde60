#!/usr/bin/env bash
# Latency of the GraphQL analytics fields at scale N (default 100), over the warehouse bench/etl.sh built.
#   bench/analytics.sh [scale] [requests per query, default 20]
# Starts the Release API (Production environment, loopback, the bench store and warehouse), sends each query of the
# dashboard-typical set below 3 times to warm up, then times N sequential requests with curl (time_total: connect,
# send, GraphQL execution against DuckDB, whole answer read). Every answer must be HTTP 200 without "errors".
# Answers are not kept (Warehouse:KeptAnswers=0): every request computes its answer on the warehouse.
# Prints a Markdown table: median, p95 and max milliseconds per query. The API's output goes to data/bench/analytics-api.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scale="${1:-100}"
requests="${2:-20}"
store="data/bench/etl-scale${scale}.db"
warehouse="data/bench/etl-scale${scale}/warehouse.duckdb"
if [[ ! -f "$store" || ! -f "$warehouse" ]]; then
  echo "error: no store or warehouse at scale $scale; run bench/etl.sh $scale first" >&2
  exit 1
fi

dotnet build src/Analytics.Api -c Release --nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# A fresh signing key for this run; the queries are sent as an analyst (analytics is open to every role). The
# per-caller rate limit is lifted: the timed requests come back to back from one caller.
key="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
token="$(Auth__SigningKey="$key" ASPNETCORE_ENVIRONMENT=Production dotnet src/Analytics.Api/bin/Release/net10.0/Analytics.Api.dll token --role analyst --name bench | tail -n 1)"
Auth__SigningKey="$key" GraphQL__RateLimit__Enabled=false \
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
  ConnectionStrings__Operational="Data Source=$store" Database__SeedDemoData=false \
  Warehouse__Path="$warehouse" Warehouse__BuildWhenMissing=false Warehouse__KeptAnswers=0 \
  dotnet src/Analytics.Api/bin/Release/net10.0/Analytics.Api.dll >data/bench/analytics-api.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  kill -0 $api 2>/dev/null || { echo "error: the API exited, see data/bench/analytics-api.log" >&2; exit 1; }
  sleep 0.2
done

declare -a names=(
  "incomeGrowth, every county"
  "lowIncomeVillages, 永安市, 2019–2021"
  "gridCoverage, townships of 三元区"
  "casesByMonth, every county, 2023"
  "caseResolution, every county, 2019–2024"
  "caseBacklog, every county"
  "pairingCompliance, every county, 2023"
  "activities, night talks, 三元区"
  "starRatings, every county, 2023"
  "rectificationList, 永安市, 2023"
  "microWishes, every county"
  "leagueTable, every metric, 2023"
)
declare -a queries=(
  '{ analytics { incomeGrowth(fromYear: 2019, toYear: 2021) { regionName villages growth cagr } } }'
  '{ analytics { lowIncomeVillages(region: "永安市", fromYear: 2019, toYear: 2021) { year villagesBelow cleared selfOperatedShare } } }'
  '{ analytics { gridCoverage(region: "三元区", level: TOWNSHIP) { regionName level4Grids householdCoverage level4InStandardShare cadreStewards } } }'
  '{ analytics { casesByMonth(fromYear: 2023, toYear: 2023) { regionName month channel received resolved } } }'
  '{ analytics { caseResolution(fromYear: 2019, toYear: 2024, channel: "All") { regionName year resolutionRate medianDaysToResolve p90DaysToResolve } } }'
  '{ analytics { caseBacklog { regionName channel ageBand openCases } } }'
  '{ analytics { pairingCompliance(fromYear: 2023, toYear: 2023) { regionName agencies allFourShare leaderVisitCompliance } } }'
  '{ analytics { activities(region: "三元区", kind: "NightTalk") { year activities cadreAttendances } } }'
  '{ analytics { starRatings(fromYear: 2023, toYear: 2023) { regionName domain stars organizations } } }'
  '{ analytics { rectificationList(region: "永安市", fromYear: 2023, toYear: 2023) { organizationName stars score countyRank } } }'
  '{ analytics { microWishes { regionName year posted fulfilmentRate meanDaysToFulfil } } }'
  '{ analytics { leagueTable(fromYear: 2023, toYear: 2023) { metricId countyName value rank } } }'
)

echo "| query | rows | median ms | p95 ms | max ms |"
echo "|---|--:|--:|--:|--:|"
for i in "${!queries[@]}"; do
  body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "${queries[$i]}")
  answer=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$url/graphql")
  if [[ "$answer" == *'"errors"'* || "$answer" != *'"data"'* ]]; then
    echo "error: ${names[$i]}: $answer" >&2
    exit 1
  fi
  rows=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1])["data"]["analytics"]; print(len(next(iter(d.values()))))' "$answer")
  for _ in 1 2 3; do curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$url/graphql"; done
  times=$(for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$url/graphql"
  done)
  if grep -qv '^200 ' <<<"$times"; then echo "error: ${names[$i]}: a request did not answer 200" >&2; exit 1; fi
  awk '{ print $2 * 1000 }' <<<"$times" | sort -n | awk -v name="${names[$i]}" -v rows="$rows" '{ t[NR] = $1 } END {
      printf "| %s | %d | %.1f | %.1f | %.1f |\n", name, rows, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)], t[NR] }'
done
