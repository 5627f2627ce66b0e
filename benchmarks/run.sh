#!/usr/bin/env bash
# Parlons benchmark: runs the released jar on loopback against H2 and PostgreSQL and measures, in the
# same run and on the same database, (1) plain JDBC batch inserts of message rows into a scratch table, and of
# the same rows ingestion stores (customers, identities, conversations, messages) into the real tables (the floor), (2)
# inbound messages per second through the API channel end to end, one per request and in batches, (3) the inbox list query with
# 1,000,000 messages in 100,000 conversations, (4) the delay from an inbound message being accepted
# to its SSE event reaching a connected client at 500 messages per second, and (5) one message per request with
# wrk (benchmarks/single.sh) beside the same server's GET /actuator/health and, on PostgreSQL, pgbench's
# single-row inserts at the same concurrency; then again with the group commit off, and with every security
# filter observed, to show what each costs.
# Usage: benchmarks/run.sh [h2|postgres|both] [all|ingest]   (default both all; "ingest" stops after the floors
# and the ingestion). The batch door is measured as a JMH benchmark would: rounds of 100,000 messages, each into
# a new inbox, unmeasured for at least BATCH_WARMUP_MIN seconds and until a round in which the server's JIT
# compiler took under 5 % of its CPU (at most BATCH_WARMUP_MAX seconds), then BATCH_ROUNDS measured rounds whose
# median is the result. The floor is measured again after the ingestion, on the grown database;
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
BATCH_WARMUP_MIN="${BATCH_WARMUP_MIN:-30}"
BATCH_WARMUP_MAX="${BATCH_WARMUP_MAX:-180}"
BATCH_ROUNDS="${BATCH_ROUNDS:-3}"
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
  SERVER_PORT=$PORT ${SERVER_ENV:-} java -Xmx2g -jar target/parlons.jar > "benchmarks/results/server-$1.log" 2>&1 &
  SERVER=$!
  export BENCH_SERVER_PID=$SERVER   # the generator reads the share of the server's CPU its JIT compiler takes
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

# An empty database with the schema (Flyway, run by the server) and the first admin; sets url and user.
fresh_database() {
  local db=$1
  if [ "$db" = h2 ]; then
    rm -rf benchmarks/tmp/h2; export PARLONS_DATA_DIR="$(pwd)/benchmarks/tmp/h2"; unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME || true
    url="jdbc:h2:file:$(pwd)/benchmarks/tmp/h2/parlons;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"; user=sa
  else
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_bench" postgres
    psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_bench" postgres
    url="jdbc:postgresql://127.0.0.1:5432/parlons_bench"; user=postgres
    export SPRING_DATASOURCE_URL=$url SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
  fi
  start_server "$db-schema"; stop_server
}

run() {
  local db=$1 url user out="benchmarks/results/$1.txt"
  [ "$db" = postgres ] && autovacuum_on
  fresh_database "$db"
  echo "== $db ($(date -u +%FT%TZ), $(nproc) cores)" | tee "$out"
  gen baseline "$url" "$user" "$BASELINE_ROWS" | tee -a "$out"
  gen baseline-rows "$url" "$user" "$BASELINE_ROWS" | tee -a "$out"
  start_server "$db"
  gen ingest "http://127.0.0.1:$PORT" "$INGEST_MESSAGES" 32 | tee -a "$out"
  # Warm-up rounds, not counted, then measured rounds, in one generator process: a server that has run a
  # while, its JIT compiler done with the batch door (the generator prints the compiler's share of each round).
  gen ingest-batch "http://127.0.0.1:$PORT" "$BATCH_MESSAGES" "$BATCH_SIZE" 4 "$BATCH_WARMUP_MIN" "$BATCH_WARMUP_MAX" "$BATCH_ROUNDS" | tee -a "$out"
  local pgdb=""; [ "$db" = postgres ] && pgdb=parlons_bench
  benchmarks/single.sh "http://127.0.0.1:$PORT" "$PARLONS_ADMIN_EMAIL" "$PARLONS_ADMIN_PASSWORD" $pgdb | tee -a "$out"
  stop_server
  gen baseline-rows "$url" "$user" "$BASELINE_ROWS" | sed 's/^RESULT baseline_same_rows_/RESULT baseline_same_rows_after_/' | tee -a "$out"
  # The same single deliveries with the group commit off (each message its own transaction), then with the
  # per-filter observations of Spring Security on.
  SERVER_ENV="env PARLONS_CONVERSATIONS_INGESTION_COMMITTERS=0" start_server "$db-alone"
  RESULT_PREFIX=alone_ benchmarks/single.sh "http://127.0.0.1:$PORT" "$PARLONS_ADMIN_EMAIL" "$PARLONS_ADMIN_PASSWORD" | tee -a "$out"
  stop_server
  SERVER_ENV="env PARLONS_SECURITY_OBSERVE_FILTERS=true" start_server "$db-observed"
  RESULT_PREFIX=observed_ benchmarks/single.sh "http://127.0.0.1:$PORT" "$PARLONS_ADMIN_EMAIL" "$PARLONS_ADMIN_PASSWORD" | tee -a "$out"
  stop_server
  [ "$WHAT" = ingest ] && return 0
  # The list is measured at the size it is specified for, 1,000,000 messages in 100,000 conversations: on a
  # fresh database, not on top of the 1.5 million messages the ingestion left.
  fresh_database "$db"
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
