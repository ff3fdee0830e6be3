"""Publish a slide deck per day at slides/dayN.html, generated from the day's pages on every build
(`course slides` writes the same decks to a folder)."""
from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(50)  # before the link check's on_files, which keeps the list of files links may point at
def on_files(files, config):
    from autograder.slides import decks  # the course's own package, installed in its environment

    for name, text in decks().items():
        path = f"slides/{name}"
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=text))
    return files
