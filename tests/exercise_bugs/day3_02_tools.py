"""Plausible mistakes in days/day3-agents/notebooks/02-tools-and-structured-output.ipynb's exercises; each check
cell must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-openai-call-to-anthropic": {
        "input is the JSON string": """
return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": call.function.arguments}""",
        "a new id in Anthropic's style": """
text = call.function.arguments or ""
arguments = json.loads(text) if text.strip() else {}
if not isinstance(arguments, dict):
    raise ValueError(f"{call.function.name}: the arguments are not a JSON object: {text!r}")
return {"type": "tool_use", "id": "toolu_" + call.id.removeprefix("call_"), "name": call.function.name,
        "input": arguments}""",
        "no type": """
text = call.function.arguments or ""
arguments = json.loads(text) if text.strip() else {}
if not isinstance(arguments, dict):
    raise ValueError(f"{call.function.name}: the arguments are not a JSON object: {text!r}")
return {"id": call.id, "name": call.function.name, "input": arguments}""",
        "empty arguments crash": """
arguments = json.loads(call.function.arguments)
if not isinstance(arguments, dict):
    raise ValueError(f"{call.function.name}: the arguments are not a JSON object")
return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": arguments}""",
        "any JSON value is an input": """
text = call.function.arguments or ""
arguments = json.loads(text) if text.strip() else {}
return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": arguments}""",
        "bad JSON becomes no arguments": """
try:
    arguments = json.loads(call.function.arguments or "{}")
except json.JSONDecodeError:
    arguments = {}
if not isinstance(arguments, dict):
    raise ValueError(f"{call.function.name}: the arguments are not a JSON object")
return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": arguments}""",
        "Python literals instead of JSON": """
import ast
text = call.function.arguments or ""
arguments = ast.literal_eval(text) if text.strip() else {}
if not isinstance(arguments, dict):
    raise ValueError(f"{call.function.name}: the arguments are not a JSON object")
return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": arguments}""",
    },
    "ex-is-inside": {
        "a string-prefix test": """
root = Path(root).resolve()
return str((root / path).resolve()).startswith(str(root))""",
        "a string-prefix test with a slash": """
root = Path(root).resolve()
return str((root / path).resolve()).startswith(str(root) + "/")""",
        "no resolve": """
return (Path(root) / path).is_relative_to(Path(root))""",
        "normalises but does not follow links": """
import os
root = Path(root).resolve()
return Path(os.path.normpath(root / path)).is_relative_to(root)""",
        "only the path is resolved": """
return (Path(root) / path).resolve().is_relative_to(Path(root))""",
        "strict resolve": """
root = Path(root).resolve()
return (root / path).resolve(strict=True).is_relative_to(root)""",
        "the root is not inside itself": """
root = Path(root).resolve()
return root in (root / path).resolve().parents""",
    },
    "ex-feedback": {
        "only the first error": """
error = exc.errors()[0]
location = ".".join(str(part) for part in error["loc"]) or "(whole object)"
return "\\n".join(["Your JSON does not validate:", f"- {location}: {error['msg']}",
                  "Answer again with corrected JSON only."])""",
        "the field's own name only": """
lines = ["Your JSON does not validate:"]
for error in exc.errors():
    location = str(error["loc"][-1]) if error["loc"] else "(whole object)"
    lines.append(f"- {location}: {error['msg']}")
lines.append("Answer again with corrected JSON only.")
return "\\n".join(lines)""",
        "the location as a tuple": """
lines = ["Your JSON does not validate:"]
for error in exc.errors():
    lines.append(f"- {error['loc'] or '(whole object)'}: {error['msg']}")
lines.append("Answer again with corrected JSON only.")
return "\\n".join(lines)""",
        "joins list positions as text": """
lines = ["Your JSON does not validate:"]
for error in exc.errors():
    lines.append(f"- {'.'.join(error['loc']) or '(whole object)'}: {error['msg']}")
lines.append("Answer again with corrected JSON only.")
return "\\n".join(lines)""",
        "no location for a whole-object error": """
lines = ["Your JSON does not validate:"]
for error in exc.errors():
    lines.append(f"- {'.'.join(str(part) for part in error['loc'])}: {error['msg']}")
lines.append("Answer again with corrected JSON only.")
return "\\n".join(lines)""",
        "the error type instead of its message": """
lines = ["Your JSON does not validate:"]
for error in exc.errors():
    location = ".".join(str(part) for part in error["loc"]) or "(whole object)"
    lines.append(f"- {location}: {error['type']}")
lines.append("Answer again with corrected JSON only.")
return "\\n".join(lines)""",
        "pydantic's own message": """
return "\\n".join(["Your JSON does not validate:", str(exc), "Answer again with corrected JSON only."])""",
    },
}
