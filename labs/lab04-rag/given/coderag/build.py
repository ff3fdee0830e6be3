"""The whole corpus chunked and indexed."""
from coderag.chunking import chunk_source
from coderag.corpus import CLICK_ROOT, MODULES, read_module
from coderag.index import Index
from coderag.settings import Settings


def corpus_chunks(modules=MODULES, root=CLICK_ROOT) -> list:
    return [chunk for name in modules for chunk in chunk_source(name, read_module(name, root))]


def build_index(path: str, modules=MODULES, root=CLICK_ROOT, settings: Settings = Settings()) -> Index:
    return Index.build(corpus_chunks(modules, root), path, settings)
