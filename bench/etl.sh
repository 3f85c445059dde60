#!/usr/bin/env bash
# ETL full rebuild (operational SQLite store -> DuckDB star schema) against DuckDB's own CSV bulk load (see bench/README.md).
#   bench/etl.sh [scale]        scale 1 (default), 10 or 100
# Builds Release, seeds data/bench/etl-scale<N>.db once (scale 1 ≈ 5 s, 10 ≈ 20 s, 100 ≈ 4 min), then:
#   ours:    `etl run` (the Release build, as its own process) into an empty folder, under /usr/bin/time -v;
#   ceiling: the published warehouse's tables exported to CSV, then COPY … FROM each CSV into an empty DuckDB file
#            with the same schema.sql, plus CHECKPOINT (bench/Analytics.EtlBenchmarks);
#   load floors: the ETL's own load, one table at a time (bench/Analytics.EtlBenchmarks floors): first every row
#            dropped before the appender (the reader's busy time: reading the source alone), then every row appended
#            (the appender's busy time, its reader on the other core): what the prescribed load costs at the least;
#            and the three largest tables' source SQL read with Microsoft.Data.Sqlite alone, for comparison.
# Prints Markdown tables: the summary, then per table. Logs stay in data/bench/etl-scale<N>/;
# BENCH_REPORT_ONLY=1 bench/etl.sh <N> prints the tables again from those logs without running anything.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scale="${1:-1}"
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/etl.sh [scale]   (1, 10 or 100)" >&2; exit 2; }
database="data/bench/etl-scale${scale}.db"
work="data/bench/etl-scale${scale}"
etl=etl/Analytics.Etl/bin/Release/net10.0/Analytics.Etl.dll
ceiling=bench/Analytics.EtlBenchmarks/bin/Release/net10.0/Analytics.EtlBenchmarks.dll

if [[ "${BENCH_REPORT_ONLY:-}" == 1 ]]; then
  # Only a finished run's logs can be reported again: say which run is missing rather than let awk fail on no files.
  for log in ours.out ours.err ours.time ceiling.out ceiling.time floors.out; do
    if [[ ! -f "$work/$log" ]]; then
      echo "error: no finished scale-$scale run in $work/ ($log is missing); run \`bench/etl.sh $scale\` first, then BENCH_REPORT_ONLY=1 prints its tables again" >&2
      exit 1
    fi
  done
fi

if [[ ! -x /usr/bin/time ]]; then
  echo "error: /usr/bin/time is missing (peak memory); install it with: apt-get install -y time" >&2
  exit 1
fi

if [[ "${BENCH_REPORT_ONLY:-}" != 1 ]]; then
dotnet build etl/Analytics.Etl -c Release --nologo -v quiet >/dev/null
dotnet build bench/Analytics.EtlBenchmarks -c Release --nologo -v quiet >/dev/null
fi

if [[ "${BENCH_REPORT_ONLY:-}" != 1 && ! -f "$database" ]]; then
  mkdir -p "$(dirname "$database")"
  # Seed into a temporary file and move it into place only when complete: an interrupted seed is not reused.
  partial="$database.partial"
  rm -f "$partial" "$partial-wal" "$partial-shm" "$partial-journal"
  echo "Seeding $database (scale $scale)…" >&2
  dotnet "$etl" seed --scale "$scale" --connection "Data Source=$partial" >&2
  mv "$partial" "$database"
fi

if [[ "${BENCH_REPORT_ONLY:-}" != 1 ]]; then
rm -rf "$work"
mkdir -p "$work"

# --- ours: the real command, its own process, an empty target (no history to carry over) ---------------------------
echo "Full rebuild (etl run) at scale $scale…" >&2
/usr/bin/time -v -o "$work/ours.time" \
  dotnet "$etl" run --connection "Data Source=$database" --warehouse "$work/warehouse.duckdb" \
  >"$work/ours.out" 2>"$work/ours.err"

