#!/usr/bin/env python3
"""Cold load of 1000 packs: `quiver validate` (new process) against the peer loader, in one run.

Workloads (same size and shape, deterministic):
  ours  .bench/packs       written by `quiver-bench gen-packs` (Quiver's format: PACK.yaml + README + SKILL.md)
  peer  .bench/peer-packs  written by ../shared/bench/gen_packs.py (the peer's format)
Each repetition runs, interleaved:
  cat floor    find ROOT -type f | xargs cat > /dev/null   (I/O floor over every file of our packs)
  peer         python3 ../shared/bench/load_packs_peer.py --child ROOT  (PyYAML CSafeLoader + jsonschema-rs)
  peer+skills  the same with --skills (also reads every SKILL.md front matter, as Quiver always does)
  quiver       .build/release/quiver validate ROOT > /dev/null  (discover, parse, decode, validate,
               compile every inline tool schema, check every SKILL.md)
  quiver static the same with QUIVER_STATIC_BIN, when set: a `quiver` linked with
               `swift build -c release --static-swift-stdlib` (Swift runtime and Foundation linked in;
               needs libcurl4-openssl-dev), which starts faster. The headline ratio stays the default build's.
Prints medians (ms) and the ratios, and one SUMMARY line.
Usage: python3 bench/load_packs.py [--reps 11]   (QUIVER_BIN_DIR=DIR uses binaries built elsewhere)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
WORK = os.path.join(ROOT, ".bench")
BIN = os.environ.get("QUIVER_BIN_DIR") or os.path.join(ROOT, ".build", "release")
QUIVER = os.path.join(BIN, "quiver")
BENCH = os.path.join(BIN, "quiver-bench")
STATIC = os.environ.get("QUIVER_STATIC_BIN")


def timed(cmd, **kw):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, proc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=11)
    a = ap.parse_args()
    for binary in (QUIVER, BENCH):
        if not os.path.exists(binary):
            sys.exit(f"error: {binary} is missing; run: swift build -c release --product quiver && swift build -c release --product quiver-bench")
    ours = os.path.join(WORK, "packs")
    peer = os.path.join(WORK, "peer-packs")
    os.makedirs(WORK, exist_ok=True)
    for path in (ours, peer):
        if os.path.exists(path):
            shutil.rmtree(path)
    subprocess.run([BENCH, "gen-packs", ours], check=True)
    subprocess.run([sys.executable, os.path.join(SHARED, "gen_packs.py"), "--root", peer], check=True)

    # What each loader reports (correctness before speed).
    out = subprocess.run([QUIVER, "validate", ours], capture_output=True, text=True)
    print("quiver:", out.stdout.strip().splitlines()[-1])
    peer_out = subprocess.run([sys.executable, os.path.join(SHARED, "load_packs_peer.py"), "--child", peer], capture_output=True, text=True)
    print("peer:  ", peer_out.stdout.strip()[:200])

    runs = {"cat floor": [], "peer": [], "peer+skills": [], "quiver": []}
    if STATIC:
        runs["quiver static"] = []
    cat = f"find '{ours}' -type f -print0 | xargs -0 cat > /dev/null"
    for _ in range(a.reps):
        runs["cat floor"].append(timed(["sh", "-c", cat])[0])
        runs["peer"].append(timed([sys.executable, os.path.join(SHARED, "load_packs_peer.py"), "--child", peer])[0])
        runs["peer+skills"].append(timed([sys.executable, os.path.join(SHARED, "load_packs_peer.py"), "--child", peer, "--skills"])[0])
        elapsed, proc = timed([QUIVER, "validate", ours])
        if proc.returncode != 1:
            sys.exit(f"error: quiver validate exited {proc.returncode} (expected 1: the workload plants invalid packs)")
        runs["quiver"].append(elapsed)
        if STATIC:
            elapsed, proc = timed([STATIC, "validate", ours])
            if proc.returncode != 1:
                sys.exit(f"error: {STATIC} validate exited {proc.returncode} (expected 1)")
            runs["quiver static"].append(elapsed)
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"\n{'loader':<14}{'median ms':>10}{'min ms':>10}{'max ms':>10}")
    for k, v in runs.items():
        print(f"{k:<14}{med[k]:>10.1f}{min(v):>10.1f}{max(v):>10.1f}")
    print(f"\nquiver is {med['peer'] / med['quiver']:.1f}x faster than the peer "
          f"({med['peer+skills'] / med['quiver']:.1f}x against the peer reading SKILL.md too); "
          f"the cat floor is {med['cat floor']:.0f} ms")
    if STATIC:
        print(f"quiver linked with --static-swift-stdlib: {med['quiver static']:.1f} ms, "
              f"{med['peer'] / med['quiver static']:.1f}x faster than the peer")
    print(f"SUMMARY load_packs: quiver {med['quiver']:.0f} ms, peer {med['peer']:.0f} ms "
          f"(+skills {med['peer+skills']:.0f} ms), ratio {med['peer'] / med['quiver']:.1f}x, "
          f"cat floor {med['cat floor']:.0f} ms, reps {a.reps}"
          + (f"; static-stdlib quiver {med['quiver static']:.0f} ms ({med['peer'] / med['quiver static']:.1f}x)" if STATIC else ""))


if __name__ == "__main__":
    main()
