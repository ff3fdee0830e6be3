"""Getting the JSON object out of a model's reply: models wrap it in code fences and prose despite being told not to."""
import json
import re

FENCE = re.compile(r"```[\w+-]*[ \t]*\n?(.*?)```", re.S)


def extract_json(text: str) -> dict:
    """The first JSON object in `text`: inside the first ``` code fence if there is one (with or without a
    language tag), else in the text itself; prose before or after it is ignored. ValueError (e.g. a
    json.JSONDecodeError) when there is no complete JSON object: a reply cut short, broken JSON, or no object."""
    ### BEGIN SOLUTION
    fenced = FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    if start < 0:
        raise ValueError("the reply holds no JSON object")
    value, _ = json.JSONDecoder().raw_decode(body, start)  # from a "{", so a dict or a JSONDecodeError
    return value
    ### END SOLUTION
