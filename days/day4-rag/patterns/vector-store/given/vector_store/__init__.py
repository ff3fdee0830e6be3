"""Code chunks with file and line metadata in sqlite-vec (one SQLite file, opened through apsw): KNN search with
metadata filters, and re-indexing only the files whose content changed."""
from vector_store.chunks import Chunk, chunk_file
from vector_store.database import connect
from vector_store.store import Hit, SyncReport, VectorStore

__all__ = ["Chunk", "Hit", "SyncReport", "VectorStore", "chunk_file", "connect"]
