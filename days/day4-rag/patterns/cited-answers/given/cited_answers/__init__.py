"""Grounded answers whose every claim cites file and lines, with the citations checked against the corpus."""
from cited_answers.answering import Answer, answer, build_prompt
from cited_answers.citations import Citation, Problem, check_citations, parse_citations
from cited_answers.sources import Chunk, click_corpus, fill_lines, symbol_span

__all__ = ["Answer", "answer", "build_prompt", "Citation", "Problem", "check_citations",
           "parse_citations", "Chunk", "click_corpus", "fill_lines", "symbol_span"]
