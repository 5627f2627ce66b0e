#!/usr/bin/env bash
# Several nodes (issue 28): one message per request spread over two nodes, next to one node, in the same run on
# the same PostgreSQL database and Kafka broker (scripts/cluster.sh), every node in the cluster profile; then the
# delay from a message stored on node a to its event on an agent's stream on node b, at LIVE_RATE (200) messages
# per second. On one machine the nodes, PostgreSQL, Kafka and the load generator share its cores: the figures say
# what a second node costs and brings there, not what a second machine would.
# Usage: benchmarks/cluster.sh   (INGEST_MESSAGES 20000, THREADS 32, LIVE_RATE 200, LIVE_SECONDS 20)
# Results: benchmarks/results/cluster.txt
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES="${INGEST_MESSAGES:-20000}" THREADS="${THREADS:-32}" RATE="${LIVE_RATE:-200}" SECONDS_LIVE="${LIVE_SECONDS:-20}"
export KAFKA_PORT="${KAFKA_PORT:-19092}" KAFKA_DIR="$(pwd)/benchmarks/tmp/kafka"
export PARLONS_ADMIN_EMAIL=bench@parlons.local PARLONS_ADMIN_PASSWORD=bench-password
export SPRING_PROFILES_ACTIVE=cluster SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/parlons_bench SPRING_DATASOURCE_USERNAME=postgres
export PARLONS_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) PARLONS_DATA_DIR="$(pwd)/benchmarks/tmp/cluster"
mkdir -p benchmarks/results "$PARLONS_DATA_DIR"
out=benchmarks/results/cluster.txt

./mvnw -B -q clean package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
gen() { java -cp "$CP" org.parlons.bench.LoadGenerator "$@"; }

scripts/cluster.sh start
pids=()
node() {   # name port
  SERVER_PORT=$2 PARLONS_CLUSTER_NODE=$1 java -Xmx1g -jar target/parlons.jar > "benchmarks/results/server-cluster-$1.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$2/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "node $1 did not start"; exit 1
}
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; scripts/cluster.sh stop; }
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_bench" postgres
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_bench" postgres
A=http://127.0.0.1:18081 B=http://127.0.0.1:18082
node a 18081
node b 18082
echo "== cluster on PostgreSQL ($(date -u +%FT%TZ), $(nproc) cores, $MESSAGES messages, $THREADS clients)" | tee "$out"
gen ingest "$A,$B" 5000 "$THREADS" > /dev/null          # warm-up of both nodes, not counted
gen ingest "$A" 5000 "$THREADS" > /dev/null
gen ingest "$A" "$MESSAGES" "$THREADS" | sed 's/RESULT ingest_/RESULT one_node_ingest_/' | tee -a "$out"
gen ingest "$A,$B" "$MESSAGES" "$THREADS" | sed 's/RESULT ingest_/RESULT two_nodes_ingest_/' | tee -a "$out"
gen ingest "$A" "$MESSAGES" "$THREADS" | sed 's/RESULT ingest_/RESULT one_node_again_ingest_/' | tee -a "$out"
awk '/^RESULT one_node_ingest_messages_per_s/ {o=$3} /^RESULT one_node_again_ingest_messages_per_s/ {g=$3}
     /^RESULT two_nodes_ingest_messages_per_s/ {t=$3}
     END { one = (o > g ? o : g); printf "RESULT two_nodes_to_one_node %.3f ratio\n", t / one }' "$out" | tee -a "$out"
gen live "$A,$B" "$RATE" "$SECONDS_LIVE" | sed 's/RESULT live_/RESULT across_nodes_live_/' | tee -a "$out"
gen live "$A" "$RATE" "$SECONDS_LIVE" | sed 's/RESULT live_/RESULT same_node_live_/' | tee -a "$out"
echo "Results in $out"
