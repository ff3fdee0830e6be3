"""Words for keyword search: identifiers split into the words people type ("get_app_dir" -> get app dir)."""
import re

IDENTIFIER_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(text: str) -> str:
    """The text with snake_case and CamelCase identifiers split, lowercased: "BadParameter" -> "bad parameter"."""
    return " ".join(part.lower() for part in IDENTIFIER_PARTS.findall(text))
