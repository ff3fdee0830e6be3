"""What the graders call: run the student's `multimodal` package and hand back plain JSON data only.

The image and the PDF come from the test as base64 text (the grader reads them from this unit's fixtures); the
client is `agentkit.Client(provider)`, answered by the scenario the test names."""
from __future__ import annotations

import base64

import agentkit


def parts(submission, provider: str, png_b64: str, pdf_b64: str, filename: str) -> dict:
    return {"image": submission.image_part(provider, base64.b64decode(png_b64)),
            "pdf": submission.pdf_part(provider, base64.b64decode(pdf_b64), filename)}


def ask_pdf(submission, provider: str, pdf_b64: str, filename: str, question: str) -> dict:
    client = agentkit.Client(provider)
    part = submission.pdf_part(client.provider, base64.b64decode(pdf_b64), filename)
    return {"text": submission.ask(client, [part], question)}


def code_from_image(submission, provider: str, png_b64: str) -> dict:
    got = submission.code_from_image(agentkit.Client(provider), base64.b64decode(png_b64))
    return {key: got.get(key) for key in ("code", "compiles", "attempts")}
