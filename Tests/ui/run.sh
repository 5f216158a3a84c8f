#!/usr/bin/env bash
# Runs the web UI's browser test against a real `quiver serve` over the example packs.
#
#   Tests/ui/run.sh [QUIVER_BINARY]        (default: .build/debug/quiver; build it first)
#
# Environment: UI_SCREENSHOTS (default .build/ui-screenshots), UI_TEST_TIMEOUT (whole run, seconds,
# default 240), CHROMIUM and CHROMEDRIVER (default: the Debian packages' /usr/bin/chromium and
# /usr/bin/chromedriver). Needs python3 with selenium (pip install selenium).
# Exits 0 when every check passed, non-zero otherwise; the server's log is printed on failure.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-${QUIVER_BIN:-.build/debug/quiver}}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
screens="${UI_SCREENSHOTS:-.build/ui-screenshots}"
case "$screens" in /*) ;; *) screens="$repo/$screens" ;; esac
limit="${UI_TEST_TIMEOUT:-240}"
cd "$repo"

if [ ! -x "$bin" ]; then
    echo "error: no quiver binary at '$bin'; run 'swift build' first or pass the binary's path" >&2
    exit 2
fi
python3 -c 'import selenium' 2>/dev/null || {
    echo "error: python3 cannot import selenium; install it with 'pip install selenium'" >&2
    exit 2
}

work="$(mktemp -d "${TMPDIR:-/tmp}/quiver-ui.XXXXXX")"
export QUIVER_HOME="$work/home"
mkdir -p "$QUIVER_HOME" "$screens"
rm -f "$screens"/failure-*.png   # left by an earlier failed run
server_pid=""

stop_server() {
    [ -n "$server_pid" ] || return 0
    if kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$server_pid" 2>/dev/null; then
            echo "warning: quiver serve did not stop within 5 s of SIGTERM; killing it" >&2
            kill -KILL "$server_pid" 2>/dev/null || true
        fi
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

fail() {
    echo "error: $*" >&2
    echo "--- quiver serve stdout ---" >&2; cat "$work/server.out" >&2 || true
    echo "--- quiver serve stderr ---" >&2; tail -n 50 "$work/server.err" >&2 || true
    exit 1
}

trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# start_server [EXTRA SERVE OPTIONS...]: starts quiver serve over the example packs and sets $url.
start_server() {
    : >"$work/server.out"
    "$bin" serve --port 0 --packs examples/packs --policy examples/policy.yaml "$@" >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    # The server prints a line with its URL first; take the first http:// URL on stdout.
    url=""
    for _ in $(seq 1 300); do
        url="$(grep -o -m1 'http://[^[:space:]"'"'"'<>]*' "$work/server.out" 2>/dev/null | head -n1 || true)"
        url="${url%%[).,;]}"
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || fail "quiver serve exited before printing its URL"
        sleep 0.1
    done
    [ -n "$url" ] || fail "quiver serve printed no http:// URL within 30 s"
    url="${url%/}"
    # Wait for the health endpoint.
    python3 - "$url" <<'PY' || fail "GET $url/api/v1/health did not answer 200 within 30 s"
import sys, time, urllib.request
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1] + "/api/v1/health", timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except Exception:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
}

# run_browser_test [TEST OPTIONS...]: runs test_ui.py against $url within the time that is left.
run_browser_test() {
    local left=$(( deadline - SECONDS ))
    [ "$left" -gt 0 ] || fail "no time left of the $limit s limit"
    local status=0
    timeout --kill-after=10 "$left" python3 "$repo/Tests/ui/test_ui.py" --url "$url" --screenshots "$screens" "$@" || status=$?
    if [ "$status" -eq 124 ]; then
        fail "the browser test did not finish within the $limit s limit"
    elif [ "$status" -ne 0 ]; then
        fail "the browser test failed (exit $status); see the messages above and the screenshots in $screens"
    fi
}

deadline=$(( SECONDS + limit ))

# 1. The whole UI, on loopback without a token (as `quiver serve` runs by default).
start_server
echo "quiver serve is up at $url (QUIVER_HOME=$QUIVER_HOME); screenshots go to $screens"
run_browser_test
stop_server

# 2. The access-token flow, against a server that requires a token.
token="$("$bin" token create ui-test 2>"$work/token.err" | head -n1)" || true
[ -n "$token" ] || { cat "$work/token.err" >&2; fail "quiver token create printed no token"; }
start_server --require-token
echo "quiver serve --require-token is up at $url"
run_browser_test --token "$token"
stop_server
echo "web UI browser test passed; screenshots in $screens"
