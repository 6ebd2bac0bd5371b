#!/usr/bin/env bash
# Builds the pinned Prysm consensus client (beacon-chain, validator, prysmctl)
# from the Go module proxy into bin/, for `make devnet-pos` and the
# proof-of-stake node tests.
#
#   scripts/build-prysm.sh            # build into bin/ unless already built
#   PRYSM_VERSION=v5.3.3 BIN=bin SRC=build/prysm scripts/build-prysm.sh
#
# `go install github.com/prysmaticlabs/prysm/v5/cmd/...@VERSION` does not
# work (it stops on the module's deprecation notice), so the module source
# is downloaded with `go mod download`, copied out of the read-only module
# cache into SRC, made writable and built there with its own go.mod.
# The module proxy answers exact versions only (version lists are refused).
#
# A stamp file BIN/.prysm-version holds the version built; when it matches
# and the three binaries exist, nothing is done.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOWORK=off

PRYSM_VERSION=${PRYSM_VERSION:-v5.3.3}
MODULE=github.com/prysmaticlabs/prysm/v5
BIN=${BIN:-bin}
SRC=${SRC:-build/prysm}
STAMP="$BIN/.prysm-version"
TOOLS=(beacon-chain validator prysmctl)

uptodate=1
for t in "${TOOLS[@]}"; do [ -x "$BIN/$t" ] || uptodate=0; done
if [ "$uptodate" = 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PRYSM_VERSION" ]; then
	echo "prysm $PRYSM_VERSION already built in $BIN (remove $STAMP to rebuild)"
	exit 0
fi

json=$(go mod download -json "$MODULE@$PRYSM_VERSION") || {
	echo "build-prysm: go mod download $MODULE@$PRYSM_VERSION failed" >&2
	exit 1
}
dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
	echo "build-prysm: $MODULE@$PRYSM_VERSION has no source directory in the module cache" >&2
	exit 1
fi

# A fresh copy each time: the cache is read-only and a half-built copy from
# an interrupted run must not be reused.
rm -rf "$SRC"
mkdir -p "$(dirname "$SRC")" "$BIN"
cp -R "$dir" "$SRC"
chmod -R u+w "$SRC"
binabs=$(cd "$BIN" && pwd)

rm -f "$STAMP"
for t in "${TOOLS[@]}"; do
	start=$(date +%s)
	(cd "$SRC" && go build -o "$binabs/$t" "./cmd/$t")
	echo "built $BIN/$t (prysm $PRYSM_VERSION) in $(($(date +%s) - start)) s"
done
printf '%s\n' "$PRYSM_VERSION" > "$STAMP"
