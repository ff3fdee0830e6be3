"""Summarise text in one sentence with an LLM."""


def summarise(client, text: str) -> str:
    # TODO: ask `client` (an agentkit.Client) for a one-sentence summary of `text` and return it.
    raise NotImplementedError
