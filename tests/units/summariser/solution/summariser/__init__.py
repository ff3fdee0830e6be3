"""Summarise text in one sentence with an LLM."""


def summarise(client, text: str) -> str:
    reply = client.chat(f"Summarise this:\n\n{text}", system="You summarise text in exactly one sentence.",
                        max_tokens=120)
    return reply.text.strip()
