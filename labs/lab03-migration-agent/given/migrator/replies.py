"""Reading the model's replies: a plan (a JSON object) and a file (a fenced code block)."""
import json
import re

FENCE = re.compile(r"```[\w+-]*[ \t]*\n(.*?)```", re.S)


def parse_plan(text: str) -> list[str]:
    """The files of a plan reply {"steps": [{"file": ...}, ...]}, in order. ValueError if it is not one."""
    fenced = FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    if start < 0:
        raise ValueError("the plan is not a JSON object")
    plan, _ = json.JSONDecoder().raw_decode(body, start)
    steps = plan.get("steps") if isinstance(plan, dict) else None
    if not isinstance(steps, list) or not steps:
        raise ValueError('the plan has no "steps" list')
    files = [step.get("file") if isinstance(step, dict) else None for step in steps]
    if not all(isinstance(file, str) and file.strip() for file in files):
        raise ValueError('every step needs a "file" string')
    if len(set(files)) != len(files):
        raise ValueError("a file appears in more than one step")
    return files


def code_from(text: str) -> str:
    """The content of the first fenced code block in a reply (the whole reply if it has none), ending in a newline."""
    fenced = FENCE.search(text)
    code = fenced.group(1) if fenced else text
    return code.strip("\n") + "\n"
