"""Lab 03's tests are strong and fair: a submission that breaks one contract rule loses points, and a correct
submission built differently from the reference scores full marks.

Each submission is a copy of the reference package with one edit; all are graded, visible and hidden tests, in the
grading worker, where the crash test really kills the process.
"""
from __future__ import annotations


import pytest

from autograder.units import find_unit
from tests.helpers import grade_variants

UNIT = find_unit("lab03")
AGENT, CHECKPOINT, VERIFY, WORKSPACE = "agent.py", "checkpoint.py", "verify.py", "workspace.py"

# name -> (file, [(old, new), ...]): each edit must apply exactly once
BROKEN = {
    "checkpoint: never saved": (CHECKPOINT, [(
        "        with self.connection:  # one transaction", "        return\n        with self.connection:  # one transaction")]),
    "checkpoint: saved once, when the run ends": (AGENT, [(
        "            state = STEPS[state[\"phase\"]](llm, root, state, settings)\n            store.save(state)\n",
        "            state = STEPS[state[\"phase\"]](llm, root, state, settings)\n        store.save(state)\n")]),
    "checkpoint: never committed": (CHECKPOINT, [(
        "        with self.connection:  # one transaction, committed on leaving: the state is on disk before the next step\n"
        "            self.connection.execute(\"INSERT",
        "        if True:\n            self.connection.execute(\"INSERT")]),
    "checkpoint: not loaded": (AGENT, [("state = store.load() or new_state()", "state = new_state()")]),
    "verify: parsed, never run": (VERIFY, [("    if done.returncode != 0:", "    if False:")]),
    "verify: no time limit": (VERIFY, [("capture_output=True, text=True, timeout=timeout)", "capture_output=True, text=True)")]),
    "retry: the error is not fed back": (AGENT, [('["user", failure_message(error)]', '["user", failure_message("It failed.")]')]),
    "retry: one attempt more than allowed": (AGENT, [('if state["attempt"] >= settings.max_attempts:',
                                                      'if state["attempt"] > settings.max_attempts:')]),
    "retry: the failed file is not restored": (AGENT, [(
        "        write_file(root, path, state[\"original\"])  # a failed step leaves the file as it was\n", "")]),
    "budget: one call over": (AGENT, [('if state["calls"] >= settings.max_steps:', 'if state["calls"] > settings.max_steps:')]),
    "confine: symlinks not resolved": (WORKSPACE, [("target = (root / relative).resolve()", "target = root / relative")]),
    "confine: .. allowed when it lands inside": (WORKSPACE, [(' or ".." in relative.parts', "")]),
    "confine: the plan's paths are not checked": (AGENT, [("if not resolve(root, file).is_file():",
                                                           "if not (root / file).is_file():")]),
}

CORRECT = {
    "a checkpoint that appends one row per step and loads the last": (CHECKPOINT, [(
        '"CREATE TABLE IF NOT EXISTS checkpoint "\n                                    '
        '"(id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)"',
        '"CREATE TABLE IF NOT EXISTS steps (n INTEGER PRIMARY KEY AUTOINCREMENT, state TEXT NOT NULL)"'), (
        'self.connection.execute("SELECT state FROM checkpoint WHERE id = 1").fetchone()',
        'self.connection.execute("SELECT state FROM steps ORDER BY n DESC LIMIT 1").fetchone()'), (
        'self.connection.execute("INSERT INTO checkpoint (id, state) VALUES (1, ?) "\n'
        '                                    "ON CONFLICT (id) DO UPDATE SET state = excluded.state", (json.dumps(state),))',
        'self.connection.execute("INSERT INTO steps (state) VALUES (?)", (json.dumps(state),))')]),
    "pytest run with its plugins and caches": (VERIFY, [(
        'env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}', "env = None"), (
        'command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path]',
        'command = [sys.executable, "-m", "pytest", path]')]),
    "confinement with os.path.realpath and commonpath": (WORKSPACE, [(
        "    target = (root / relative).resolve()\n    if target != root and root not in target.parents:",
        "    target = Path(os.path.realpath(os.path.join(root, path)))\n"
        "    if os.path.commonpath([root, target]) != str(root):")]),
}



@pytest.mark.timeout(1500)
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(tmp_path):
    # each variant takes a while to grade, so CI takes an eighth of the broken ones a day (and one correct)
    grade_variants(UNIT, BROKEN, CORRECT, tmp_path, broken_share=8, correct_share=3)
