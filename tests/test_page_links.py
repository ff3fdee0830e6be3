"""Quick checks of what the site's link checker would reject, without building the site: a page linking to a
folder (the site publishes pages, not folders), and a notebook heading holding code (mkdocs-jupyter's table of
contents then links to an anchor the page does not have)."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")
PAGES = [*ROOT.glob("days/**/*.md"), *ROOT.glob("labs/*/README.md"), *ROOT.glob("capstone-options/*/README.md"),
         *ROOT.glob("site/*.md")]
NOTEBOOKS = [*ROOT.glob("days/*/notebooks/*.ipynb"), *ROOT.glob("labs/*/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb")]


def test_no_page_links_to_a_folder():
    found = [f"{page.relative_to(ROOT)}: ({target})" for page in PAGES if "starter" not in page.parts
             for target in LINK.findall(page.read_text())
             if target.split("#")[0].endswith("/") and "://" not in target]
    assert not found, "links to folders (name the folder in `code` instead, or link a file in it):\n  " + "\n  ".join(found)


def test_no_notebook_heading_holds_code():
    found = []
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                found += [f"{path.relative_to(ROOT)}: {line}" for line in "".join(cell["source"]).splitlines()
                          if re.match(r"#{1,6} ", line) and "`" in line]
    assert not found, "notebook headings with `code` (their table-of-contents anchors break):\n  " + "\n  ".join(found)
