"""Benchmark of start-up: importing the package and running the command line.

Run: python benchmarks/bench_startup.py [--quick] [--runs N]

Every command runs as a fresh process, the commands taking turns run by run
(A B C D E, A B C D E, ...) so that a drift in the machine's speed hits all of
them alike. One warm-up round writes the bytecode first. From each command's
median wall time the median of a bare ``python -c pass`` is taken off, which
leaves the cost of what the command itself does; the targets are ratios of
those costs to the cost of importing the package's own dependencies:

    python -c "import samenbeslissen"     <= 0.3x
    samenbeslissen --help                 <= 0.8x
    samenbeslissen demo                   <= 1.6x

all against ``python -c "import attrs, transitions, jinja2, yaml"``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGETS = {"import": 0.3, "help": 0.8, "demo": 1.6}


def _cli() -> list[str]:
    # The console script beside this interpreter is what a user types; without an
    # installed script, `python -m samenbeslissen` runs the same code.
    script = shutil.which("samenbeslissen", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "samenbeslissen"]


def commands() -> dict[str, list[str]]:
    """The commands compared, by name."""
    python = sys.executable
    return {
        "bare": [python, "-c", "pass"],
        "dependencies": [python, "-c", "import attrs, transitions, jinja2, yaml"],
        "import": [python, "-c", "import samenbeslissen"],
        "help": [*_cli(), "--help"],
        "demo": [*_cli(), "demo"],
    }


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    """Median wall time of each command in seconds, interleaved over ``runs`` rounds."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the bytecode is written, as on a user's machine
    for name in ("SAMENBESLISSEN_CACHE_DIR", "SAMENBESLISSEN_NO_CACHE"):
        env.pop(name, None)  # the template cache where a user has it, in a folder of this run
    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sb-bench-cache-")
    todo = commands()
    for command in todo.values():  # warm-up: bytecode and caches written once
        _run(command, env)
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs):
        for name, command in todo.items():
            times[name].append(_run(command, env))
    shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds: does it run at all")
    parser.add_argument("--runs", type=int, default=21, help="rounds (at least 11 to judge)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else max(args.runs, 11)
    medians = measure(runs)
    bare = medians["bare"]
    floor = medians["dependencies"] - bare
    print(f"{runs} rounds, medians of wall time; cost = median - bare python ({bare * 1e3:.1f} ms)")
    print(f"{'command':<14} {'median':>10} {'cost':>10} {'ratio':>7} {'target':>7}")
    print(f"{'dependencies':<14} {medians['dependencies'] * 1e3:>8.1f}ms {floor * 1e3:>8.1f}ms")
    failed = False
    for name, target in TARGETS.items():
        cost = medians[name] - bare
        ratio = cost / floor
        met = ratio <= target
        failed |= not met
        mark = "" if met else "  (over)"
        print(
            f"{name:<14} {medians[name] * 1e3:>8.1f}ms {cost * 1e3:>8.1f}ms "
            f"{ratio:>6.2f}x {target:>6.1f}x{mark}"
        )
    if args.quick:
        return 0  # too few rounds to judge; CI only checks that it runs
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
