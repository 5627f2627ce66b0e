#!/usr/bin/env bash
# An edition is published exactly once even when Parlons is killed (kill -9) around its time:
#  an edition of a feed's article is scheduled a few seconds ahead for a Mastodon account (a double that keeps
#  Mastodon's Idempotency-Key, and answers each post 3 s after making its status); Parlons is killed as soon
#  as the post reaches the network, before it hears the answer; once restarted, the outbox posts again with
#  the same key, and the network must hold exactly one status, the edition be published once in /editions.atom.
# Usage: scripts/edition-crash-test.sh [h2|postgres]   (default h2). Exit status 0 when it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-h2}"
PORT="${CRASH_PORT:-18091}" NETWORK_PORT=3951
BASE="http://127.0.0.1:$PORT" NETWORK="http://127.0.0.1:$NETWORK_PORT"
export PARLONS_ADMIN_EMAIL=crash@parlons.local PARLONS_ADMIN_PASSWORD=crash-password-1
WORK="$(pwd)/target/edition-crash-test"; rm -rf "$WORK"; mkdir -p "$WORK"

./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
tool() { java -cp "$CP" org.parlons.bench.EditionCrash "$@"; }
result() { grep "^RESULT $1 " | awk '{print $3}'; }

if [ "$DB" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_edition_crash" postgres
  psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_edition_crash" postgres
  export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/parlons_edition_crash SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
fi
export PARLONS_DATA_DIR="$WORK/data"

RSS='<?xml version="1.0"?><rss version="2.0"><channel><title>Ouest Actu</title><link>https://news.example/</link><description>a</description><item><title>La fibre arrive</title><link>https://news.example/fibre?utm_source=rss</link><description>Avant la fin du mois.</description></item></channel></rss>'
java -cp "$CP" org.parlons.testing.MastodonDouble $NETWORK_PORT 3000 "$RSS" > "$WORK/network.log" 2>&1 &
DOUBLE=$!
trap 'kill $DOUBLE 2>/dev/null || true; [ -n "${SERVER:-}" ] && kill -9 $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 30); do grep -q READY "$WORK/network.log" && break; sleep 1; done

start() {
  # a short outbox lease, so that the post left in flight is taken up again soon after the restart
  SERVER_PORT=$PORT java -jar target/parlons.jar --parlons.outbox.lease=PT5S --parlons.outbox.poll-interval=PT0.2S \
    --parlons.curation.publish-interval=PT0.5S >> "$WORK/parlons.log" 2>&1 &
  SERVER=$!
  for i in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "Parlons did not start"; exit 1
}

start
SETUP="$(tool setup "$BASE" "$NETWORK" 5)"; echo "$SETUP"
EDITION="$(echo "$SETUP" | result edition)"; TITLE="$(echo "$SETUP" | result title)"
for i in $(seq 1 300); do
  POSTS="$(tool network "$NETWORK" | result posts)"; [ "$POSTS" -ge 1 ] && break; sleep 0.1
done
kill -9 $SERVER; wait $SERVER 2>/dev/null || true
echo "killed with the post on the network ($POSTS asked), before Parlons heard the answer: $(tool state "$BASE" "$EDITION" 2>/dev/null | tr '\n' ' ' || echo down)"
start
for i in $(seq 1 90); do
  POST="$(tool state "$BASE" "$EDITION" | result post)"; [ "$POST" = sent ] && break; sleep 1
done
sleep 2
STATE="$(tool state "$BASE" "$EDITION")"; echo "$STATE"
COUNTS="$(tool network "$NETWORK")"; echo "$COUNTS"
ATOM="$(tool atom "$BASE" "$TITLE" | result atom_entries)"
kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=

STATUS="$(echo "$STATE" | result status)"; POST="$(echo "$STATE" | result post)"
STATUSES="$(echo "$COUNTS" | result statuses)"; POSTS="$(echo "$COUNTS" | result posts)"
echo "edition $STATUS, post $POST; the network made $STATUSES status from $POSTS posts; $ATOM entry in /editions.atom"
[ "$STATUS" = published ] && [ "$POST" = sent ] && [ "$STATUSES" -eq 1 ] && [ "$POSTS" -ge 2 ] && [ "$ATOM" -eq 1 ]
