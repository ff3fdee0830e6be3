"""A large transformation split across calls: chunks by function or class, a running record of decisions,
each transformed piece checked (compiles, keeps its public names) and retried once, then assembled."""
from large_transformations.legacy import INSTRUCTIONS, LEGACY
from large_transformations.migrate import (Chunk, check_piece, decisions_in, extract_code, migrate, public_names,
                                           split_module)

__all__ = ["Chunk", "check_piece", "decisions_in", "extract_code", "migrate", "public_names", "split_module",
           "INSTRUCTIONS", "LEGACY"]
