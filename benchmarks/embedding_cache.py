"""The embedding cache: `MiniLM.encode` of a fixed set of click's functions, cold (every text computed and stored)
and warm (every text found in the cache), in one process, on a cache file of its own.

The texts are click's functions and methods (`Path(click.__file__).parent`, the course's corpus), each one's
source as `ast` finds it, in file and line order; `--count` takes the first N (48 by default: 15-20 s cold on
the shared 2-core machine). The weights are loaded before timing, so cold is the forward pass plus the writes,
and warm is the keys (sha256), the lookups and the copies (the median of five warm encodes). Both encodes must
give the same vectors, bit for bit. Prints each time and, last, `ratio=<cold / warm>`.

BLAS runs on one thread unless OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) says otherwise: on a shared 2-core
machine under load, OpenBLAS's threads wait for each other and the forward pass was 6-7 times slower with them.

Usage: python benchmarks/embedding_cache.py [--count 48] [--batch-size 32]
"""
from __future__ import annotations

import argparse
import ast
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):  # before numpy is imported, or it has no effect
    os.environ.setdefault(_variable, "1")
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import click
import numpy as np

from agentkit import embeddings
from agentkit.embeddings import MiniLM

WARM_RUNS = 5   # the warm encode takes well under a millisecond: its median of five, so one stall does not count


def click_functions(count: int) -> list[str]:
    """The source of click's first `count` functions and methods, by file name, then line."""
    found = []
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((path.name, node.lineno, ast.get_source_segment(source, node)))
    found.sort(key=lambda item: item[:2])
    return [text for _, _, text in found[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=48, help="how many of click's functions to encode")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    texts = click_functions(args.count)
    model = MiniLM.load()
    model._network()   # the weights, read before timing
    with tempfile.TemporaryDirectory() as folder:
        os.environ[embeddings.CACHE_ENV] = str(Path(folder) / "embeddings.sqlite")
        started = time.perf_counter()
        cold = model.encode(texts, batch_size=args.batch_size)
        cold_s = time.perf_counter() - started
        computed = model.computed
        warm_runs = []
        for _ in range(WARM_RUNS):
            started = time.perf_counter()
            warm = model.encode(texts, batch_size=args.batch_size)
            warm_runs.append(time.perf_counter() - started)
        warm_s = sorted(warm_runs)[WARM_RUNS // 2]
        size = sum(path.stat().st_size for path in Path(folder).glob("embeddings.sqlite*"))   # with the WAL
    if model.computed != computed or not np.array_equal(cold, warm):
        raise SystemExit("the warm encode computed texts or gave other vectors")
    characters = sum(map(len, texts))
    print(f"texts: {len(texts)} of click {version('click')}'s functions ({characters:,} characters, "
          f"{computed} distinct texts computed)")
    print(f"cold: {cold_s:8.3f} s  ({1000 * cold_s / len(texts):.1f} ms per text: forward pass and cache writes)")
    print(f"warm: {warm_s:8.4f} s  (median of {WARM_RUNS}; {1000 * warm_s / len(texts):.3f} ms per text: "
          "cache lookups)")
    print(f"cache file: {size / 1024:.0f} KiB")
    print(f"ratio={cold_s / warm_s:.0f}")


if __name__ == "__main__":
    main()
