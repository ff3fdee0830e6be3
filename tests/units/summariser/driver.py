"""Calls the demo unit's code for the tests and returns plain JSON."""
from agentkit import Client


def summarise(submission, provider: str, text: str) -> dict:
    return {"summary": str(submission.summarise(Client(provider), text))}
