"""A URL shortener: FastAPI over SQLite, with model-suggested aliases that are checked and have a fallback."""
from shortener.app import create_app
from shortener.rules import is_offensive, is_valid_alias, url_problem
from shortener.settings import Settings
from shortener.store import AliasTaken, LinkStore, random_alias
from shortener.suggest import fallback_alias, parse_candidates, suggest

__all__ = ["create_app", "Settings", "LinkStore", "AliasTaken", "random_alias", "is_valid_alias", "url_problem",
           "is_offensive", "suggest", "parse_candidates", "fallback_alias"]
