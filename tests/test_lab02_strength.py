"""Lab 02's tests are strong and fair: a submission that breaks one contract rule loses points, and a correct
submission built differently from the reference scores full marks.

Each submission is a copy of the reference package with one edit; all are graded, visible and hidden tests.
"""
from __future__ import annotations


import pytest

from autograder.units import find_unit
from tests.helpers import grade_variants

UNIT = find_unit("lab02")
REPAIR, GROUND, ANALYZE, APP, PROMPTS = "repair.py", "grounding.py", "analyze.py", "app.py", "prompts.py"

# name -> (file, [(old, new), ...]): each edit must apply exactly once
BROKEN = {
    "repair: fences not removed": (REPAIR, [("body = fenced.group(1) if fenced else text", "body = text")]),
    "repair: prose around the object breaks it": (REPAIR, [("value, _ = json.JSONDecoder().raw_decode(body, start)",
                                                            "value = json.loads(body)")]),
    "validate: no schema check": (ANALYZE, [("return Analysis.model_validate(extract_json(text))",
                                             "return Analysis.model_construct(**extract_json(text))")]),
    "retry: the error is not fed back": (ANALYZE, [("Message.user(feedback(exc))",
                                                    "Message.user('Please try again.')")]),
    "retry: the conversation is dropped": (ANALYZE, [(
        "history += [Message.assistant(reply.text), Message.user(feedback(exc))]",
        "history = [Message.user(feedback(exc))]")]),
    "retry: never retried": (ANALYZE, [("            continue\n", "            break\n")]),
    "retry: one attempt more than allowed": (ANALYZE, [("range(settings.max_attempts)", "range(settings.max_attempts + 1)")]),
    "retry: a model error is retried": (ANALYZE, [(
        "            raise ModelUnavailable(f\"the model call failed: {exc}\") from exc\n",
        "            error = exc\n            continue\n")]),
    "ground: nothing dropped": (ANALYZE, [('update={"issues": ground(analysis.issues, source)}',
                                          'update={"issues": analysis.issues}')]),
    "ground: the snippet is not checked": (GROUND, [("quoted and quoted in lines[issue.line - 1]", "True")]),
    "ground: the line may be past the end": (GROUND, [("1 <= issue.line <= len(lines) and quoted and quoted in lines[issue.line - 1]",
                                                       "quoted and any(quoted in line for line in lines)")]),
    "ground: snippets not stripped": (GROUND, [("quoted = issue.snippet.strip()", "quoted = issue.snippet")]),
    "ground: a blank snippet is kept": (GROUND, [("and quoted and quoted in", "and quoted in")]),
    "cap: no token cap": (ANALYZE, [("if tokens > settings.max_input_tokens:", "if False:")]),
    "cap: the cap is exclusive": (ANALYZE, [("if tokens > settings.max_input_tokens:", "if tokens >= settings.max_input_tokens:")]),
    "cap: characters counted, not tokens": (ANALYZE, [("tokens = count_tokens(source)", "tokens = len(source)")]),
    "prompt: the code is not delimited": (PROMPTS, [('return f"Review this code.\\n<code>\\n{numbered}\\n</code>"',
                                                      'return f"Review this code.\\n{numbered}"')]),
    "prompt: no max_tokens": (ANALYZE, [("system=SYSTEM, max_tokens=settings.max_reply_tokens)", "system=SYSTEM)")]),
    "api: blank code is analysed": (APP, [("if not body.code.strip():", "if not body.code:")]),
    "api: too large is 400": (APP, [("return error(413, str(exc))", "return error(400, str(exc))")]),
    "api: invalid output is a 500": (APP, [("        except AnalysisFailed as exc:\n            return error(502, f\"the model gave no valid analysis: {exc}\")\n", "")]),
    "api: a model error is 502": (APP, [("return error(503,", "return error(502,")]),
}

CORRECT = {
    "a regex that takes the object between the first { and the last }": (REPAIR, [(
        "    value, _ = json.JSONDecoder().raw_decode(body, start)  # from a \"{\", so a dict or a JSONDecodeError\n",
        "    import re as regex\n    objects = [m for m in regex.finditer(r'}', body) if m.start() > start]\n"
        "    value = None\n    for m in reversed(objects):\n        try:\n            value = json.loads(body[start:m.end()])\n"
        "            break\n        except ValueError:\n            continue\n    else:\n        raise ValueError('no object')\n")]),
    "the whole error list as the feedback, in one user turn with the code": (ANALYZE, [(
        "history += [Message.assistant(reply.text), Message.user(feedback(exc))]",
        "history = [Message.user(user_message(source) + '\\n\\nYour previous reply:\\n' + reply.text + "
        "'\\n\\nIt was rejected: ' + repr(getattr(exc, 'errors', lambda: exc)()))]")]),
    "no line numbers in the prompt": (PROMPTS, [(
        'numbered = "\\n".join(f"{number:>4}| {line}" for number, line in enumerate(source.splitlines(), start=1))',
        "numbered = source")]),
    "an async endpoint that runs the analysis in a thread": (APP, [(
        "    def analyze_code(body: AnalyzeRequest):", "    async def analyze_code(body: AnalyzeRequest):"), (
        "            analysis = analyze(llm, body.code, settings)",
        "            import asyncio\n            analysis = await asyncio.to_thread(analyze, llm, body.code, settings)")]),
}



@pytest.mark.timeout(900)
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(tmp_path):
    grade_variants(UNIT, BROKEN, CORRECT, tmp_path)
