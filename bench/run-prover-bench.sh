#!/usr/bin/env bash
# Short JMH run of the proof-system benchmarks (1 fork, few iterations): figures are indicative only,
# the build machine is small and shared. Extra arguments go to JMH, e.g. a regex: ./run-prover-bench.sh PcsBench
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# benchmarks.jar leaves out the model pipeline (a "provided" dependency: ONNX Runtime is ~80 MB), which
# InferenceVerifyBench needs to quantise its fixtures: the benchmarks run with the module's full classpath
if [ ! -f bench/target/benchmarks.jar ] || [ ! -s bench/target/cp.txt ]; then
  ./mvnw -B -q -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/bench/target/cp.txt" -Dmdep.includeScope=compile
fi
"$JAVA" -cp "bench/target/benchmarks.jar:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main -f 1 -wi 2 -w 1s -i 3 -r 1s \
  -rf json -rff bench/target/jmh-results.json "$@"
echo "== proof sizes (deterministic)"
"$JAVA" -cp bench/target/benchmarks.jar io.zkgw.bench.ProofSizeReport 16 18 20 22
