"""Build days/day2-prompting/notebooks/03-code-and-multimodal.ipynb (run from the repository root)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day2-prompting/notebooks/03-code-and-multimodal.ipynb")
md, code = draft.md, draft.code

md("intro", """
# Code, images and large transformations: output you check

1. **Generated tests**, run against the code and against a known bug.
2. **Review findings** that must point at lines the diff shows (exercise: number the diff's new side).
3. **Images and PDFs** in each provider's content types, and code read from a screenshot.
4. **A migration split by function and class** (exercise: the chunker's names).

Everything runs offline on authored replies (each scenario says so in its header); with a key set, the same
cells call real models. The graded versions are the units
[code-prompting](../patterns/code-prompting/README.md), [multimodal](../patterns/multimodal/README.md) and
[large-transformations](../patterns/large-transformations/README.md).
""")
code("setup", """
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day2-prompting/notebooks).
SOLUTIONS = Path("../../../solutions/day2-prompting")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day2-prompting/notebooks"
for unit in ("code-prompting", "multimodal", "large-transformations"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

import agentkit

PATTERNS = Path("../patterns")
""")
md("tests-md", """
## 1. Generated tests: run them twice

A generated test file is good when it passes on the code **and fails on a known-buggy version**. Four replies
to the same request, judged by running them (each run is a pytest subprocess with a time limit):
""")
code("tests", """
from code_prompting import BUGGY_SOURCE, DIFF, MODULE, SOURCE, generate_tests

client = agentkit.connect(PATTERNS / "code-prompting/fixtures/scenarios/generate.yaml", "anthropic")
for label in ("catches the bug", "single units only", "wrong expectation", "advice, no code"):
    result = generate_tests(client, SOURCE, BUGGY_SOURCE, MODULE)
    print(f"{label:<18} passes on code: {result['passes_on_code']!s:<5}  fails on bug: {result['fails_on_bug']!s:<5}"
          f"  good: {result['good']}")
""")
md("review-md", """
## 2. Review findings that point somewhere

A review reply lists `LINE <n>: ...` findings. A finding is worth a person's time only if line `n` is one the
diff shows on the new side. The hunk header `@@ -10,9 +10,12 @@` says the new side starts at line 10; added
(`+`) and context (` `) lines count up from there; removed (`-`) lines are not in the new file.

### Exercise: number the diff's new side (10 minutes)

Write `new_lines(diff)`: a dict {new-file line number: text without its first character} for the added and
context lines of every hunk. Skip the `---`/`+++` headers and removed lines.
""")
code("ex-new-lines", """
import re


def new_lines(diff):
    ### BEGIN SOLUTION
    lines, number = {}, None
    for line in diff.splitlines():
        header = re.match(r"^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@", line)
        if header:
            number = int(header.group(1))
        elif number is None or line.startswith(("---", "+++", "-", "\\\\")):
            continue
        else:
            lines[number] = line[1:]
            number += 1
    return lines
    ### END SOLUTION
""", grade_id="d2-03-new-lines", solution=True, locked=False)
code("ex-new-lines-check", """
two_hunks = ("--- a/m.py\\n+++ b/m.py\\n@@ -1,3 +1,3 @@\\n import os\\n-x = 1\\n+x = 2\\n y = 3\\n"
             "@@ -18,3 +20,4 @@\\n a = 1\\n-b = 2\\n+b = 3\\n+c = 4\\n d = 5\\n")
got = new_lines(two_hunks)
assert got == {1: "import os", 2: "x = 2", 3: "y = 3", 20: "a = 1", 21: "b = 3", 22: "c = 4", 23: "d = 5"}, got
shown = new_lines(DIFF)
assert 17 in shown and shown[17].strip() == "start = page * size", shown.get(17)
assert 42 not in shown and 9 not in shown and len(shown) == 12, sorted(shown)
print("new_lines passes every check")
""", grade_id="d2-03-new-lines-check", solution=False, locked=True)
code("review", """
from code_prompting import new_side_lines, parse_findings

client = agentkit.connect(PATTERNS / "code-prompting/fixtures/scenarios/review.yaml", "openai")
reply = client.chat(f"Review this change.\\n\\n<diff>\\n{DIFF}\\n</diff>",
                    system="List each finding as `LINE <n>: <finding>`, n a line of the NEW file.", max_tokens=800)
shown = new_side_lines(DIFF)  # the reference's own numbering, so this runs before the exercise is done
for line, finding in parse_findings(reply.text):
    print("keep   " if line in shown else "discard", line, finding[:70])
""")
md("images-md", """
## 3. Images and PDFs

Each provider takes an image or a PDF as a content part of the user message, before the question, in its own
shape. The screenshot here holds a function; its transcription is extracted, compiled, and retried once with
the SyntaxError when it does not compile.
""")
code("images", """
from multimodal import code_from_image, image_part

png = (PATTERNS / "multimodal/fixtures/screenshot.png").read_bytes()
print({provider: str(image_part(provider, png))[:70] for provider in ("anthropic", "openai")})
client = agentkit.connect(PATTERNS / "multimodal/fixtures/scenarios/screenshot.yaml", "openai")
result = code_from_image(client, png)
print("compiles:", result["compiles"], "after", result["attempts"], "attempts")
print(result["code"])
""")
md("migration-md", """
## 4. A migration split by function and class

A large transformation goes one chunk at a time: the chunk, the decisions made so far, a check of each piece
(it compiles and keeps its public names), one retry with the problem, and the original kept when it still
fails.

### Exercise: the chunker's names (10 minutes)

Write `top_level_names(source)`: the names of the module's top-level functions (`def` and `async def`) and
classes, in source order. Methods inside a class and functions nested in a function are not top level.
""")
code("ex-names", """
import ast


def top_level_names(source):
    ### BEGIN SOLUTION
    return [node.name for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    ### END SOLUTION
""", grade_id="d2-03-names", solution=True, locked=False)
code("ex-names-check", """
from large_transformations import LEGACY

sample = '''
import os

def outer():
    def inner():
        pass
    return inner

class Cache:
    def get(self):
        pass

async def fetch():
    pass

@staticmethod
def decorated():
    pass
'''
got = top_level_names(sample)
assert got == ["outer", "Cache", "fetch", "decorated"], got
assert top_level_names(LEGACY) == ["find_configs", "read_config", "ConfigCache"], top_level_names(LEGACY)
print("top_level_names passes every check")
""", grade_id="d2-03-names-check", solution=False, locked=True)
code("migration", """
from large_transformations import INSTRUCTIONS, migrate

client = agentkit.connect(PATTERNS / "large-transformations/fixtures/scenarios/migration.yaml", "anthropic")
result = migrate(client, LEGACY, INSTRUCTIONS)
print(result["calls"], "calls; kept as they were:", result["failed"])
for decision in result["decisions"]:
    print("DECISION:", decision)
""")
md("checklist", """
## A checklist for code output

- Ask for code as **one fenced block** and extract it with a parser.
- **Run** generated tests, in a subprocess with a time limit, on the code and on a known bug.
- Keep only review findings that **point at lines the diff shows**.
- Accept a fix when **the failing test passes** on it, not when the explanation sounds right.
- Send images and PDFs in **each provider's own content type**, before the question; compile code read from pixels.
- Split large transformations **by function and class**, carry the decisions, check each piece, retry once.
""")

draft.write()
