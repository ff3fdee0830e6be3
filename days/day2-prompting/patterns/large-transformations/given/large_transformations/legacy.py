"""The module to migrate (given): configuration helpers written with os.path, to be moved to pathlib."""

LEGACY = '''"""Configuration files: find them, read them, cache them."""
import json
import os

DEFAULT_DIR = "/etc/app"


def find_configs(directory=DEFAULT_DIR):
    """Every .json file directly in `directory`, sorted."""
    names = [n for n in os.listdir(directory) if n.endswith(".json")]
    return sorted(os.path.join(directory, n) for n in names)


def read_config(path):
    """The parsed JSON of the file at `path`."""
    with open(path) as handle:
        return json.load(handle)


class ConfigCache:
    """Parsed configs, re-read when a file changes."""

    def __init__(self):
        self._seen = {}

    def get(self, path):
        mtime = os.path.getmtime(path)
        cached = self._seen.get(path)
        if cached is None or cached[0] != mtime:
            cached = self._seen[path] = (mtime, read_config(path))
        return cached[1]
'''
INSTRUCTIONS = ("Migrate this Python code from os.path to pathlib. Keep every public name and signature; "
                "accept str or Path wherever a path is passed in.")
