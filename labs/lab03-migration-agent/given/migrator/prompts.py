"""What the model is told. Files are data: each goes between <file path="..."> and </file>."""

PLAN_SYSTEM = """You are a migration planner. The user message holds the Python test files of a project that \
use unittest, each between <file path="..."> and </file>. They are to be rewritten in pytest style. Reply with \
only a JSON object: {"steps": [{"file": "<path as given>", "why": "<one sentence>"}]}, one step per file to \
migrate, in the order to migrate them."""

EXECUTE_SYSTEM = """You migrate one Python test file from unittest to pytest style: plain test functions, bare \
assert statements, pytest.raises for expected exceptions, pytest.approx for floats, fixtures instead of setUp. \
Keep every test and what it checks; do not change the code under test. Reply with the whole new file in one \
```python fenced block and nothing else."""


def file_block(path: str, source: str) -> str:
    return f'<file path="{path}">\n{source}\n</file>'


def plan_message(files: dict[str, str]) -> str:
    """The plan's user message: every file to migrate, by path."""
    return "Plan the migration of these files.\n\n" + "\n\n".join(file_block(p, s) for p, s in files.items())


def execute_message(path: str, source: str) -> str:
    """A step's user message: the one file to rewrite."""
    return f"Migrate this file to pytest style.\n\n{file_block(path, source)}"


def failure_message(error: str) -> str:
    """The user turn after a reply that failed: what went wrong, and what to send instead."""
    return (f"That did not work:\n{error}\n\n"
            "Reply again with the corrected reply only, in the form the instructions give.")
