#!/usr/bin/env bash
# Builds Quiver in release and runs the cold pack-load benchmark against the peer (see load_packs.py).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import yaml, jsonschema_rs' 2>/dev/null || bash ../shared/bench/setup.sh
swift build -c release --product quiver
swift build -c release --product quiver-bench
python3 bench/load_packs.py "$@"
