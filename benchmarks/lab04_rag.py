"""Lab 04's reference pipeline on this machine: how long the index over click's four modules takes to build, and
how long one hybrid query takes. Usage: python benchmarks/lab04_rag.py [--queries N]"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "solutions" / "lab04-rag"))

from coderag import build_index, corpus_chunks  # noqa: E402
from coderag.corpus import load_questions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=32)
    options = parser.parse_args()
    started = time.perf_counter()
    chunks = corpus_chunks()
    chunked = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        index = build_index(str(Path(folder) / "index.db"))
        built = time.perf_counter() - started
        questions = [q["question"] for q in load_questions(ROOT / "labs" / "lab04-rag" / "questions.yaml")]
        latencies = []
        for question in (questions * 4)[:options.queries]:
            started = time.perf_counter()
            index.search(question)
            latencies.append((time.perf_counter() - started) * 1000)
    print(f"chunks: {len(chunks)} in {chunked * 1000:.0f} ms")
    print(f"index build (embed + vec0 + bm25): {built:.1f} s")
    print(f"hybrid query: median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms "
          f"over {len(latencies)} queries")


if __name__ == "__main__":
    main()
