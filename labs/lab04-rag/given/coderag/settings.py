"""The pipeline's knobs, in one place."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    k: int = 5                      # chunks retrieved for an answer (and scored by the metrics @5)
    candidates: int = 20            # each retriever's ranking handed to the fusion
    rrf_k: int = 60                 # reciprocal rank fusion's constant: score = sum of 1 / (rrf_k + rank)
    min_similarity: float = 0.27    # below this best cosine (vector search), answer "I don't know" without a call
    max_tokens: int = 800           # the answer's reply cap
