#!/usr/bin/env bash
# Reports benchmark on PostgreSQL: 1,000,000 conversations over the last 12 months (seeded by JDBC), the
# rollups rebuilt once, then the year's report by team and by agent timed through the API (p50, p99),
# next to PostgreSQL computing the same medians and 90th percentiles from the raw rows in the same run.
# Usage: benchmarks/reports.sh   Results: benchmarks/results/reports.txt
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18081}"
CONVERSATIONS="${REPORT_CONVERSATIONS:-1000000}"
REQUESTS="${REPORT_REQUESTS:-200}"
export PARLONS_ADMIN_EMAIL=bench@parlons.local PARLONS_ADMIN_PASSWORD=bench-password
mkdir -p benchmarks/results
./mvnw -B -q clean package -DskipTests   # clean: no resource left by another checkout in the jar
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
gen() { java -cp "$CP" org.parlons.bench.LoadGenerator "$@"; }
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_reports" postgres
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_reports" postgres
url="jdbc:postgresql://127.0.0.1:5432/parlons_reports"
export SPRING_DATASOURCE_URL=$url SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= PARLONS_DATA_DIR="$(pwd)/benchmarks/tmp/reports"
start_server() {
  SERVER_PORT=$PORT java -Xmx2g -jar target/parlons.jar > benchmarks/results/server-reports.log 2>&1 &
  SERVER=$!
  for i in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "server did not start"; exit 1
}
out=benchmarks/results/reports.txt
echo "== reports on PostgreSQL ($(date -u +%FT%TZ), $(nproc) cores)" | tee "$out"
start_server; kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
gen reports-seed "$url" postgres "$CONVERSATIONS" | tee -a "$out"
psql -h 127.0.0.1 -U postgres -q -c "VACUUM ANALYZE" parlons_reports
start_server
gen reports "http://127.0.0.1:$PORT" "$url" postgres "$REQUESTS" | tee -a "$out"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
