"""d3-agent-loop: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
LOOP = "loop.py"
TOOLS = "tools.py"

BROKEN = {
    "at most max_steps model calls: one call too many": (LOOP, [(
        "        if len(steps) >= max_steps:", "        if len(steps) > max_steps:")]),
    "cost budget: stops only above the budget, not at it": (LOOP, [(
        "spent >= max_cost_usd:", "spent > max_cost_usd:")]),
    "unpriced model refused for a cost budget: the price check skipped": (LOOP, [(
        "    if max_cost_usd is not None:\n        client.require_price()\n", "")]),
    "every tool call of a step is run: only the first": (LOOP, [(
        "        for call in reply.tool_calls:", "        for call in reply.tool_calls[:1]:")]),
    "a failed model call stops with error: the error raised instead": (LOOP, [(
        "        except LLMError as exc:\n            return stop(\"error\", error=str(exc))",
        "        except LLMError as exc:\n            raise")]),
    "a failing tool is an error result: the exception propagates": (TOOLS, [(
        "        except Exception as exc:", "        except KeyError as exc:")]),
}

CORRECT = {
    "a for loop over the step budget instead of while True": (LOOP, [
        ("    while True:\n", "    for _ in range(max_steps):\n"),
        ("        if len(steps) >= max_steps:\n            return stop(\"step_budget\")\n", ""),
        ("            step.results.append({\"id\": call.id, \"content\": result.content, \"is_error\": result.is_error})\n",
         "            step.results.append({\"id\": call.id, \"content\": result.content, \"is_error\": result.is_error})\n"
         "    return stop(\"step_budget\")\n"),
    ]),
}
