"""d3-frameworks: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
OWN = "own_loop.py"
PYDANTIC = "with_pydantic_ai.py"
OPENAI = "with_openai_agents.py"

BROKEN = {
    "the tool's order_id is required: the schema leaves it optional": (OWN, [(
        '"required": ["order_id"]', '"required": []')]),
    "the tool's description is the function's docstring: a short label instead": (OWN, [(
        "    description=lookup_order.__doc__,", '    description="Look up an order.",')]),
    "an UnknownOrder is flagged is_error: sent back as a normal result": (OWN, [(
        "    except UnknownOrder as exc:\n        return str(exc), True",
        "    except UnknownOrder as exc:\n        return str(exc), False")]),
    "at most max_steps model calls: one more in the course's loop": (OWN, [(
        "    for _ in range(max_steps):", "    for _ in range(max_steps + 1):")]),
    "MAX_TOKENS as reply cap: pydantic-ai's agent built without model settings": (PYDANTIC, [(
        "    return Agent(build_model(provider), instructions=INSTRUCTIONS, tools=[lookup_order_tool],\n"
        "                 model_settings=ModelSettings(max_tokens=MAX_TOKENS))",
        "    return Agent(build_model(provider), instructions=INSTRUCTIONS, tools=[lookup_order_tool])")]),
    "an UnknownOrder goes back with its message: openai-agents sends a generic failure": (OPENAI, [(
        "    if isinstance(error, UnknownOrder):\n        return str(error)\n", "")]),
}

CORRECT = {
    "the course's loop: tools dispatched from a dict, steps counted in a while loop": (OWN, [
        ('''    if name != "lookup_order":
        return f"unknown tool {name!r}", True
    try:
        return lookup_order(**arguments), False
''', '''    functions = {"lookup_order": lookup_order}
    if name not in functions:
        return f"no such tool: {name}", True
    try:
        return functions[name](**arguments), False
'''),
        ('''    for _ in range(max_steps):
        reply = llm.chat(''', '''    steps = 0
    while steps < max_steps:
        steps += 1
        reply = llm.chat('''),
        ('''        for call in reply.tool_calls:
            text, failed = run_tool(call.name, call.arguments)
            messages.append(Message.tool_result(call, text, is_error=failed))
''', '''        results = [(call, *run_tool(call.name, call.arguments)) for call in reply.tool_calls]
        messages.extend(Message.tool_result(call, text, is_error=failed) for call, text, failed in results)
'''),
    ]),
}
