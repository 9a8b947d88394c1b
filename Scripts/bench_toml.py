#!/usr/bin/env python3
"""How `bered validate` scales with the number of [[actors]] in one application file,
against Python's tomllib reading the same file.

A store of one application (the demo's 2026-001 with N generated actors appended) is
written for each N; each measurement is the median wall time of 5 runs. Linear parsing
shows as a time ratio close to the size ratio (2.0) between 8 000, 16 000 and 32 000.

    swift build -c release --product bered
    python3 Scripts/bench_toml.py --bered .build/release/bered
    python3 Scripts/bench_toml.py --unknown --sizes 0,20000,40000,80000   # N misspelt keys instead

With --unknown, the N entries are top-level keys no reader asks for, each of which
`bered validate` reports (exit 2 is then expected).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Resources", "demo")
KINDS = ["municipal", "region", "state", "association", "other"]


def make_store(folder, actors, unknown=False):
    """The demo's configuration and 2026-001 with `actors` more [[actors]] entries (or, with
    `unknown`, as many top-level keys that no reader asks for)."""
    os.makedirs(os.path.join(folder, "2026-001"))
    shutil.copy(os.path.join(DEMO, "bered.toml"), folder)
    with open(os.path.join(DEMO, "2026-001", "application.toml"), encoding="utf-8") as f:
        text = f.read()
    if unknown:
        first_table = text.index("\n[") + 1
        text = text[:first_table] + "".join(f'okand_{n} = "x"\n' for n in range(actors)) + text[first_table:]
    parts = [text if text.endswith("\n") else text + "\n"]
    for n in range(0 if unknown else actors):
        parts.append(f'\n[[actors]]\nname = "Aktör {n}"\nkind = "{KINDS[n % len(KINDS)]}"\n'
                     f'role = "Deltar i arbetsgrupp {n % 17} och bidrar med lokaler."\n')
    path = os.path.join(folder, "2026-001", "application.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))
    return path


def median_seconds(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bered", default=os.path.join(ROOT, ".build", "release", "bered"))
    parser.add_argument("--sizes", default="0,8000,16000,32000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--unknown", action="store_true", help="misspelt top-level keys instead of [[actors]]")
    args = parser.parse_args()

    print(f"{'actors':>7} {'bytes':>9} {'bered validate s':>17} {'tomllib s':>10} {'bered ratio':>12} {'tomllib ratio':>14}")
    previous = None
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            store = os.path.join(tmp, "store")
            path = make_store(store, size, args.unknown)

            def validate():
                done = subprocess.run([args.bered, "validate", store], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if done.returncode != (2 if args.unknown and size else 0):
                    raise SystemExit(f"bered validate failed ({done.returncode}): {done.stderr.decode()[:400]}")

            def python():
                with open(path, "rb") as f:
                    document = tomllib.load(f)
                assert len(document) >= size if args.unknown else len(document["actors"]) >= size

            bered = median_seconds(validate, args.repeats)
            py = median_seconds(python, args.repeats)
            ratios = ("", "")
            if previous and previous[0] > 0:
                ratios = (f"{bered / previous[1]:.2f}", f"{py / previous[2]:.2f}")
            print(f"{size:>7} {os.path.getsize(path):>9} {bered:>17.3f} {py:>10.3f} {ratios[0]:>12} {ratios[1]:>14}", flush=True)
            previous = (size, bered, py)


if __name__ == "__main__":
    main()
