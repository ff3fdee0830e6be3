"""Personas for code work: a system prompt with an anatomy, supplied files, diffs and logs in delimited blocks,
and a reviewer's reply parsed and checked against what was sent."""
from personas.context import KINDS, Artifact, inject, neutralise, quote_attribute, user_message
from personas.persona import ARCHAEOLOGIST, DATA_NOTICE, PERSONAS, REVIEWER, Persona, system_prompt
from personas.review import SEVERITIES, Finding, Review, ask, parse_review, review

__all__ = ["Persona", "REVIEWER", "ARCHAEOLOGIST", "PERSONAS", "DATA_NOTICE", "system_prompt", "Artifact", "KINDS",
           "inject", "user_message", "neutralise", "quote_attribute", "Finding", "Review", "SEVERITIES",
           "parse_review", "ask", "review"]
