"""One analysis: cap the input, ask the model, repair and validate its reply, retry with the error, ground it."""
from pydantic import ValidationError

from agentkit import LLMError, Message
from analyzer.errors import AnalysisFailed, InputTooLarge, ModelUnavailable
from analyzer.grounding import ground
from analyzer.models import Analysis
from analyzer.prompts import SYSTEM, user_message
from analyzer.repair import extract_json
from analyzer.settings import Settings
from analyzer.tokens import count_tokens


def parse_reply(text: str) -> Analysis:
    """A reply's Analysis: the JSON object pulled out of it, validated. ValueError (pydantic's ValidationError is
    one) when it is not a valid analysis."""
    ### BEGIN SOLUTION
    return Analysis.model_validate(extract_json(text))
    ### END SOLUTION


def feedback(error: Exception) -> str:
    """The user turn that asks for a corrected reply, carrying the error."""
    return (f"Your reply was not a valid analysis:\n{error}\n"
            "Reply again with only the corrected JSON object, in the shape the instructions give.")


def analyze(llm, source: str, settings: Settings = Settings()) -> Analysis:
    """Review `source` with `llm` (an agentkit.Client) and return its grounded Analysis.

    InputTooLarge when count_tokens(source) > settings.max_input_tokens (no call made); ModelUnavailable when a
    call raises agentkit.LLMError (not retried here); AnalysisFailed when settings.max_attempts calls gave no
    valid analysis. Each call: SYSTEM, the history, max_tokens=settings.max_reply_tokens. After an invalid reply,
    the next call is sent that reply (as the assistant's turn) and the error (as a user turn)."""
    ### BEGIN SOLUTION
    tokens = count_tokens(source)
    if tokens > settings.max_input_tokens:
        raise InputTooLarge(tokens, settings.max_input_tokens)
    history = [Message.user(user_message(source))]
    error: Exception | None = None
    for _ in range(settings.max_attempts):
        try:
            reply = llm.chat(history, system=SYSTEM, max_tokens=settings.max_reply_tokens)
        except LLMError as exc:
            raise ModelUnavailable(f"the model call failed: {exc}") from exc
        try:
            analysis = parse_reply(reply.text)
        except (ValueError, ValidationError) as exc:
            error = exc
            history += [Message.assistant(reply.text), Message.user(feedback(exc))]
            continue
        return analysis.model_copy(update={"issues": ground(analysis.issues, source)})
    raise AnalysisFailed(f"no valid analysis in {settings.max_attempts} attempts; the last error: {error}")
    ### END SOLUTION
