#!/usr/bin/env bash
# Ledger throughput in process (LedgerBench): verified FulfillPrediction txs per block, transfers through
# FinalizeBlock and CheckTx. Needs the model pipeline on the classpath (fixture quantisation), so it runs
# JMH from the full Maven classpath rather than benchmarks.jar. Extra arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
# one reactor invocation: sibling modules resolve to this checkout's build output, never to ~/.m2
./mvnw -B -q -ntp -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/bench/target/cp.txt"
CP="bench/target/classes:$(cat bench/target/cp.txt)"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main LedgerBench -rf json -rff bench/target/ledger-bench.json "$@"
