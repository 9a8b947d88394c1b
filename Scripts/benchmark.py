#!/usr/bin/env python3
"""Measures bered on large generated stores, as issue #6 asks, and prints medians.

Why a script and not a timed unit test: timings depend on the machine and its load, so they
are reported (with the command that produced them), never asserted.

    python3 Scripts/benchmark.py                 # 1 000, 10 000 and 50 000 applications, 5 runs
    python3 Scripts/benchmark.py --sizes 1000 --runs 3
    python3 Scripts/benchmark.py --drop-caches   # also from a cold disk cache (needs root)

Each size gets a store written by `bered bench generate` (seed 1, kept under /tmp between
runs). Per run, interleaved so that machine noise hits all figures alike:
  floor        every file of the store read and thrown away (`bered bench floor`)
  first screen process start to the first list drawn into the screen buffer, as `bered open`
               does it: the first screenful read, the rest left to the background
  whole store  process start to the list drawn after reading every file (what the
               background finishes, and what `list`, `check` and `validate` do)
  export       `bered export --format csv` of all decisions: "new" with no rows kept from an
               earlier export (every decided application read), "again" when nothing changed
               since the last export (the rows of unchanged applications reused)
  keys         one key press in the list (update + render), median and p99 of 200
  memory       peak resident memory of the whole-store run
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BERED = os.path.join(ROOT, ".build", "release", "bered")


# The decisions cache lives here during the benchmark, so "new" can start without one.
CACHE_HOME = "/tmp/bered-bench-cache"
ENVIRONMENT = dict(os.environ, XDG_CACHE_HOME=CACHE_HOME)


def run(args, capture=True):
    """Runs bered; returns (seconds of wall time, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen([BERED] + args, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=ENVIRONMENT)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"bered {' '.join(args)} failed ({process.returncode}): {err.decode()[:500]}")
    return seconds, out.decode() if out else ""


def peak_memory_mb(args):
    """Peak resident memory of one run, from wait4's rusage for that child alone."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(BERED, [BERED] + args)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"bered {' '.join(args)} failed with status {status}")
    return usage.ru_maxrss / 1024


def drop_caches():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def measure(size, runs, cold_disk):
    store = f"/tmp/bered-bench-{size}"
    if not os.path.exists(os.path.join(store, "bered.toml")):
        print(f"writing a store of {size} applications to {store} …", file=sys.stderr)
        run(["bench", "generate", store, "--count", str(size), "--seed", "1"])
    figures = {k: [] for k in ["floor", "first", "whole", "export", "export_again", "move_med", "move_p99", "filter_med", "filter_p99",
                               "sort_med", "sort_p99", "memory", "cold_disk_first", "cold_disk_floor"]}
    run(["bench", "floor", store])  # the first read of a fresh store fills the page cache
    for _ in range(runs):
        seconds, out = run(["bench", "floor", store])
        figures["floor"].append(seconds)
        figures["first"].append(run(["bench", "first-screen", store, "--as", "anna"])[0])
        figures["whole"].append(run(["bench", "first-screen", store, "--as", "anna", "--all"])[0])
        export = ["export", store, "--format", "csv", "--as", "lars", "--out", "/tmp/bered-bench-export.csv"]
        shutil.rmtree(CACHE_HOME, ignore_errors=True)
        figures["export"].append(run(export)[0])
        figures["export_again"].append(run(export)[0])
        keys = json.loads(run(["bench", "keys", store, "--as", "anna", "--presses", "200"])[1])
        for name in ["move", "filter", "sort"]:
            figures[f"{name}_med"].append(keys[name]["median_ms"] / 1000)
            figures[f"{name}_p99"].append(keys[name]["p99_ms"] / 1000)
        figures["memory"].append(peak_memory_mb(["bench", "first-screen", store, "--as", "anna", "--all"]))
        if cold_disk:
            drop_caches()
            figures["cold_disk_first"].append(run(["bench", "first-screen", store, "--as", "anna"])[0])
            drop_caches()
            figures["cold_disk_floor"].append(run(["bench", "floor", store])[0])
    files = json.loads(run(["bench", "floor", store])[1])
    return {k: statistics.median(v) for k, v in figures.items() if v}, files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "bered"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        m, files = measure(size, args.runs, args.drop_caches)
        rows.append((size, m, files))
    print(f"\nmedians of {args.runs} runs, release build, {os.cpu_count()} cores")
    print(f"{'applications':>12} {'files':>7} {'MB':>5} {'floor':>7} {'first':>7} {'ratio':>6} {'whole':>7} {'ratio':>6} "
          f"{'export new/again':>16} {'move ms':>9} {'filter ms':>11} {'sort ms':>9} {'peak MB':>8}")
    for size, m, files in rows:
        print(f"{size:>12} {files['files']:>7} {files['bytes'] / 1e6:>5.0f} {m['floor']:>6.2f}s {m['first']:>6.3f}s "
              f"{m['first'] / m['floor']:>6.2f} {m['whole']:>6.2f}s {m['whole'] / m['floor']:>6.2f} {m['export']:>8.2f}s/{m['export_again']:.2f}s "
              f"{m['move_med'] * 1000:>4.1f}/{m['move_p99'] * 1000:<4.1f} {m['filter_med'] * 1000:>5.1f}/{m['filter_p99'] * 1000:<5.1f} "
              f"{m['sort_med'] * 1000:>4.1f}/{m['sort_p99'] * 1000:<4.1f} {m['memory']:>8.0f}")
        if "cold_disk_first" in m:
            print(f"{'':>12} cold disk cache: first screen {m['cold_disk_first']:.3f}s, floor {m['cold_disk_floor']:.2f}s")
    print("key columns: median/p99 of one press (update + render into the screen buffer)")


if __name__ == "__main__":
    main()
