"""One model call per module, in name order, under the run's budget; each reply validated, retried once."""
from __future__ import annotations

import json
import logging
import re

from pydantic import ValidationError

from agentkit import LLMError, Message
from doc_agent.models import Analysis, DocRun, ModuleDoc, ModuleInfo
from doc_agent.prompts import RETRY, SYSTEM
from doc_agent.settings import Settings

log = logging.getLogger("doc_agent.documenter")
FENCE = re.compile(r"```(?:json)?\s*\n(.*?)```", re.DOTALL)


def names_to_document(module: ModuleInfo) -> list[str]:
    """Each top-level function and class of the module, and each method as Class.method, in source order."""
    ### BEGIN SOLUTION
    names = [f.name for f in module.functions]
    for cls in module.classes:
        names += [cls.name, *(f"{cls.name}.{m.name}" for m in cls.methods)]
    return names
    ### END SOLUTION


def module_prompt(module: ModuleInfo, analysis: Analysis) -> str:
    """The user message for one module: its name, the modules it imports, every function's and method's
    signature (FunctionInfo.signature, as it is), the names to document, and its source, the analysis between
    <analysis> and </analysis> and the source between <code> and </code>."""
    ### BEGIN SOLUTION
    lines = [f"module: {module.name} ({module.path})",
             f"imports from this codebase: {', '.join(module.imports) or 'none'}",
             f"module-level globals: {', '.join(module.globals) or 'none'}", "signatures:"]
    lines += [f"  def {f.signature}" for f in module.functions]
    for cls in module.classes:
        bases = f"({', '.join(cls.bases)})" if cls.bases else ""
        lines.append(f"  class {cls.name}{bases}")
        lines += [f"    def {m.signature}" for m in cls.methods]
    lines.append(f"names to document: {', '.join(names_to_document(module)) or 'none'}")
    analysis_text = "\n".join(lines)
    return (f"Document the module {module.name}.\n<analysis>\n{analysis_text}\n</analysis>\n"
            f"<code>\n{module.source}\n</code>")
    ### END SOLUTION


def parse_reply(text: str) -> ModuleDoc:
    """The ModuleDoc in a reply: the first JSON object (inside a ``` fence if there is one), validated.
    ValueError (pydantic's ValidationError is one) when there is none or it breaks the schema."""
    ### BEGIN SOLUTION
    fenced = FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    if start < 0:
        raise ValueError("the reply holds no JSON object")
    data, _ = json.JSONDecoder().raw_decode(body[start:])
    return ModuleDoc.model_validate(data)
    ### END SOLUTION


def document(client, analysis: Analysis, settings: Settings = Settings()) -> DocRun:
    """Document each module of `analysis` in name order, one call each (system=SYSTEM,
    max_tokens=settings.max_reply_tokens), plus one retry after a reply parse_reply refuses (sent that reply as
    the assistant's turn and the error in a user turn); two refused replies: the module goes into `failed`.

    Before every call (retries too): if settings.max_calls calls are made or settings.max_tokens tokens
    (input + output, from reply.usage) are spent, stop: stopped="budget", this module and the rest into
    not_reached. A call that raises agentkit.LLMError: this module into `failed` with the error,
    stopped="model error", the rest into not_reached."""
    ### BEGIN SOLUTION
    run = DocRun(docs={}, failed={}, not_reached=[], stopped=None, calls=0, tokens=0)
    names = list(analysis.modules)
    for index, name in enumerate(names):
        history = [Message.user(module_prompt(analysis.modules[name], analysis))]
        for attempt in (1, 2):
            if run.calls >= settings.max_calls or run.tokens >= settings.max_tokens:
                run.stopped, run.not_reached = "budget", names[index:]
                log.warning("budget spent after %d calls and %d tokens; %d modules left", run.calls, run.tokens,
                            len(run.not_reached))
                return run
            try:
                reply = client.chat(history, system=SYSTEM, max_tokens=settings.max_reply_tokens)
            except LLMError as exc:
                run.failed[name] = f"the model call failed: {exc}"
                run.stopped, run.not_reached = "model error", names[index + 1:]
                log.error("%s: %s", name, run.failed[name])
                return run
            run.calls += 1
            run.tokens += reply.usage.input_tokens + reply.usage.output_tokens
            try:
                run.docs[name] = parse_reply(reply.text)
                log.info("%s documented (%d calls, %d tokens so far)", name, run.calls, run.tokens)
                break
            except (ValueError, ValidationError) as exc:
                if attempt == 2:
                    run.failed[name] = f"no valid reply in two attempts: {str(exc)[:300]}"
                    log.warning("%s: %s", name, run.failed[name])
                history += [Message.assistant(reply.text), Message.user(RETRY.format(error=exc))]
    return run
    ### END SOLUTION
