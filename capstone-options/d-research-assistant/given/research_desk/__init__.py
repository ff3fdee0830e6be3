"""A multi-agent research assistant over a local corpus: decompose, search, analyse, criticise, write."""
from research_desk.corpus import Corpus, Passage, default_corpus
from research_desk.desk import Desk, Ledger
from research_desk.models import Budget, Claim, Contradiction, Critique, Decomposition, Findings, Report
from research_desk.search import Searcher

__all__ = ["Desk", "Ledger", "Budget", "Report", "Claim", "Findings", "Contradiction", "Critique", "Decomposition",
           "Corpus", "Passage", "default_corpus", "Searcher"]
