#!/usr/bin/env bash
# Crash safety of the email channel, with a real mail server (GreenMail) and kill -9:
#  1. 1,000 mails from 100 customers wait in the support mailbox; Parlons starts fetching them and is
#     killed (kill -9) part-way; once restarted it must end with exactly 1,000 stored mails, none twice.
#  2. Parlons answers each conversation (every mail has its own subject: 1,000) and is killed part-way
#     through sending; once
#     restarted every reply must reach its customer; the same reply twice would show as two mails with
#     one Message-ID.
# Usage: scripts/email-crash-test.sh [h2|postgres]   (default h2). Exit status 0 when both hold.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-h2}"
PORT="${CRASH_PORT:-18090}" SMTP=3925 IMAP=3943 MAILS=1000 CUSTOMERS=100
BASE="http://127.0.0.1:$PORT"
export PARLONS_ADMIN_EMAIL=crash@parlons.local PARLONS_ADMIN_PASSWORD=crash-password-1
WORK="$(pwd)/target/crash-test"; rm -rf "$WORK"; mkdir -p "$WORK"

./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
tool() { java -cp "$CP" org.parlons.bench.MailCrash "$@"; }
result() { grep "^RESULT $1 " | awk '{print $3}'; }

if [ "$DB" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS parlons_crash" postgres
  psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE parlons_crash" postgres
  export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/parlons_crash SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
fi
export PARLONS_DATA_DIR="$WORK/data"

java -cp "$CP" org.parlons.bench.MailCrash server $SMTP $IMAP > "$WORK/mailserver.log" 2>&1 &
MAILSERVER=$!
trap 'kill $MAILSERVER 2>/dev/null || true; [ -n "${SERVER:-}" ] && kill -9 $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 30); do grep -q READY "$WORK/mailserver.log" && break; sleep 1; done

start() {
  # Slow, small fetches and a short outbox lease, so that a kill lands in the middle of the work.
  SERVER_PORT=$PORT java -jar target/parlons.jar --parlons.email.poll-interval=PT1S --parlons.email.fetch-batch=10 \
    --parlons.outbox.lease=PT5S >> "$WORK/parlons.log" 2>&1 &
  SERVER=$!
  for i in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "Parlons did not start"; exit 1
}
count() { tool count "$BASE" "$TOKEN" "$INBOX"; }

tool send $SMTP $MAILS $CUSTOMERS
start
SETUP="$(tool setup "$BASE" $SMTP $IMAP)"; TOKEN="$(echo "$SETUP" | awk '/^TOKEN/{print $2}')"; INBOX="$(echo "$SETUP" | awk '/^INBOX/{print $2}')"
for i in $(seq 1 600); do
  STORED="$(count | result stored_in)"; [ "$STORED" -gt 0 ] && break; sleep 0.1
done
kill -9 $SERVER; wait $SERVER 2>/dev/null || true
echo "killed while fetching, with $STORED of $MAILS mails stored"
start
for i in $(seq 1 120); do
  STORED="$(count | result stored_in)"; [ "$STORED" -ge $MAILS ] && break; sleep 1
done
sleep 3
COUNTS="$(count)"; echo "$COUNTS"
STORED="$(echo "$COUNTS" | result stored_in)"; DUPLICATES="$(echo "$COUNTS" | result stored_in_duplicates)"

REPLIES="$(tool reply-all "$BASE" "$TOKEN" "$INBOX" | result replies_posted)"
sleep 0.5
SENT_BEFORE="$(count | result sent_out)"
kill -9 $SERVER; wait $SERVER 2>/dev/null || true
echo "killed while sending, with $SENT_BEFORE of $REPLIES replies marked sent"
start
for i in $(seq 1 300); do
  SENT="$(count | result sent_out)"; [ "$SENT" -ge "$REPLIES" ] && break; sleep 1
done
RECEIVED="$(tool received $IMAP $CUSTOMERS)"; echo "$RECEIVED"
MAILS_IN="$(echo "$RECEIVED" | result customer_mails)"; IDS="$(echo "$RECEIVED" | result customer_distinct_message_ids)"
kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=

echo "inbound: $STORED stored of $MAILS sent, $DUPLICATES twice; outbound: $IDS of $REPLIES replies received, $MAILS_IN mails in all"
# Sending is at least once: a kill between the SMTP server's acceptance and the outbox row's update sends that
# one reply again after the restart, with the same Message-ID (mail clients show it once). The dispatcher sends
# one mail at a time, so one kill can repeat at most one mail; every reply must arrive, none may be lost.
[ "$STORED" -eq $MAILS ] && [ "$DUPLICATES" -eq 0 ] && [ "$IDS" -eq "$REPLIES" ] && [ "$MAILS_IN" -le $((REPLIES + 1)) ]
