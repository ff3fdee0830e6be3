"""A user's mistake gets one clear line and no traceback; `course check` names the first cause to fix."""
import subprocess
import sys

import pytest

from autograder.cli import main
from autograder.units import ROOT


@pytest.mark.parametrize("argv, message", [
    (["check", "no-such-unit"], "no unit 'no-such-unit'; known units: "),
    (["check", "lab05", "--submission", "/no/such/folder"], "no such file or folder: /no/such/folder"),
    (["grade", "lab05", "/no/such/folder", "--out", "OUT"], "no such folder: /no/such/folder"),
    (["record", "no-such-unit"], "no unit 'no-such-unit'"),
])
def test_a_mistake_is_one_line_without_a_traceback(argv, message, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in out + err, err


def test_an_empty_submissions_folder_is_named(tmp_path, capsys):
    assert main(["grade", "lab05", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "nothing to grade in" in capsys.readouterr().err
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_a_broken_notebook_is_one_message(tmp_path, capsys):
    broken = tmp_path / "lab05.ipynb"
    broken.write_text("{not json")
    assert main(["check", "lab05", "--submission", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("is not a readable notebook") == 1 and "save it again" in err


@pytest.mark.timeout(120)
def test_the_starter_check_starts_with_the_first_cause():
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "check", "lab05"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and lines[2].startswith("Start here: NotImplementedError"), done.stdout[:800]
    cause = lines[2].removeprefix("Start here: ")
    # the cause's full report (with its source line) is printed once; later tests refer back to it
    assert done.stdout.count(" in run: raise NotImplementedError") == 1, done.stdout
    assert "same failure as" in done.stdout and cause in done.stdout


def test_a_missing_starter_says_how_to_make_it(tmp_path, capsys, monkeypatch):
    from autograder import check, units

    unit = units.find_unit("d5-settings")
    monkeypatch.setattr(check, "find_unit", lambda name: units.Unit(**{**unit.__dict__, "path": tmp_path}))
    assert main(["check", "d5-settings"]) == 2
    assert "run `make setup`" in capsys.readouterr().err
