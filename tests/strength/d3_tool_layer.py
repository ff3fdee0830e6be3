"""d3-tool-layer: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
TOOLBOX = "toolbox.py"
SCHEMA = "schema.py"
WIRE = "wire.py"

BROKEN = {
    "schema from hints: the whole docstring as the description, not its first paragraph": (SCHEMA, [(
        "ToolSpec(func.__name__, _first_paragraph(func.__doc__) or func.__name__, arguments)",
        "ToolSpec(func.__name__, inspect.cleandoc(func.__doc__ or \"\") or func.__name__, arguments)")]),
    "invalid arguments are error results: unknown extra arguments accepted": (SCHEMA, [(
        "create_model(f\"{func.__name__}_arguments\", __config__=ConfigDict(extra=\"forbid\"), **fields)",
        "create_model(f\"{func.__name__}_arguments\", **fields)")]),
    "one user turn on Anthropic: a user turn per tool result": (WIRE, [(
        "    return [assistant, {\"role\": \"user\", \"content\": answers}]",
        "    return [assistant, *({\"role\": \"user\", \"content\": [answer]} for answer in answers)]")]),
    "arguments as a JSON string on OpenAI: sent back parsed": (WIRE, [(
        "\"arguments\": c.function.arguments}}", "\"arguments\": json.loads(c.function.arguments or \"{}\")}}")]),
    "past max_failures a tool is not run: one failure too many allowed": (TOOLBOX, [(
        "        if failed >= self.max_failures:", "        if failed > self.max_failures:")]),
    "the failure limit is per tool: failures of every tool counted together": (TOOLBOX, [(
        "        failed = self.failures.get(call.name, 0)\n", "        failed = sum(self.failures.values())\n")]),
}

CORRECT = {
    "failures in a Counter; validation and the call in separate steps": (TOOLBOX, [
        ("        self.failures: dict[str, int] = {}",
         "        from collections import Counter\n        self.failures = Counter()"),
        ('''        failed = self.failures.get(call.name, 0)
        if failed >= self.max_failures:''', '''        failed = self.failures[call.name]
        if failed >= self.max_failures:'''),
        ('''        try:
            checked = spec.arguments.model_validate(call.arguments)
            value = self.functions[call.name](**{name: getattr(checked, name) for name in type(checked).model_fields})
        except ValidationError as exc:
            return self._failed(call, f"invalid arguments for {call.name}: {exc}")
        except Exception''', '''        try:
            checked = spec.arguments.model_validate(call.arguments)
        except ValidationError as exc:
            return self._failed(call, f"the arguments do not match {call.name}'s schema: {exc}")
        try:
            value = self.functions[call.name](**dict(checked))
        except Exception'''),
        ("        self.failures[call.name] = self.failures.get(call.name, 0) + 1",
         "        self.failures[call.name] += 1"),
    ]),
    "wire: answers built in explicit loops": (WIRE, [(
        '''    answers = [{"type": "tool_result", "tool_use_id": r.call_id, "content": r.content, "is_error": r.is_error}
               for r in results]
    return [assistant, {"role": "user", "content": answers}]''', '''    user = {"role": "user", "content": []}
    for result in results:
        user["content"].append({"type": "tool_result", "tool_use_id": result.call_id, "content": result.content,
                                "is_error": result.is_error})
    return [assistant, user]''')]),
}
