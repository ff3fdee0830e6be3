"""How long a student and an instructor wait on the grading engine: `course list`, `course check lab05` (the
student's own copy) and `course check lab05 --solution`, each run several times; the median is quoted.

With --baseline REV the same commands also run on that commit (checked out in a temporary git worktree and
run with this virtual environment), alternating with the current tree run by run, so both see the same
machine; the ratio is baseline / current. Prints `check_lab05_median_s=<seconds>` last.

Usage: python benchmarks/engine_speed.py [--runs 5] [--baseline REV] [--commands list check_lab05 ...]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"list": ["list"], "check_lab05": ["check", "lab05"], "check_lab05_solution": ["check", "lab05", "--solution"]}


def timed(tree: Path, arguments: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["PYTHONPATH"] = str(tree)  # the tree's own autograder and agentkit, with this venv's packages
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder.cli", *arguments], cwd=tree, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(trees: dict[str, Path], runs: int, names: list[str]) -> dict[tuple[str, str], list[float]]:
    figures: dict[tuple[str, str], list[float]] = {}
    for name in names:
        arguments = COMMANDS[name]
        for label, tree in trees.items():
            timed(tree, arguments)  # warm-up: file cache, bytecode
        for _ in range(runs):
            for label, tree in trees.items():
                figures.setdefault((name, label), []).append(timed(tree, arguments))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", help="a commit to compare with, e.g. the main branch before a change")
    parser.add_argument("--commands", nargs="+", choices=list(COMMANDS), default=list(COMMANDS),
                        help="which commands to time (an old `course list` ran pytest: minutes a run)")
    args = parser.parse_args(argv)
    trees = {"current": ROOT}
    with tempfile.TemporaryDirectory(prefix="engine-baseline-") as scratch:
        if args.baseline:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", scratch, args.baseline],
                           check=True, capture_output=True)
            trees["baseline"] = Path(scratch)
        try:
            figures = measure(trees, args.runs, args.commands)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", scratch], capture_output=True)
    print(f"{args.runs} runs each after one warm-up, wall clock of the whole command; "
          f"{os.cpu_count()} CPUs; baseline {args.baseline or 'none'}")
    for name in args.commands:
        row = f"{name:<22}"
        for label in trees:
            times = figures[(name, label)]
            row += f"  {label}: median {statistics.median(times):6.2f} s (min {min(times):.2f}, max {max(times):.2f})"
        if "baseline" in trees:
            row += f"  ratio {statistics.median(figures[(name, 'baseline')]) / statistics.median(figures[(name, 'current')]):.1f}x"
        print(row)
    if "check_lab05" in args.commands:
        print(f"check_lab05_median_s={statistics.median(figures[('check_lab05', 'current')]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
