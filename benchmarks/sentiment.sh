#!/usr/bin/env bash
# Sentiment benchmark: held-out accuracy next to the VADER reference implementation (needs Node.js and
# the npm registry once), then texts per second on one core next to a split-and-lookup baseline.
# Usage: benchmarks/sentiment.sh   Results: benchmarks/results/sentiment.txt
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/results
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
out=benchmarks/results/sentiment.txt
echo "== sentiment ($(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1))" | tee "$out"
java -cp "$CP" org.parlons.bench.SentimentHeldOut | tee -a "$out"
taskset -c 0 java -XX:ActiveProcessorCount=1 -cp "$CP" org.parlons.bench.SentimentThroughput | tee -a "$out"
