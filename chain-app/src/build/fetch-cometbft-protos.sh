#!/usr/bin/env bash
# Build step for zkgw-chain-app (run by exec-maven-plugin in the initialize phase).
# Collects the .proto files that CometBFT's ABCI types (tendermint/abci/types.proto) and block types
# (tendermint/types/canonical.proto: headers, commits and vote sign bytes, for chain-client's light
# client) need, from the Go module downloads of github.com/cometbft/cometbft and of the
# github.com/cosmos/gogoproto version that CometBFT's go.mod requires, into an output directory under
# target/. Nothing here is committed.
#
# usage: fetch-cometbft-protos.sh <cometbft version, e.g. v0.38.26> <output dir>
set -euo pipefail
version="$1"
out="$2"
roots=("tendermint/abci/types.proto" "tendermint/types/canonical.proto")

stamp="$out/.fetched-$version"
if [ -f "$stamp" ]; then
  complete=1
  for r in "${roots[@]}"; do [ -f "$out/$r" ] || complete=0; done
  if [ "$complete" = 1 ]; then exit 0; fi
fi

go_bin=""
if command -v go >/dev/null 2>&1; then go_bin="$(command -v go)";
else
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [ -x "$g" ]; then go_bin="$g"; break; fi
  done
fi
if [ -z "$go_bin" ]; then
  echo "fetch-cometbft-protos: a Go toolchain is needed to download github.com/cometbft/cometbft@$version" >&2
  exit 1
fi

# `go mod download -json` prints a JSON object whose "Dir" is the unpacked module directory.
module_dir() {
  "$go_bin" mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}[[:space:]]*$/\1/p'
}

comet_dir="$(module_dir "github.com/cometbft/cometbft@$version")"
if [ -z "$comet_dir" ] || [ ! -f "$comet_dir/proto/${roots[0]}" ]; then
  echo "fetch-cometbft-protos: could not download github.com/cometbft/cometbft@$version" >&2
  exit 1
fi
gogo_version="$(awk '$1 == "github.com/cosmos/gogoproto" { print $2; exit }' "$comet_dir/go.mod")"
if [ -z "$gogo_version" ]; then
  echo "fetch-cometbft-protos: github.com/cosmos/gogoproto not found in $comet_dir/go.mod" >&2
  exit 1
fi
gogo_dir="$(module_dir "github.com/cosmos/gogoproto@$gogo_version")"
if [ -z "$gogo_dir" ] || [ ! -f "$gogo_dir/gogoproto/gogo.proto" ]; then
  echo "fetch-cometbft-protos: could not download github.com/cosmos/gogoproto@$gogo_version" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
# Copy the transitive import closure of the root files; google/protobuf/* come from protobuf-java.
declare -A seen=()
queue=("${roots[@]}")
while [ "${#queue[@]}" -gt 0 ]; do
  f="${queue[0]}"
  queue=("${queue[@]:1}")
  [ -n "${seen[$f]:-}" ] && continue
  seen[$f]=1
  case "$f" in
    google/protobuf/*) continue ;;
    gogoproto/*) src="$gogo_dir/$f" ;;
    *) src="$comet_dir/proto/$f" ;;
  esac
  if [ ! -f "$src" ]; then
    echo "fetch-cometbft-protos: import $f not found at $src" >&2
    exit 1
  fi
  mkdir -p "$out/$(dirname "$f")"
  install -m 0644 "$src" "$out/$f"
  while IFS= read -r imp; do
    queue+=("$imp")
  done < <(sed -n 's/^[[:space:]]*import[[:space:]]\{1,\}\(public[[:space:]]\{1,\}\)\{0,1\}"\([^"]*\)".*/\2/p' "$src")
done
{
  echo "cometbft $version $comet_dir"
  echo "gogoproto $gogo_version $gogo_dir"
} > "$out/SOURCES.txt"
touch "$stamp"
echo "fetch-cometbft-protos: $(find "$out" -name '*.proto' | wc -l) files from cometbft@$version and gogoproto@$gogo_version"
