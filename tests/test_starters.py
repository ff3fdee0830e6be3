"""Starters are generated from the solutions' markers: deterministic, checked for drift, and a student's edits
survive `make setup`."""
import dataclasses
import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from autograder import starters
from autograder.starters import StarterError, drift, generate, is_generated, render, write
from autograder.units import ROOT, all_units, find_unit

GENERATED = [u for u in all_units() if is_generated(u)]


def digest_of_all() -> str:
    return hashlib.sha256(json.dumps({u.name: {k: v.hex() for k, v in generate(u).items()} for u in GENERATED},
                                     sort_keys=True).encode()).hexdigest()


@pytest.fixture
def copy_of_unit(tmp_path):
    """A Day 5 unit whose starter folder is a temporary one (the solution is the real one)."""
    return dataclasses.replace(find_unit("d5-rate-limiter"), path=tmp_path / "unit")


def test_every_unit_with_markers_is_generated():
    names = {u.name for u in GENERATED}
    with_solutions = {u.name for u in all_units() if u.solution.is_dir() and u.name != "summariser"}
    assert names == with_solutions, f"units whose starter is not generated: {sorted(with_solutions - names)}"
    assert {"d5-rate-limiter", "d5-webhook", "d5-slack-bot", "d5-deployment", "lab05", "d1-chat-client"} <= names


def test_generation_is_deterministic():
    first = digest_of_all()
    assert digest_of_all() == first
    code = "from tests.test_starters import digest_of_all; print(digest_of_all())"
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                             env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert run.stdout.strip() == first, run.stderr


def test_starters_in_the_working_tree_are_what_the_solutions_make():
    """So the honesty test grades the generated starters (CI generates them in `make setup`)."""
    drifted = {u.name: problems for u in GENERATED if (problems := drift(u))}
    assert not drifted, f"run `course starters` (or `make setup`) first; these starters differ: {drifted}"


def test_no_generated_starter_holds_markers_or_hidden_tests():
    for unit in GENERATED:
        for path, data in generate(unit).items():
            assert "hidden_tests" not in path and not path.endswith(".ipynb")
            assert not starters.has_markers(data.decode()), f"{unit.name}: {path}"


def test_a_hand_edited_starter_fails_the_check_and_a_fresh_one_passes(copy_of_unit, monkeypatch, capsys):
    write(copy_of_unit)
    assert drift(copy_of_unit) == []
    edited = copy_of_unit.starter / "rate_limiter" / "bucket.py"
    edited.write_text(edited.read_text() + "# my change\n")
    assert drift(copy_of_unit) == ["differs: rate_limiter/bucket.py"]
    (copy_of_unit.starter / "rate_limiter" / "extra.py").write_text("")
    (copy_of_unit.starter / "rate_limiter" / "keyed.py").unlink()
    assert sorted(drift(copy_of_unit)) == ["differs: rate_limiter/bucket.py", "missing: rate_limiter/keyed.py",
                                           "not generated: rate_limiter/extra.py"]
    monkeypatch.setattr(starters, "find_unit", lambda name: copy_of_unit)
    assert starters.main(["d5-rate-limiter"], check=True) == 1
    assert "DRIFT" in capsys.readouterr().out
    write(copy_of_unit, force=True)
    (copy_of_unit.starter / "rate_limiter" / "extra.py").unlink()
    assert starters.main(["d5-rate-limiter"], check=True) == 0


def test_setup_keeps_a_students_edits_and_refreshes_the_rest(copy_of_unit):
    assert sorted(write(copy_of_unit).written) == sorted(generate(copy_of_unit))
    folder = copy_of_unit.starter / "rate_limiter"
    (folder / "bucket.py").write_text("# my work\n")
    (folder / "keyed.py").unlink()
    outcome = write(copy_of_unit)
    assert outcome.kept == ["rate_limiter/bucket.py"] and outcome.written == ["rate_limiter/keyed.py"]
    assert (folder / "bucket.py").read_text() == "# my work\n"
    assert write(copy_of_unit).kept == ["rate_limiter/bucket.py"]  # still the student's, on every later run
    assert write(copy_of_unit, force=True).written == ["rate_limiter/bucket.py"]
    assert drift(copy_of_unit) == []


def test_a_starter_committed_before_generation_is_kept_unless_identical(copy_of_unit):
    shutil.copytree(find_unit("d5-rate-limiter").solution, copy_of_unit.starter)  # the solution, as a student's work
    files = generate(copy_of_unit)
    different = [p for p, data in files.items() if (copy_of_unit.starter / p).read_bytes() != data]
    outcome = write(copy_of_unit)
    assert different and sorted(outcome.kept) == sorted(different) and not outcome.written


