"""agentkit.embeddings' cache (content-addressed, SQLite, shared by processes) and the grader's embedding route
(a sandboxed worker's `MiniLM.encode` gets its vectors from the grader's broker, which computes them)."""
import hashlib
import json
import logging
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from agentkit import embeddings
from agentkit.embeddings import EmbeddingCache, MiniLM, _UnixConnection
from agentkit.replay import broker as broker_module
from agentkit.replay.broker import EMBEDDINGS_PATH, ScenarioBroker
from autograder.runner import InProcessRunner, Runner, sandbox_available
from autograder.units import ROOT

TEXTS = ["How do I reset my password?", "I forgot my password", "What is your refund policy?",
         "The cat sat on the mat.", "def main(): return 0"]
NO_CALLS = {"name": "no model calls", "provenance": {"kind": "authored"}, "exchanges": []}
SANDBOX = sandbox_available()

# A submission of a tiny unit `embedder`: what its encode returned, and whether its own process computed anything.
EMBEDDER = '''
from agentkit.embeddings import MiniLM


def embed(texts, times=1):
    model = MiniLM.load()
    for _ in range(times):
        vectors = model.encode(texts)
    return {"vectors": vectors.tolist(), "computed_here": model.computed,
            "weights_loaded": model._weights is not None}
'''
DRIVER = '''
def embed(submission, texts, times=1):
    return submission.embed(texts, times)
'''


@pytest.fixture(scope="module")
def model():
    return MiniLM.load()


@pytest.fixture
def cache_file(tmp_path, monkeypatch):
    path = tmp_path / "cache" / "embeddings.sqlite"
    monkeypatch.setenv(embeddings.CACHE_ENV, str(path))
    return path


@pytest.fixture
def forward(monkeypatch):
    """The rows that went through the forward pass, one entry per batch, in this process."""
    batches = []
    real = MiniLM._embed

    def counting(self, ids, mask):
        batches.append(len(ids))
        return real(self, ids, mask)

    monkeypatch.setattr(MiniLM, "_embed", counting)
    return batches


def rows_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM embeddings").fetchone()[0]


def test_a_second_encode_computes_nothing(model, cache_file, forward):
    first = model.encode(TEXTS)
    assert sum(forward) == len(TEXTS)
    hits = model.cache_hits
    second = model.encode(TEXTS)
    assert sum(forward) == len(TEXTS), "the second encode ran the forward pass"
    assert model.cache_hits == hits + len(TEXTS)
    assert np.array_equal(first, second) and second.dtype == np.float32 and second.flags.writeable
    assert rows_in(cache_file) == len(TEXTS)


def test_the_key_holds_the_model_identity(model, cache_file, forward, monkeypatch):
    """Another forward-pass revision (or other weights, or another max_length) never reads these vectors."""
    weights = model.folder / "model.safetensors"
    assert embeddings.weights_digest(weights) == hashlib.sha256(weights.read_bytes()).hexdigest()
    assert f"max_length={model.max_length}".encode() in model.identity
    model.encode(TEXTS[:2])
    monkeypatch.setattr(embeddings, "ENCODER_REVISION", "numpy-next")
    other = MiniLM(model.folder)   # a second copy: cheap, its weights are read only when it computes
    other.encode(TEXTS[:2])
    assert (other.cache_hits, other.computed) == (0, 2) and rows_in(cache_file) == 4


def test_cached_vectors_are_the_computed_ones_and_cache_false_skips_the_cache(model, cache_file, forward):
    computed = model.encode(TEXTS, cache=False)
    assert not cache_file.exists() or rows_in(cache_file) == 0, "cache=False wrote to the cache"
    model.encode(TEXTS)
    assert np.array_equal(model.encode(TEXTS), computed)   # from the cache, bit for bit
    assert np.array_equal(model.encode(TEXTS, cache=False), computed)
    assert sum(forward) == 3 * len(TEXTS)   # cache=False computed both times, the cached encode once


def test_rows_keep_their_order_with_hits_misses_and_repeats(model, cache_file, forward):
    alone = {text: model.encode(text, cache=False)[0] for text in TEXTS}
    forward.clear()
    model.encode(TEXTS[::2])                          # 0, 2 and 4 are now cached
    mixed = [TEXTS[3], TEXTS[0], TEXTS[1], TEXTS[3], TEXTS[4], TEXTS[1], TEXTS[2]]
    vectors = model.encode(mixed)
    assert sum(forward) == 3 + 2, "each missing text computed once, the cached ones not at all"
    for row, text in zip(vectors, mixed):
        assert np.abs(row - alone[text]).max() < 1e-5
    assert np.array_equal(vectors[0], vectors[3]) and np.array_equal(vectors[2], vectors[5])


