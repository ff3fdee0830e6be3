"""Content parts for images and PDFs, one request that carries them, and code transcribed from a screenshot.

The two providers' own content types (base64 inline, no upload):
- Anthropic Messages: {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": B64}} and
  {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": B64}}.
- OpenAI Chat Completions: {"type": "image_url", "image_url": {"url": "data:image/png;base64,B64"}} and
  {"type": "file", "file": {"filename": NAME, "file_data": "data:application/pdf;base64,B64"}}.
The question goes in the same user message, as a text part AFTER the image or document.
"""
from __future__ import annotations

import base64
import re

import agentkit

FENCE = re.compile(r"^```[ \t]*(?:python|py)?[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def extract_code(text: str) -> str | None:
    """The first ```python (or unlabelled) block's body; None when there is none. Given."""
    match = FENCE.search(text)
    return match.group(1) if match else None


def image_part(provider: str, png: bytes) -> dict:
    """A PNG image as a content part of `provider`'s wire format ("anthropic", or "openai" for Chat Completions)."""
    ### BEGIN SOLUTION
    data = base64.b64encode(png).decode("ascii")
    if provider == "anthropic":
        return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}
    return {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{data}"}}
    ### END SOLUTION


def pdf_part(provider: str, pdf: bytes, filename: str) -> dict:
    """A PDF as a content part: Anthropic's document block, or OpenAI's file part with the file inline."""
    ### BEGIN SOLUTION
    data = base64.b64encode(pdf).decode("ascii")
    if provider == "anthropic":
        return {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": data}}
    return {"type": "file", "file": {"filename": filename, "file_data": f"data:application/pdf;base64,{data}"}}
    ### END SOLUTION


def ask(client: agentkit.Client, parts: list[dict], question: str, max_tokens: int = 1000) -> str:
    """One user message, `parts` then the question as a text part, sent with the client's SDK
    (`client.adapter.sdk`, model `client.model`); the reply's text."""
    ### BEGIN SOLUTION
    sdk = client.adapter.sdk
    if client.provider == "anthropic":
        content = [*parts, {"type": "text", "text": question}]
        message = sdk.messages.create(model=client.model, max_tokens=max_tokens,
                                      messages=[{"role": "user", "content": content}])
        return "".join(block.text for block in message.content if block.type == "text")
    content = [*parts, {"type": "text", "text": question}]
    completion = sdk.chat.completions.create(model=client.model, max_completion_tokens=max_tokens,
                                             messages=[{"role": "user", "content": content}])
    return completion.choices[0].message.content or ""
    ### END SOLUTION


TRANSCRIBE = ("Transcribe the Python code in this screenshot exactly, without the line numbers. Reply with one "
              "```python block and nothing else.")


def code_from_image(client: agentkit.Client, png: bytes) -> dict:
    """Transcribe the code in a screenshot and check it compiles. When it does not, ask once more with the same
    image and the SyntaxError (its message and line) in the question. Returns {"code": str | None,
    "compiles": bool, "attempts": int}."""
    ### BEGIN SOLUTION
    question = TRANSCRIBE
    code = None
    for attempt in (1, 2):
        code = extract_code(ask(client, [image_part(client.provider, png)], question))
        if code is None:
            error = "the reply had no ```python block"
        else:
            try:
                compile(code, "screenshot.py", "exec")
                return {"code": code, "compiles": True, "attempts": attempt}
            except SyntaxError as exc:
                error = f"SyntaxError: {exc.msg} (line {exc.lineno})"
        question = f"{TRANSCRIBE}\nYour previous transcription did not compile: {error}. Look again at that line."
    return {"code": code, "compiles": False, "attempts": 2}
    ### END SOLUTION