SOURCE = '''\
"""Module."""
### BEGIN SOLUTION
HELPER = 1
### END SOLUTION


class Box:
    def given(self):
        return 2

    def first(self):
        """Docstring stays."""
        ### BEGIN SOLUTION
        return HELPER
        ### END SOLUTION

    def second(self, x):
        ### BEGIN STARTER
        # # TODO step 2: double it
        #
        # raise NotImplementedError("step 2")
        ### END STARTER
        ### BEGIN SOLUTION
        return 2 * x
        ### END SOLUTION

    def third(self, x):
        ### BEGIN SOLUTION
        x += 1
        ### END SOLUTION
        ### BEGIN STARTER
        # x += 2  # a hint
        ### END STARTER
        return x
'''

STARTER = '''\
"""Module."""


class Box:
    def given(self):
        return 2

    def first(self):
        """Docstring stays."""
        # TODO: write Box.first: its docstring and the unit's README say what it must do.
        raise NotImplementedError("Box.first")

    def second(self, x):
        # TODO step 2: double it

        raise NotImplementedError("step 2")

    def third(self, x):
        x += 2  # a hint
        return x
'''


def test_markers_make_the_starter():
    assert render(SOURCE) == STARTER


@pytest.mark.parametrize("broken", [
    "### BEGIN SOLUTION\nx = 1\n",
    "x = 1\n### END SOLUTION\n",
    "### BEGIN SOLUTION\n### BEGIN STARTER\n# x = 1\n### END STARTER\n### END SOLUTION\n",
    "### BEGIN STARTER\nx = 1\n### END STARTER\n",
    "x = 1\n### SOLUTION FILE\n",
])
def test_malformed_markers_are_refused(broken):
    with pytest.raises(StarterError):
        render(broken)


def test_file_markers_leave_out_or_move_a_file():
    unit = find_unit("d5-injection-validator")
    files = generate(unit)
    assert "injection_guard/rules.py" in files
    assert not any(path.startswith("injection_guard/rules/") for path in files)


def test_a_starter_file_replaces_a_solution_file_that_cannot_hold_markers():
    """A Procfile allows no comments: the reference stays clean, the handout's version is the starter's."""
    files = generate(find_unit("d5-deployment"))
    solution = (find_unit("d5-deployment").solution / "Procfile").read_text()
    assert "###" not in solution and "--timeout-graceful-shutdown" in solution
    assert "--timeout-graceful-shutdown" not in files["Procfile"].decode() and "handout/Procfile" not in files


def test_generated_starters_are_not_committed():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = [str(u.starter / p) for u in GENERATED for p in generate(u)]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *paths], capture_output=True, text=True, cwd=ROOT)
    assert sorted(ignored.stdout.split()) == sorted(paths)
    tracked = subprocess.run(["git", "ls-files", *(str(u.starter) for u in GENERATED)], capture_output=True,
                             text=True, cwd=ROOT)
    assert tracked.returncode == 0 and tracked.stdout == ""


def test_given_code_lives_once():
    """No starter file is a copy of a solution file: given modules live in the unit's given/ folder, and each
    edition's package reaches them through agentkit.given."""
    for unit in filter(is_generated, all_units()):
        solution = {p.relative_to(unit.solution).as_posix(): p.read_bytes()
                    for p in starters._source_files(unit)}
        copies = [path for path, data in generate(unit).items()
                  if solution.get(path) == data]
        assert not copies, f"{unit.name}: starter files copied from the solution (move them to given/): {copies}"
        given = unit.path / "given" / unit.package
        if given.is_dir():
            init = (unit.solution / unit.package / "__init__.py").read_text()
            assert "include(globals())" in init, f"{unit.name}: its package's __init__ does not include {given}"


def test_a_package_finds_its_given_modules_from_any_folder(tmp_path):
    """A submitted copy of the starter outside the course (a batch submission) still gets the given modules."""
    unit = find_unit("d3-tool-layer")
    shutil.copytree(unit.starter, tmp_path / "submission")
    done = subprocess.run([sys.executable, "-c", "import tool_layer, tool_layer.agent; print(tool_layer.agent.__file__)"],
                          cwd=tmp_path / "submission", capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(unit.path / "given" / "tool_layer" / "agent.py")
