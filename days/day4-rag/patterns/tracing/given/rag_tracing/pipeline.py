"""The RAG pipeline being traced, kept small: a few chunks of click's documentation, keyword retrieval, a context
packed into a token budget, a tool that reads a click docstring, and the citations of an answer."""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

import click

from agentkit import Tool


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str   # file and symbol in click
    text: str

    @property
    def tokens(self) -> int:
        return len(self.text) // 4 + 1  # a rough count; the budget only needs to be consistent


CHUNKS = [
    Chunk("option-multiple", "click/core.py Option", "multiple: if this is set to True then the option is accepted "
          "multiple times and the values are recorded as a tuple."),
    Chunk("option-count", "click/core.py Option", "count: this flag makes an option increment an integer each "
          "time it is used."),
    Chunk("option-envvar", "click/core.py Option", "envvar: a string or list of strings that are environment "
          "variables that should be checked for the option's value."),
    Chunk("option-hide-input", "click/core.py Option", "hide_input: if this is True then the input on the prompt "
          "will be hidden from the user. This is useful for password input."),
    Chunk("option-prompt", "click/core.py Option", "prompt: if set to True or a non empty string then the user will "
          "be prompted for input when the option is not given."),
    Chunk("context-forward", "click/core.py Context.forward", "forward: Similar to invoke but fills in default "
          "keyword arguments from the current context if the other command expects it."),
    Chunk("echo", "click/utils.py echo", "echo: Print a message and newline to stdout or a file. This should be used "
          "instead of print() because it provides better support for different data, files, and environments."),
    Chunk("style", "click/termui.py style", "style: Styles a text with ANSI styles and returns the new string."),
]
WORD = re.compile(r"[a-z_]+")
CITATION = re.compile(r"\[([a-z0-9][a-z0-9_.-]*)\]")
LOOKUP = Tool(name="lookup_symbol", description="The docstring of a public click function or class, by name.",
              parameters={"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"],
                          "additionalProperties": False})


def retrieve(query: str, k: int = 3, chunks: list[Chunk] = CHUNKS) -> list[tuple[Chunk, float]]:
    """The k chunks sharing the most words with the query (ties keep corpus order), with their scores."""
    words = set(WORD.findall(query.lower()))
    scored = [(chunk, len(words & set(WORD.findall(chunk.text.lower()))) / (len(words) or 1)) for chunk in chunks]
    return [pair for pair in sorted(scored, key=lambda pair: -pair[1])[:k] if pair[1] > 0]


def pack(chunks: list[Chunk], budget_tokens: int) -> tuple[list[Chunk], list[Chunk]]:
    """(kept, dropped): chunks in rank order while they fit the budget."""
    kept, dropped, used = [], [], 0
    for chunk in chunks:
        if used + chunk.tokens <= budget_tokens:
            kept.append(chunk)
            used += chunk.tokens
        else:
            dropped.append(chunk)
    return kept, dropped


def prompt(question: str, kept: list[Chunk]) -> str:
    context = "\n".join(f"[{chunk.id}] {chunk.text}" for chunk in kept) or "(no context)"
    return f"<context>\n{context}\n</context>\n\nQuestion: {question}"


def citations(text: str) -> list[str]:
    """The chunk ids an answer cites as [id], in order, each once."""
    return list(dict.fromkeys(CITATION.findall(text)))


def lookup_symbol(name: str) -> str:
    """The first paragraph of a click symbol's docstring; KeyError for a name click does not export."""
    if not name.isidentifier() or not hasattr(click, name):
        raise KeyError(f"click has no public symbol {name!r}")
    return (inspect.getdoc(getattr(click, name)) or "").split("\n\n")[0]
