#!/usr/bin/env bash
# Parlons benchmark: runs the released jar on loopback against H2 and PostgreSQL and measures, in the
# same run and on the same database, (1) plain JDBC batch inserts of message rows into a scratch table, and of
# the same rows ingestion stores (customers, identities, conversations, messages) into the real tables (the floor), (2)
# inbound messages per second through the API channel end to end, one per request and in batches, (3) the inbox list query with
# 1,000,000 messages in 100,000 conversations, (4) the delay from an inbound message being accepted
# to its SSE event reaching a connected client at 500 messages per second.
# Usage: benchmarks/run.sh [h2|postgres|both] [all|ingest]   (default both all; "ingest" stops after the floors
# and the ingestion). The batch door is warmed up with 20,000 messages into another inbox first (not counted);
# PostgreSQL runs with autovacuum on, as in production (turned on for the run when off, then restored).
# Results: benchmarks/results/*.txt
set -euo pipefail
cd "$(dirname "$0")/.."
WHICH="${1:-both}"
WHAT="${2:-all}"
PORT="${BENCH_PORT:-18080}"
INGEST_MESSAGES="${INGEST_MESSAGES:-20000}"
BATCH_MESSAGES="${BATCH_MESSAGES:-100000}"
BATCH_SIZE="${BATCH_SIZE:-500}"
BATCH_WARMUP="${BATCH_WARMUP:-20000}"
BASELINE_ROWS="${BASELINE_ROWS:-200000}"
CONVERSATIONS="${CONVERSATIONS:-100000}"
PER_CONVERSATION="${PER_CONVERSATION:-10}"
RATE="${LIVE_RATE:-500}"
LIVE_SECONDS="${LIVE_SECONDS:-20}"
export PARLONS_ADMIN_EMAIL=bench@parlons.local PARLONS_ADMIN_PASSWORD=bench-password
mkdir -p benchmarks/results

./mvnw -B -q clean package -DskipTests   # clean: a resource left by another checkout (an old migration) must not reach the jar
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
gen() { java -cp "$CP" org.parlons.bench.LoadGenerator "$@"; }

start_server() {
  SERVER_PORT=$PORT java -Xmx2g -jar target/parlons.jar > "benchmarks/results/server-$1.log" 2>&1 &
  SERVER=$!
  for i in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "server did not start"; exit 1
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }

# PostgreSQL analyses and vacuums tables as they change (autovacuum, on by default). Some development
# machines turn it off; the run then turns it on, as on a production server, and restores it at the end.
autovacuum_on() {
  if [ "$(psql -h 127.0.0.1 -U postgres -Atc 'show autovacuum' postgres)" = off ]; then
    echo "autovacuum is off on this PostgreSQL server: on for this run, restored afterwards"
    psql -h 127.0.0.1 -U postgres -q -c "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" postgres >/dev/null
    trap 'psql -h 127.0.0.1 -U postgres -q -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" postgres >/dev/null' EXIT
  fi
}

run() {
  local db=$1 url user out="benchmarks/results/$1.txt"
  if [ "$db" = h2 ]; then
    rm -rf benchmarks/tmp/h2; export PARLONS_DATA_DIR="$(pwd)/benchmarks/tmp/h2"; unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME || true
    url="jdbc:h2:file:$(pwd)/benchmarks/tmp/h2/parlons;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"; user=sa
  else
    autovacuum_on
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_bench" postgres
    psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_bench" postgres
    url="jdbc:postgresql://127.0.0.1:5432/parlons_bench"; user=postgres
    export SPRING_DATASOURCE_URL=$url SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
  fi
  echo "== $db ($(date -u +%FT%TZ), $(nproc) cores)" | tee "$out"
  start_server "$db-schema"; stop_server          # Flyway creates the schema, the first admin is made
  gen baseline "$url" "$user" "$BASELINE_ROWS" | tee -a "$out"
  gen baseline-rows "$url" "$user" "$BASELINE_ROWS" | tee -a "$out"
  start_server "$db"
  gen ingest "http://127.0.0.1:$PORT" "$INGEST_MESSAGES" 32 | tee -a "$out"
  # Warm-up, not counted: the batch door's code compiled by the JIT, as in a server that has run a while.
  gen ingest-batch "http://127.0.0.1:$PORT" "$BATCH_WARMUP" "$BATCH_SIZE" 4 | sed 's/^RESULT ingest_batch_/RESULT warmup_batch_/' | tee -a "$out"
  gen ingest-batch "http://127.0.0.1:$PORT" "$BATCH_MESSAGES" "$BATCH_SIZE" 4 | tee -a "$out"
  stop_server
  [ "$WHAT" = ingest ] && return 0
  gen seed "$url" "$user" "$CONVERSATIONS" "$PER_CONVERSATION" | tee -a "$out"
  [ "$db" = postgres ] && psql -h 127.0.0.1 -U postgres -q -c "VACUUM ANALYZE" parlons_bench
  start_server "$db"
  gen list "http://127.0.0.1:$PORT" 300 | tee -a "$out"
  gen live "http://127.0.0.1:$PORT" "$RATE" "$LIVE_SECONDS" | tee -a "$out"
  stop_server
}

case "$WHICH" in
  h2) run h2 ;;
  postgres) run postgres ;;
  both) run h2; run postgres ;;
esac
echo "Results in benchmarks/results/"
