#!/usr/bin/env bash
# Listening benchmark on PostgreSQL: 10,000,000 mentions over the last 365 days written by COPY with the hourly
# rollups Parlons keeps, and the same rows into DuckDB; then the dashboard's volume figures timed through the
# API (p50, p99) next to DuckDB computing the same figures by scanning the raw rows, in the same run.
# Usage: benchmarks/listening.sh   Results: benchmarks/results/listening.txt
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18082}"
MENTIONS="${LISTENING_MENTIONS:-10000000}"
REQUESTS="${LISTENING_REQUESTS:-200}"
export PARLONS_ADMIN_EMAIL=bench@parlons.local PARLONS_ADMIN_PASSWORD=bench-password
mkdir -p benchmarks/results benchmarks/tmp
./mvnw -B -q clean package -DskipTests   # clean: no resource left by another checkout in the jar
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
load() { java -Xmx6g -cp "$CP" org.parlons.bench.ListeningLoad "$@"; }
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_listening" postgres
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_listening" postgres
url="jdbc:postgresql://127.0.0.1:5432/parlons_listening"
duck="benchmarks/tmp/mentions.duckdb"
rm -f "$duck" "$duck.wal"
export SPRING_DATASOURCE_URL=$url SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= PARLONS_DATA_DIR="$(pwd)/benchmarks/tmp/listening"
start_server() {
  SERVER_PORT=$PORT java -Xmx2g -jar target/parlons.jar > benchmarks/results/server-listening.log 2>&1 &
  SERVER=$!
  for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "server did not start"; exit 1
}
out=benchmarks/results/listening.txt
echo "== listening on PostgreSQL and DuckDB ($(date -u +%FT%TZ), $(nproc) cores, $MENTIONS mentions)" | tee "$out"
start_server; kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
load seed "$url" postgres "$MENTIONS" "$duck" | tee -a "$out"
psql -h 127.0.0.1 -U postgres -q -c "VACUUM ANALYZE" parlons_listening
start_server
load measure "http://127.0.0.1:$PORT" "$duck" "$REQUESTS" | tee -a "$out"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
