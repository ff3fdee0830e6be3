"""d3-structured-output: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
EXTRACT = "extract.py"

BROKEN = {
    "strict schema: every property required: only those without a default are": (EXTRACT, [(
        "                node[\"required\"] = list(node[\"properties\"])",
        "                node[\"required\"] = node.get(\"required\", list(node[\"properties\"]))")]),
    "strict schema: nested objects in $defs left open": (EXTRACT, [(
        "            node = {key: tighten(value) for key, value in node.items() if key != \"default\"}",
        "            node = {key: (value if key == \"$defs\" else tighten(value)) for key, value in node.items()\n"
        "                    if key != \"default\"}")]),
    "native and strict on each provider: Anthropic sent pydantic's schema as it is": (EXTRACT, [(
        "    return {\"output_config\": {\"format\": {\"type\": \"json_schema\", \"schema\": strict_schema(schema)}}}",
        "    return {\"output_config\": {\"format\": {\"type\": \"json_schema\", \"schema\": schema.model_json_schema()}}}")]),
    "OpenAI's schema is strict: the strict flag left out": (EXTRACT, [(
        "                                                                       \"strict\": True}}}",
        "                                                                       }}}")]),
    "an invalid reply goes back as the assistant turn: only the error is sent": (EXTRACT, [(
        "        messages += [{\"role\": \"assistant\", \"content\": text or \"(empty)\"},\n"
        "                     {\"role\": \"user\"",
        "        messages += [{\"role\": \"user\"")]),
    "the validation error names every failing field: only its first line is sent": (EXTRACT, [(
        "            error = str(exc)", "            error = str(exc).splitlines()[0]")]),
    "at most max_attempts requests: one more": (EXTRACT, [(
        "    for _ in range(max_attempts):", "    for _ in range(max_attempts + 1):")]),
}

CORRECT = {
    "strict_schema walks the tree in place with an explicit stack; the retry error from exc.errors()": (EXTRACT, [
        ('''    def tighten(node: Any) -> Any:
        if isinstance(node, dict):
            node = {key: tighten(value) for key, value in node.items() if key != "default"}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
        elif isinstance(node, list):
            node = [tighten(item) for item in node]
        return node

    return tighten(copy.deepcopy(schema.model_json_schema()))''', '''    root = copy.deepcopy(schema.model_json_schema())
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            node.pop("default", None)
            if node.get("type") == "object" and "properties" in node:
                node["required"] = [name for name in node["properties"]]
                node["additionalProperties"] = False
            stack.extend(node.values())
    return root'''),
        ("            error = str(exc)",
         "            error = \"\\n\".join(f\"{'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}\" for e in exc.errors())"),
    ]),
}
