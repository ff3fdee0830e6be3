"""The corpus: documents split into numbered paragraphs, each a citable passage `[doc-id#n]`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"  # capstone-options/d-research-assistant/corpus


@dataclass(frozen=True)
class Passage:
    id: str        # "doc-id#n": what a citation names
    doc_id: str
    number: int    # paragraph number in the document's body, from 1
    title: str     # the document's title
    text: str


class Corpus:
    """Documents as {doc_id: text}; a document's first line is its title, its body's paragraphs are separated
    by blank lines and numbered from 1."""

    def __init__(self, documents: dict[str, str]):
        self.passages: list[Passage] = []
        self.titles: dict[str, str] = {}
        for doc_id, text in sorted(documents.items()):
            title, _, body = text.strip().partition("\n")
            self.titles[doc_id] = title.strip()
            paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
            self.passages += [Passage(f"{doc_id}#{n}", doc_id, n, title.strip(), p)
                              for n, p in enumerate(paragraphs, start=1)]
        self._by_id = {p.id: p for p in self.passages}

    @classmethod
    def from_folder(cls, folder: str | Path) -> Corpus:
        """Every `*.txt` in `folder` whose name does not start with "_"; the file's stem is the document id."""
        files = sorted(p for p in Path(folder).glob("*.txt") if not p.name.startswith("_"))
        if not files:
            raise FileNotFoundError(f"no documents (*.txt) in {folder}")
        return cls({p.stem: p.read_text(encoding="utf-8") for p in files})

    def get(self, passage_id: str) -> Passage | None:
        return self._by_id.get(passage_id)

    def __contains__(self, passage_id: str) -> bool:
        return passage_id in self._by_id

    def __len__(self) -> int:
        return len(self.passages)


def default_corpus() -> Corpus:
    """The course's corpus on heat pumps, grid storage and insulation (with a few irrelevant documents)."""
    return Corpus.from_folder(CORPUS_DIR)
