#!/usr/bin/env bash
# A local single-node Kafka broker in KRaft mode, for running several Parlons nodes on one machine
# (tests, CI, trying it out): `scripts/cluster.sh start` / `stop` / `status`.
# Apache Kafka's own artifacts come from Maven Central through the Maven wrapper (scripts/kafka/pom.xml);
# nothing is downloaded from anywhere else. The broker listens on 127.0.0.1:${KAFKA_PORT:-9092}, its
# controller on the next port; its data and log live in ${KAFKA_DIR:-/tmp/parlons-kafka-$KAFKA_PORT}.
# Then each Parlons node: SPRING_PROFILES_ACTIVE=cluster SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
# and the same PostgreSQL database (README, "Several nodes").
set -euo pipefail
cd "$(dirname "$0")/.."

port="${KAFKA_PORT:-9092}"
controller=$((port + 1))
dir="${KAFKA_DIR:-/tmp/parlons-kafka-$port}"
lib="scripts/kafka/target/lib"
pidfile="$dir/broker.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

start() {
  if running; then echo "Kafka already runs on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return; fi
  if [ ! -d "$lib" ] || [ -z "$(ls "$lib" 2>/dev/null)" ]; then
    echo "Fetching Apache Kafka's artifacts from Maven Central"
    ./mvnw -B -q -f scripts/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory=target/lib
  fi
  mkdir -p "$dir"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  local cp="$lib/*"
  local heap="${KAFKA_HEAP:--Xms256m -Xmx512m}"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format --standalone -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$dir/server.properties" > "$dir/format.log" 2>&1 || { cat "$dir/format.log"; exit 1; }
  fi
  # shellcheck disable=SC2086
  nohup java $heap -cp "$cp" kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    if answers; then echo "Kafka runs on 127.0.0.1:$port (pid $(cat "$pidfile"), log $dir/broker.log)"; return; fi
    running || break
    sleep 1
  done
  echo "Kafka did not start; its log:"; tail -30 "$dir/broker.log"; exit 1
}

stop() {
  if running; then
    kill "$(cat "$pidfile")"
    for _ in $(seq 1 30); do running || break; sleep 1; done
    running && kill -9 "$(cat "$pidfile")"
    echo "Kafka on 127.0.0.1:$port stopped"
  else
    echo "Kafka is not running on 127.0.0.1:$port"
  fi
  rm -f "$pidfile"
  [ "${KAFKA_KEEP:-false}" = true ] || rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$port"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status"; exit 2 ;;
esac
