#!/usr/bin/env bash
# The segments benchmark (issue 26): 1,000,000 customers and 10,000,000 messages on a fresh PostgreSQL
# database; the segment engine against the same condition written by hand in SQL, in the same run.
# Usage: benchmarks/segments.sh [customers]   (about 15 minutes at the default size on the project's machine)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${SEGBENCH_DB:-parlons_segbench}
PGHOST=${PGHOST:-127.0.0.1}
mkdir -p benchmarks/results
psql -h "$PGHOST" -U postgres -qc "drop database if exists $DB" -c "create database $DB"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -Xmx4g -cp "$CP" org.parlons.bench.SegmentLoad "jdbc:postgresql://$PGHOST:5432/$DB" "${1:-1000000}" \
  2>&1 | tee benchmarks/results/segments.log | grep -E "^(seed|hand|engine|incremental|member)"
