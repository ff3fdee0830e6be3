"""Make a prompt fit a token budget by leaving out the least important prose, never part of a code block."""
from __future__ import annotations

from collections.abc import Callable

from prompt_compression.prose import SENTENCE_SPLIT  # noqa: F401 - you will want it
from prompt_compression.protect import Masked


class PromptTooLong(ValueError):
    """Even with every droppable sentence left out, the prompt needs more tokens than the budget allows."""


def marker(tokens: int) -> str:
    """What stands where text was left out: '[... 120 tokens omitted ...]'."""
    return f"[... {tokens} token{'' if tokens == 1 else 's'} omitted ...]"


def fit_to_budget(masked: Masked, text: str, max_tokens: int, count: Callable[[str], int]) -> str:
    """`text` (the masked prose: code blocks are placeholders on lines of their own, `masked.is_block(line)`)
    shortened until `count(masked.restore(result)) <= max_tokens`; unchanged if it already fits.

    Cut the prose into sentences (SENTENCE_SPLIT within each line). Never drop a code-block line, the first
    sentence (the instruction) or the last (the question). Drop the others from the middle of the prose
    outwards, as few as needed, and replace each run of dropped sentences (with the blank lines between them)
    by one marker(N), N = count of the restored text it replaces. If the prompt cannot fit even with every
    droppable sentence gone, raise PromptTooLong.
    """
    # TODO step 6
    raise NotImplementedError("step 6: fit_to_budget")
