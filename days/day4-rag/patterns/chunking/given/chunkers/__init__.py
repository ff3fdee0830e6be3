"""Three ways to cut source files into chunks that know their lines."""
from chunkers.chunk import Chunk, lines_of, span
from chunkers.code import code_chunks
from chunkers.fixed import fixed_size
from chunkers.recursive import recursive

__all__ = ["Chunk", "code_chunks", "fixed_size", "lines_of", "recursive", "span"]
