"""Multimodal graded tests. Each runs your `multimodal` package in its own process through ../driver.py. The grader
reads the screenshot and the PDF from ../fixtures itself, and checks the request bodies your code sent (recorded
on the grader's side) against each SDK's own content types; replies are authored (see the scenarios' headers)."""
import base64
from pathlib import Path

import pytest
from pydantic import TypeAdapter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PNG = base64.b64encode((FIXTURES / "screenshot.png").read_bytes()).decode()
PDF = base64.b64encode((FIXTURES / "spec.pdf").read_bytes()).decode()
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "building parts calls no model"}, "exchanges": []}
QUESTION = "How many requests per minute may each API key send? End with a final line ANSWER: <number>."
EXPECTED_CODE = ('import random\n\n\ndef backoff(attempt, base=0.5, cap=30.0):\n'
                 '    """Seconds to wait before retry number `attempt`."""\n'
                 '    delay = min(cap, base * 2 ** attempt)\n    return delay / 2 + random.uniform(0, delay / 2)\n')


def expected_parts(provider: str) -> dict:
    if provider == "anthropic":
        return {"image": {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG}},
                "pdf": {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": PDF}}}
    return {"image": {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}},
            "pdf": {"type": "file", "file": {"filename": "spec.pdf", "file_data": f"data:application/pdf;base64,{PDF}"}}}


def validate_with_sdk(provider: str, part: dict) -> None:
    """The part is one the installed SDK's own request types accept."""
    if provider == "anthropic":
        from anthropic.types import ContentBlockParam as Part
    else:
        from openai.types.chat import ChatCompletionContentPartParam as Part
    TypeAdapter(Part).validate_python(part)


def user_content(request: dict) -> list:
    messages = request["body"].get("messages") or []
    assert len(messages) == 1 and messages[0].get("role") == "user", \
        f"one user message carrying the parts and the question: {[m.get('role') for m in messages]}"
    content = messages[0]["content"]
    assert isinstance(content, list), "the content is a list of parts, not a string"
    return content


@pytest.mark.points(2)
@pytest.mark.hint("image_part / pdf_part: Anthropic wants {'type': 'image'|'document', 'source': {'type': 'base64', "
                  "'media_type': ..., 'data': <base64>}}; OpenAI Chat Completions wants {'type': 'image_url', "
                  "'image_url': {'url': 'data:image/png;base64,...'}} and {'type': 'file', 'file': {'filename': ..., "
                  "'file_data': 'data:application/pdf;base64,...'}}. Base64 of the bytes, no newlines.")
def test_parts_are_the_providers_own_content_types(run, provider):
    trace = run(NO_LLM, "parts", provider=provider, png_b64=PNG, pdf_b64=PDF, filename="spec.pdf")
    assert trace["ok"], f"building parts failed: {trace['error']}"
    want = expected_parts(provider)
    for name in ("image", "pdf"):
        got = trace["result"][name]
        validate_with_sdk(provider, got)
        assert got == want[name], f"{name} part for {provider}: {str(got)[:300]}"


@pytest.mark.points(3)
@pytest.mark.hint("ask sends ONE user message whose content is the parts, then the question as a text part, through "
                  "client.adapter.sdk (messages.create for Anthropic, chat.completions.create for OpenAI) with "
                  "client.model, and returns the reply's text.")
def test_a_pdf_and_its_question_go_in_one_message(run, provider):
    trace = run("spec", "ask_pdf", provider=provider, pdf_b64=PDF, filename="spec.pdf", question=QUESTION)
    assert trace["ok"], f"ask failed: {trace['error']}"
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} requests for one question"
    request = trace["sent"][0]
    assert request["api"] == {"anthropic": "anthropic-messages", "openai": "openai-chat"}[provider], request["api"]
    content = user_content(request)
    assert content[0] == expected_parts(provider)["pdf"], f"first part: {str(content[0])[:200]}"
    assert content[-1] == {"type": "text", "text": QUESTION}, f"the question is the last part: {content[-1]}"
    assert len(content) == 2, f"{len(content)} parts: the document and the question"
    assert trace["result"]["text"].rstrip().endswith("ANSWER: 120"), trace["result"]


@pytest.mark.points(3)
@pytest.mark.hint("code_from_image sends the screenshot as an image part with a question asking for one ```python "
                  "block, extracts it and compile()s it. When that raises SyntaxError, it asks ONCE more with the same "
                  "image, naming the SyntaxError and its line in the question; attempts counts the requests.")
def test_code_read_from_a_screenshot_is_compiled_and_retried_once(run, provider):
    trace = run("screenshot", "code_from_image", provider=provider, png_b64=PNG)
    assert trace["ok"], f"code_from_image failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 2, f"{len(sent)} requests: the first transcription does not compile, so one retry"
    for request in sent:
        content = user_content(request)
        assert expected_parts(provider)["image"] in content, "each request carries the screenshot as an image part"
        assert content.index(expected_parts(provider)["image"]) == 0, "the image comes before the question"
    retry = sent[1]["messages"][-1][1]
    assert "syntaxerror" in retry.lower() and "6" in retry, f"the retry names the SyntaxError and its line: {retry!r}"
    assert result == {"code": EXPECTED_CODE, "compiles": True, "attempts": 2}, result


@pytest.mark.points(2)
@pytest.mark.hint("The retry is bounded: after the second transcription also fails to compile, stop and return "
                  "compiles False with attempts 2 (and the last code read).")
def test_the_retry_is_bounded(run, provider):
    trace = run("unreadable", "code_from_image", provider=provider, png_b64=PNG)
    assert trace["ok"], f"code_from_image failed: {trace['error']}"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests; one try and one retry"
    result = trace["result"]
    assert result["compiles"] is False and result["attempts"] == 2, result
    assert result["code"] and result["code"].startswith("def backoff"), result
