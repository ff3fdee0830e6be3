"""RAG over click's source: code-aware chunks, a sqlite-vec + BM25 hybrid index, cited answers, an evaluation."""
from coderag.answer import Answer, answer, citations_in, is_grounded, is_weak
from coderag.build import build_index, corpus_chunks
from coderag.chunk import Chunk, embedding_text
from coderag.chunking import chunk_source
from coderag.evaluate import evaluate, write_report
from coderag.index import Hit, Index, fuse
from coderag.metrics import hit_at_k, ndcg_at_k, recall_at_k, reciprocal_rank, refusal_accuracy
from coderag.settings import Settings

__all__ = ["Answer", "answer", "citations_in", "is_grounded", "is_weak", "build_index", "corpus_chunks", "Chunk",
           "embedding_text", "chunk_source", "evaluate", "write_report", "Hit", "Index", "fuse", "hit_at_k",
           "ndcg_at_k", "recall_at_k", "reciprocal_rank", "refusal_accuracy", "Settings"]
