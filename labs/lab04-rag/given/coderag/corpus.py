"""The corpus: click's installed source (BSD-3-Clause; the version is pinned in requirements.lock), and the
labelled questions."""
from pathlib import Path

import click
import yaml

CLICK_ROOT = Path(click.__file__).parent
MODULES = ("decorators.py", "exceptions.py", "termui.py", "utils.py")  # what the questions need; small to embed


def read_module(name: str, root: Path = CLICK_ROOT) -> str:
    return (Path(root) / name).read_text(encoding="utf-8")


def load_questions(path) -> list[dict]:
    """[{id, question, answerable, relevant: [{path, symbol}, ...]}, ...] from a YAML file."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["questions"]
