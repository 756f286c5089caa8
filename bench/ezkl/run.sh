#!/usr/bin/env bash
# EZKL vs zkgw on the same ONNX models, alternating in one run; writes bench/results/ezkl-vs-zkgw.md.
# See bench/ezkl/README.md. Options go to bench.py, e.g.:
#   bench/ezkl/run.sh                                   # all three models, 3 rounds
#   bench/ezkl/run.sh --models bc_mlp,digits_cnn --rounds 1
#   bench/ezkl/run.sh --fresh                           # redo EZKL setups and the SRS (else cached in bench/work)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$ROOT/bench/work/ezkl-vs-zkgw
VENV=$ROOT/bench/ezkl/.venv
mkdir -p "$WORK"

# Python: EZKL, onnx, onnxruntime, scikit-learn (pinned)
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import ezkl, sklearn' 2>/dev/null; then
  echo "== creating $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q -r bench/ezkl/requirements.txt
fi
# GNU time for the peak-memory figures
if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time"
  apt-get update -qq && apt-get install -y -qq time
fi

# Java side: bench module (io.zkgw.bench.EzklComparison) and its runtime classpath
source tools/env.sh
echo "== building zkgw (bench + dependencies)"
./mvnw -B -q -pl bench -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime 2>&1 | grep -v '^WARNING' || true
test -s "$WORK/cp.txt" && test -f bench/target/classes/io/zkgw/bench/EzklComparison.class
export JAVA="$JAVA_HOME/bin/java"

# The >= 1M-parameter model is trained here, not committed
if [ ! -f "$WORK/digits_dense_1m.onnx" ]; then
  echo "== training digits_dense_1m"
  "$VENV/bin/python" bench/ezkl/make_dense_mlp.py "$WORK/digits_dense_1m.onnx"
fi

exec "$VENV/bin/python" bench/ezkl/bench.py "$@"
