"""compress(): prose rules on the unprotected text only, then an optional token budget, measured with tiktoken."""
from __future__ import annotations

from dataclasses import dataclass

### BEGIN STARTER
# from prompt_compression import prose  # noqa: F401 - the rules you write in prose.py
# from prompt_compression.budget import fit_to_budget  # noqa: F401
# from prompt_compression.protect import mask  # noqa: F401
# from prompt_compression.tokens import count_tokens  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from prompt_compression.budget import fit_to_budget
from prompt_compression import prose
from prompt_compression.protect import mask
from prompt_compression.tokens import count_tokens
### END SOLUTION


@dataclass(frozen=True)
class CompressionResult:
    text: str
    original_tokens: int
    compressed_tokens: int

    @property
    def ratio(self) -> float:
        """Compressed over original tokens: 0.7 means the prompt is 30% smaller (1.0 for an empty prompt)."""
        return self.compressed_tokens / self.original_tokens if self.original_tokens else 1.0

    @property
    def saved_tokens(self) -> int:
        return self.original_tokens - self.compressed_tokens


def compress(prompt: str, *, max_tokens: int | None = None, protect_quotes: bool = False,
             strip_boilerplate: bool = False, dedupe: bool = True) -> CompressionResult:
    """A shorter prompt with the same instructions. Fenced code blocks, inline code, URLs (and, with
    protect_quotes, "quoted strings") come out byte for byte as they went in.

    max_tokens: leave out sentences from the middle of the prose, behind a `[... N tokens omitted ...]`
    marker, until the prompt fits; raises PromptTooLong if the code blocks and the first and last sentence
    alone are too long. Compressing the result again changes nothing.
    """
    ### BEGIN STARTER
    # # TODO step 5: mask the prompt, run the prose rules on masked.text until it stops changing (fillers,
    # # boilerplate if asked, duplicates if dedupe, whitespace), fit_to_budget if max_tokens is given, restore,
    # # and count both texts with count_tokens. This is where the naive version goes wrong: never run a rule
    # # on the unmasked prompt.
    # raise NotImplementedError("step 5: compress")
    ### END STARTER
    ### BEGIN SOLUTION
    masked = mask(prompt, quotes=protect_quotes)
    text, previous = masked.text, None
    while text != previous:  # until nothing changes, so compressing the output again is a no-op
        previous = text
        text = prose.remove_fillers(text)
        if strip_boilerplate:
            text = prose.strip_boilerplate(text)
        if dedupe:
            text = prose.drop_duplicates(text)
        text = prose.tidy_whitespace(text)
    if max_tokens is not None:
        text = fit_to_budget(masked, text, max_tokens, count_tokens)
    compressed = masked.restore(text)
    return CompressionResult(compressed, count_tokens(prompt), count_tokens(compressed))
    ### END SOLUTION
