### BEGIN STARTER
# """Make a prompt fit a token budget by leaving out the least important prose, never part of a code block."""
### END STARTER
### BEGIN SOLUTION
"""Make a prompt fit a token budget by leaving out the least important prose, never part of a code block.

What goes first: sentences from the middle of the prose, working outwards. The first sentence (usually the
instruction) and the last (usually the question) stay, and so does every fenced code block, whole. Each run
of left-out text becomes one visible marker, `[... 120 tokens omitted ...]`, so neither the model nor a person
reading the logs mistakes the shortened prompt for the whole one.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Callable
### BEGIN STARTER
#
# from prompt_compression.prose import SENTENCE_SPLIT  # noqa: F401 - you will want it
### END STARTER
### BEGIN SOLUTION
from dataclasses import dataclass

from prompt_compression.prose import SENTENCE_SPLIT
### END SOLUTION
from prompt_compression.protect import Masked


class PromptTooLong(ValueError):
    """Even with every droppable sentence left out, the prompt needs more tokens than the budget allows."""


def marker(tokens: int) -> str:
    ### BEGIN STARTER
    # """What stands where text was left out: '[... 120 tokens omitted ...]'."""
    ### END STARTER
    return f"[... {tokens} token{'' if tokens == 1 else 's'} omitted ...]"


### BEGIN SOLUTION
@dataclass
class Chunk:
    text: str          # a sentence with the whitespace after it, a blank line, or a code block's line
    droppable: bool


def chunks_of(masked: Masked, text: str) -> list[Chunk]:
    """`text` (masked) cut into sentences and whole code-block lines; joining them gives `text` back."""
    chunks: list[Chunk] = []
    for line in text.splitlines(keepends=True):
        if masked.is_block(line) or not line.strip():
            chunks.append(Chunk(line, droppable=False))
            continue
        body = line.rstrip("\n")
        indent = body[:len(body) - len(body.lstrip(" \t"))]
        pieces = SENTENCE_SPLIT.split(body[len(indent):])
        pieces[0] = indent + pieces[0]
        pieces[-1] += line[len(body):]
        chunks += [Chunk(piece, droppable=True) for piece in pieces]
    prose = [chunk for chunk in chunks if chunk.droppable]
    for kept in prose[:1] + prose[-1:]:   # the opening instruction and the final question
        kept.droppable = False
    return chunks


def assemble(chunks: list[Chunk], dropped: set[int], count: Callable[[str], int]) -> str:
    """The text with each run of dropped chunks (and the blank lines between them) replaced by one marker."""
    out: list[str] = []
    run: list[str] = []
    blanks: list[str] = []   # blank lines met inside a run: part of it if more dropped text follows

    def close_run() -> None:
        text = "".join(run)
        indent = text[:len(text) - len(text.lstrip(" \t"))]
        out.append(indent + marker(count(text)) + text[len(text.rstrip()):])
        run.clear()

    for number, chunk in enumerate(chunks):
        if number in dropped:
            run.extend(blanks + [chunk.text])
            blanks.clear()
        elif run and not chunk.text.strip():
            blanks.append(chunk.text)
        else:
            if run:
                close_run()
                out.extend(blanks)
                blanks.clear()
            out.append(chunk.text)
    if run:
        close_run()
        out.extend(blanks)
    return "".join(out)


### END SOLUTION
def fit_to_budget(masked: Masked, text: str, max_tokens: int, count: Callable[[str], int]) -> str:
    ### BEGIN STARTER
    # """`text` (the masked prose: code blocks are placeholders on lines of their own, `masked.is_block(line)`)
    # shortened until `count(masked.restore(result)) <= max_tokens`; unchanged if it already fits.
    #
    # Cut the prose into sentences (SENTENCE_SPLIT within each line). Never drop a code-block line, the first
    # sentence (the instruction) or the last (the question). Drop the others from the middle of the prose
    # outwards, as few as needed, and replace each run of dropped sentences (with the blank lines between them)
    # by one marker(N), N = count of the restored text it replaces. If the prompt cannot fit even with every
    # droppable sentence gone, raise PromptTooLong.
    # """
    # # TODO step 6
    # raise NotImplementedError("step 6: fit_to_budget")
    ### END STARTER
    ### BEGIN SOLUTION
    """`text` (masked prose) shortened until `count(masked.restore(...))` is at most `max_tokens`."""
    chunks = chunks_of(masked, text)
    droppable = [n for n, chunk in enumerate(chunks) if chunk.droppable]
    middle = (len(droppable) - 1) / 2
    order = [n for _, n in sorted((abs(place - middle), n) for place, n in enumerate(droppable))]  # middle first

    def restored(k: int) -> str:   # the prompt with the first k chunks of `order` left out
        return masked.restore(assemble(chunks, set(order[:k]), lambda part: count(masked.restore(part))))

    if count(restored(0)) <= max_tokens:
        return text
    smallest = count(restored(len(order)))
    if smallest > max_tokens:
        raise PromptTooLong(f"the prompt needs at least {smallest} tokens with every droppable sentence left out "
                            f"(code blocks are never cut), more than max_tokens={max_tokens}")
    # Fewest chunks to leave out: binary search, keeping `fits(high)` true so the answer always fits.
    low, high = 0, len(order)
    while high - low > 1:
        mid = (low + high) // 2
        if count(restored(mid)) <= max_tokens:
            high = mid
        else:
            low = mid
    return assemble(chunks, set(order[:high]), lambda part: count(masked.restore(part)))
    ### END SOLUTION