# --- ceiling: DuckDB's CSV reader loading the very same rows ---------------------------------------------------------
echo "Ceiling (CSV export, then COPY FROM into an empty file)…" >&2
/usr/bin/time -v -o "$work/ceiling.time" \
  dotnet "$ceiling" "$work/warehouse.duckdb" etl/Analytics.Etl/Warehouse/schema.sql "$work/ceiling" >"$work/ceiling.out"
rm -f "$work"/ceiling/*.csv

# --- load floors: the design's EF Core + Mapster reads, then the mapped appenders, each one table at a time ------------
echo "Load floors (the ETL's load one table at a time: reading with nothing appended, then appending)…" >&2
dotnet "$ceiling" floors "$database" >"$work/floors.out" 2>"$work/floors.err"
fi

# --- report ------------------------------------------------------------------------------------------------------------
awk -v scale="$scale" -v nproc="$(nproc)" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" '
  function wall(s,   n, p) { n = split(s, p, ":"); return n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
  function group(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
  function rate(r, s) { return s > 0 ? group(r / s) : "–" }
  FILENAME ~ /ours\.out$/ && $1 ~ /^(dim|fact)_/ && NF == 4 { gsub(",", "", $3); rows[$1] = $3; order[++n] = $1 }
  FILENAME ~ /ours\.err$/ && /^Published/ { match($0, /in [0-9.]+ s/); inner = substr($0, RSTART + 3, RLENGTH - 5) }
  # "  12.0s  dim_member" when a step starts; "  15.1s  dim_member: 4,269,379 rows in 10.1 s (reading 9.8 s, appending 2.0 s)" when a table is loaded
  # "  24.1s  source totals", "  24.9s  metric views", "  34.0s  checks", "  37.6s  published": the steps after the tables
  FILENAME ~ /ours\.err$/ && $1 ~ /^[0-9.]+s$/ && $2 !~ /:$/ { t = substr($1, 1, length($1) - 1) + 0; begun[substr($0, index($0, $2))] = t; if (first == "") first = t }
  FILENAME ~ /ours\.err$/ && $1 ~ /^[0-9.]+s$/ && $4 == "rows" {
    t = substr($1, 1, length($1) - 1) + 0; name = substr($2, 1, length($2) - 1)
    took[name] = $6; reading[name] = $9; appending[name] = $12; if (t > loaded) loaded = t }
  FILENAME ~ /ours\.time$/ && /Elapsed \(wall clock\)/ { ours = wall($NF) }
  FILENAME ~ /ours\.time$/ && /Maximum resident/ { rss = $NF }
  FILENAME ~ /ours\.time$/ && /Percent of CPU/ { cpu_ours = $NF }
  FILENAME ~ /ceiling\.time$/ && /Percent of CPU/ { cpu_ceiling = $NF }
  FILENAME ~ /ours\.time$/ && /Exit status/ && $NF != 0 { print "error: etl run failed, see " FILENAME > "/dev/stderr"; exit 1 }
  FILENAME ~ /ceiling\.time$/ && /Maximum resident/ { crss = $NF }
  FILENAME ~ /ceiling\.out$/ && $1 == "table" { crows[$2] = $3; cexp[$2] = $4; cload[$2] = $5 }
  FILENAME ~ /ceiling\.out$/ && $1 == "checkpoint" { ccheck = $2 }
  FILENAME ~ /ceiling\.out$/ && $1 == "total" { ctotal = $2; csec = $3 }
  FILENAME ~ /floors\.out$/ && $1 == "reading" { rread[$2] = $4 }
  FILENAME ~ /floors\.out$/ && $1 == "reading-total" { rrows = $2; rsec = $3 }
  FILENAME ~ /floors\.out$/ && $1 == "appending" { rappend[$2] = $4 }
  FILENAME ~ /floors\.out$/ && $1 == "appending-total" { arows = $2; asec = $3 }
  FILENAME ~ /floors\.out$/ && $1 == "provider" { pread[$2] = $4; ptables = ptables (ptables == "" ? "" : ", ") $2; pvia += rread[$2] }
  FILENAME ~ /floors\.out$/ && $1 == "provider-total" { psec = $3 }
  END {
    for (i = 1; i <= n; i++) total += rows[order[i]]
    if (total != ctotal) { print "error: ours published " total " rows, the ceiling loaded " ctotal > "/dev/stderr"; exit 1 }
    ratio = (total / ours) / (ctotal / csec)
    printf "\n%d logical CPUs, %s\n\n", nproc, cpu
    print "| scale | rows | ours s (wall) | ours rows/s | ceiling s | ceiling rows/s | ours/ceiling | peak RSS ours | peak RSS ceiling |"
    print "|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    printf "| %s | %s | %.1f | %s | %.1f | %s | %.0f %% | %.0f MiB | %.0f MiB |\n", scale, group(total), ours, rate(total, ours), \
      csec, rate(ctotal, csec), 100 * ratio, rss / 1024, crss / 1024
    printf "\nWhere the %.1f s of `etl run` go: until the first table starts (process start, schema, region and grid lookups) " \
      "%.1f s; the tables, side by side, %.1f s; the source'"'"'s control totals %.1f s; the metric views (the heavy ones " \
      "materialized) %.1f s; the checks, run history, CHECKPOINT and rename %.1f s; process exit %.1f s (the builder " \
      "reports %s s). CPU: %s of one core.\n", ours, first, loaded - first, begun["metric views"] - begun["source totals"], \
      begun["checks"] - begun["metric views"], begun["published"] - begun["checks"], ours - begun["published"], inner, cpu_ours
    printf "Ceiling: COPY FROM %.1f s, of which CHECKPOINT %.1f s (the CSV export before it is not timed); CPU: %s of one core " \
      "(export and load together).\n", csec, ccheck, cpu_ceiling
    if (rrows != total) { print "error: the reading floor read " rrows " rows, ours published " total > "/dev/stderr"; exit 1 }
    if (arows != total) { print "error: the appending floor appended " arows " rows, ours published " total > "/dev/stderr"; exit 1 }
    printf "Load floors, one table at a time: reading the source (nothing appended) keeps a reader busy %.1f s; appending " \
      "(its reader on the other core) keeps the appenders busy %.1f s. Loading the rows this way takes at least %.1f " \
      "core-seconds, %.1f s spread perfectly over %d cores, before the metric views and the checks. Half the ceiling'"'"'s " \
      "rows/s allows %.1f s for the whole run.\n", rsec, asec, rsec + asec, (rsec + asec) / nproc, nproc, 2 * csec
    printf "The same SQL for %s read with Microsoft.Data.Sqlite alone (no EF Core, no Mapster, every value fetched and " \
      "dropped): %.1f s, against %.1f s through the ETL'"'"'s path.\n\n", ptables, psec, pvia
    print "| table | rows | ours s | reading s | appending s | reading alone s | appending alone s | ours rows/s | ceiling s | ceiling rows/s | ours/ceiling |"
    print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for (i = 1; i <= n; i++) {
      t = order[i]
      printf "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %s | %s |\n", t, group(rows[t]), took[t], reading[t], appending[t], rread[t], rappend[t], \
        rate(rows[t], took[t]), cload[t], rate(rows[t], cload[t]), \
        ((took[t] > 0 && cload[t] > 0) ? sprintf("%.0f %%", 100 * cload[t] / took[t]) : "–")
    }
    printf "\nOurs per table: its own wall time, from its start to its last row appended (tables load side by side, so these " \
      "overlap and do not add up); reading = the reader thread busy with the source query and the mapping, appending = " \
      "time in the DuckDB appender; 0.1 s resolution; reading alone and appending alone = the load floors (one table at a " \
      "time, nothing else running). Ceiling per table: the COPY FROM alone, without CHECKPOINT.\n"
  }' "$work/ours.out" "$work/ours.err" "$work/ours.time" "$work/ceiling.time" "$work/ceiling.out" "$work/floors.out"
