"""The course's own tests. The demo units' graded tests run in subprocesses, not collected with these."""
from pathlib import Path

UNITS = Path(__file__).parent / "units"


def pytest_ignore_collect(collection_path, config):
    targeted = any(Path(arg.split("::")[0]).resolve().is_relative_to(UNITS) for arg in config.args)
    if collection_path.is_relative_to(UNITS) and not targeted:
        return True
    return None
