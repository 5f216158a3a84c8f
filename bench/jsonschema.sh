#!/usr/bin/env bash
# JSON Schema side by side: ../shared/bench/jsonschema_peers.py (jsonschema, fastjsonschema,
# jsonschema-rs) and `quiver-bench jsonschema` (release) on the same generated workloads, in one run.
#   bench/jsonschema.sh [OUT_DIR]      (default: .build/bench/jsonschema)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/bench/jsonschema}"
mkdir -p "$out"
shared=../shared/bench
python3 -c 'import jsonschema, fastjsonschema, jsonschema_rs' 2>/dev/null || bash "$shared/setup.sh"
[ -f "$shared/data/jsonschema/mcp_tool.valid.jsonl" ] || python3 "$shared/gen_jsonschema_data.py"
# The 200 small tool schemas, from the peers' own generator and seed.
python3 - "$out/small-schemas.json" <<'PY'
import json, random, sys
sys.path.insert(0, "../shared/bench")
from gen_packs import tool_schema
rng = random.Random(3)
json.dump([tool_schema(rng) for _ in range(200)], open(sys.argv[1], "w"))
PY
# QUIVER_BENCH=path/to/quiver-bench skips the release build (for a binary built elsewhere).
bench="${QUIVER_BENCH:-}"
if [ -z "$bench" ]; then
    swift build -c release --product quiver-bench >/dev/null
    bench=$(swift build -c release --show-bin-path)/quiver-bench
fi
for round in 1 2; do
    echo "== round $round: peers"
    python3 "$shared/jsonschema_peers.py" --reps 3 --json "$out/peers-$round.json" | tee "$out/peers-$round.txt"
    echo "== round $round: quiver"
    "$bench" jsonschema --bench "$shared" --small-schemas "$out/small-schemas.json" | tee "$out/quiver-$round.txt"
done
