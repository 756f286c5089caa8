# shellcheck shell=bash
# CI step (sourced by .ci/run): make the CometBFT binary that chain-app's integration tests run.
# Idempotent and cached: `go install` runs only when $(go env GOPATH)/bin/cometbft is missing or is
# not the pinned version. Also pre-downloads the Go modules whose .proto files chain-app generates
# Java from (the Maven build downloads them too; this only warms the cache).
# Exports COMETBFT_BIN and puts the Go bin directory on PATH.

ZKGW_COMETBFT_VERSION="${ZKGW_COMETBFT_VERSION:-v0.38.26}"

zkgw_find_go() {
  if command -v go >/dev/null 2>&1; then command -v go; return 0; fi
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [ -x "$g" ]; then echo "$g"; return 0; fi
  done
  return 1
}

zkgw_cometbft_step() {
  local go_bin gopath bin want have
  if ! go_bin="$(zkgw_find_go)"; then
    echo "10-cometbft: no Go toolchain found (need Go >= 1.22 on PATH or in /usr/local/go)" >&2
    return 1
  fi
  export PATH="$(dirname "$go_bin"):$PATH"
  gopath="$("$go_bin" env GOPATH)"
  bin="$gopath/bin/cometbft"
  want="${ZKGW_COMETBFT_VERSION#v}"
  have=""
  if [ -x "$bin" ]; then have="$("$bin" version 2>/dev/null | head -n1 | tr -d '[:space:]')"; fi
  if [ "$have" != "$want" ]; then
    echo "10-cometbft: installing cometbft $ZKGW_COMETBFT_VERSION (found: '${have:-none}')"
    CGO_ENABLED=0 "$go_bin" install "github.com/cometbft/cometbft/cmd/cometbft@$ZKGW_COMETBFT_VERSION"
    have="$("$bin" version 2>/dev/null | head -n1 | tr -d '[:space:]')"
    if [ "$have" != "$want" ]; then
      echo "10-cometbft: $bin reports version '$have', expected '$want'" >&2
      return 1
    fi
  else
    echo "10-cometbft: cometbft $have cached at $bin"
  fi
  # warm the module cache for the protobuf generation in chain-app (cheap when cached)
  "$go_bin" mod download "github.com/cometbft/cometbft@$ZKGW_COMETBFT_VERSION" >/dev/null
  export PATH="$gopath/bin:$PATH"
  export COMETBFT_BIN="$bin"
}

zkgw_cometbft_step