def test_a_location_that_cannot_be_written_means_no_cache(model, tmp_path, monkeypatch, forward, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(embeddings.CACHE_ENV, str(blocker / "embeddings.sqlite"))
    expected = model.encode(TEXTS, cache=False)
    with caplog.at_level(logging.WARNING, logger="agentkit.embeddings"):
        assert np.array_equal(model.encode(TEXTS), expected)
        assert np.array_equal(model.encode(TEXTS), expected)
    assert sum(forward) == 3 * len(TEXTS)
    assert EmbeddingCache.at(blocker / "embeddings.sqlite").unusable
    assert sum("cannot be used" in record.message for record in caplog.records) == 1


@pytest.mark.skipif(not SANDBOX, reason="needs bubblewrap for a read-only file system")
def test_a_read_only_file_system_means_no_cache(model, cache_file):
    """An existing cache on a read-only mount, and one that would have to be created there."""
    model.encode(TEXTS[:2])
    script = textwrap.dedent(f"""
        import os, numpy as np
        from agentkit.embeddings import MiniLM
        model = MiniLM.load()
        for where in ({str(cache_file)!r}, {str(cache_file.parent / 'new' / 'e.sqlite')!r}):
            os.environ["COURSE_EMBEDDING_CACHE"] = where
            vectors = model.encode({TEXTS!r})
            assert np.abs(vectors - model.encode({TEXTS!r}, cache=False)).max() < 1e-5
        print("ok", model.computed)
    """)
    done = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
                           "--die-with-parent", sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok")
    assert rows_in(cache_file) == 2


def test_a_cache_write_that_fails_never_fails_an_encode(model, cache_file, monkeypatch, caplog):
    model.encode(TEXTS[:1])                            # the file exists, in WAL mode
    monkeypatch.setattr(embeddings, "BUSY_TIMEOUT_S", 0.05)
    monkeypatch.setattr(EmbeddingCache, "_instances", {})   # a new connection, with the short timeout
    holder = sqlite3.connect(cache_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")                  # another process's long write
    try:
        with caplog.at_level(logging.WARNING, logger="agentkit.embeddings"):
            vectors = model.encode(TEXTS)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert np.abs(vectors - model.encode(TEXTS, cache=False)).max() < 1e-5
    assert any("not written" in record.message for record in caplog.records)
    assert rows_in(cache_file) == 1


WRITER = """
import sys, zlib, numpy as np
from agentkit.embeddings import MiniLM

def fake(self, texts, batch_size):   # the forward pass replaced by a fast function of the text
    return np.stack([np.random.default_rng(zlib.crc32(t.encode())).random(self.dimension, dtype=np.float32)
                     for t in texts])

MiniLM._compute = fake
model = MiniLM.load()
me = int(sys.argv[1])
for turn in range(60):
    texts = [f"shared {turn} {i}" for i in range(8)] + [f"own {me} {turn} {i}" for i in range(8)]
    vectors = model.encode(texts)
    assert np.array_equal(vectors, fake(model, texts, 0))
print(model.computed, model.cache_hits)
"""


def test_two_processes_writing_at_once(model, cache_file):
    model.encode("x")   # fix the file's place; the writers race on its rows
    environment = {"PYTHONPATH": str(ROOT), embeddings.CACHE_ENV: str(cache_file), "PATH": "/usr/bin:/bin"}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(me)], env=environment, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for me in (1, 2)]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err[-2000:]
        assert "embedding cache" not in err, err[-2000:]   # no read, write or open of the cache failed
    assert rows_in(cache_file) == 1 + 60 * 8 * 3
    with sqlite3.connect(cache_file) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def post(socket_path, body: bytes, method: str = "POST") -> tuple[int, bytes]:
    connection = _UnixConnection(str(socket_path), 30)
    try:
        connection.request(method, EMBEDDINGS_PATH, body, {"content-type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def broker(tmp_path):
    running = ScenarioBroker(tmp_path / "llm.sock").start()
    yield running
    running.stop()


def test_the_route_answers_vectors_and_refuses_what_it_should(model, cache_file, broker, monkeypatch):
    broker.begin(NO_CALLS)
    status, body = post(broker.socket_path, json.dumps({"texts": TEXTS, "model": "other", "max_length": 3}).encode())
    assert status == 200
    assert np.array_equal(np.frombuffer(body, "<f4").reshape(len(TEXTS), 384), model.encode(TEXTS))
    monkeypatch.setattr(broker_module, "MAX_EMBEDDING_TEXTS_PER_JOB", 7)
    for bad, code, words in [(b'{"texts": [1, 2]}', 400, "JSON"), (b"not json", 400, "JSON"),
                             (json.dumps({"texts": ["x"] * 257}).encode(), 413, "at most 256 texts"),
                             (json.dumps({"texts": ["x" * 600_000]}).encode(), 413, "512,000 characters"),
                             (json.dumps({"texts": ["x"] * 3}).encode(), 429, "more than 7 texts")]:
        status, body = post(broker.socket_path, bad)
        assert (status, words in body.decode()) == (code, True), body
    assert post(broker.socket_path, b"", method="GET")[0] == 405
    sent, served = broker.end()
    assert sent == [] and served == []   # not a model call: nothing recorded
    broker.begin(NO_CALLS)               # the next test has its own budget
    assert post(broker.socket_path, json.dumps({"texts": ["x"] * 3}).encode())[0] == 200
    broker.end()


def test_the_route_stops_computing_when_the_test_has_ended(model, broker, monkeypatch):
    """A worker stopped at its deadline leaves no long computation behind in the grader."""
    slices = []

    def slow_slice(self, texts, **options):
        slices.append(len(texts))
        broker.end()   # the job's deadline passes while this slice is computed
        return np.zeros((len(texts), self.dimension), dtype=np.float32)

    monkeypatch.setattr(MiniLM, "encode_here", slow_slice)
    monkeypatch.setattr(broker_module, "EMBEDDING_SLICE", 2)
    broker.begin(NO_CALLS)
    status, body = post(broker.socket_path, json.dumps({"texts": TEXTS}).encode())
    assert (status, slices) == (503, [2]), body


def embedder_unit(folder: Path) -> tuple[Path, Path]:
    (folder / "sub" / "embedder").mkdir(parents=True)
    (folder / "sub" / "embedder" / "__init__.py").write_text(EMBEDDER)
    (folder / "driver.py").write_text(DRIVER)
    return folder / "sub", folder / "driver.py"


@pytest.mark.skipif(not SANDBOX, reason="needs bubblewrap")
def test_the_grader_embeds_for_a_sandboxed_worker_and_refuses_a_flood(model, tmp_path, cache_file, forward,
                                                                      monkeypatch):
    target, driver = embedder_unit(tmp_path)
    with Runner("embedder", target, driver, sandbox=True) as runner:
        assert runner.start().get("ready")
        trace = runner.run(NO_CALLS, "embed", texts=TEXTS)
        assert trace["ok"], trace["error"]
        result = trace["result"]
        assert np.array_equal(np.asarray(result["vectors"], dtype=np.float32), model.encode(TEXTS))
        assert (result["computed_here"], result["weights_loaded"]) == (0, False), "the worker computed"
        assert sum(forward) == len(TEXTS) and rows_in(cache_file) == len(TEXTS)   # the grader did, and kept them
        assert trace["sent"] == []

        assert runner.run(NO_CALLS, "embed", texts=TEXTS)["ok"]
        assert sum(forward) == len(TEXTS), "the grader computed cached texts again"

        monkeypatch.setattr(broker_module, "MAX_EMBEDDING_TEXTS_PER_JOB", 600)
        flood = runner.run(NO_CALLS, "embed", texts=["flood"] * 300, times=3)
        assert not flood["ok"]
        assert "EmbeddingServiceError" in flood["error"] and "more than 600 texts" in flood["error"]
        assert runner.run(NO_CALLS, "embed", texts=["flood"] * 300)["ok"]   # the next test's budget is new


def test_in_process_grading_computes_here_with_the_cache(model, tmp_path, cache_file, forward):
    """nbgrader's path: the notebook's own code, no worker, no broker."""
    target, driver = embedder_unit(tmp_path)
    sys.path.insert(0, str(target))
    try:
        import embedder
        runner = InProcessRunner(embedder, driver)
        trace = runner.run(NO_CALLS, "embed", texts=TEXTS)
    finally:
        sys.path.remove(str(target))
        sys.modules.pop("embedder", None)
    assert trace["ok"], trace["error"]
    assert np.array_equal(np.asarray(trace["result"]["vectors"], dtype=np.float32), model.encode(TEXTS))
    assert sum(forward) == len(TEXTS) and rows_in(cache_file) == len(TEXTS)


def test_unsandboxed_worker_also_asks_the_grader(model, tmp_path, cache_file, forward):
    """Without bubblewrap the worker is a plain process; it still gets the grader's vectors."""
    target, driver = embedder_unit(tmp_path)
    with Runner("embedder", target, driver, sandbox=False) as runner:
        trace = runner.run(NO_CALLS, "embed", texts=TEXTS[:2])
    assert trace["ok"], trace["error"]
    assert trace["result"]["computed_here"] == 0 and sum(forward) == 2
