"""A day's notebook written by a script (solutions/DAY/notebooks/build_*.py): markdown and code cells, nbgrader
exercises (a solution cell, then a read-only check cell), validated and written as one .ipynb."""
from __future__ import annotations

from pathlib import Path

METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "pygments_lexer": "ipython3"}}


class NotebookDraft:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.cells: list = []

    def md(self, cell_id: str, text: str) -> None:
        from nbformat.v4 import new_markdown_cell
        self.cells.append(new_markdown_cell(text.strip("\n"), id=cell_id))

    def code(self, cell_id: str, text: str, **nbgrader) -> None:
        from nbformat.v4 import new_code_cell
        cell = new_code_cell(text.strip("\n"), id=cell_id)
        if nbgrader:
            cell.metadata["nbgrader"] = {"schema_version": 3, "grade": False, "task": False, **nbgrader}
        self.cells.append(cell)

    def exercise(self, grade_id: str, text: str, check: str) -> None:
        """The student's cell (its answer between ### BEGIN/END SOLUTION) and the locked cell that checks it."""
        self.code(grade_id, text, grade_id=grade_id, locked=False, solution=True)
        self.code(f"{grade_id}-check", check, grade_id=f"{grade_id}-check", locked=True, solution=False)

    def write(self) -> Path:
        """Validate and write the notebook (without outputs: execute it in replay mode afterwards)."""
        import nbformat
        from nbformat.v4 import new_notebook
        notebook = new_notebook(cells=self.cells, metadata=METADATA)
        nbformat.validate(notebook)
        nbformat.write(notebook, self.path)
        print(f"wrote {self.path}, {len(self.cells)} cells")
        return self.path
