"""The searcher: keyword retrieval (BM25) over the corpus's passages. No model call: it is code, and cheap."""
from __future__ import annotations

from research_desk.corpus import Corpus, Passage

### BEGIN SOLUTION
import bm25s
### END SOLUTION


class Searcher:
    """`Searcher(corpus).search(query, k)`: the k passages that best match `query`, best first, none that do not
    match at all. Index once, in `__init__`: a run searches once per sub-question."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        ### BEGIN STARTER
        # # TODO 1: index the passages' texts (with their titles: a title says what a paragraph is about).
        # # bm25s: bm25s.BM25().index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        ### END STARTER
        ### BEGIN SOLUTION
        texts = [f"{p.title}\n{p.text}" for p in corpus.passages]
        self.index = bm25s.BM25()
        self.index.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        ### END SOLUTION

    def search(self, query: str, k: int = 5) -> list[Passage]:
        ### BEGIN STARTER
        # # TODO 1: retrieve, best first; drop passages with a score of 0 (nothing in common with the query).
        # raise NotImplementedError("TODO 1: Searcher.search")
        ### END STARTER
        ### BEGIN SOLUTION
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        k = min(k, len(self.corpus.passages))
        found, scores = self.index.retrieve(tokens, k=k, show_progress=False)
        return [self.corpus.passages[int(i)] for i, score in zip(found[0], scores[0]) if score > 0]
        ### END SOLUTION
