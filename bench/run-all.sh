#!/usr/bin/env bash
# Every Quiver benchmark beside its peers, in one run, outputs under OUT (default .build/bench/all).
#   bench/run-all.sh [OUT]
# QUIVER_BIN_DIR=DIR uses release binaries built elsewhere (quiver, quiver-bench); otherwise they
# are built here with `swift build -c release` (about 10 minutes on two cores the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/bench/all}"
mkdir -p "$out"
bin="${QUIVER_BIN_DIR:-}"
if [ -z "$bin" ]; then
    swift build -c release --product quiver >/dev/null
    swift build -c release --product quiver-bench >/dev/null
    bin=$(swift build -c release --show-bin-path)
fi
export QUIVER_BIN_DIR="$bin"
shared=../shared/bench
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"

echo "== cold load of 1000 packs (bench/load_packs.py)"
python3 bench/load_packs.py --reps 11 | tee "$out/load.txt"

echo "== catalog of the same packs, warm, in process"
"$bin/quiver-bench" catalog .bench/packs --repetitions 11 | tee "$out/catalog.txt"
echo "== quiver serve with the same packs: start to the serving line (bench/serve_start.py)"
python3 bench/serve_start.py "$bin/quiver" .bench/packs --runs 5 | tee "$out/serve-start.txt"

echo "== JSON Schema (bench/jsonschema.sh)"
QUIVER_BENCH="$bin/quiver-bench" bash bench/jsonschema.sh "$out/jsonschema" | tee "$out/jsonschema.txt"

echo "== WebAssembly (wasm_peers.py and quiver-bench wasm, twice, alternating)"
for round in 1 2; do
    python3 "$shared/wasm_peers.py" --reps 5 | tee "$out/wasm-peers-$round.txt"
    "$bin/quiver-bench" wasm --root . --calls 5000 | tee "$out/wasm-quiver-$round.txt"
done
echo "== HTTP (bench/http.sh, wrk on loopback)"
bash bench/http.sh "$bin/quiver" | tee "$out/http.txt"

echo "== MCP over stdio (mcp_peer.py: quiver mcp beside the Python SDK servers and the floor)"
python3 "$shared/mcp_peer.py" --peers --server "quiver=$bin/quiver mcp --packs bench/packs" \
    --tool echo --args '{"text": "hello"}' | tee "$out/mcp.txt"
echo "== done: $out"
