#!/usr/bin/env bash
# Short JMH run of the proof-system benchmarks (1 fork, few iterations): figures are indicative only,
# the build machine is small and shared. Extra arguments go to JMH, e.g. a regex: ./run-prover-bench.sh PcsBench
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f bench/target/benchmarks.jar ]; then
  ./mvnw -B -q -pl prover,bench -am -DskipTests package
fi
mkdir -p bench/target
"$JAVA" -jar bench/target/benchmarks.jar -f 1 -wi 2 -w 1s -i 3 -r 1s \
  -rf json -rff bench/target/jmh-results.json "$@"
echo "== proof sizes (deterministic)"
"$JAVA" -cp bench/target/benchmarks.jar io.zkgw.bench.ProofSizeReport 16 18 20 22
