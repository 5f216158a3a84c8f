#!/usr/bin/env bash
# HTTP throughput of `quiver serve` on loopback with wrk: the invoke route of a wasm echo tool, a
# JSON route (/api/v1/health) and a static asset (/app.css), each with 1 and 32 connections.
# Reports requests/s, p50 and p99 latency and the error count (non-2xx and socket errors).
#   bench/http.sh [QUIVER_BINARY]   (default: $QUIVER_BIN_DIR/quiver, else .build/release/quiver)
# Environment: DURATION (seconds per run, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${QUIVER_BIN_DIR:-.build/release}/quiver}"
duration="${DURATION:-10}"
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$bin" ] || { echo "error: no quiver binary at $bin; build with swift build -c release --product quiver" >&2; exit 2; }

work=$(mktemp -d)
export QUIVER_HOME="$work/home"
"$bin" serve --port 0 --json --packs examples/packs --policy examples/policy.yaml --log-level error >"$work/out" 2>"$work/err" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 100); do
    url=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["url"])' "$work/out" 2>/dev/null || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "error: the server did not start"; cat "$work/err"; exit 1; }

cat >"$work/invoke.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"input": {"message": "hello"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Quiver-Model"] = "wrk"
LUA
# Warm the module cache and check the route answers ok before measuring.
curl -sf -X POST "${url}api/v1/tools/echo-tools/echo/invoke" -d '{"input": {"message": "hello"}}' | grep -q '"outcome":"ok"' \
    || { echo "error: the echo tool did not answer ok"; exit 1; }

printf '%-34s %5s %12s %10s %10s %8s\n' route conns "req/s" "p50" "p99" errors
run() { # label connections url [script]
    local label=$1 conns=$2 target=$3 script=${4:-}
    local threads=$(( conns < 2 ? 1 : 2 ))
    local out
    out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency ${script:+-s "$script"} "$target")
    local rps p50 p99 non2xx socket
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    p50=$(awk '$1=="50%"{print $2}' <<<"$out")
    p99=$(awk '$1=="99%"{print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out"); non2xx=${non2xx:-0}
    socket=$(awk -F'[ ,]+' '/Socket errors/{s=0; for(i=1;i<=NF;i++) if($i ~ /^[0-9]+$/) s+=$i; print s}' <<<"$out"); socket=${socket:-0}
    printf '%-34s %5s %12s %10s %10s %8s\n' "$label" "$conns" "$rps" "$p50" "$p99" $((non2xx + socket))
}
for conns in 1 32; do
    run "POST invoke echo-tools/echo (wasm)" $conns "${url}api/v1/tools/echo-tools/echo/invoke" "$work/invoke.lua"
    run "GET /api/v1/health (JSON)" $conns "${url}api/v1/health"
    run "GET /app.css (static)" $conns "${url}app.css"
done
calls=$(curl -s "${url}api/v1/stats" | python3 -c 'import json,sys; print(sum(r["calls"] for r in json.load(sys.stdin)["rates"]))')
echo "recorded invocations after the runs: $calls"
