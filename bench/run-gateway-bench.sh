#!/usr/bin/env bash
# Gateway throughput (issue 6): fulfilled bc_mlp predictions per second and request-to-confirmed latency,
# end to end on real parts — a CometBFT validator with the chain app, the packaged gateway as a process
# (PostgreSQL, or its embedded H2 with --db h2), clinicians sending real encrypted requests. The driver is
# io.zkgw.gateway.bench.GatewayThroughputBench (gateway test sources: it reuses the test helpers and the
# chain-app test-jar). Results go to bench/results/gateway-bench-*.{json,md}; options: --help.
#
#   bench/run-gateway-bench.sh --requests 200 --warmup 20 --clinicians 8
#   bench/run-gateway-bench.sh --db h2 -Dzkgw.worker.threads=2 --label h2-w2
#   ZKGW_BENCH_SKIP_BUILD=1 bench/run-gateway-bench.sh ...    # reuse the last build
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
CP_FILE="$PWD/gateway/target/bench-classpath.txt"
if [ -z "${ZKGW_BENCH_SKIP_BUILD:-}" ]; then
  # the packaged gateway (target/quarkus-app), then the test classes and their classpath, in one reactor
  # invocation so sibling modules resolve to this checkout's build output, never to ~/.m2
  ./mvnw -B -q -ntp -o -pl gateway -am package -DskipTests
  ./mvnw -B -q -ntp -o -pl gateway -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
fi
# sibling modules appear in the classpath file as their target/classes (and chain-app/target/test-classes)
CP="$PWD/gateway/target/test-classes:$PWD/gateway/target/classes:$(cat "$CP_FILE")"

# PostgreSQL: the CI step's cluster and role, and a database of the bench's own (zkgw_bench)
if ! printf '%s\n' "$@" | grep -qx h2; then
  # shellcheck source=/dev/null
  source .ci/steps/20-postgres.sh >/dev/null
  port="${ZKGW_TEST_PG_URL#jdbc:postgresql://127.0.0.1:}"; port="${port%%/*}"
  if ! su postgres -c "psql -p $port -Atqc \"select 1 from pg_database where datname='zkgw_bench'\"" | grep -q 1; then
    su postgres -c "createdb -p $port -O zkgw_test zkgw_bench"
  fi
  export ZKGW_BENCH_PG_URL="jdbc:postgresql://127.0.0.1:$port/zkgw_bench"
fi

echo "uptime before: $(uptime)"
# run from gateway/, as the ITs do: fixtures, policies and the quarkus-app jar are found relative to it
# ZKGW_BENCH_JVM: JVM options of the driver (it hosts the chain app), e.g. a JFR recording
(cd gateway && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${ZKGW_BENCH_JVM:-} \
  -cp "$CP" \
  io.zkgw.gateway.bench.GatewayThroughputBench "$@")
echo "uptime after: $(uptime)"
