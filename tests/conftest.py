"""The course's own tests. The demo units' graded tests run in subprocesses, not collected with these."""
from pathlib import Path

UNITS = Path(__file__).parent / "units"


def pytest_ignore_collect(collection_path, config):
    targeted = any(Path(arg.split("::")[0]).resolve().is_relative_to(UNITS) for arg in config.args)
    if collection_path.is_relative_to(UNITS) and not targeted:
        return True
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The honesty check's cost per unit, so the suite's growth with the course stays visible in CI's log."""
    reports = [r for outcome in ("passed", "failed") for r in terminalreporter.stats.get(outcome, [])
               if getattr(r, "when", "") == "call" and "test_honesty.py::" in r.nodeid]
    units = {r.nodeid.rsplit("[", 1)[-1] for r in reports}
    if units:
        seconds = sum(r.duration for r in reports)
        terminalreporter.write_line(f"honesty check: {len(units)} units graded twice (solution, starter) in "
                                    f"{seconds:.0f} s of test time, {seconds / len(units):.1f} s per unit")


# The longest tests (minutes each) go first, so that with several workers (pytest -n) they run while the other
# workers take the many short tests, instead of starting last and leaving one worker busy after the others finish.
LONGEST_FIRST = ("test_lab03_strength.py", "test_lab01_strength.py", "test_lab02_strength.py",
                 "test_lab05_strength.py", "test_nbgrader_roundtrip.py", "test_jupyterhub.py", "test_batch_grading.py")


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        name = Path(str(item.fspath)).name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # a stable sort: the rest keep their order
