#!/usr/bin/env bash
# The professional network benchmark (issue 27): 100,000 people and 1,000,000 ties on a fresh PostgreSQL
# database; introduction paths by the engine, against the same reads alone and a hand-written recursive
# query, in the same run. Usage: benchmarks/network.sh [people]
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${NETBENCH_DB:-parlons_netbench}
PGHOST=${PGHOST:-127.0.0.1}
mkdir -p benchmarks/results
psql -h "$PGHOST" -U postgres -qc "drop database if exists $DB" -c "create database $DB"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -Xmx4g -cp "$CP" org.parlons.bench.NetworkLoad "jdbc:postgresql://$PGHOST:5432/$DB" "${1:-100000}" \
  2>&1 | tee benchmarks/results/network.log | grep -E "^(seed|hand|engine|floor)"
