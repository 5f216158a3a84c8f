#!/usr/bin/env python3
"""Time from starting `quiver serve --packs DIR` to its "serving" line, a new process each time.

The server discovers, loads and validates every pack, builds the catalog, opens its state
database (a fresh QUIVER_HOME per run) and binds a loopback port before it prints that line.
Usage: python3 bench/serve_start.py QUIVER_BINARY [PACKS_DIR] [--runs 5]
"""
import argparse
import os
import queue
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("packs", nargs="?", default=".bench/packs")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--port", type=int, default=0, help="the port to serve on (default: a free one)")
    a = ap.parse_args()
    times = []
    for _ in range(a.runs):
        with tempfile.TemporaryDirectory() as home:
            port = a.port or free_port()
            start = time.perf_counter()
            proc = subprocess.Popen([a.binary, "serve", "--packs", a.packs, "--port", str(port)],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                    env=dict(os.environ, QUIVER_HOME=home))
            lines = queue.Queue()
            threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] + [lines.put("")], daemon=True).start()
            line = ""
            try:
                deadline = start + 30
                while time.perf_counter() < deadline:
                    try:
                        line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
                    except queue.Empty:
                        break
                    if not line or " serving " in line:
                        break
                elapsed = (time.perf_counter() - start) * 1000
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=10)
            if " serving " not in line:
                raise SystemExit(f"error: no 'serving' line from {a.binary} (last line: {line.strip()!r})")
            times.append(elapsed)
            print(f"{elapsed:.0f} ms: {line.strip()}")
    print(f"SUMMARY serve_start: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, "
          f"max {max(times):.0f} ms over {a.runs} runs ({a.packs})")


if __name__ == "__main__":
    main()
