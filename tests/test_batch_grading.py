"""`course grade` survives hostile and broken submissions: each gets a clear result and the batch completes."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.runner import sandbox_available
from autograder.units import ROOT
from tests.helpers import todays_params

UNIT = Path(__file__).parent / "units" / "summariser"
SOLUTION = (UNIT / "solution" / "summariser" / "__init__.py").read_text()
HOSTILE = {
    "loops_forever": "def summarise(client, text):\n    while True:\n        pass\n",
    "calls_network": ("import socket\n\ndef summarise(client, text):\n"
                      "    socket.create_connection(('192.0.2.1', 80), timeout=2)\n    return 'sent'\n"),
    "crashes_on_import": "import this_module_does_not_exist\n",
    "floods_output": "import os\n" + SOLUTION.replace('    reply = client.chat(',
                                                        '    print("x" * 100_000_000)\n    os.write(1, b"y" * 10_000_000)\n    reply = client.chat('),
    "reads_solutions": (f"from pathlib import Path\n\ndef summarise(client, text):\n"
                        f"    return Path({str(UNIT / 'solution' / 'summariser' / '__init__.py')!r}).read_text()\n"),
    "equals_everything": ("class Anything(str):\n    def __eq__(self, other):\n        return True\n"
                          "    __hash__ = str.__hash__\n\ndef summarise(client, text):\n"
                          "    client.chat(text, system='summarise')\n    return Anything('nope')\n"),
}


def make_submissions(folder: Path) -> None:
    shutil.copytree(UNIT / "solution", folder / "solution")
    shutil.copytree(UNIT / "starter", folder / "starter")
    for name, source in HOSTILE.items():
        (folder / name / "summariser").mkdir(parents=True)
        (folder / name / "summariser" / "__init__.py").write_text(source)


@pytest.mark.timeout(600)
@pytest.mark.skipif(not sandbox_available(), reason="bubblewrap is not installed (make setup installs it as root)")
def test_grade_a_hostile_batch(tmp_path):
    make_submissions(tmp_path / "in")
    result = subprocess.run([sys.executable, "-m", "autograder.cli", "grade", str(UNIT), str(tmp_path / "in"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "COURSE_JOB_TIMEOUT": "6"}, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8/8" in result.stderr  # the progress bar reached the end

    out = tmp_path / "out"
    results = {p.parent.name: json.loads(p.read_text()) for p in out.glob("*/results.json")}
    assert sorted(results) == sorted(["solution", "starter", *HOSTILE])
    scores = {name: r["score"] for name, r in results.items()}
    assert scores["solution"] == scores["floods_output"] == 5.0
    assert scores["equals_everything"] == 1.0  # it did send the right request; its answer object earns nothing
    assert all(scores[name] == 0.0 for name in ["starter", *HOSTILE] if name not in ("floods_output", "equals_everything"))
    assert "bubblewrap sandbox" in results["solution"]["output"]

    def outputs(name):
        return " ".join(t["output"] for t in results[name]["tests"])

    assert "timed out after 6s" in outputs("loops_forever")
    assert "Network is unreachable" in outputs("calls_network") or "SocketBlockedError" in outputs("calls_network")
    assert "No module named 'this_module_does_not_exist'" in outputs("crashes_on_import")
    assert "FileNotFoundError" in outputs("reads_solutions")
    assert "assert 'nope' ==" in outputs("equals_everything")

    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert {r["submission"]: float(r["score"]) for r in rows} == scores
    report = (out / "report.html").read_text()
    assert "<svg" in report and "Pass rate per test" in report and "loops_forever" in report


@pytest.mark.timeout(600)
def test_names_cannot_collide_script_or_formula(tmp_path):
    """Two submissions that share a stem, a name that is a script link, a name that is a spreadsheet formula,
    and a link to the reference solution: each gets its own slot and the right grade, and the outputs are safe."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copytree(UNIT / "solution", folder / "dup")
    shutil.copy(UNIT / "submission.ipynb", folder / "dup.ipynb")
    shutil.copytree(UNIT / "solution", folder / "javascript:alert(1)")
    shutil.copytree(UNIT / "starter", folder / "=1+2")
    (folder / "linked").symlink_to(UNIT / "solution")
    result = subprocess.run([sys.executable, "-m", "autograder.cli", "grade", str(UNIT), str(folder), "--out",
                             str(tmp_path / "out"), "--no-sandbox"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "graded 5 of 5" in result.stdout

    out = tmp_path / "out"
    rows = {r["submission"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert set(rows) == {"dup", "dup.ipynb", "javascript:alert(1)", "'=1+2", "linked"}
    assert len({r["folder"] for r in rows.values()}) == 5
    scores = {name: float(r["score"]) for name, r in rows.items()}
    assert scores == {"dup": 5.0, "dup.ipynb": 5.0, "javascript:alert(1)": 5.0, "'=1+2": 0.0, "linked": 0.0}
    linked = json.loads((out / rows["linked"]["folder"] / "results.json").read_text())
    assert all("symbolic link" in t["output"] for t in linked["tests"])

    report = (out / "report.html").read_text()
    assert 'href="javascript' not in report and "javascript:alert(1)</a>" in report
    for href in re.findall(r'<a href="([^"]+)"', report):
        assert (out / href).is_file(), f"the report links to {href}, which it did not write"
    for slot in (r["folder"] for r in rows.values()):
        assert not list((out / slot).glob("*.log")), "pytest's log (hidden tests' source) is for instructors only"


@pytest.mark.timeout(600)
@pytest.mark.skipif(not sandbox_available(), reason="bubblewrap is not installed (make setup installs it as root)")
@pytest.mark.parametrize("lab", todays_params(["lab01", "lab02", "lab03", "lab04"], 2, "`course grade` of a served lab runs for"))
def test_grade_a_served_app_lab_in_the_sandbox(tmp_path, lab):
    """Labs 01 and 02 serve an app, Lab 03 has its worker killed and resumed, Lab 04 embeds through the grader's
    service: the package and the filled notebook score full marks sandboxed, hidden tests included; the generated
    starter and the released notebook score 0."""
    from autograder import nbbuild, starters
    from autograder.units import find_unit

    unit = find_unit(lab)
    folder = tmp_path / "in"
    shutil.copytree(unit.solution, folder / "package", ignore=shutil.ignore_patterns("hidden_tests", "*.ipynb"))
    if not unit.starter.exists():
        starters.main([lab])
    shutil.copytree(unit.starter, folder / "starter")
    import nbformat
    nbformat.write(nbbuild.build_source(unit), folder / "notebook.ipynb")
    shutil.copyfile(unit.path / f"{lab}.ipynb", folder / "released.ipynb")
    result = subprocess.run([sys.executable, "-m", "autograder.cli", "grade", lab, str(folder),
                             "--out", str(tmp_path / "out"), "--jobs", "1"], capture_output=True, text=True,
                            timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    results = {p.parent.name: json.loads(p.read_text()) for p in (tmp_path / "out").glob("*/results.json")}
    scores = {name: r["score"] for name, r in results.items()}
    assert scores == {"package": 100.0, "notebook.ipynb": 100.0, "starter": 0.0, "released.ipynb": 0.0}, scores
    assert "bubblewrap sandbox" in results["package"]["output"]
