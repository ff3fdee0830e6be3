"""Prompt isolation: untrusted text goes in the user turn, each part in a container it cannot close."""
from prompt_isolation.boundary import BoundaryError, choose_boundary, random_boundary
from prompt_isolation.chat import IsolatedChat
from prompt_isolation.fold import fold
from prompt_isolation.neutralise import neutralise
from prompt_isolation.prompt import (CODE_LINE, CONTAINERS, DOCUMENT, ISOLATION_NOTICE, USER_INPUT, IsolatedPrompt,
                                     closing_tag, container, isolate, opening_tag)

__all__ = ["isolate", "IsolatedPrompt", "IsolatedChat", "neutralise", "fold", "choose_boundary", "random_boundary",
           "BoundaryError", "container", "opening_tag", "closing_tag", "USER_INPUT", "DOCUMENT", "CONTAINERS",
           "ISOLATION_NOTICE", "CODE_LINE"]
